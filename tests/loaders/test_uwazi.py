"""Uwazi CSV import and export, with files written from Uwazi's documented conventions:
headers by name or label (cleaned up), `,` or `;`, `title`, `<property>__<code>`, `|`,
`Parent::Child`, every date form with its precision, ranges `from:to` and `from~to`,
several dates, `lat|lon`, `label|url`, relationship titles; and the import rules:
unused columns reported, invalid rows writing nothing, idempotent re-import,
Confidential on entry."""

from __future__ import annotations

import csv
import zipfile
from datetime import date
from pathlib import Path

import pytest

from graph import encryption
from graph.consent import editor
from graph.publication import publish_all
from loaders.errors import LoadError
from loaders.importer import import_file, import_records
from loaders.uwazi import import_uwazi, vault_titles
from loaders.uwazi.convert import convert
from loaders.uwazi.export import export_uwazi
from loaders.uwazi.mapping import MappingError, load_mapping, mapping_from
from loaders.uwazi.parse import (
    DateValue,
    format_date,
    parse_dates,
    parse_geolocation,
    parse_link,
    parse_table,
    safe_name,
    split_header,
)
from tests.support.stores import record_counts

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_MAPPING = ROOT / "examples" / "uwazi" / "footprints-victims.yml"
EXAMPLE_CSV = ROOT / "examples" / "uwazi" / "victims.csv"
D = date


# -- the conventions, without a database ------------------------------------------------
def test_headers_are_cleaned_up_as_uwazi_does():
    assert safe_name("  Year of birth ") == "year_of_birth"
    assert safe_name("Victim's Category (FP)") == "victim_s_category__fp_"
    assert split_header("title__ko") == ("title", "ko")
    assert split_header("Summary__KO") == ("summary", "ko")
    assert split_header("Date of incident") == ("date_of_incident", None)


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_comma_or_semicolon_is_detected(delimiter):
    text = delimiter.join(["Title", "Other names", "Summary"]) + "\n" + \
        delimiter.join(["Kim Chul-ho", "Gim Cheol-ho|Kim Chŏl-ho", '"one, two; three"']) + "\n"
    table = parse_table(text)
    assert table.delimiter == delimiter
    assert table.headers == ["Title", "Other names", "Summary"]
    assert table.rows == [(2, ["Kim Chul-ho", "Gim Cheol-ho|Kim Chŏl-ho", "one, two; three"])]


@pytest.mark.parametrize("cell, start, end, precision", [
    ("1995", D(1995, 1, 1), D(1995, 12, 31), "year"),
    ("1995-12-17", D(1995, 12, 17), D(1995, 12, 17), "day"),
    ("1995/12/17", D(1995, 12, 17), D(1995, 12, 17), "day"),
    ("17/12/1995", D(1995, 12, 17), D(1995, 12, 17), "day"),
    ("December 17, 1995", D(1995, 12, 17), D(1995, 12, 17), "day"),
    ("Dec 17 1995", D(1995, 12, 17), D(1995, 12, 17), "day"),
    ("1995-12", D(1995, 12, 1), D(1995, 12, 31), "month"),
    ("December 1995", D(1995, 12, 1), D(1995, 12, 31), "month"),
    ("1950:1953", D(1950, 1, 1), D(1953, 12, 31), "range"),
    ("1950/06/25:1953/07/27", D(1950, 6, 25), D(1953, 7, 27), "range"),
    (":1953/07/27", None, D(1953, 7, 27), "range"),
    ("1950/06/25:", D(1950, 6, 25), None, "range"),
    ("1950-06-25~1953-07-27", D(1950, 6, 25), D(1953, 7, 27), "range"),
    ("~1953-07-27", None, D(1953, 7, 27), "range"),
    ("1995-12-01~1995-12-31", D(1995, 12, 1), D(1995, 12, 31), "month"),
    ("1995-01-01~1995-12-31", D(1995, 1, 1), D(1995, 12, 31), "year"),
])
def test_every_date_form_keeps_its_precision(cell, start, end, precision):
    assert parse_dates(cell) == [DateValue(start, end, precision)]


def test_month_first_collections_and_bad_dates():
    assert parse_dates("12/17/1995", "MM/dd/yyyy") == [DateValue(D(1995, 12, 17), D(1995, 12, 17), "day")]
    for bad in ("12/17/1995", "1995-13-01", "yesterday", ":", "1953:1950"):
        with pytest.raises(ValueError):
            parse_dates(bad)


def test_several_dates_and_ranges():
    assert parse_dates("1971-12-17|1977|1950:1953") == [
        DateValue(D(1971, 12, 17), D(1971, 12, 17), "day"),
        DateValue(D(1977, 1, 1), D(1977, 12, 31), "year"),
        DateValue(D(1950, 1, 1), D(1953, 12, 31), "range")]


def test_dates_are_written_back_in_uwazi_forms():
    for cell in ("1995", "1995-12-17", "1950-06-25~1953-07-27", "~1953-07-27", "1995-12-01~1995-12-31"):
        value = parse_dates(cell)[0]
        assert parse_dates(format_date(value)) == [value]


