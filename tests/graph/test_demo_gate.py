"""The leak suite at demo scale: the synthetic generator writes names into titles and
summaries, as real data does; after a full publish and after withdrawals, no string of
the public graph names anyone who is not public (tests/support/textscan.py, which does
not use the gate's code)."""

from __future__ import annotations

import pytest

from graph.consent import editor
from graph.encryption import opened_names
from graph.publication import publish_all
from loaders.importer import import_file
from loaders.synthetic import SCALES, generate, write_jsonl
from tests.support.textscan import scan

pytestmark = pytest.mark.slow


def people_named_in_their_sources(vault, count: int) -> list[str]:
    """Public people whose names are in the titles of public sources that support them: a
    withdrawal must reach those titles too (a source is not one of the records a
    withdrawal re-decides by its links)."""
    rows, _, _ = vault.execute_query(
        "MATCH (s:Source:Public)-[:SUPPORTS]->(p:Person:Public)-[:GAVE]->(c:Consent) "
        "WHERE c.purpose = 'publication' AND c.withdrawn_on IS NULL "
        "RETURN p.uid AS uid, p.name_en AS name_en, collect(s.title) AS titles ORDER BY uid")
    # A witness's or relative's names are sealed in the vault: compared opened.
    named = [r["uid"] for r in (opened_names(r["uid"], r.data()) for r in rows)
             if r["name_en"] and any(r["name_en"] in (t or "") for t in r["titles"])]
    return named[:count]


def titles_naming(public, name: str) -> list[str]:
    rows, _, _ = public.execute_query(
        "MATCH (s:Source) WHERE s.title CONTAINS $name RETURN s.uid AS uid", name=name)
    return [r["uid"] for r in rows]


def test_demo_public_graph_names_no_hidden_person(stores, vault, public, tmp_path):
    path = tmp_path / "demo.jsonl"
    write_jsonl(generate(SCALES["demo"], seed=1), path)
    import_file(vault, path)
    report = publish_all(vault, public)
    assert report.withheld_fields > 100, "the generator writes names into titles"
    leaks, _ = scan(vault, public)
    assert leaks == [], f"{len(leaks)} hidden names in the public graph, e.g. {leaks[:3]}"

    chosen = people_named_in_their_sources(vault, 8)
    assert len(chosen) == 8
    names = {}
    for uid in chosen:
        rows, _, _ = vault.execute_query("MATCH (p:Person {uid: $uid}) RETURN p.name_en AS name_en",
                                         uid=uid)
        names[uid] = opened_names(uid, rows[0].data())["name_en"]
        assert titles_naming(public, names[uid]), "named in a public title before"
    for uid in chosen:
        editor.withdraw_consent(stores, uid, "editor@test")
    leaks, passes = scan(vault, public)
    assert leaks == [], f"{len(leaks)} hidden names after withdrawals, e.g. {leaks[:3]}"
    homonyms = passes.get("homonym of a public person", 0)
    for uid, name in names.items():
        left = titles_naming(public, name)
        # A title may still carry the name if it is about a public namesake (the scan
        # checked each such pass); none of the withdrawn person's own sources does.
        rows, _, _ = vault.execute_query(
            "MATCH (s:Source)-[:SUPPORTS]->(:Person {uid: $uid}) RETURN s.uid AS s", uid=uid)
        assert not set(left) & {r["s"] for r in rows}, f"{uid} still named by own source"
        assert not left or homonyms
