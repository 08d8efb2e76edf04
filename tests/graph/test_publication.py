"""The leak suite: a fixture with people in every consent state is published, and every
property of every node and relationship in the public graph is scanned for the names,
name variants and uids of everyone who must not be public."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest

from graph.consent import editor
from graph.publication import publish_all
from loaders.importer import import_file

DATA = Path(__file__).parent / "data"
PUBLIC_PEOPLE = {"p-1007", "p-1010"}


def fixture_people() -> dict[str, dict]:
    rows = [json.loads(x) for x in (DATA / "consent_states.jsonl").read_text().splitlines()]
    return {r["uid"]: r for r in rows if r["record"] == "Person"}


def identifying_strings(person: dict) -> list[str]:
    return [person["uid"], person["name_en"], person["name_ko"], *person["name_variants"],
            person["contact"], person["notes"]]


def every_public_string(driver, with_meta: bool = True) -> list[str]:
    """Every string in every property of every node and relationship, and every label and type."""
    records, _, _ = driver.execute_query(
        "MATCH (n) WHERE $with_meta OR NOT n:PublicMeta "
        "RETURN labels(n) AS labels, properties(n) AS props "
        "UNION ALL MATCH ()-[r]->() RETURN [type(r)] AS labels, properties(r) AS props",
        with_meta=with_meta)
    out: list[str] = []
    for record in records:
        out += record["labels"]
        for value in record["props"].values():
            values = value if isinstance(value, list) else [value]
            out += [str(v) for v in values]
    return out


def assert_no_trace(driver, people: dict[str, dict]) -> None:
    haystack = every_public_string(driver)
    for uid, person in people.items():
        for needle in identifying_strings(person):
            hits = [s for s in haystack if needle in s]
            assert not hits, f"{uid}: {needle!r} leaked into the public graph: {hits[:3]}"


@pytest.fixture
def published(stores, vault, public):
    import_file(vault, DATA / "consent_states.jsonl")
    report = publish_all(vault, public)
    return report


def public_uids(driver, label: str) -> set[str]:
    records, _, _ = driver.execute_query(f"MATCH (n:{label}) RETURN n.uid AS uid")
    return {r["uid"] for r in records}


def test_public_set_is_exactly_the_expected_one(published, public):
    assert public_uids(public, "Person") == PUBLIC_PEOPLE
    assert public_uids(public, "Event") == {"e-1007", "e-1010"}
    assert public_uids(public, "Proceeding") == {"proc-0002"}
    # src-pub2 is public by its terms; its title names hidden people (the free-text gate)
    assert public_uids(public, "Source") == {"src-pub1", "src-pub2"}
    assert public_uids(public, "Consent") == set()
    assert public_uids(public, "Organization") == {"org-0001", "org-0002"}


def test_no_non_public_person_leaks_anywhere(published, public):
    people = fixture_people()
    hidden = {uid: p for uid, p in people.items() if uid not in PUBLIC_PEOPLE}
    assert len(hidden) == 8
    assert_no_trace(public, hidden)


def test_public_people_carry_only_cleared_fields(published, public):
    records, _, _ = public.execute_query("MATCH (p:Person {uid: 'p-1007'}) RETURN properties(p) AS p")
    props = records[0]["p"]
    assert props["name_ko"] == "남경호공개"
    for private in ("contact", "notes", "owner", "in_dprk", "at_risk", "review_status"):
        assert private not in props
    assert props["cleared_by_family"] is True and props["cleared_sources"] == ["src-pub1", "src-pub2"]


def test_the_public_graph_holds_no_encrypted_field_sealed_or_open(published, public):
    """Every field the model encrypts (graph/encryption.py), and the key's id, stay in the
    vault: not one node or relationship of the public graph has one, and no value anywhere
    in it is a sealed value."""
    from graph.encryption import ENCRYPTED, PREFIX, SEALED_WITH

    names = sorted({n for fields in ENCRYPTED.values() for n in fields} | {SEALED_WITH})
    records, _, _ = public.execute_query(
        "MATCH (n) WHERE any(k IN keys(n) WHERE k IN $names) RETURN count(n) AS c", names=names)
    assert records[0]["c"] == 0
    records, _, _ = public.execute_query(
        "MATCH (n) UNWIND keys(n) AS k WITH n[k] AS v WHERE v IS :: STRING AND v STARTS WITH $p "
        "RETURN count(*) AS c UNION ALL MATCH ()-[r]->() UNWIND keys(r) AS k WITH r[k] AS v "
        "WHERE v IS :: STRING AND v STARTS WITH $p RETURN count(*) AS c", p=PREFIX)
    assert [r["c"] for r in records] == [0, 0]


def test_relationships_cite_only_public_sources_and_join_public_ends(published, public):
    records, _, _ = public.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS t, r.sources AS s, a:Public AND b:Public AS ok")
    assert records and all(r["ok"] for r in records)
    assert all(set(r["s"] or []) <= {"src-pub1"} for r in records)
    types = {r["t"] for r in records}
    assert "GAVE" not in types and "RELATIVE_OF" not in types  # both relatives are hidden


def test_shared_event_keeps_its_text_private(published, public):
    records, _, _ = public.execute_query(
        "MATCH (e:Event) RETURN e.uid AS uid, e.summary_en AS summary ORDER BY uid")
    assert [r["summary"] for r in records] == [None, None]  # each has a non-public person


def test_confidential_totals_are_suppressed(published, public):
    records, _, _ = public.execute_query("MATCH (m:PublicMeta) RETURN m.held_confidentially AS h")
    held = json.loads(records[0]["h"])
    assert held["total"] == 6  # six hidden victims: at least five, so shown
    assert held["by_category"] == {"internal_disappearance": 6}


def held_by_a_direct_count(vault) -> dict:
    """The figure as a label check on every vault victim gives it, small cells hidden."""
    from graph.consent import policy

    records, _, _ = vault.execute_query(
        "MATCH (p:Victim) WHERE NOT p:Public "
        "RETURN coalesce(p.category, 'unknown') AS category, count(*) AS n")
    counts = {r["category"]: r["n"] for r in records}
    return {**policy.suppress_counts(counts), "threshold": policy.SMALL_CELL}


def test_held_figure_follows_every_change(published, stores, vault, public):
    """Held = vault counts minus public counts: the same as counting hidden victims, after
    a full publish and after changes that hide or publish someone (their categories and
    a victim without one included)."""
    vault.execute_query("MATCH (p:Victim {uid: 'p-1002'}) REMOVE p.category")
    vault.execute_query("MATCH (p:Victim {uid: 'p-1007'}) SET p.category = 'war_pow'")
    publish_all(vault, public)

    def stored():
        records, _, _ = public.execute_query("MATCH (m:PublicMeta) RETURN m.held_confidentially AS h")
        return json.loads(records[0]["h"])

    assert stored() == held_by_a_direct_count(vault)
    editor.withdraw_consent(stores, "p-1007", actor="editor@test")
    assert stored() == held_by_a_direct_count(vault)
    assert stored()["total"] == 7
    editor.review(stores, "p-1009", "approved", actor="editor@test")
    assert stored() == held_by_a_direct_count(vault)


def test_every_vault_node_has_exactly_one_consent_label(published, vault):
    records, _, _ = vault.execute_query(
        "MATCH (n:Entity) RETURN n.uid AS uid, "
        "size([l IN labels(n) WHERE l IN ['Public', 'Restricted', 'Confidential']]) AS k")
    assert records and all(r["k"] == 1 for r in records)


def test_nk_watch_scenario_un_petitions_are_never_published(stores, vault, public, tmp_path):
    """Petitions filed with the WGEID under UN-only consent, whose case summaries the UN has
    published, are imported: none of those people is published."""
    lines = [
        {"record": "Organization", "uid": "org-nkw", "name_en": "Synthetic watch group", "kind": "ngo"},
    ]
    for i in range(25):
        uid = f"p-nkw{i:03d}"
        lines += [
            {"record": "Person", "uid": uid, "roles": ["Victim"], "name_en": f"Petitioner Nkw{i:03d}",
             "name_ko": f"청원인{i:03d}호", "category": "internal_disappearance", "status": "missing",
             "deceased_or_disappeared": True, "owner": "org-nkw", "review_status": "approved"},
            {"record": "Consent", "uid": f"con-nkw{i:03d}", "purpose": "un_submission",
             "given_on": "2016-01-01", "obtained_by": "Synthetic staff"},
            {"record": "rel", "type": "GAVE", "from": uid, "to": f"con-nkw{i:03d}"},
            {"record": "Source", "uid": f"src-nkw{i:03d}", "kind": "petition",
             "terms_of_use": "un_only", "submitted_by": "org-nkw",
             "title": "Synthetic petition; the UN published a case summary",
             "url": f"https://www.ohchr.org/synthetic-summary-{i}"},
            {"record": "rel", "type": "SUPPORTS", "from": f"src-nkw{i:03d}", "to": uid},
            {"record": "Proceeding", "uid": f"proc-nkw{i:03d}", "forum": "un_wgeid",
             "reference": f"WGEID synthetic {i}", "status": "transmitted"},
            {"record": "rel", "type": "CONCERNS", "from": f"proc-nkw{i:03d}", "to": uid},
        ]
    path = tmp_path / "petitions.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines))
    import_file(vault, path)
    publish_all(vault, public)
    assert public_uids(public, "Person") == set()
    assert public_uids(public, "Proceeding") == set()
    haystack = " ".join(every_public_string(public))
    assert "Nkw0" not in haystack and "청원인" not in haystack and "p-nkw" not in haystack
    # with their summaries "published by the UN", the counts stay suppressed-safe
    records, _, _ = public.execute_query("MATCH (m:PublicMeta) RETURN m.held_confidentially AS h")
    assert json.loads(records[0]["h"])["total"] == 25


def test_withdrawal_removes_every_trace_before_returning(published, stores, vault, public):
    people = fixture_people()
    started = time.monotonic()
    result = editor.withdraw_consent(stores, "p-1010", actor="editor@test")
    elapsed = time.monotonic() - started
    assert "p-1010" in result.publication.removed
    assert public_uids(public, "Person") == {"p-1007"}
    assert "proc-0002" not in public_uids(public, "Proceeding")  # it concerned only them
    assert "e-1010" not in public_uids(public, "Event")
    assert_no_trace(public, {"p-1010": people["p-1010"]})
    records, _, _ = vault.execute_query(
        "MATCH (t:Tombstone {subject: 'p-1010'}) RETURN keys(t) AS k")
    assert records and set(records[0]["k"]) == {"uid", "subject", "at", "reason"}
    records, _, _ = vault.execute_query(
        "MATCH (a:AuditEntry {action: 'consent.withdraw', subject: 'p-1010'}) RETURN count(a) AS n")
    assert records[0]["n"] == 1
    assert elapsed < 30  # behaviour, not a benchmark: it returned, and the work was done


def test_recording_consent_and_review_publishes_incrementally(published, stores, public):
    editor.record_consent(stores, "p-1001", "publication", date(2024, 2, 1), "Synthetic editor",
                          actor="editor@test", method="written")
    assert "p-1001" in public_uids(public, "Person")
    records, _, _ = public.execute_query(
        "MATCH (:Person {uid: 'p-1001'})-[r:SUBJECTED_TO]->(e) RETURN e.uid AS e")
    assert {r["e"] for r in records} == {"e-1001", "e-1010"}
    editor.mark_at_risk(stores, "p-1001", actor="editor@test")
    assert "p-1001" not in public_uids(public, "Person")


def test_review_and_source_terms(published, stores, public):
    editor.review(stores, "p-1009", "approved", actor="editor@test")
    assert "p-1009" in public_uids(public, "Person")
    editor.set_source_terms(stores, "src-pub1", "partners", actor="editor@test")
    assert public_uids(public, "Person") == {"p-1007"}  # src-pub2 supports p-1007 too
    editor.set_source_terms(stores, "src-pub2", "internal", actor="editor@test")
    assert public_uids(public, "Person") == set()  # their only public sources narrowed


def test_bad_editor_input_changes_nothing(published, stores, vault):
    before = vault.execute_query("MATCH (n:Entity) RETURN count(n) AS n").records[0]["n"]
    with pytest.raises(editor.EditError, match="no record"):
        editor.record_consent(stores, "p-nope", "publication", date(2024, 1, 1), "x", actor="e")
    with pytest.raises(editor.EditError, match="purpose"):
        editor.record_consent(stores, "p-1001", "marketing", date(2024, 1, 1), "x", actor="e")
    with pytest.raises(editor.EditError, match="partner"):
        editor.record_consent(stores, "p-1001", "partner_sharing", date(2024, 1, 1), "x", actor="e")
    with pytest.raises(editor.EditError, match="is a Event, which is not reviewed"):
        editor.review(stores, "e-1001", "approved", actor="e")
    with pytest.raises(editor.EditError, match="no active consent"):
        editor.withdraw_consent(stores, "p-1001", actor="e")
    assert vault.execute_query("MATCH (n:Entity) RETURN count(n) AS n").records[0]["n"] == before


def test_explain_says_why(published, stores):
    out = editor.explain(stores, "p-1002")
    assert out["decision"] == "Restricted" and "rule 2" in out["reasons"][0]
    assert out["consents"][0]["purpose"] == "un_submission"
    assert out["sources"][0]["terms_of_use"] == "un_only"
    out = editor.explain(stores, "p-1007")
    assert out["decision"] == "Public" and "the family" in out["reasons"][0]


def test_republishing_is_a_new_generation_and_idempotent(published, vault, public):
    first = every_public_string(public, with_meta=False)
    report = publish_all(vault, public)
    assert report.generation == published.generation + 1
    second = every_public_string(public, with_meta=False)
    strip = lambda xs: sorted(x for x in xs if not x.isdigit())  # noqa: E731 (generation numbers)
    assert strip(first) == strip(second)


def test_interrupted_publish_leaves_the_last_generation_serving(published, vault, public,
                                                               monkeypatch):
    """A publish that fails half-way (here: after writing the nodes and deleting the old
    relationships) rolls back whole."""
    from graph import publication, queries

    before = every_public_string(public)
    real = queries.run_in
    calls = {"n": 0}

    def failing(tx, name, **params):
        if name == "publication/create_public_relationships":
            calls["n"] += 1
            raise RuntimeError("simulated crash in the middle of a publish")
        return real(tx, name, **params)

    vault.execute_query("MATCH (p:Person {uid: 'p-1009'}) SET p.review_status = 'approved'")
    monkeypatch.setattr(publication.queries, "run_in", failing)
    with pytest.raises(RuntimeError, match="simulated crash"):
        publish_all(vault, public)
    assert calls["n"] == 1
    assert every_public_string(public) == before  # old generation intact, nothing half-written
    monkeypatch.setattr(publication.queries, "run_in", real)
    report = publish_all(vault, public)
    assert "p-1009" in public_uids(public, "Person")
    assert report.generation == published.generation + 1


def test_publications_wait_for_each_other(published, stores, vault, public):
    """Two overlapping publications are serialized by the vault's publication lock, so an
    older decision can never be written after a newer one."""
    import threading

    from graph.publication import publication_lock, republish

    done = threading.Event()

    def other():
        republish(vault, public, ["p-1007"])
        done.set()

    with publication_lock(vault, "neo4j"):
        thread = threading.Thread(target=other)
        thread.start()
        assert not done.wait(1.5)  # blocked behind the lock we hold
    thread.join(30)
    assert done.is_set()


def test_imported_reference_records_wait_for_review(published, stores, vault, public, tmp_path):
    """Places with coordinates, bodies and sources from an import are not public until an
    editor approves them, as people are not."""
    path = tmp_path / "reference.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"record": "Location", "uid": "loc-new", "name_en": "Synthetic new camp", "kind": "facility",
         "facility_type": "political_prison_camp", "lat": 40.0, "lon": 127.0},
        {"record": "PerpetratorBody", "uid": "body-new", "name_en": "Synthetic new bureau"},
        {"record": "Source", "uid": "src-new", "kind": "letter", "terms_of_use": "public"},
    ]) + "\n")
    import_file(vault, path)
    publish_all(vault, public)
    for label, uid in (("Location", "loc-new"), ("PerpetratorBody", "body-new"),
                       ("Source", "src-new")):
        assert uid not in public_uids(public, label)
        assert "rule 5" in " ".join(editor.explain(stores, uid)["reasons"])
    editor.review(stores, "loc-new", "approved", actor="editor@test")
    assert "loc-new" in public_uids(public, "Location")
    editor.review(stores, "src-new", "approved", actor="editor@test")
    assert "src-new" in public_uids(public, "Source")
