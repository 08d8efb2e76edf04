"""Downloads stream the public graph; JSON Lines imports back losslessly."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
import zipfile

from service.public import downloads

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def test_jsonl_is_the_interchange_format(public_ctx, tmp_path):
    lines = [json.loads(x) for x in "".join(downloads.jsonl()).splitlines()]
    people = {r["uid"]: r for r in lines if r["record"] == "Person"}
    assert set(people) == {"p-x1", "p-x2", "p-x3", "p-x4", "p-x9", "p-1007", "p-1010"}
    assert people["p-x1"]["roles"] == ["Victim"]
    for record in lines:
        assert not {"generation", "cleared_sources", "cleared_by_family", "search_keys"} & set(record)
    places = {r["uid"]: r for r in lines if r["record"] == "Location"}
    assert places["loc-sokcho"]["lat"] == 38.2
    assert any(r["record"] == "rel" and r["type"] == "PART_OF" for r in lines)
    assert not any(r["record"] == "Consent" for r in lines)


def test_jsonl_passes_the_importers_validation(public_ctx, tmp_path):
    from loaders.importing.read import read_records
    from loaders.importing.validate import parse

    path = tmp_path / "public.jsonl"
    path.write_text("".join(downloads.jsonl()), encoding="utf-8")
    parsed = parse(read_records(path, []))
    assert not parsed.problems, parsed.problems[:3]


def test_csv_tables(public_ctx):
    rows = list(csv.DictReader(io.StringIO("".join(downloads.csv("persons")))))
    by_uid = {r["uid"]: r for r in rows}
    assert by_uid["p-x1"]["name_variants"] == "Gim Cheol-ho;Kim Ch'ŏl-ho"
    assert by_uid["p-x9"]["roles"] == "Official"
    assert "contact" not in rows[0] and "notes" not in rows[0]
    places = {r["uid"]: r for r in csv.DictReader(io.StringIO("".join(downloads.csv("locations"))))}
    assert places["loc-camp22"]["lat"] == "42.5" and places["loc-camp22"]["lon"] == "129.9"
    rels = list(csv.DictReader(io.StringIO("".join(downloads.csv("relationships")))))
    part_of = next(r for r in rels if r["type"] == "PART_OF" and r["from"] == "body-bureau7")
    assert part_of["date_from"] == "1970-01-01" and part_of["sources"] == "src-x1"


def test_csv_zip_holds_every_table(public_ctx):
    archive = zipfile.ZipFile(io.BytesIO(b"".join(downloads.csv_zip())))
    assert archive.testzip() is None
    assert set(archive.namelist()) == {f"{t}.csv" for t in downloads.CSV_TABLES}
    assert "p-x1" in archive.read("persons.csv").decode("utf-8")


def test_graphml_parses(public_ctx):
    root = ET.fromstring("".join(downloads.graphml()).encode("utf-8"))
    graph = root.find(f"{GRAPHML}graph")
    nodes = {n.get("id") for n in graph.findall(f"{GRAPHML}node")}
    assert {"p-x1", "body-mss", "loc-camp22"} <= nodes
    edges = graph.findall(f"{GRAPHML}edge")
    assert edges and all(e.get("source") in nodes and e.get("target") in nodes for e in edges)
