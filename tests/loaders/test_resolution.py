"""Entity resolution: name keys across Hangul, RR, MR and popular spellings; candidates that
tell namesakes from duplicates; editors' judgements (reversible, audited); merged views
published only under the strictest consent of their records; precision and recall on
generated people with planted duplicates."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from graph import audit
from graph.consent import editor
from graph.publication import publish_all
from graph.resolution import judgements
from graph.resolution.merged import merged_view
from loaders.exporter import export_jsonl
from loaders.ftm import export_ftm
from loaders.gephi import export_graph
from loaders.importer import import_file
from loaders.resolution.candidates import HIGH, MEDIUM, features, find_candidates, near_ratio, score
from loaders.resolution.evaluate import evaluate
from loaders.resolution.names import fold, name_keys
from loaders.resolution.planted import generated_sample
from loaders.resolution.report import dedupe_report
from loaders.uwazi.export import export_uwazi
from loaders.uwazi.mapping import load_mapping

ROOT = Path(__file__).resolve().parents[2]
CONSENT_STATES = ROOT / "tests" / "graph" / "data" / "consent_states.jsonl"


# -- name keys ----------------------------------------------------------------------------
@pytest.mark.parametrize("spelling", ["김정일", "Kim Jong-il", "Kim Jongil", "Kim Jong Il",
                                      "Gim Jeong-il", "Kim Chŏng-il", "Kim Chong-il", "Kim Jung-il",
                                      "Jong-il Kim", "KIM Jong Il"])
def test_spellings_of_one_name_meet(spelling):
    assert "김|jongil" in name_keys(spelling)


def test_different_names_do_not_meet():
    assert not name_keys("Kim Jong-il") & name_keys("Kim Jong-un")
    assert not name_keys("김정일") & name_keys("김정은")
    assert not name_keys("Kim Jong-il") & name_keys("Park Jong-il")


@pytest.mark.parametrize("a, b", [
    ("Lee Myung-nam", "이명남"), ("Yi Myŏng-nam", "리명남"), ("Rhee Myong Nam", "I Myeongnam"),
    ("Park Chung-hee", "Pak Chŏng-hŭi"), ("Bak Jeonghui", "박정희"), ("Choi Hyun-soo", "Ch'oe Hyŏn-su"),
    ("Ahn Young-soo", "An Yeong-su"), ("Hayashi Kazuko", "Kazuko Hayashi"),
])
def test_romanisation_variants_meet(a, b):
    assert name_keys(a) & name_keys(b)


def test_fold_erases_only_romanisation_differences():
    assert fold("Jeong-il") == fold("Chŏng-il") == fold("Jong Il") == fold("Jung-il") == "jongil"
    assert fold("Jong-un") != fold("Jong-il")


def _person(uid, name_en=None, name_ko=None, year=None, sex="male", places=(), **kw):
    return features({"uid": uid, "name_en": name_en, "name_ko": name_ko, "birth_year": year,
                     "sex": sex, "places": list(places), **kw})


def test_kim_jong_il_and_kim_jong_un_are_never_proposed_with_high_confidence():
    people = [_person("a", "Kim Jong-il", "김정일", 1941, places=["loc-1"]),
              _person("b", "Kim Jong-un", "김정은", 1941, places=["loc-1"]),
              _person("c", "Kim Jong-un", None, 1941, places=["loc-1"])]
    found = find_candidates(people)
    assert all(c.confidence != HIGH for c in found if {c.a, c.b} in ({"a", "b"}, {"a", "c"}))
    assert ("a", "b") not in {c.pair for c in found}  # different Hangul: not even a low candidate
    assert score(people[0], people[1])[0] < 3.5


def test_duplicates_score_high_with_reasons():
    a = _person("a", "Kim Jong-il", "김정일", 1941, places=["loc-1"])
    b = _person("b", "Gim Jeong-il", None, 1942, places=["loc-1"])
    c = _person("c", None, "김정일", 1941)
    found = {c_.pair: c_ for c_ in find_candidates([a, b, c])}
    assert found[("a", "b")].confidence == HIGH
    assert any("shared place" in r for r in found[("a", "b")].reasons)
    assert found[("a", "c")].confidence == HIGH


def test_namesakes_far_apart_in_age_or_of_another_sex_are_not_proposed():
    a = _person("a", "Kim Young-soo", "김영수", 1930)
    assert not find_candidates([a, _person("b", "Kim Young-soo", "김영수", 1970)])
    other_sex = find_candidates([a, _person("c", "Kim Young-soo", "김영수", 1930, sex="female")])
    assert [c.confidence for c in other_sex] in ([], ["low"])  # a miscoded sex stays possible


def test_a_typo_that_swaps_two_letters_is_still_a_near_match():
    """"Kyung-young" typed "Kyugn-young": the folded given names (kyongyong / kyoknyong) share
    8 of their 9 letters in order; matching blocks greedily (difflib) found only 5."""
    a = _person("a", "Park Kyung-young", None, 1950, places=["loc-1"])
    b = _person("b", "Park Kyugn-young", None, 1950, places=["loc-1"])
    assert not a.keys & b.keys
    assert near_ratio(a, b) == pytest.approx(2 * 8 / 18)
    found = {c.pair: c for c in find_candidates([a, b])}
    assert found[("a", "b")].confidence == MEDIUM
    assert "names only similar (0.89)" in found[("a", "b")].reasons


def test_common_names_weigh_less():
    many = [_person(f"p{i}", "Kim Young-soo", "김영수", 1900 + 5 * i) for i in range(32)]
    pair = [_person("x", "Kim Young-soo", "김영수", 1931), _person("y", "Kim Young-soo", "김영수", 1931)]
    rare = {c.pair: c for c in find_candidates(pair)}[("x", "y")]
    common = {c.pair: c for c in find_candidates(pair + many)}[("x", "y")]
    assert common.score < rare.score


def test_precision_and_recall_on_planted_duplicates():
    sample = generated_sample(1000, seed=7)
    result = evaluate(sample)
    print("\n" + "\n".join(result.lines()))
    assert sample.copies > 200 and {"rr", "mr", "hangul", "spacing", "dprk"} <= set(sample.kinds)
    proposed = result.scores["medium"]
    assert proposed.precision >= 0.9, proposed.line()
    assert proposed.recall >= 0.8, proposed.line()
    assert result.scores["high"].precision >= 0.95
    assert result.scores["low"].recall >= 0.9


# -- judgements, merged views and publication ----------------------------------------------
def _people() -> dict[str, dict]:
    rows = [json.loads(x) for x in CONSENT_STATES.read_text().splitlines()]
    return {r["uid"]: r for r in rows if r["record"] == "Person"}


def _strings(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [str(v) for v in values]


def _public_haystack(driver) -> str:
    records, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS l, properties(n) AS p "
        "UNION ALL MATCH ()-[r]->() RETURN [type(r)] AS l, properties(r) AS p")
    out = []
    for record in records:
        out += record["l"]
        for value in record["p"].values():
            out += _strings(value)
    return "\n".join(out)


def _identifying(person: dict) -> list[str]:
    return [person["uid"], person["name_en"], person["name_ko"], *person["name_variants"]]


def _same_as(driver) -> set[tuple[str, str]]:
    records, _, _ = driver.execute_query("MATCH (a)-[:SAME_AS]->(b) RETURN a.uid AS a, b.uid AS b")
    return {(r["a"], r["b"]) for r in records}


@pytest.fixture
def published(stores, vault, public):
    import_file(vault, CONSENT_STATES)
    publish_all(vault, public)
    return stores


def test_judgements_are_reversible_and_audited(published, vault):
    stores = published

    def now() -> datetime:
        return datetime.now(UTC).replace(microsecond=0)

    before_first = now()
    judgements.judge(stores, "p-1010", "p-1007", "same", actor="editor@test", note="same village")
    after_first = before_second = now()
    judgements.judge(stores, "p-1007", "p-1010", "different", actor="editor2@test")
    after_second = now()
    rows = judgements.judgements(vault)
    assert [(r["a"], r["b"], r["verdict"], r["by"], r["note"]) for r in rows] == [
        ("p-1007", "p-1010", "different", "editor2@test", None)]
    # when: an ISO timestamp in UTC, of the second judgement (the one that stands)
    at = datetime.fromisoformat(rows[0]["at"])
    assert at.utcoffset() == timedelta(0), rows[0]["at"]
    assert before_second <= at <= after_second, (rows[0]["at"], before_second, after_second)
    judgements.retract(stores, "p-1007", "p-1010", actor="editor@test")
    assert judgements.judgements(vault) == []
    entries = [e for e in audit.entries(vault) if e["action"].startswith("resolution.")]
    assert [e["action"] for e in entries] == ["resolution.judge", "resolution.judge",
                                              "resolution.retract"]
    replaced = json.loads(entries[1]["details"])["replaced"][0]
    assert (replaced["verdict"], replaced["by"], replaced["note"]) == ("same", "editor@test",
                                                                        "same village")
    assert before_first <= datetime.fromisoformat(replaced["at"]) <= after_first <= at
    assert audit.verify(vault).ok
    with pytest.raises(editor.EditError):
        judgements.judge(stores, "p-1007", "p-1007", "same", actor="e")
    with pytest.raises(editor.EditError):
        judgements.judge(stores, "p-1007", "src-pub1", "same", actor="e")
    with pytest.raises(editor.EditError):
        judgements.judge(stores, "p-1007", "p-1010", "maybe", actor="e")
    # nothing was merged: both records are intact
    records, _, _ = vault.execute_query("MATCH (p:Person) RETURN count(p) AS n")
    assert records[0]["n"] == 10


def test_merged_view_keeps_provenance_and_the_strictest_label(published, vault):
    stores = published
    judgements.judge(stores, "p-1007", "p-1010", "same", actor="editor@test")
    judgements.judge(stores, "p-1010", "p-1001", "same", actor="editor@test")
    view = merged_view(vault, "neo4j", "p-1007")
    assert view.members == ["p-1001", "p-1007", "p-1010"]
    assert view.decision.label == "Confidential"  # p-1001 has no consent
    names = {v["value"]: v["records"] for v in view.fields["name_en"]}
    assert names == {"Hwang Ilsu-none": ["p-1001"], "Nam Gyeongho-public": ["p-1007"],
                     "Ma Jaeseok-public": ["p-1010"]}
    years = {v["value"]: v["records"] for v in view.fields["birth_year"]}
    assert years == {1950: ["p-1001"], 1956: ["p-1007"], 1959: ["p-1010"]}
    assert "notes" not in view.fields and "contact" not in view.fields


def test_merged_views_are_published_only_when_every_record_is_public(published, vault, public,
                                                                     tmp_path):
    stores = published
    hidden = _people()["p-1001"]
    judgements.judge(stores, "p-1007", "p-1010", "same", actor="editor@test")
    assert _same_as(public) == {("p-1007", "p-1010")}
    public_view = merged_view(public, "neo4j", "p-1010", store="public")
    assert public_view.members == ["p-1007", "p-1010"]
    # a third, confidential record joins the cluster: the whole merged view leaves the public graph
    judgements.judge(stores, "p-1001", "p-1010", "same", actor="editor@test")
    assert _same_as(public) == set()
    assert merged_view(public, "neo4j", "p-1010", store="public").members == ["p-1010"]
    publish_all(vault, public)  # the full rebuild decides the same
    assert _same_as(public) == set()
    # the leak test: nothing of the confidential member anywhere public, in any export
    haystack = _public_haystack(public)
    exports = []
    for name, write in [("g.jsonl", lambda p: export_jsonl(public, p)),
                        ("g.ftm.jsonl", lambda p: export_ftm(public, p)),
                        ("g.graphml", lambda p: export_graph(public, p, "graphml")),
                        ("g.gexf", lambda p: export_graph(public, p, "gexf")),
                        ("g.csv", lambda p: export_uwazi(public, load_mapping(
                            ROOT / "examples/uwazi/footprints-victims.yml"), "victim", p))]:
        write(tmp_path / name)
        exports.append((tmp_path / name).read_text(encoding="utf-8"))
    for needle in _identifying(hidden):
        assert needle not in haystack, needle
        for text in exports:
            assert needle not in text, needle
    assert "JUDGED" not in haystack and "editor@test" not in haystack
    # the confidential record is judged different after all: the public pair is back
    judgements.judge(stores, "p-1001", "p-1010", "different", actor="editor@test")
    assert _same_as(public) == {("p-1007", "p-1010")}
    # and a withdrawal takes the link with the person, before returning
    editor.withdraw_consent(stores, "p-1010", actor="editor@test")
    assert _same_as(public) == set()


def test_dedupe_report_on_the_vault(published, vault):
    stores = published
    report = dedupe_report(vault, "neo4j", sample_victims=0)
    assert report.people == 10 and report.evaluation is None
    judgements.judge(stores, "p-1007", "p-1010", "unsure", actor="editor@test")
    lines = dedupe_report(vault, "neo4j", sample_victims=0).lines()
    assert lines[0].startswith("vault: 10 people") and "judged: unsure 1" in lines[2]


def test_witnesses_whose_names_are_sealed_are_matched_and_merged_by_their_names(
        published, vault, tmp_path):
    """A witness's or relative's names are sealed in the vault (graph/encryption.py): the
    candidate matching and the merged view open them in memory, so two records of one
    witness still meet, and an editor's merged view shows the names, never ciphertext."""
    stores = published
    path = tmp_path / "witnesses.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"record": "Person", "uid": "p-w1", "roles": ["Witness"], "name_en": "Kang Myong-suk",
         "name_ko": "강명숙", "sex": "female", "birth_year": 1961, "owner": "org-0001"},
        {"record": "Person", "uid": "p-w2", "roles": ["Relative"], "name_en": "Kang Myongsuk",
         "sex": "female", "birth_year": 1961, "owner": "org-0001"},
    ]), encoding="utf-8")
    import_file(vault, path)
    records, _, _ = vault.execute_query("MATCH (p:Person) WHERE p.uid IN ['p-w1', 'p-w2'] "
                                        "RETURN p.name_en AS n")
    assert all(r["n"].startswith("fpenc:") for r in records)
    report = dedupe_report(vault, "neo4j", sample_victims=0)
    pairs = {frozenset((c.a, c.b)): c for c in report.candidates}
    assert pairs[frozenset(("p-w1", "p-w2"))].confidence in (HIGH, MEDIUM)
    assert report.names["p-w1"] == "Kang Myong-suk"
    judgements.judge(stores, "p-w1", "p-w2", "same", actor="editor@test")
    view = merged_view(vault, "neo4j", "p-w2")
    assert {v["value"]: v["records"] for v in view.fields["name_en"]} == {
        "Kang Myong-suk": ["p-w1"], "Kang Myongsuk": ["p-w2"]}
    assert "fpenc:" not in json.dumps(view.to_dict(), default=str)
