"""The facets publication derives on public victims (event years, perpetrators up the chain of
command, forums, provinces) equal what walking the public graph gives — after a full publish
and after each kind of incremental change — and the dashboard counts stored with every change
equal a live count."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from graph import queries
from graph.consent import editor
from graph.publication import DERIVED_FIELDS, publish_all, republish
from loaders.importer import import_records
from loaders.synthetic import generate

CHAIN = ("PART_OF", "MEMBER_OF")
PLACES = ("TAKEN_FROM", "LAST_SEEN_AT", "LIVED_AT")
#: The victim's own fields among the search facets, in the order they are derived.
OWN = ("category", "sex", "status", "occupation", "age_group", "nationality")


def cypher(driver, text: str, database: str, **params) -> list[dict]:
    records, _, _ = driver.execute_query(text, params, database_=database)
    return [r.data() for r in records]


def walked(driver, database: str) -> dict[str, dict]:
    """Each public victim's facets, computed in Python from the public graph's edges."""
    nodes = {r["uid"]: r for r in cypher(
        driver, "MATCH (n:Entity) RETURN n.uid AS uid, labels(n) AS labels, n.year AS year, "
        "n.perpetrator AS perpetrator, n.forum AS forum, n.kind AS kind, "
        "[f IN $own | [f, n[f]]] AS own", database=database, own=list(OWN))}
    out_edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    in_edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in cypher(driver, "MATCH (a:Entity)-[r]->(b:Entity) "
                                "RETURN a.uid AS a, type(r) AS t, b.uid AS b", database=database):
        out_edges[r["a"], r["t"]].append(r["b"])
        in_edges[r["b"], r["t"]].append(r["a"])

    def up(starts: list[str], types: tuple[str, ...]) -> set[str]:
        seen, frontier = set(starts), list(starts)
        for _ in range(8):
            frontier = [m for n in frontier for t in types for m in out_edges[n, t] if m not in seen]
            seen.update(frontier)
        return seen

    out = {}
    for uid, node in nodes.items():
        if "Victim" not in node["labels"]:
            continue
        events = [e for e in out_edges[uid, "SUBJECTED_TO"] if "Event" in nodes[e]["labels"]]
        doers = [d for e in events for d in out_edges[e, "PERPETRATED_BY"]]
        bodies = [nodes[b] for b in up(doers, CHAIN) if "PerpetratorBody" in nodes[b]["labels"]]
        places = [p for t in PLACES for p in out_edges[uid, t] if "Location" in nodes[p]["labels"]]
        years = sorted({nodes[e]["year"] for e in events} - {None})
        keys = [f"{f}:{v}" for f, v in node["own"] if v is not None]
        keys += [f"decade:{years[0] // 10 * 10}"] if years else []
        keys += sorted({f"perpetrator:{b['perpetrator']}" for b in bodies if b["perpetrator"]})
        keys += sorted({f"forum:{nodes[p]['forum']}" for p in in_edges[uid, "CONCERNS"]
                        if "Proceeding" in nodes[p]["labels"] and nodes[p]["forum"]})
        keys += sorted(f"province:{p}" for p in up(places, ("WITHIN",))
                       if nodes[p]["kind"] == "province")
        out[uid] = {"facet_years": years, "facet_keys": keys}
    return out


def derived(driver, database: str) -> dict[str, dict]:
    fields = ", ".join(f"p.{f} AS {f}" for f in DERIVED_FIELDS)
    return {r["uid"]: {f: r[f] for f in DERIVED_FIELDS} for r in cypher(
        driver, f"MATCH (p:Victim) RETURN p.uid AS uid, {fields}", database=database)}


def assert_consistent(stores) -> None:
    stores.recount.wait()
    public, db = stores.public, stores.database("public")
    assert derived(public, db) == walked(public, db)
    [meta] = cypher(public, "MATCH (m:PublicMeta) RETURN m.statistics AS s",
                                database=db)
    live = queries.run(public, "public/count_statistics", database=db)
    assert sorted(map(json.dumps, json.loads(meta["s"]))) == sorted(map(json.dumps, live))


def vault_write(stores, text: str, **params) -> list[dict]:
    return cypher(stores.vault, text, database=stores.database("vault"), **params)


def again(stores, *uids: str) -> None:
    republish(stores.vault, stores.public, list(uids), stores.database("vault"),
              stores.database("public"), actor="test", recount=stores.recount)


@pytest.fixture
def synthetic(stores, vault, public):
    rows = enumerate(generate(400, seed=5), start=1)
    import_records(vault, rows, "synthetic", database=stores.database("vault"))
    publish_all(vault, public, stores.database("vault"), stores.database("public"))
    return stores


def test_a_full_publish_derives_every_public_victims_facets(synthetic):
    facets = derived(synthetic.public, synthetic.database("public"))
    assert len(facets) > 20
    for prefix in ("category:", "decade:", "perpetrator:", "province:"):
        assert sum(any(k.startswith(prefix) for k in f["facet_keys"])
                   for f in facets.values()) > 10, prefix
    assert_consistent(synthetic)


def test_a_withdrawal_rederives_and_recounts(synthetic):
    [victim] = cypher(synthetic.public, "MATCH (p:Victim)-[:SUBJECTED_TO]->() "
                                  "RETURN p.uid AS uid ORDER BY uid LIMIT 1",
                                  database=synthetic.database("public"))
    editor.withdraw_consent(synthetic, victim["uid"], actor="test")
    assert victim["uid"] not in derived(synthetic.public, synthetic.database("public"))
    assert_consistent(synthetic)


def test_a_changed_chain_of_command_rederives_the_victims_below_it(synthetic):
    # The body a public victim's perpetrator reports to, cut loose from its parent
    # and given another perpetrator type.
    [row] = vault_write(synthetic, """
        MATCH (p:Victim:Public)-[:SUBJECTED_TO]->(:Event)-[:PERPETRATED_BY]->(b:PerpetratorBody)
              -[r:PART_OF]->(parent:PerpetratorBody)
        WHERE b.perpetrator <> 'kpa'
        WITH b, r, parent ORDER BY b.uid LIMIT 1
        DELETE r
        SET b.perpetrator = 'kpa'
        RETURN b.uid AS body, parent.uid AS parent""")
    again(synthetic, row["body"], row["parent"])
    assert_consistent(synthetic)


def test_changed_events_places_and_proceedings_rederive(synthetic):
    [event] = vault_write(synthetic, """
        MATCH (:Victim:Public)-[:SUBJECTED_TO]->(e:Event:Public) WHERE e.year IS NOT NULL
        WITH e ORDER BY e.uid LIMIT 1
        SET e.year = 1901, e.date_start = date('1901-01-01'), e.date_end = date('1901-01-01')
        RETURN e.uid AS uid""")
    again(synthetic, event["uid"])
    [place] = vault_write(synthetic, """
        MATCH (p:Victim:Public)-[r:TAKEN_FROM|LIVED_AT|LAST_SEEN_AT]->(:Location)
        WITH p, r ORDER BY p.uid LIMIT 1
        DELETE r
        RETURN p.uid AS uid""")
    again(synthetic, place["uid"])
    proceedings = vault_write(synthetic, """
        MATCH (pr:Proceeding:Public)-[:CONCERNS]->(:Victim:Public)
        WITH pr ORDER BY pr.uid LIMIT 1
        SET pr.forum = 'court_us'
        RETURN pr.uid AS uid""")
    if proceedings:
        again(synthetic, proceedings[0]["uid"])
    assert_consistent(synthetic)
    years = derived(synthetic.public, synthetic.database("public"))
    assert any(1901 in f["facet_years"] for f in years.values())


def test_derived_facets_stay_out_of_pages_and_downloads(synthetic):
    from loaders import gephi
    from service.public import downloads, shape

    for name in DERIVED_FIELDS:
        assert name in shape.HIDDEN_PROPERTIES
        assert name in downloads.NOT_EXPORTED
        assert name in gephi.SKIP