def test_geolocation_and_links():
    assert parse_geolocation("39.75|126.85") == (39.75, 126.85)
    for bad in ("39.75", "north|east", "91|0"):
        with pytest.raises(ValueError):
            parse_geolocation(bad)
    assert parse_link("Report|https://example.org/a") == ("Report", "https://example.org/a")
    assert parse_link("|https://example.org/a") == (None, "https://example.org/a")
    with pytest.raises(ValueError):
        parse_link("Report|not a url")


MAPPING = {
    "default_template": "victim",
    "source": {"uid": "src-uw", "kind": "petition", "terms_of_use": "internal"},
    "templates": {
        "victim": {
            "node": "Person", "roles": ["Victim"], "id": "case_id",
            "title": {"en": "name_en", "ko": "name_ko"},
            "properties": {
                "other_names": {"field": "name_variants", "type": "multiple"},
                "gender": {"field": "sex", "vocabulary": "sex", "label": "Sex of the victim"},
                "year_of_birth": {"field": "birth_year", "type": "year"},
                "category": {"field": "category", "vocabulary": "victim_category",
                             "values": {"Korean War::ROK prisoner of war": "war_pow"}},
                "status": {"field": "status", "vocabulary": "status"},
            },
            "events": {"date_of_incident": {"kind": {"column": "violation", "values": {
                "Abduction": "abduction", "Detention": "arbitrary_detention"}},
                "place": "place_of_incident", "perpetrators": "perpetrator",
                "summary": {"column": "summary", "languages": {"en": "summary_en", "ko": "summary_ko"}}}},
            "relationships": {"place_of_incident": {"type": "TAKEN_FROM", "to": "Location"},
                              "home": {"type": "LIVED_AT", "to": "Location"},
                              "relatives": {"type": "RELATIVE_OF", "to": "Person", "relation": "sibling"}},
            "links": {"report": {"kind": "news_article"}},
        },
        "place": {"node": "Location", "title": "name_en", "set": {"kind": "city"},
                  "properties": {"coordinates": {"field": "coords", "type": "geolocation"}}},
        "perpetrator": {"node": "PerpetratorBody", "title": "name_en"},
    },
}


def _convert(text: str, mapping: dict | None = None, lookup=None):
    return convert(parse_table(text), mapping_from(mapping or MAPPING), lookup=lookup)


def _records(conversion, kind: str) -> list[dict]:
    return [r for _, r in conversion.records if isinstance(r, dict) and r.get("record") == kind]


def _rels(conversion, rtype: str) -> list[tuple[str, str]]:
    return [(r["from"], r["to"]) for r in _records(conversion, "rel") if r["type"] == rtype]


def test_a_row_becomes_records_with_every_convention():
    text = (
        "Template;Case ID;Title;title__ko;Other names;Sex of the victim;Year of birth;Category;Status;"
        "Violation;Date of incident;Place of incident;Perpetrator;Summary;summary__ko;Report;Coordinates\n"
        "Place;;Sokcho;;;;;;;;;;;;;;38.207|128.591\n"
        "Perpetrator;;Liaison Department;;;;;;;;;;;;;;\n"
        "Victim;FP-1;Kim Chul-ho;김철호;Gim Cheol-ho | Kim Chŏl-ho;Male;17/12/1931;"
        "Korean War::ROK prisoner of war;Missing;Abduction|Detention;1971-12-17|1972:1975;Sokcho;"
        "Liaison Department;Seized at sea;바다에서 납치;Synthetic report|https://example.org/r1;\n")
    out = _convert(text)
    assert not out.problems(), out.problems()
    person = _records(out, "Person")[0]
    assert person["uid"] == "uw-victim-FP-1"
    assert person["name_en"] == "Kim Chul-ho" and person["name_ko"] == "김철호"
    assert person["name_variants"] == ["Gim Cheol-ho", "Kim Chŏl-ho"]
    assert (person["sex"], person["birth_year"], person["category"], person["status"]) == \
        ("male", 1931, "war_pow", "missing")
    place = _records(out, "Location")[0]
    assert (place["lat"], place["lon"], place["kind"]) == (38.207, 128.591, "city")
    events = sorted(_records(out, "Event"), key=lambda e: e["uid"])
    assert [(e["kind"], e["date_start"], e["date_end"], e["date_precision"]) for e in events] == [
        ("abduction", "1971-12-17", "1971-12-17", "day"),
        ("arbitrary_detention", "1972-01-01", "1975-12-31", "range")]
    assert events[0]["summary_en"] == "Seized at sea" and events[0]["summary_ko"] == "바다에서 납치"
    assert len(_rels(out, "SUBJECTED_TO")) == 2
    assert {t for _, t in _rels(out, "OCCURRED_AT")} == {place["uid"]}
    assert _rels(out, "TAKEN_FROM") == [(person["uid"], place["uid"])]
    body = _records(out, "PerpetratorBody")[0]
    assert {t for _, t in _rels(out, "PERPETRATED_BY")} == {body["uid"]}
    link = next(s for s in _records(out, "Source") if s.get("url"))
    assert (link["title"], link["url"], link["kind"]) == ("Synthetic report", "https://example.org/r1",
                                                         "news_article")
    assert (link["uid"], person["uid"]) in _rels(out, "SUPPORTS")
    assert ("src-uw", person["uid"]) in _rels(out, "SUPPORTS")
    assert all(r.get("sources") == ["src-uw"] for r in _records(out, "rel")
               if r["type"] in ("SUBJECTED_TO", "TAKEN_FROM", "OCCURRED_AT"))


