"""The demo shows the seed: generated at demo scale (the size and seed of ``make demo``),
imported and published through the real pipeline, the PUBLIC graph holds every victim
category and every forum of the vocabulary, and officials with their units; each of them
public because the consent policy cleared it (the generator documents a few cases so,
loaders/synthetic/victims.py's showcase), and no official the policy keeps back is there.

About 30 s (generation, import and a full publication of 2,000 victims)."""

from __future__ import annotations

import pytest

from graph.consent.policy import PUBLIC
from graph.publication import publish_all
from graph.vocabularies import choices
from loaders.importer import import_file
from loaders.synthetic import SCALES, generate, write_jsonl

pytestmark = pytest.mark.slow


def rows(driver, query: str, **params) -> list[dict]:
    records, _, _ = driver.execute_query(query, **params)
    return [dict(r) for r in records]


@pytest.fixture(scope="module")
def demo(stores, tmp_path_factory):
    from tests.support.stores import wipe

    for name in ("vault", "public"):
        wipe(stores, name)
    path = tmp_path_factory.mktemp("demo") / "demo.jsonl"
    write_jsonl(generate(SCALES["demo"], seed=1), path)
    import_file(stores.vault, path, database=stores.database("vault"))
    publish_all(stores.vault, stores.public)
    return stores


def test_every_category_and_forum_is_public(demo):
    public = demo.public
    categories = {r["k"]: r["n"] for r in rows(
        public, "MATCH (p:Victim) RETURN p.category AS k, count(*) AS n")}
    assert set(categories) == set(choices("victim_category")), categories
    forums = {r["k"]: r["n"] for r in rows(
        public, "MATCH (p:Proceeding) RETURN p.forum AS k, count(*) AS n")}
    assert set(forums) == set(choices("forum")), forums
    # Each public proceeding concerns a public victim, in the public graph too.
    orphans = rows(public, "MATCH (p:Proceeding) WHERE NOT (p)-[:CONCERNS]->(:Victim) "
                           "RETURN p.uid AS uid")
    assert orphans == []


def test_public_officials_have_their_units(demo):
    officials = rows(demo.public, "MATCH (o:Official)-[:MEMBER_OF]->(b:PerpetratorBody) "
                                  "RETURN o.uid AS uid, b.uid AS unit")
    assert len({r["uid"] for r in officials}) >= 8
    # Only those the policy clears: consent to publication and the public press source.
    vault = rows(demo.vault, "MATCH (o:Official) OPTIONAL MATCH (s:Source)-[:SUPPORTS]->(o) "
                             "WHERE s.terms_of_use = 'public' RETURN o.uid AS uid, "
                             "o.name_en AS name, labels(o) AS labels, count(s) AS public_sources")
    public_uids = {r["uid"] for r in rows(demo.public, "MATCH (o:Official) RETURN o.uid AS uid")}
    hidden = [r for r in vault if r["public_sources"] == 0]
    assert hidden and len(public_uids) < len(vault)
    for official in vault:
        assert (official["uid"] in public_uids) == (PUBLIC in official["labels"])
    for official in hidden:
        assert official["uid"] not in public_uids
        found = rows(demo.public, "MATCH (n) WHERE any(k IN keys(n) WHERE "
                                  "n[k] IS :: STRING AND n[k] CONTAINS $name) RETURN n.uid AS uid LIMIT 1",
                     name=official["name"])
        assert found == [], (official["uid"], found)


def test_officials_pages_show_only_public_officials(demo, settings):
    from service.app import create_app

    app = create_app(settings, demo)
    app.config["TESTING"] = True
    client = app.test_client()
    vault = rows(demo.vault, "MATCH (o:Official) RETURN o.uid AS uid, o.name_en AS name, "
                             "o.name_ko AS name_ko, labels(o) AS labels")
    listing = client.get("/browse/officials?lang=en&per_page=100").get_data(as_text=True)
    listing += client.get("/browse/officials?lang=ko&per_page=100").get_data(as_text=True)
    shown = 0
    for official in vault:
        profile = client.get(f"/entity/{official['uid']}", follow_redirects=True)
        if PUBLIC in official["labels"]:
            assert profile.status_code == 200 and official["name"] in listing
            shown += 1
        else:
            assert profile.status_code == 404
            assert official["name"] not in listing and official["name_ko"] not in listing
            assert official["uid"] not in listing
    assert shown >= 8
