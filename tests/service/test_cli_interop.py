"""The interoperability commands, end to end through the `footprints` command line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from graph import encryption
from loaders.importer import import_records
from loaders.synthetic.reference import reference_records
from service.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_interop_commands(stores, vault, public, settings, tmp_path):
    import_records(vault, enumerate(reference_records(), start=1), "reference")
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(main, list(args), catch_exceptions=False, obj=settings)
        assert result.exit_code == 0, result.output
        return result.output

    out = run("import-uwazi", str(ROOT / "examples/uwazi/victims.csv"))
    assert "Person: 5" in out and "unused columns: Date added" in out
    run("publish", "--by", "cli-test")
    out = run("dedupe", "--sample", "150", "--seed", "2")
    assert out.startswith("vault: ") and "precision" in out
    out = run("judge", "uw-victim-FP-S-0001", "uw-victim-FP-S-0002", "different", "--by", "editor@test")
    assert "different" in out
    view = json.loads(run("merged-view", "uw-victim-FP-S-0001"))
    assert view["members"] == ["uw-victim-FP-S-0001"] and view["label"] == "Confidential"
    run("judge", "uw-victim-FP-S-0001", "uw-victim-FP-S-0002", "--retract", "--by", "editor@test")
    for args in (["export-ftm", "-o", str(tmp_path / "f.jsonl")],
                 ["export-graph", "--format", "gexf", "-o", str(tmp_path / "g.gexf")],
                 ["export-uwazi", "--template", "victim", "-o", str(tmp_path / "u.csv")]):
        run(*args)
    assert "Kim Chul-ho" not in (tmp_path / "u.csv").read_text(encoding="utf-8")  # not consented
    bad = runner.invoke(main, ["judge", "uw-victim-FP-S-0001", "nobody", "same", "--by", "e"],
                        obj=settings)
    assert bad.exit_code != 0 and "no record with uid 'nobody'" in bad.output


def _runner(settings):
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False, obj=settings)

    return run


def _vault_rows(vault, query: str, **params) -> list[dict]:
    records, _, _ = vault.execute_query(query, **params)
    return [r.data() for r in records]


#: A partner's own Uwazi collection: witnesses, not victims; Korean titles by default;
#: month-first dates; its own codes for sex; its own id column, uid prefix and source.
CUSTOM_MAPPING = """\
name: partner-witnesses
default_language: ko
date_format: MM/dd/yyyy
uid_prefix: pw
default_template: witness
source:
  uid: src-partner-witnesses
  kind: testimony
  title: Partner witness list (import)
  terms_of_use: internal
templates:
  witness:
    node: Person
    roles: [Witness]
    id: ref
    title: {ko: name_ko, en: name_en}
    set: {nationality: KR}
    properties:
      gender: {field: sex, vocabulary: sex, values: {W: female, M: male}}
      born: {field: birth_year, type: year}
      aka: {field: name_variants, type: multiple}
    events:
      seen_taken: {kind: abduction}