def test_vocabulary_labels_in_english_or_korean_and_nested_values_by_their_path():
    out = _convert("Title,Sex of the victim,Category,Status\n"
                   "A,여성,Korean War :: ROK prisoner of war,Missing\n"
                   "B,female,Japanese abductee,행방불명\n")
    assert not out.problems()
    people = sorted(_records(out, "Person"), key=lambda p: p["name_en"])
    assert [(p["sex"], p["category"], p["status"]) for p in people] == [
        ("female", "war_pow", "missing"), ("female", "japanese_abductee", "missing")]


def test_a_nested_value_is_known_by_its_whole_path_never_by_its_top_level_namesake():
    """Uwazi's thesaurus groups: ``3::A`` is the value A of group 3, another value than the
    top-level A (and than A of another group). Unmapped, it is an error of its row and
    column, not the top-level value's key nor a vocabulary label's."""
    mapping = {**MAPPING, "templates": {**MAPPING["templates"], "victim": {
        **MAPPING["templates"]["victim"], "properties": {
            "category": {"field": "category", "values": {
                "A": "war_abductee", "3::B": "postwar_abductee"}}}}}}
    out = _convert("Title,Category\nKim,A\nLee,3 :: B\nPark,3::A\nChoi,Groups::Japanese abductee\n",
                   mapping)
    assert {(p.line, p.field) for p in out.problems()} == {(4, "Category"), (5, "Category")}
    reasons = " ".join(p.reason for p in out.problems())
    assert "'3::A' is not a known value of victim_category" in reasons
    assert "whole path Parent::Child" in reasons
    rows = {r[0]: r[1] for r in out.records if isinstance(r[1], dict) and r[1].get("record") == "Person"}
    assert (rows[2]["category"], rows[3]["category"]) == ("war_abductee", "postwar_abductee")


def test_invalid_cells_are_reported_by_row_and_column():
    out = _convert("Title,Sex of the victim,Year of birth,Date of incident,Violation,Report\n"
                   "A,robot,1931,1971-12-17,Abduction,\n"
                   "B,male,someday,31/02/1971,Abduction,just text\n"
                   ",male,1931,,,\n")
    problems = {(p.line, p.field) for p in out.problems()}
    assert problems == {(2, "Sex of the victim"), (3, "Year of birth"), (3, "Date of incident"),
                        (3, "Report"), (4, "title")}


def test_relationship_titles_unknown_and_ambiguous_are_reported_never_guessed():
    def lookup(label, titles):
        return {"Seoul": ["loc-a", "loc-b"], "Sokcho": ["loc-sokcho"]} if label == "Location" else {}

    out = _convert("Title,Home,Place of incident\n"
                   "A,Seoul,Sokcho\n"
                   "B,Atlantis,Sokcho\n"
                   "C,Sokcho,Sokcho\n", lookup=lookup)
    reasons = {(p.line, p.field): p.reason for p in out.problems()}
    assert set(reasons) == {(2, "Home"), (3, "Home")}
    assert "ambiguous" in reasons[(2, "Home")] and "loc-a" in reasons[(2, "Home")]
    assert "no Location titled 'Atlantis'" in reasons[(3, "Home")]
    assert [to for _, to in _rels(out, "LIVED_AT")] == ["loc-sokcho"]  # row C only


def test_header_problems_and_unused_columns():
    out = _convert("Title,title__en,Sex of the victim,gender__ko,Colour,File\nA,A,male,남성,red,a.pdf\n")
    header = {p.field: p.reason for p in out.problems() if p.line == 1}
    assert set(header) == {"title__en"} and "with and without its default" in header["title__en"]
    assert "unused columns: Colour, File" in out.warnings
    assert ("language columns ignored, the mapping has no field for their language: "
            "gender__ko (ko)") in out.warnings
    assert any(w.startswith("Uwazi's own columns, not imported: File (") for w in out.warnings)


def test_mapping_errors_name_the_place():
    bad = {"templates": {"v": {"node": "Person", "properties": {"x": {"field": "nope"}}}}}
    with pytest.raises(MappingError, match="templates.v.properties.x"):
        mapping_from(bad)
    with pytest.raises(MappingError, match="consent is recorded by an editor"):
        mapping_from({"templates": {"c": {"node": "Consent"}}})
    with pytest.raises(MappingError, match="geolocation goes to a Location"):
        mapping_from({"templates": {"v": {"node": "Person", "properties": {
            "home": {"field": "name_en", "type": "geolocation"}}}}})
    with pytest.raises(MappingError, match="LIVED_AT goes from Person"):
        mapping_from({"templates": {"v": {"node": "Event", "title": "summary_en",
                                          "set": {"kind": "abduction"}, "relationships": {
            "home": {"type": "LIVED_AT", "to": "Location"}}}}})


