"""The CSV form of the interchange format against a real vault: export -> import -> export
is lossless, and an invalid CSV writes nothing and names the file, row and column."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from loaders.csv_layout import CSV_FILES, columns
from loaders.errors import LoadError
from loaders.exporter import ExportError, export_csv, export_jsonl
from loaders.importer import import_file, import_records
from loaders.synthetic import generate

DATA = Path(__file__).parent / "data"


def counts(driver) -> dict:
    records, _, _ = driver.execute_query(
        "MATCH (n:Entity) WITH count(n) AS nodes OPTIONAL MATCH ()-[r]->() "
        "RETURN nodes, count(r) AS rels")  # records: the audit log grows with each import
    return records[0].data()


def files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.glob("*.csv"))}


@pytest.fixture
def generated(vault):
    """Every record type and every relationship type the generator writes."""
    import_records(vault, enumerate(generate(60, seed=7), start=1), "generated")
    return vault


def test_csv_export_import_export_is_lossless(generated, tmp_path):
    vault = generated
    before = counts(vault)
    export_jsonl(vault, tmp_path / "before.jsonl")
    written = export_csv(vault, tmp_path / "first")
    assert set(files(tmp_path / "first")) == set(CSV_FILES.values())
    assert set(written) == set(CSV_FILES)  # every record type has rows
    assert sum(written.values()) == before["nodes"] + before["rels"]

    vault.execute_query("MATCH (n) DETACH DELETE n")
    report = import_file(vault, tmp_path / "first")
    assert report.records == sum(written.values())
    assert counts(vault) == before
    export_csv(vault, tmp_path / "second")
    assert files(tmp_path / "first") == files(tmp_path / "second")
    export_jsonl(vault, tmp_path / "after.jsonl")
    assert (tmp_path / "before.jsonl").read_text() == (tmp_path / "after.jsonl").read_text()

    with (tmp_path / "first" / "persons.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == columns("Person")
    assert all(r["synthetic"] == "true" for r in rows)
    assert any("|" in r["name_variants"] for r in rows)
    assert any(any("\uac00" <= ch <= "\ud7a3" for ch in r["name_ko"]) for r in rows)  # Hangul
    with (tmp_path / "first" / "relationships.csv").open(encoding="utf-8", newline="") as handle:
        rels = list(csv.DictReader(handle))
    assert all(r["synthetic"] == "true" for r in rels)
    assert any(r["type"] == "RELATIVE_OF" and r["relation"] for r in rels)
    assert any(r["type"] == "HELD_AT" and r["date_from"] for r in rels)


def test_relationship_synthetic_flag_round_trips_in_json_lines(generated, tmp_path):
    export_jsonl(generated, tmp_path / "out.jsonl")
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    kinds = {r["record"] for r in records}
    assert kinds == {*CSV_FILES}
    assert all(r["synthetic"] is True for r in records)


def test_invalid_csv_directory_writes_nothing_and_names_file_row_and_column(vault, tmp_path):
    import_records(vault, enumerate(generate(20, seed=2), start=1), "generated")
    export_csv(vault, tmp_path / "good")
    vault.execute_query("MATCH (n) DETACH DELETE n")
    import_file(vault, DATA / "small.jsonl")
    before = counts(vault)

    bad = tmp_path / "bad"
    bad.mkdir()
    for name, content in files(tmp_path / "good").items():
        (bad / name).write_bytes(content)
    persons = (bad / "persons.csv").read_text(encoding="utf-8").splitlines()
    header = persons[0].split(",")
    cells = next(csv.reader([persons[3]]))
    cells[header.index("sex")] = "m"
    persons[3] = ",".join(f'"{c}"' if "," in c else c for c in cells)
    (bad / "persons.csv").write_text("\n".join(persons) + "\n", encoding="utf-8")
    with (bad / "relationships.csv").open("a", encoding="utf-8") as handle:
        handle.write("RELATIVE_OF,p-000001,p-000002,,,cousin-in-law,,,,,,,,true\n")
    rel_rows = len((bad / "relationships.csv").read_text(encoding="utf-8").splitlines())

    with pytest.raises(LoadError) as info:
        import_file(vault, bad)
    message = str(info.value)
    assert "nothing was written" in message
    assert "persons.csv, row 4, column 'sex': Must be one of" in message
    assert f"relationships.csv, row {rel_rows}, column 'relation': Must be one of" in message
    assert counts(vault) == before


def test_single_csv_file_errors_name_row_and_column(vault, tmp_path):
    path = tmp_path / "relationships.csv"
    path.write_text("type,from,to,sources,relation\nRELATIVE_OF,p-1,p-2,,\n", encoding="utf-8")
    with pytest.raises(LoadError) as info:
        import_file(vault, path)
    assert "row 2, column 'relation': RELATIVE_OF needs props.relation" in str(info.value)
    assert counts(vault) == {"nodes": 0, "rels": 0}


def test_a_value_csv_cannot_carry_is_refused_not_mangled(vault, tmp_path):
    vault.execute_query("CREATE (:Entity:Person:Victim {uid: 'p-x', name_en: 'A', "
                        "name_variants: ['Kim|Gim']})")
    with pytest.raises(ExportError, match="p-x: name_variants item 'Kim|Gim'"):
        export_csv(vault, tmp_path / "out")