"""
CUSTOM_CSV = """\
Ref;Title;Title__en;Gender;Born;AKA;Seen taken
W1;박영희;Park Young-hee;W;1950;Bak Yeonghui|Pak Yŏng-hŭi;03/04/1977
W2;최철수;Choi Chul-soo;M;1947;;
"""


def test_import_uwazi_honours_a_mapping_file(stores, vault, public, settings,
                                            tmp_path):
    run = _runner(settings)
    mapping = tmp_path / "partner.yml"
    mapping.write_text(CUSTOM_MAPPING, encoding="utf-8")
    csv_path = tmp_path / "witnesses.csv"
    csv_path.write_text(CUSTOM_CSV, encoding="utf-8")

    result = run("import-uwazi", str(csv_path), "--mapping", str(mapping))
    assert result.exit_code == 0, result.output
    assert "Person: 2" in result.output and "Event: 1" in result.output
    assert "unused columns" not in result.output  # every column is the mapping's

    people = {r["uid"]: r for r in _vault_rows(
        vault, "MATCH (p:Person) RETURN p.uid AS uid, labels(p) AS labels, p.name_en AS name_en, "
               "p.name_ko AS name_ko, p.sex AS sex, p.birth_year AS year, "
               "p.name_variants AS name_variants, p.nationality AS nationality")}
    assert set(people) == {"pw-witness-W1", "pw-witness-W2"}  # its id column and uid prefix
    w1 = people["pw-witness-W1"]
    assert "Witness" in w1["labels"] and "Victim" not in w1["labels"]  # its roles
    # a witness's names are sealed in the vault (docs/encryption.md): imported sealed
    assert encryption.is_sealed(w1["name_en"]) and encryption.is_sealed(w1["name_ko"])
    w1 = encryption.opened_names("pw-witness-W1", w1)
    w1["ko"], w1["en"], w1["aka"] = w1["name_ko"], w1["name_en"], w1["name_variants"]
    assert (w1["ko"], w1["en"]) == ("박영희", "Park Young-hee")  # bare title is Korean here
    assert (w1["sex"], w1["year"], people["pw-witness-W2"]["sex"]) == ("female", 1950, "male")
    assert w1["aka"] == ["Bak Yeonghui", "Pak Yŏng-hŭi"] and w1["nationality"] == "KR"
    assert "Confidential" in w1["labels"]  # no consent recorded: never public
    events = _vault_rows(
        vault, "MATCH (:Person {uid: 'pw-witness-W1'})-[:SUBJECTED_TO]->(e:Event) "
               "RETURN e.kind AS kind, toString(e.date_start) AS start, e.date_precision AS precision")
    assert events == [{"kind": "abduction", "start": "1977-03-04", "precision": "day"}]  # MM/dd
    cited = _vault_rows(
        vault, "MATCH (s:Source {uid: 'src-partner-witnesses'})-[:SUPPORTS]->(p:Person) "
               "RETURN s.terms_of_use AS terms, collect(p.uid) AS people")
    assert cited[0]["terms"] == "internal"
    assert sorted(cited[0]["people"]) == ["pw-witness-W1", "pw-witness-W2"]

    # the same file under the default mapping (English by default) is refused: there,
    # `Title` and `Title__en` are the same column twice
    default = run("import-uwazi", str(csv_path))
    assert default.exit_code != 0 and "nothing was written" in default.output
    assert "'Title__en': 'title' appears with and without its default language" in default.output
    assert not _vault_rows(vault, "MATCH (p:Person) WHERE p.uid STARTS WITH 'uw-' RETURN p.uid AS u")

    # a mapping that names a field Person does not have is refused whole, with its place
    broken = tmp_path / "broken.yml"
    broken.write_text(CUSTOM_MAPPING.replace("field: birth_year", "field: nope"), encoding="utf-8")
    refused = run("import-uwazi", str(csv_path), "--mapping", str(broken))
    assert refused.exit_code != 0
    assert "templates.witness.properties.born" in refused.output and "nope" in refused.output


def test_import_uwazi_reads_an_uwazi_zip(stores, vault, public, settings, tmp_path):
    import zipfile

    run = _runner(settings)
    import_records(vault, enumerate(reference_records(), start=1), "reference")
    archive = tmp_path / "collection.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(ROOT / "examples/uwazi/victims.csv", "import.csv")
        z.writestr("attachments/FP-S-0001 statement.pdf", b"%PDF-1.4 synthetic")

    result = run("import-uwazi", str(archive))
    assert result.exit_code == 0, result.output
    assert "Person: 5" in result.output and "Event: 6" in result.output
    assert "files in the zip that no row names, not imported" in result.output
    assert "attachments/FP-S-0001 statement.pdf" in result.output
    people = _vault_rows(vault, "MATCH (p:Person) WHERE p.uid STARTS WITH 'uw-victim-' "
                                "RETURN p.uid AS uid, labels(p) AS labels ORDER BY uid")
    assert [p["uid"] for p in people] == [f"uw-victim-FP-S-000{n}" for n in range(1, 6)]
    assert all("Confidential" in p["labels"] for p in people)

    count = ("MATCH (n:Entity) RETURN count(n) AS n "
             "UNION ALL MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n")
    before = _vault_rows(vault, count)
    again = run("import-uwazi", str(archive))  # idempotent: nothing new
    assert again.exit_code == 0, again.output
    assert _vault_rows(vault, count) == before


ACCEPTANCE = ROOT / "tests/loaders/data/uwazi"


def test_an_imported_place_waits_for_an_editor_before_it_is_public(stores, vault, public,
                                                                  settings):
    """A place an import creates (with its coordinates) is reference data, public only once
    an editor approved it, like the people it came with: import -> publish -> not public ->
    review approved -> publish -> public. Through the command line, as an operator does."""
    run = _runner(settings)
    result = run("import-uwazi", str(ACCEPTANCE / "collection.csv"),
                 "--mapping", str(ACCEPTANCE / "collection.yml"), "--by", "uwazi@test")
    assert result.exit_code == 0, result.output
    [place] = _vault_rows(vault, "MATCH (l:Location {name_en: 'Sokcho'}) RETURN l.uid AS uid, "
                                 "l.coords.latitude AS lat, labels(l) AS labels")
    assert place["lat"] == 38.207 and "Public" not in place["labels"]
    sokcho = "MATCH (l:Location {name_en: 'Sokcho'}) RETURN l.uid AS uid, l.coords AS coords"

    assert run("publish", "--by", "cli-test").exit_code == 0
    assert _vault_rows(public, sokcho) == []
    explained = run("explain", place["uid"])
    assert "editor review is missing, not approved" in explained.output, explained.output

    approved = run("review", place["uid"], "approved", "--by", "editor@test")
    assert approved.exit_code == 0, approved.output
    assert run("publish", "--by", "cli-test").exit_code == 0
    [published] = _vault_rows(public, sokcho)
    assert published["uid"] == place["uid"] and published["coords"].y == 38.207
    # the people it came with are still not public: nobody recorded their consent
    assert _vault_rows(public, "MATCH (p:Person) RETURN p.uid AS uid") == []

    # a re-import changes nothing, says so, and leaves the editor's approval as it was
    again = run("import-uwazi", str(ACCEPTANCE / "collection.csv"),
                "--mapping", str(ACCEPTANCE / "collection.yml"), "--by", "uwazi@test")
    assert again.exit_code == 0, again.output
    assert "nodes: 0 created, 0 updated, 4 unchanged" in again.output
    assert "nothing changed" in again.output
    assert _vault_rows(vault, "MATCH (l:Location {uid: $uid}) RETURN l.review_status AS s",
                       uid=place["uid"]) == [{"s": "approved"}]


def _zip_with_files(tmp_path, files: dict[str, bytes], file_cells: dict[int, tuple[str, str]]):
    """The example collection as an import zip whose rows name files: row index (0-based)
    -> (``file`` cell, ``attachments`` cell)."""
    import csv
    import io
    import zipfile

    rows = list(csv.reader(io.StringIO((ROOT / "examples/uwazi/victims.csv").read_text("utf-8"))))
    rows[0] += ["file", "attachments"]
    for n, row in enumerate(rows[1:]):
        row += list(file_cells.get(n, ("", "")))
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    archive = tmp_path / "with-files.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("import.csv", out.getvalue())
        for name, data in files.items():
            z.writestr(name, data)
    return archive


def test_import_uwazi_brings_a_zips_files_as_documents(stores, vault, public, settings, tmp_path):
    from documents.media import samples
    from tests.support.documents import empty_files

    empty_files(stores)
    run = _runner(settings)
    import_records(vault, enumerate(reference_records(), start=1), "reference")
    letter = samples.letter_pdf("평양에서 보낸 편지", title="Letter", author="A", lang="ko")
    photo = samples.photo_jpeg(seed=3)
    archive = _zip_with_files(tmp_path, {"letter.pdf": letter, "photos/one.jpg": photo,
                                         "unnamed.txt": b"not named by any row"},
                              {0: ("letter.pdf", "photos/one.jpg"), 1: ("", "photos/one.jpg")})
    refused = run("import-uwazi", str(archive))  # files, but for which organisation?
    assert refused.exit_code != 0 and "--organization" in refused.output
    victims = "MATCH (p:Person) WHERE p.uid STARTS WITH 'uw-' RETURN p.uid AS u"
    assert not _vault_rows(vault, victims)

    result = run("import-uwazi", str(archive), "--organization", "org-0001", "--no-ocr")
    assert result.exit_code == 0, result.output
    assert "files: 3 document(s) made" in result.output, result.output
    assert "unnamed.txt" in result.output  # in the zip, named by no row: said, not imported
    docs = _vault_rows(vault, "MATCH (d:Document)-[:ABOUT]->(p:Person) "
                              "MATCH (d)-[:FROM_SOURCE]->(s:Source) "
                              "RETURN p.uid AS person, d.kind AS kind, d.terms_of_use AS terms, "
                              "d.processing AS processing, d.text_pages AS text, "
                              "d.submitted_by AS org, s.uid AS source ORDER BY person, kind")
    assert [(d["person"], d["kind"]) for d in docs] == [
        ("uw-victim-FP-S-0001", "official_document"), ("uw-victim-FP-S-0001", "photo"),
        ("uw-victim-FP-S-0002", "photo")]
    assert {d["terms"] for d in docs} == {"internal"} and {d["org"] for d in docs} == {"org-0001"}
    assert {d["processing"] for d in docs} == {"done"}
    assert "평양" in docs[0]["text"][0]
    again = run("import-uwazi", str(archive), "--organization", "org-0001", "--no-ocr")
    assert "files: 0 document(s) made, 3 already there" in again.output, again.output


def test_import_uwazi_refuses_a_missing_or_forbidden_file_whole(stores, vault, public, settings,
                                                                 tmp_path):
    run = _runner(settings)
    import_records(vault, enumerate(reference_records(), start=1), "reference")
    archive = _zip_with_files(tmp_path, {"tool.exe": b"MZ\x90\x00" + b"\0" * 200},
                              {0: ("tool.exe", ""), 2: ("", "missing.pdf")})
    result = run("import-uwazi", str(archive), "--organization", "org-0001")
    assert result.exit_code != 0 and "nothing was written" in result.output
    assert "line 2" in result.output and "tool.exe" in result.output
    assert "line 4" in result.output and "no file 'missing.pdf' in the zip" in result.output
    assert not _vault_rows(vault, "MATCH (n:Person) WHERE n.uid STARTS WITH 'uw-' RETURN n.uid AS u")
