"""The documents benchmark (bench/documents.py) at a tiny scale, so that it does not rot:
every step runs on the test servers through the real pipeline, and what it reports must
hold -- counts and outcomes, never timings. It replaces the test stores' data and files."""

from __future__ import annotations

import json

import pytest

from bench import documents
from tests.support.documents import empty_files
from tests.support.stores import wipe

SCALE = documents.Scale(victims=200, real=4, scans=1, documents=16, kept_back=4, queries=2,
                        bars=False)


@pytest.fixture(scope="module")
def ran(stores, tmp_path_factory):
    """One tiny run for the module's tests; the stores emptied after it."""
    try:
        yield documents.run(stores, SCALE, workdir=tmp_path_factory.mktemp("bench"))
    finally:
        for name in ("vault", "public"):
            wipe(stores, name)
        empty_files(stores)


def public_documents(stores) -> list[dict]:
    rows, _, _ = stores.public.execute_query(
        "MATCH (d:Document) RETURN d.uid AS uid, d.public_sha256 AS copy, "
        "d.public_thumb_sha256 AS thumb", database_=stores.database("public"))
    return [r.data() for r in rows]


@pytest.mark.slow
def test_every_real_file_is_ingested_and_processed(ran):
    made = SCALE.real + SCALE.scans
    assert ran["ingest"]["pipeline"]["documents"] == ran["ingest"]["raw"]["documents"] == made
    assert set(ran["ingest"]["pipeline"]["per_kind"]) >= {"photo", "video", "scan"}
    assert {"letter (ko)", "letter (en)"} & set(ran["ingest"]["pipeline"]["per_kind"])
    assert ran["processing"]["pipeline"]["outcome"] == {"done": SCALE.real}
    assert ran["processing_ocr"]["pipeline"]["outcome"] == {"done": SCALE.scans}
    assert ran["processing_ocr"]["media_alone"]["documents"] == SCALE.scans
    for step in ("ingest", "processing", "processing_ocr"):
        assert ran[step]["pipeline"]["bytes"] > 0 and ran[step]["pipeline"]["mb_per_s"] > 0


@pytest.mark.slow
def test_replicas_fill_the_vault_and_the_kept_back_stay_out(ran, stores):
    assert ran["vault_documents"] == SCALE.documents + SCALE.kept_back
    replicas = SCALE.documents - SCALE.real - SCALE.scans
    kept_back = {f"doc-bench-r{n:06d}" for n in range(replicas, replicas + SCALE.kept_back)}
    shown = {d["uid"] for d in public_documents(stores)}
    assert shown and not shown & kept_back
    assert all(r["public_documents"] <= SCALE.documents for r in ran["publication"])


@pytest.mark.slow
def test_publication_syncs_the_public_file_area(ran, stores):
    baseline, (first, again, restricted) = ran["publish_without_documents"], ran["publication"]
    assert baseline["public_documents"] == baseline["public_files"] == 0
    assert first["copied"] == first["public_files"] > 0 and first["removed"] == 0
    assert again["copied"] == again["removed"] == 0
    assert again["public_files"] == first["public_files"]
    assert restricted["removed"] > 0
    assert restricted["public_documents"] < again["public_documents"]
    # what is left is exactly what the public documents carry: nothing more, nothing less
    carried = {h for d in public_documents(stores) for h in (d["copy"], d["thumb"]) if h}
    assert set(stores.files.public.hashes()) == carried
    assert restricted["public_files"] == len(carried)


@pytest.mark.slow
def test_search_is_measured_against_the_raw_query(ran, tmp_path):
    assert set(ran["search"]) == {"Hangul, one word", "Hangul, several words",
                                  "English, one word", "English, several words"}
    for row in ran["search"].values():
        assert row["errors"] == 0
        for timing in ("first", "service", "page", "raw", "raw_search"):
            assert row[timing]["n"] == SCALE.queries
    assert ran["search"]["Hangul, one word"]["hits_mean"] > 0  # 편지: every letter's title
    out = tmp_path / "documents.json"
    documents.write(ran, out)
    written = json.loads(out.read_text())
    assert written["machine"]["cores"] and written["search"] == ran["search"]
    table = documents.table(written)
    for heading in ("ingest (store only)", "processing with OCR (scans)", "English, several words",
                    "public file area empty"):
        assert heading in table
