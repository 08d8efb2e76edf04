"""``footprints documents demo``: synthetic letters, scans, photos and videos about the
vault's victims, through the real pipeline, made once."""

from __future__ import annotations

from click.testing import CliRunner

from graph.publication import publish_stores
from loaders.importer import import_file
from loaders.synthetic import generate, write_jsonl
from service.cli import main
from tests.support.documents import empty_files


def test_demo_documents_are_made_once_and_consent_decides(settings, stores, vault, public,
                                                         tmp_path):
    path = tmp_path / "demo.jsonl"
    write_jsonl(generate(60, seed=3), path)
    import_file(stores.vault, path, database=stores.database("vault"))
    publish_stores(stores)
    empty_files(stores)
    runner = CliRunner()
    first = runner.invoke(main, ["documents", "demo", "--victims", "8", "--no-ocr"], obj=settings)
    assert first.exit_code == 0, first.output
    assert "processing done" in first.output and "failed" not in first.output
    again = runner.invoke(main, ["documents", "demo", "--victims", "8", "--no-ocr"], obj=settings)
    assert "already made" in again.output
    rows, _, _ = stores.vault.execute_query(
        "MATCH (d:Document) RETURN d.kind AS kind, d:Public AS public, "
        "[(d)-[:ABOUT]->(p:Person) | p:Public][0] AS person_public",
        database_=stores.database("vault"))
    assert len(rows) >= 8 and {r["kind"] for r in rows} >= {"letter", "photo"}
    assert not any(r["public"] and not r["person_public"] for r in rows)
    published, _, _ = stores.public.execute_query("MATCH (d:Document) RETURN count(d) AS n",
                                                  database_=stores.database("public"))
    assert published[0]["n"] == sum(r["public"] for r in rows)
    verify = runner.invoke(main, ["documents", "verify"], obj=settings)
    assert verify.exit_code == 0, verify.output