# -- importing into the vault -------------------------------------------------------------
REFERENCE = [
    {"record": "Location", "uid": "loc-seoul", "name_en": "Seoul", "name_ko": "서울", "kind": "city"},
    {"record": "Location", "uid": "loc-sokcho", "name_en": "Sokcho", "kind": "city"},
    {"record": "PerpetratorBody", "uid": "body-kpa", "name_en": "Korean People's Army"},
]


def _load_reference(vault, extra: list[dict] = ()) -> None:
    import_records(vault, enumerate([*REFERENCE, *extra], start=1), "reference")


_counts = record_counts


def _write(tmp_path: Path, name: str, rows: list[list[str]], delimiter: str = ",") -> Path:
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


VICTIMS = [
    ["Case ID", "Title", "title__ko", "Sex of the victim", "Year of birth", "Violation", "Date of incident",
     "Place of incident", "Home", "Perpetrator", "Relatives", "Date added"],
    ["FP-1", "Kim Chul-ho", "김철호", "Male", "1931", "Abduction", "December 17, 1971", "Sokcho",
     "서울", "Korean People's Army", "", "2021-01-01"],
    ["FP-2", "Kim Young-hee", "김영희", "Female", "1934", "", "", "", "Seoul", "", "Kim Chul-ho",
     "2021-01-01"],
]


def test_import_writes_everything_and_people_enter_confidential(vault, tmp_path):
    _load_reference(vault)
    path = _write(tmp_path, "victims.csv", VICTIMS, delimiter=";")
    report = import_uwazi(vault, path, mapping_from(MAPPING))
    assert report.nodes["Person"] == 2 and report.nodes["Event"] == 1
    assert any("Date added" in w for w in report.warnings)
    records, _, _ = vault.execute_query(
        "MATCH (p:Person) RETURN p.uid AS uid, p:Confidential AS conf, p:Public AS pub ORDER BY uid")
    assert [(r["uid"], r["conf"], r["pub"]) for r in records] == [
        ("uw-victim-FP-1", True, False), ("uw-victim-FP-2", True, False)]
    records, _, _ = vault.execute_query(
        "MATCH (:Person {uid: 'uw-victim-FP-2'})-[r:RELATIVE_OF]->(b:Person) "
        "RETURN b.uid AS b, r.relation AS rel")
    assert records[0].data() == {"b": "uw-victim-FP-1", "rel": "sibling"}
    records, _, _ = vault.execute_query(
        "MATCH (:Person {uid: 'uw-victim-FP-1'})-[:SUBJECTED_TO]->(e:Event)-[:OCCURRED_AT]->(l) "
        "RETURN e.date_precision AS p, toString(e.date_start) AS d, l.uid AS l")
    assert records[0].data() == {"p": "day", "d": "1971-12-17", "l": "loc-sokcho"}
    records, _, _ = vault.execute_query("MATCH (s:Source {uid: 'src-uw'}) RETURN labels(s) AS l")
    assert "Confidential" in records[0]["l"]  # internal terms


def test_reimport_is_idempotent(vault, tmp_path):
    _load_reference(vault)
    path = _write(tmp_path, "victims.csv", VICTIMS)
    import_uwazi(vault, path, mapping_from(MAPPING))
    first = _counts(vault)
    import_uwazi(vault, path, mapping_from(MAPPING))
    assert _counts(vault) == first


def test_invalid_rows_write_nothing_and_name_row_and_column(vault, tmp_path):
    _load_reference(vault)
    before = _counts(vault)
    rows = [r[:] for r in VICTIMS]
    rows[1][4] = "nineteen"            # row 2: Year of birth
    rows[2][8] = "Atlantis"            # row 3: Home
    path = _write(tmp_path, "victims.csv", rows)
    with pytest.raises(LoadError) as info:
        import_uwazi(vault, path, mapping_from(MAPPING))
    message = str(info.value)
    assert "nothing was written" in message
    assert "line 2, field 'Year of birth'" in message
    assert "line 3, field 'Home': no Location titled 'Atlantis'" in message
    assert _counts(vault) == before


def test_titles_that_are_ambiguous_in_the_vault_are_reported(vault, tmp_path):
    _load_reference(vault, [{"record": "Location", "uid": "loc-seoul-2", "name_en": "Seoul",
                             "kind": "site"}])
    path = _write(tmp_path, "victims.csv", VICTIMS)
    with pytest.raises(LoadError, match=r"line 3, field 'Home': 'Seoul' names 2 Location records"):
        import_uwazi(vault, path, mapping_from(MAPPING))


