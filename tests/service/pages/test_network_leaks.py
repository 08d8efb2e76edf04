"""What the network views' new parts are made of: group nodes (their labels, counts and
members), the legend's counts and the search inside the graph work on the public graph's
data already in the view, and nothing of a person who is not public reaches a network page.

The synthetic generator's data (people in every consent state: withdrawn, UN-only,
partner-only, relatives inside the DPRK, no consent) is imported into the vault and
published; the views around the public records with the most neighbours -- where leaves
are grouped -- are read as a visitor gets them, in both languages.
"""

from __future__ import annotations

import json
import re

import pytest

from graph.encryption import opened_names
from tests.service.pages.dom import parse

LANGS = ("en", "ko")
VICTIMS = 300


@pytest.fixture(scope="module")
def synthetic(stores, settings, tmp_path_factory):
    from graph.publication import publish_all
    from loaders.importer import import_file
    from loaders.synthetic import generate, write_jsonl
    from service.app import create_app
    from tests.support.stores import wipe

    for name in ("vault", "public"):
        wipe(stores, name)
    path = tmp_path_factory.mktemp("network-leaks") / "synthetic.jsonl"
    write_jsonl(generate(VICTIMS, seed=3), path)
    import_file(stores.vault, path, database=stores.database("vault"))
    publish_all(stores.vault, stores.public, stores.database("vault"), stores.database("public"))
    app = create_app(settings, stores)
    app.config["TESTING"] = True
    yield app.test_client()
    for name in ("vault", "public"):
        wipe(stores, name)


def query(stores, store: str, cypher: str) -> list[dict]:
    records, _, _ = getattr(stores, store).execute_query(cypher,
                                                         database_=stores.database(store))
    return [r.data() for r in records]


def public_uids(stores) -> set[str]:
    return {r["uid"] for r in query(stores, "public", "MATCH (n:Entity) RETURN n.uid AS uid")}


def hidden_people(stores) -> dict[str, list[str]]:
    """Every person of the vault who is not public: uid -> the names that identify them
    (names a public record also bears are left out: they would not tell the two apart)."""
    public = public_uids(stores)
    # A witness's or relative's names are sealed in the vault: compared opened.
    people = []
    for row in query(stores, "vault", "MATCH (p:Person) RETURN p.uid AS uid, p.name_en AS name_en, "
                     "p.name_ko AS name_ko, p.name_variants AS name_variants"):
        row = opened_names(row["uid"], row)
        people.append({"uid": row["uid"], "names": [
            x for x in [row["name_en"], row["name_ko"], *(row["name_variants"] or [])]
            if x is not None and len(x) > 3]})
    public_names = {name for p in people if p["uid"] in public for name in p["names"]}
    captions = {r["c"] for r in query(stores, "public", "MATCH (n:Entity) RETURN "
                                      "coalesce(n.name_en, n.title, n.uid) AS c")}
    return {p["uid"]: [x for x in p["names"] if x not in public_names and x not in captions]
            for p in people if p["uid"] not in public}


def hubs(stores, count: int = 6) -> list[str]:
    return [r["uid"] for r in query(
        stores, "public",
        "MATCH (n:Entity) WHERE NOT n:Source "
        "RETURN n.uid AS uid, COUNT { (n)-[r]-(:Entity) WHERE type(r) <> 'SUPPORTS' } AS d "
        f"ORDER BY d DESC, uid LIMIT {count}")]


@pytest.fixture(scope="module")
def pages(synthetic, stores) -> dict[str, str]:
    """The network pages of the busiest public records, and their profiles, by URL."""
    out, client = {}, synthetic
    for uid in hubs(stores):
        for lang in LANGS:
            for url in (f"/network?focus={uid}&hops=1&lang={lang}",
                        f"/network?focus={uid}&hops=2&limit=500&lang={lang}",
                        f"/entity/{uid}?lang={lang}"):
                response = client.get(url, follow_redirects=True)
                assert response.status_code == 200, url
                out[url] = response.get_data(as_text=True)
    return out


def payloads(html: str) -> list[dict]:
    doc = parse(html)
    return [json.loads(s.text()) for s in doc.find_all("script")
            if (s.get("id") or "").endswith("-network-data")]


def test_group_nodes_legend_and_search_data_are_the_views_public_records(pages, stores):
    public = public_uids(stores)
    groups = 0
    for url, html in pages.items():
        for data in payloads(html):
            drawn = [n for n in data["nodes"] if "members" not in n]
            for group in (n for n in data["nodes"] if "members" in n):
                groups += 1
                members = {m["id"] for m in group["members"]}
                assert members <= public, (url, members - public)
                assert group["count"] == len(members) >= 2
                assert group["group_of"] in {n["id"] for n in drawn}
                # the label says the kind and the count, nothing else
                assert re.search(rf"\(({group['count']})\)$", group["label"]), group["label"]
                assert {e["from"] for e in group["memberEdges"]} | \
                    {e["to"] for e in group["memberEdges"]} <= public
            assert {n["id"] for n in drawn} <= public, url
            assert {e["from"] for e in data["edges"]} | {e["to"] for e in data["edges"]} <= \
                public | {n["id"] for n in data["nodes"]}
            # what the search box looks in: the captions of records in the view
            held = drawn + [m for n in data["nodes"] for m in n.get("members", [])]
            assert all(n["caption"] for n in held)
            # the legend counts exactly the records the view holds
            doc = parse(html)
            counts = {s.get("data-kind"): int(s.text().strip("()").replace(",", ""))
                      for s in doc.find_all("span", **{"class": "legend-count"})}
            kinds: dict[str, int] = {}
            for n in held:
                kinds[n["kind"]] = kinds.get(n["kind"], 0) + 1
            # (the explorer lists every kind; those it does not hold count 0, hidden)
            assert {k: n for k, n in counts.items() if n} == kinds, url
    assert groups > 0, "the busiest records' views must have group nodes for this test to mean much"


def test_no_hidden_person_in_any_network_view_or_group(pages, stores):
    hidden = hidden_people(stores)
    assert len(hidden) > 20  # the generator's consent mix leaves many people unpublished
    owner = {needle: uid for uid, names in hidden.items() for needle in (uid, *names)}
    # as whole words: a hidden "Lee Choon" must not match a public "Lee Choon-duk"
    needles = re.compile(r"(?<![\w-])(" + "|".join(
        re.escape(x) for x in sorted(owner, key=len, reverse=True)) + r")(?![\w-])")
    # the scan can see: a hidden uid or name planted in a page would be found
    planted = next(uid for uid, names in hidden.items() if names)
    assert needles.search(f"<li>{planted}</li>") and needles.search(f"<li>{hidden[planted][0]}</li>")
    assert pages
    for url, html in pages.items():
        text = html + re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), html)
        found = {(owner[m.group(1)], m.group(1)) for m in needles.finditer(text)}
        assert not found, (url, found)
