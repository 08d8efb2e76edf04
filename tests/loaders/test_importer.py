"""The importer against a real vault: validation first, idempotent writes, lossless round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.errors import LoadError
from loaders.exporter import export_jsonl
from loaders.importer import import_file
from tests.support.stores import record_counts

DATA = Path(__file__).parent / "data"


counts = record_counts


def test_load_writes_every_record(vault):
    report = import_file(vault, DATA / "small.jsonl")
    assert sum(report.nodes.values()) == 13
    assert sum(report.relationships.values()) == 13
    assert counts(vault) == {"nodes": 13, "rels": 13}
    records, _, _ = vault.execute_query(
        "MATCH (p:Person {uid: 'p-1'})-[r:HELD_AT]->(l:Location) "
        "RETURN labels(p) AS labels, p.search_keys AS keys, r.sources AS sources, "
        "r.date_from AS since, l.coords.latitude AS lat")
    row = records[0]
    assert set(row["labels"]) == {"Entity", "Person", "Victim"}
    assert "kimchulho" in row["keys"] and "gimcheolho" in row["keys"]
    assert row["sources"] == ["src-2"]
    assert row["since"].iso_format() == "1951-01-01"
    assert row["lat"] == pytest.approx(39.75)


def test_double_load_leaves_identical_counts(vault):
    import_file(vault, DATA / "small.jsonl")
    first = counts(vault)
    import_file(vault, DATA / "small.jsonl")
    assert counts(vault) == first


def _write(tmp_path: Path, lines: list[dict | str]) -> Path:
    path = tmp_path / "input.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")
    return path


def test_invalid_file_writes_nothing_and_names_line_and_field(vault, tmp_path):
    lines = (DATA / "small.jsonl").read_text().splitlines()
    lines[8] = lines[8].replace('"sex": "male"', '"sex": "m"')           # line 9: bad vocabulary
    lines[7] = lines[7].replace('"kind": "abduction", ', "")              # line 8: missing field
    lines.append('{"record": "rel", "type": "SUBJECTED_TO", "from": "p-1", "to": "nope"}')
    lines.append("{not json")
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(LoadError) as info:
        import_file(vault, path)
    message = str(info.value)
    assert "nothing was written" in message
    assert "line 9, field 'sex'" in message
    assert "line 8, field 'kind'" in message
    assert "line 28" in message and "not valid JSON" in message
    assert counts(vault) == {"nodes": 0, "rels": 0}


def test_reference_errors_are_reported(vault, tmp_path):
    path = _write(tmp_path, [
        {"record": "Person", "uid": "p-1", "roles": ["Victim"], "name_en": "A", "owner": "org-x"},
        {"record": "Event", "uid": "e-1", "kind": "abduction"},
        {"record": "rel", "type": "SUBJECTED_TO", "from": "e-1", "to": "p-1"},
        {"record": "rel", "type": "SUBJECTED_TO", "from": "p-1", "to": "e-1", "sources": ["e-1"]},
    ])
    with pytest.raises(LoadError) as info:
        import_file(vault, path)
    message = str(info.value)
    assert "line 1, field 'owner': no record with uid 'org-x'" in message
    assert "line 3, field 'from': 'e-1' is a Event, expected Person" in message
    assert "line 4, field 'sources': 'e-1' is a Event, expected Source" in message
    assert counts(vault)["nodes"] == 0


def test_duplicate_uid_and_unknown_field_are_errors(vault, tmp_path):
    path = _write(tmp_path, [
        {"record": "Organization", "uid": "o", "name_en": "A"},
        {"record": "Organization", "uid": "o", "name_en": "B"},
        {"record": "Organization", "uid": "o2", "name_en": "C", "colour": "red"},
    ])
    with pytest.raises(LoadError) as info:
        import_file(vault, path)
    assert "line 2, field 'uid': duplicate uid 'o'" in str(info.value)
    assert "line 3, field 'colour': Unknown field." in str(info.value)


def test_references_to_existing_vault_records_are_accepted(vault, tmp_path):
    import_file(vault, DATA / "small.jsonl")
    path = _write(tmp_path, [{"record": "rel", "type": "LIVED_AT", "from": "p-1",
                              "to": "loc-seoul", "sources": ["src-1"]}])
    report = import_file(vault, path)
    assert report.relationships["LIVED_AT"] == 1


def test_import_export_import_is_lossless(vault, tmp_path):
    import_file(vault, DATA / "small.jsonl")
    first = tmp_path / "first.jsonl"
    export_jsonl(vault, first)
    vault.execute_query("MATCH (n) DETACH DELETE n")
    import_file(vault, first)
    second = tmp_path / "second.jsonl"
    export_jsonl(vault, second)
    assert first.read_text() == second.read_text()
    exported = [json.loads(x) for x in first.read_text().splitlines()]
    person = next(r for r in exported if r.get("uid") == "p-1")
    assert person["name_ko"] == "김철호" and person["roles"] == ["Victim"]
    assert person["name_variants"] == ["Gim Cheol-ho", "Kim Chŏl-ho"]
    yodok = next(r for r in exported if r.get("uid") == "loc-yodok")
    assert (yodok["lat"], yodok["lon"]) == (39.75, 126.85)
    held = next(r for r in exported if r.get("type") == "HELD_AT")
    assert held["props"] == {"date_from": "1951-01-01", "date_to": "1960-12-31"}
    assert held["sources"] == ["src-2"]


def test_csv_import_reports_unused_columns(vault):
    import_file(vault, DATA / "small.jsonl")
    report = import_file(vault, DATA / "persons.csv")
    assert report.nodes["Person"] == 2
    assert any("favourite_colour" in w for w in report.warnings)
    report = import_file(vault, DATA / "relationships.csv")
    assert report.relationships["RELATIVE_OF"] == 1
    records, _, _ = vault.execute_query(
        "MATCH (p:Person {uid: 'p-11'}) RETURN labels(p) AS labels, p.birth_year AS year, "
        "p.name_variants AS variants")
    assert set(records[0]["labels"]) >= {"Victim", "Witness"}
    assert records[0]["year"] == 1964
    assert records[0]["variants"] == ["佐藤花子"]


def test_csv_errors_name_row_and_column(vault, tmp_path):
    path = tmp_path / "persons.csv"
    path.write_text("uid,roles,name_en,birth_year\np-1,Victim,A,nineteen\np-2,Villain,B,1950\n")
    with pytest.raises(LoadError) as info:
        import_file(vault, path)
    assert "row 2, column 'birth_year': Not a valid integer." in str(info.value)
    assert "row 3, column 'roles': Must be one of" in str(info.value)
    assert "(item 1 of the list)" in str(info.value)
    assert counts(vault) == {"nodes": 0, "rels": 0}


def test_relationship_batches_ramp_up_and_cover_every_row_once():
    from loaders.importing.write import RAMP, _ramped

    rows = list(range(12_345))
    batches = list(_ramped(rows, 5000))
    assert [len(b) for b in batches[:len(RAMP)]] == list(RAMP)
    assert all(len(b) == 5000 for b in batches[len(RAMP):-1])
    assert [r for b in batches for r in b] == rows
    assert [len(b) for b in _ramped(list(range(30)), 5000)] == [30]
    assert [len(b) for b in _ramped(list(range(300)), 100)] == [50, 100, 100, 50]



def test_a_relationship_twice_in_a_file_is_written_once_as_merge_would(vault, tmp_path):
    lines = (DATA / "small.jsonl").read_text().splitlines()
    held = next(x for x in lines if '"HELD_AT"' in x)
    again = json.loads(held)
    again["props"] = {**again.get("props", {}), "note": "second mention"}
    import_file(vault, _write(tmp_path, [*lines, again]))
    assert counts(vault) == {"nodes": 13, "rels": 13}
    records, _, _ = vault.execute_query(
        "MATCH (:Person {uid: 'p-1'})-[r:HELD_AT]->() RETURN r.note AS note, r.sources AS s")
    assert [r.data() for r in records] == [{"note": "second mention", "s": ["src-2"]}]


def test_a_file_over_records_already_in_the_vault_merges_them(vault, tmp_path):
    lines = (DATA / "small.jsonl").read_text().splitlines()
    people = [x for x in lines if '"record": "Person"' in x]
    rest = [x for x in lines if x not in people]
    # Part of the file first (a crash half way would leave the same): then the whole file.
    import_file(vault, _write(tmp_path, [x for x in rest if '"record": "rel"' not in x]))
    import_file(vault, DATA / "small.jsonl")
    assert counts(vault) == {"nodes": 13, "rels": 13}
    import_file(vault, DATA / "small.jsonl")
    assert counts(vault) == {"nodes": 13, "rels": 13}


def test_the_cycle_collector_is_paused_during_an_import_and_restored_after(vault, tmp_path):
    """Paused while the records are held (it would walk millions of them at each pass),
    and running again after the import, whether it succeeded or failed."""
    import gc

    during = []
    assert gc.isenabled()
    import_file(vault, DATA / "small.jsonl", after=lambda driver, db, uids: during.append(
        gc.isenabled()))
    assert during == [False]
    assert gc.isenabled()
    with pytest.raises(LoadError):
        import_file(vault, _write(tmp_path, ["{not json"]))
    assert gc.isenabled()


# -- the audit log ------------------------------------------------------------------------------
def logged(vault) -> list[dict]:
    from graph import audit

    return [{**e, "details": json.loads(e["details"])} for e in audit.entries(vault)]


def test_an_import_is_logged_before_and_after_its_writes(vault):
    import hashlib

    from graph import audit

    path = DATA / "small.jsonl"
    report = import_file(vault, path, actor="importer@test")
    started, finished = logged(vault)
    assert report.audit == (started["seq"], finished["seq"]) == (1, 2)
    assert (started["actor"], started["action"], started["subject"]) == \
        ("importer@test", "import.started", "small.jsonl")
    assert started["details"] == {
        "file": "small.jsonl", "format": "jsonl", "bytes": path.stat().st_size,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "records": {"nodes": dict(report.nodes), "relationships": dict(report.relationships)}}
    assert (finished["actor"], finished["action"], finished["subject"]) == \
        ("importer@test", "import.finished", "small.jsonl")
    details = finished["details"]
    assert details["started"] == 1 and details["sha256"] == started["details"]["sha256"]
    assert sum(details["nodes_created"].values()) == 13 and details["nodes_updated"] == {}
    assert sum(details["relationships"].values()) == 13 and details["relationships_created"] == 13
    assert "audit log: entries 1 (started) and 2 (finished)" in report.summary()

    rerun = import_file(vault, path, actor="importer@test")  # a re-run changes nothing
    again = logged(vault)[3]["details"]
    assert again["started"] == 3 and again["nodes_created"] == {}
    assert again["nodes_updated"] == {} and again["nodes_unchanged"] == details["nodes_created"]
    assert again["relationships"] == details["relationships"]
    assert again["relationships_created"] == 0 and again["relationships_updated"] == {}
    assert again["relationships_unchanged"] == details["relationships"]
    assert "nodes: 0 created, 0 updated, 13 unchanged" in rerun.summary()
    assert "relationships: 0 created, 0 updated, 13 unchanged" in rerun.summary()
    assert "nothing changed" in rerun.summary()
    result = audit.verify(vault)
    assert result.ok and result.entries == 4 and result.unfinished_imports == ()


def test_an_import_counts_what_it_created_updated_and_left_unchanged(vault, tmp_path):
    """Neo4j counts a property set to the value it had as set: the report compares each
    record before and after instead, so a re-import that changes one field says so."""
    import_file(vault, DATA / "small.jsonl")
    lines = (DATA / "small.jsonl").read_text().splitlines()
    changed = [json.loads(line) for line in lines]
    person = next(r for r in changed if r.get("uid") == "p-1")
    person["birth_year"] = person["birth_year"] + 1                      # one node changes
    rel = next(r for r in changed if r["record"] == "rel" and r["type"] == "HELD_AT")
    rel["props"]["date_to"] = "1961-06-30"                         # one relationship too
    changed.append({"record": "Location", "uid": "loc-new", "name_en": "Synthetic new place",
                    "kind": "city"})                                    # one node is new
    report = import_file(vault, _write(tmp_path, changed))
    w = report.written
    assert (dict(w.created), dict(w.updated)) == ({"Location": 1}, {"Person": 1})
    assert sum(w.unchanged.values()) == 12
    assert w.relationships_created == 0 and dict(w.relationships_updated) == {"HELD_AT": 1}
    assert sum(w.relationships_unchanged.values()) == 12
    summary = report.summary()
    assert "nodes: 1 created, 1 updated, 12 unchanged" in summary
    assert "relationships: 0 created, 1 updated, 12 unchanged" in summary
    assert "Location: 4 (1 created, 3 unchanged)" in summary and "nothing changed" not in summary


def test_an_invalid_file_writes_no_record_and_no_entry(vault, tmp_path):
    path = _write(tmp_path, [{"record": "Person", "uid": "p-1", "roles": ["Villain"]}])
    with pytest.raises(LoadError):
        import_file(vault, path, actor="importer@test")
    assert logged(vault) == []


def test_a_failed_import_says_so_and_what_it_had_written(vault):
    from graph import audit

    def fail(driver, database, uids):
        raise RuntimeError("labelling went wrong")

    with pytest.raises(RuntimeError):
        import_file(vault, DATA / "small.jsonl", actor="importer@test", after=fail)
    started, failed = logged(vault)
    assert failed["action"] == "import.failed" and failed["actor"] == "importer@test"
    assert failed["details"]["started"] == started["seq"]
    assert failed["details"]["error"] == "RuntimeError: labelling went wrong"
    assert sum(failed["details"]["nodes_created"].values()) == 13  # written before it failed
    result = audit.verify(vault)
    assert result.ok and result.unfinished_imports == ()


def test_an_import_cut_short_stays_open_until_the_same_file_finishes(vault, tmp_path):
    """A crash leaves ``import.started`` alone (tests/faults/test_import_crash.py kills the
    vault for real); verify lists it until an import of the same input finishes."""
    from graph import audit
    from loaders.importing.read import describe_input

    path = DATA / "small.jsonl"
    audit.append(vault, "importer@test", "import.started", "small.jsonl", **describe_input(path))
    import_file(vault, _write(tmp_path, [{"record": "Organization", "uid": "o", "name_en": "A"}]))
    assert audit.verify(vault).unfinished_imports == ((1, "small.jsonl"),)
    import_file(vault, path)
    assert audit.verify(vault).unfinished_imports == ()


def test_a_directory_of_csv_files_is_described_file_by_file(vault, tmp_path):
    import hashlib

    from loaders.exporter import export_csv

    import_file(vault, DATA / "small.jsonl")
    out = tmp_path / "csv"
    export_csv(vault, out)
    import_file(vault, out, actor="importer@test")
    started = logged(vault)[2]
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.glob("*.csv")}
    assert started["details"]["format"] == "csv directory"
    assert started["details"]["files"] == files and started["subject"] == "csv"
    assert len(started["details"]["sha256"]) == 64