def test_uwazi_import_zip(vault, tmp_path):
    _load_reference(vault)
    csv_path = _write(tmp_path, "import.csv", VICTIMS)
    archive = tmp_path / "collection.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(csv_path, "import.csv")
        z.writestr("FP-1 statement.pdf", b"%PDF-1.4 synthetic")
    report = import_uwazi(vault, archive, mapping_from(MAPPING))
    assert report.nodes["Person"] == 2
    assert any("FP-1 statement.pdf" in w for w in report.warnings)


def test_the_shipped_example_imports_and_exports_from_the_public_graph_only(stores, vault, public,
                                                                          tmp_path):
    from loaders.synthetic import generate

    # the reference records, approved by an editor as the generator's are (0 victims)
    import_records(vault, enumerate(generate(0), start=1), "reference")
    mapping = load_mapping(EXAMPLE_MAPPING)
    report = import_uwazi(vault, EXAMPLE_CSV, mapping)
    assert report.nodes["Person"] == 5 and report.nodes["Event"] == 6
    publish_all(vault, public)
    out = tmp_path / "export.csv"
    assert export_uwazi(public, mapping, "victim", out) == 0  # nobody consented yet
    # one victim consents, is reviewed, and the import source is cleared for publication
    uid = "uw-victim-FP-S-0001"
    editor.record_consent(stores, uid, "publication", date(2024, 1, 1), "Synthetic editor",
                          actor="editor@test")
    editor.review(stores, uid, "approved", actor="editor@test")
    editor.set_source_terms(stores, "src-uwazi-footprints", "public", actor="editor@test")
    # the imported source waits for an editor's review like the people it supports
    assert editor.explain(stores, "src-uwazi-footprints")["decision"] == "Restricted"
    editor.review(stores, "src-uwazi-footprints", "approved", actor="editor@test")
    assert export_uwazi(public, mapping, "victim", out) == 1
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    row = rows[0]
    assert row["Title"] == "Kim Chul-ho" and row["Title__ko"] == "김철호"
    assert row["date_of_incident"] == "1971-12-17" and row["type_of_violation"] == "Abduction"
    assert row["victim_category"] == "Post-war::ROK abductee" and row["year_of_birth"] == "1931"
    assert row["place_of_origin"] == "Sokcho" and row["notes"] == ""  # notes never published
    text = out.read_text(encoding="utf-8")
    for hidden in ("Lee Young-ja", "이영자", "FP-S-0002", "Choi Mi-sook", "Synthetic note"):
        assert hidden not in text
    # and the export reads back under the same mapping, to the same person
    again = convert(parse_table(text), mapping, lookup=lambda label, titles: {
        t: ["x"] for t in titles})
    assert not again.problems(), again.problems()
    person = _records(again, "Person")[0]
    assert (person["name_en"], person["birth_year"], person["category"]) == \
        ("Kim Chul-ho", 1931, "postwar_abductee")


# -- the held-back acceptance run's findings -------------------------------------------------
ACCEPTANCE = Path(__file__).parent / "data" / "uwazi"


def _acceptance_mapping(**changes):
    import yaml

    raw = yaml.safe_load((ACCEPTANCE / "collection.yml").read_text(encoding="utf-8"))
    for template, spec in changes.items():
        raw["templates"][template] = {**raw["templates"][template], **spec}
    return mapping_from(raw, "collection.yml")


def _people(vault) -> dict[str, dict]:
    records, _, _ = vault.execute_query(
        "MATCH (p:Person) RETURN p.uid AS uid, p.name_en AS en, p.name_variants AS variants, "
        "p.notes AS notes, p.category AS category")
    keyring = encryption.active()  # private notes are sealed in the vault (graph/encryption.py)
    return {r["uid"]: {**r.data(), "notes": keyring.open_value(r["notes"], r["uid"], "notes")}
            for r in records}


def test_the_acceptance_collection_imports(vault, tmp_path):
    """An Uwazi export as Uwazi writes it: its Spanish titles kept as name variants
    (``title: {en: name_en, es: name_variants}``, which passed the mapping check and then
    failed on every row as "Not a valid list"), ``Text label__en`` on a property without
    languages (Uwazi accepts a default-language suffix), an unmapped ``Title__fr`` (was
    fatal: now ignored and reported), nested values by their path, a user property named
    Language (an ordinary unused column, not "Uwazi's Language") and Uwazi's own columns."""
    report = import_uwazi(vault, ACCEPTANCE / "collection.csv",
                          load_mapping(ACCEPTANCE / "collection.yml"))
    assert (report.nodes["Person"], report.nodes["Location"]) == (3, 1)
    people = _people(vault)
    kim, lee, park = (people[f"acc-victim-FP-A{n}"] for n in (1, 2, 3))
    assert kim["variants"] == ["Kim Cheol-ho", "Gim Cheol-ho"]  # Title__es, then Other names
    assert lee["variants"] == ["Lee Yeong-ja"] and park["variants"] is None
    assert (kim["notes"], lee["notes"]) == ("Synthetic note one", None)  # Text label__en
    assert (kim["category"], lee["category"], park["category"]) == \
        ("war_abductee", "postwar_abductee", "war_pow")
    warnings = report.warnings
    assert "unused columns: Date added, Language, Documents, Attachments, Published" in warnings
    assert ("language columns ignored, the mapping has no field for their language: "
            "Title__fr (fr)") in warnings
    own = next(w for w in warnings if w.startswith("Uwazi's own columns, not imported: "))
    for column in ("Date added (", "Documents (", "Attachments (", "Published ("):
        assert column in own
    assert "Language" not in own  # a property of the template, not one of Uwazi's columns
    assert not any("files and publication state" in w for w in warnings)


def test_an_unmapped_nested_value_is_an_error_of_its_row_and_column(vault):
    """``Japan::Abductee`` used to take the key of the top-level ``Abductee`` silently."""
    before = _counts(vault)
    with pytest.raises(LoadError) as info:
        import_uwazi(vault, ACCEPTANCE / "nested_unmapped.csv",
                     load_mapping(ACCEPTANCE / "collection.yml"))
    message = str(info.value)
    assert "line 4, field 'Category': 'Japan::Abductee' is not a known value" in message
    assert "whole path" in message and "nothing was written" in message
    assert _counts(vault) == before


def test_a_reimport_reports_what_it_created_updated_and_left_unchanged(vault, tmp_path):
    """A re-import said "6 nodes, 9 relationships" as if it had written them: it now says
    it created nothing, and a changed cell is one updated node."""
    mapping = load_mapping(ACCEPTANCE / "collection.yml")
    first = import_uwazi(vault, ACCEPTANCE / "collection.csv", mapping)
    assert "nodes: 5 created, 0 updated, 0 unchanged" in first.summary()  # 4 rows + the source
    again = import_uwazi(vault, ACCEPTANCE / "collection.csv", mapping)
    assert (dict(again.written.created), dict(again.written.updated)) == ({}, {})
    assert again.written.relationships_created == 0 and not again.written.relationships_updated
    summary = again.summary()
    assert "nodes: 0 created, 0 updated, 4 unchanged" in summary  # the source is referenced
    assert "relationships: 0 created, 0 updated" in summary and "nothing changed" in summary
    changed = tmp_path / "collection.csv"
    changed.write_text((ACCEPTANCE / "collection.csv").read_text(encoding="utf-8")
                       .replace("Synthetic note one", "Synthetic note corrected"), encoding="utf-8")
    third = import_uwazi(vault, changed, mapping)
    assert dict(third.written.updated) == {"Person": 1} and not third.written.created
    assert "Person: 3 (1 updated, 2 unchanged)" in third.summary()


def test_the_acceptance_collection_imports_from_an_uwazi_zip(vault, tmp_path):
    archive = tmp_path / "collection.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(ACCEPTANCE / "collection.csv", "import.csv")
        z.writestr("1614556800000synthetic.pdf", b"%PDF-1.4 synthetic")
    report = import_uwazi(vault, archive, load_mapping(ACCEPTANCE / "collection.yml"))
    assert report.nodes["Person"] == 3
    assert any("1614556800000synthetic.pdf" in w for w in report.warnings)


@pytest.mark.parametrize("change, place, reason", [
    # several values into a field holding one
    ({"properties": {"other_names": {"field": "name_en", "type": "multiple"}}},
     "templates.victim.properties.other_names", "type: multiple gives several values"),
    # a text into a year, a boolean, a date
    ({"properties": {"born": {"field": "birth_year"}}}, "templates.victim.properties.born",
     "give type: integer or year"),
    ({"properties": {"inside": {"field": "in_dprk"}}}, "templates.victim.properties.inside",
     "give type: boolean"),
    ({"properties": {"seen": {"field": "reviewed_on", "type": "text"}}},
     "templates.victim.properties.seen", "never by an import"),
    # two languages, or two columns, into one single-valued field
    ({"title": {"en": "name_en", "es": "name_en"}}, "templates.victim.title",
     "one would overwrite the other"),
    ({"properties": {"alias": {"field": "name_en"}}}, "templates.victim.properties.alias",
     "title (en) fills Person.name_en too"),
    ({"properties": {"summary": {"languages": {"en": "notes", "es": "notes"}}}},
     "templates.victim.properties.summary", "one would overwrite the other"),
    # a title is one text: not a year
    ({"title": {"en": "name_en", "es": "birth_year"}}, "templates.victim.title",
     "a title is one text per language"),
    # a vocabulary field keeps its vocabulary
    ({"properties": {"sex": {"field": "sex", "vocabulary": "status"}}},
     "templates.victim.properties.sex", "takes keys of sex, not of status"),
])
def test_the_mapping_check_refuses_what_every_row_would_fail_on(change, place, reason):
    with pytest.raises(MappingError) as info:
        _acceptance_mapping(victim=change)
    assert place in str(info.value) and reason in str(info.value), str(info.value)


def test_the_mapping_check_refuses_constants_and_missing_required_fields():
    with pytest.raises(MappingError, match=r"templates.place.set.kind: 'town': Must be one of"):
        _acceptance_mapping(place={"set": {"kind": "town"}})
    with pytest.raises(MappingError, match=r"templates.place: Location needs kind"):
        _acceptance_mapping(place={"set": {}})


@pytest.mark.parametrize("change, field", [
    ({"set": {"kind": "city", "review_status": "approved"}}, "review_status"),
    ({"set": {"kind": "city", "reviewed_by": "someone"}}, "reviewed_by"),
    ({"properties": {"status": {"field": "review_status"}}}, "review_status"),
])
def test_no_mapping_approves_what_it_imports(change, field):
    """An editor's review is the one way to approve a record: a mapping that sets it would
    publish an import's places (and their coordinates) without anyone looking."""
    with pytest.raises(MappingError, match=rf"Location.{field} is changed only through an "
                                           r"editor's review"):
        _acceptance_mapping(place=change)


def test_no_mapping_clears_an_at_risk_mark():
    with pytest.raises(MappingError, match=r"Person.at_risk is changed only through an "
                                           r"editor's at-risk mark"):
        _acceptance_mapping(victim={"properties": {"risk": {"field": "at_risk",
                                                             "type": "boolean"}}})


def test_a_default_language_suffix_on_a_property_without_languages():
    mapping = _acceptance_mapping()
    out = convert(parse_table("Title,Text label__EN\nKim,Synthetic note\n"), mapping)
    assert not out.problems()
    assert _records(out, "Person")[0]["notes"] == "Synthetic note"
    both = convert(parse_table("Title,Text label,Text label__en\nKim,a,b\n"), mapping)
    assert [(p.line, p.field) for p in both.problems()] == [(1, "Text label__en")]
    assert "with and without its default language suffix" in both.problems()[0].reason


def test_a_source_template_never_rewrites_an_editors_terms(stores, vault, tmp_path):
    """A Source's terms of use are an editor's decision: a mapping cannot give them, a new
    Source from a Source template is internal, and a re-import leaves one the vault holds
    as the editor left it."""
    with pytest.raises(MappingError, match=r"templates.doc.set: Source.terms_of_use is changed "
                                           r"only through an editor's decision on its terms"):
        mapping_from({"templates": {"doc": {"node": "Source", "title": "title", "set": {
            "kind": "official_document", "terms_of_use": "public"}}}})
    mapping = mapping_from({"templates": {"doc": {"node": "Source", "title": "title",
                                                  "set": {"kind": "official_document"}}}})
    path = _write(tmp_path, "docs.csv", [["id", "Title"], ["D1", "Synthetic report"]])
    import_uwazi(vault, path, mapping)
    uid = "uw-doc-D1"
    terms = ("MATCH (s:Source {uid: $uid}) RETURN s.terms_of_use AS terms, s.title AS title")
    assert vault.execute_query(terms, uid=uid).records[0]["terms"] == "internal"
    editor.set_source_terms(stores, uid, "partners", actor="editor@test")
    import_uwazi(vault, path, mapping)
    assert vault.execute_query(terms, uid=uid).records[0].data() == \
        {"terms": "partners", "title": "Synthetic report"}


# -- export in Uwazi's form, and back ----------------------------------------------------------
#: What the shipped mapping carries of each record type (and may be public).
CARRIED = {"Person": ("name_en", "name_ko", "name_variants", "sex", "birth_year", "nationality",
                      "occupation", "category", "status", "age_group", "synthetic"),
           "Location": ("name_en", "name_ko", "kind", "facility_type", "coords"),
           "PerpetratorBody": ("name_en", "name_ko", "perpetrator", "kind")}
CARRIED_RELS = ["LIVED_AT", "TAKEN_FROM", "LAST_SEEN_AT", "HELD_AT", "RELATIVE_OF", "WITHIN",
                "PART_OF"]


def _carried(driver) -> dict[tuple[str, str], dict]:
    """The records the shipped mapping carries, by type and English name: their fields,
    relationships (type, other end's name) and events, without uids (a place's uid is the
    mapping's after a round trip) nor an editor's review."""
    records, _, _ = driver.execute_query(
        "MATCH (n:Entity) WHERE (n:Person AND n:Victim) OR n:Location OR n:PerpetratorBody "
        "RETURN [l IN labels(n) WHERE l IN ['Person', 'Location', 'PerpetratorBody']][0] AS label, "
        "properties(n) AS props, "
        "[(n)-[r]->(m:Entity) WHERE type(r) IN $carried | [type(r), m.name_en]] AS rels, "
        "[(n)-[:SUBJECTED_TO]->(e:Event) | [e.kind, toString(e.date_start), toString(e.date_end), "
        " e.date_precision, e.summary_en, e.summary_ko, "
        " [(e)-[:OCCURRED_AT]->(l) | l.name_en], [(e)-[:PERPETRATED_BY]->(b) | b.name_en]]] AS events",
        carried=CARRIED_RELS)
    out = {}
    for r in records:
        props = r["props"]
        key = (r["label"], props["name_en"])
        assert key not in out, f"two {key}: a title names one record"
        out[key] = {"fields": {f: props.get(f) for f in CARRIED[r["label"]]},
                    "rels": sorted(r["rels"]), "events": sorted(r["events"], key=str)}
    return out


def _publish_the_example(stores, vault, public) -> None:
    """The shipped example, imported over the synthetic reference data, every victim
    consenting and approved, the import source cleared: all of it public."""
    from loaders.synthetic import generate

    import_records(vault, enumerate(generate(0), start=1), "reference")
    import_uwazi(vault, EXAMPLE_CSV, load_mapping(EXAMPLE_MAPPING))
    for n in range(1, 6):
        uid = f"uw-victim-FP-S-000{n}"
        editor.record_consent(stores, uid, "publication", date(2024, 1, 1), "Synthetic editor",
                              actor="editor@test")
        editor.review(stores, uid, "approved", actor="editor@test")
    editor.set_source_terms(stores, "src-uwazi-footprints", "public", actor="editor@test")
    editor.review(stores, "src-uwazi-footprints", "approved", actor="editor@test")
    publish_all(vault, public)


def test_export_follows_uwazis_own_csv_conventions(stores, vault, public, tmp_path):
    _publish_the_example(stores, vault, public)
    out = tmp_path / "export.csv"
    mapping = load_mapping(EXAMPLE_MAPPING)
    assert export_uwazi(public, mapping, "victim", out) == 5
    with out.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    # csvExporter.ts: Title, Date added, Template first; Documents, Attachments, Published last
    assert header[:3] == ["Title", "Date added", "Template"]
    assert header[-3:] == ["Documents", "Attachments", "Published"]
    assert header[3:6] == ["case_number", "Title__ko", "other_names"]
    cells = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    kim = cells["Kim Chul-ho"]
    assert (kim["Template"], kim["Published"], kim["Date added"]) == ("Victim", "Published", "")
    assert (kim["Documents"], kim["Attachments"]) == ("", "")
    assert kim["synthetic"] == "Yes"  # a yes/no as Uwazi writes a two-value select's label
    assert kim["other_names"] == "Gim Cheol-ho|Kim Chŏl-ho"
    assert kim["victim_category"] == "Post-war::ROK abductee"
    choi = cells["Choi Mi-sook"]
    assert choi["date_of_incident"] == "2003-04-05|2011"  # one date a day, one a year
    assert choi["type_of_violation"] == "Forced repatriation|Arbitrary detention"  # by position
    assert cells["Park Sung-nam"]["date_of_incident"] == "1951-06-01~1953-07-27"
    # every template in one file, as Uwazi exports several: places and bodies too
    every = tmp_path / "every.csv"
    total = export_uwazi(public, mapping, None, every)
    templates = {row["Template"] for row in csv.DictReader(every.open(encoding="utf-8"))}
    assert templates == {"Victim", "Place", "Perpetrator"} and total > 5
    geolocated = [row for row in csv.DictReader(every.open(encoding="utf-8"))
                  if row["geolocation"]]
    lat, lon = geolocated[0]["geolocation"].split("|")
    assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180


def test_export_then_import_into_an_empty_vault_gives_the_same_records(stores, vault, public,
                                                                     tmp_path):
    from tests.support.stores import wipe

    _publish_the_example(stores, vault, public)
    mapping = load_mapping(EXAMPLE_MAPPING)
    out = tmp_path / "every.csv"
    export_uwazi(public, mapping, None, out)
    exported = _carried(public)
    assert sum(1 for label, _ in exported if label == "Person") == 5
    wipe(stores, "vault")
    wipe(stores, "public")
    report = import_uwazi(vault, out, mapping)
    assert report.written.created["Person"] == 5
    assert _carried(vault) == exported


def test_the_vault_title_lookup_finds_a_witness_by_the_keyed_hash_of_the_name(stores, vault):
    """A relationship cell naming a witness or relative, whose names are sealed in the vault
    (graph/encryption.py), is resolved through the keyed hashes of the title: by the exact
    name (case, spacing and hyphens aside), never by a part of it, never through plaintext."""
    import_file(vault, ROOT / "tests" / "graph" / "data" / "consent_states.jsonl")
    lookup = vault_titles(vault, "neo4j")
    found = lookup("Person", ["Cha Dongsu-witness", "CHA DONGSU WITNESS", "차동수증인", "Cha",
                              "Hwang Ilsu-none"])
    assert found == {"Cha Dongsu-witness": ["p-1006"], "CHA DONGSU WITNESS": ["p-1006"],
                     "차동수증인": ["p-1006"], "Hwang Ilsu-none": ["p-1001"]}
    assert lookup("Witness", ["Ch'a Tong-su Witness"]) == {"Ch'a Tong-su Witness": ["p-1006"]}
    assert lookup("Victim", ["Cha Dongsu-witness"]) == {}
