"""The public cache: results kept per revision of the public graph, dropped by every
publication — a withdrawn person is never served from it."""

from __future__ import annotations

import json

import pytest

from graph import queries
from graph.consent.editor import withdraw_consent
from service.public import search, stats
from service.public.cache import PublicCache, public_version
from tests.support.published import publish_fixtures


@pytest.fixture
def fresh(settings, stores):
    """Both fixtures published afresh (these tests change the public graph), and an app."""
    from service.app import create_app

    publish_fixtures(stores)
    app = create_app(settings, stores)
    with app.app_context():
        yield app, stores


def run_count(monkeypatch) -> list[str]:
    """Names of the named queries run from now on."""
    ran: list[str] = []
    real = queries.run

    def spy(driver, name, **kwargs):
        ran.append(name)
        return real(driver, name, **kwargs)

    monkeypatch.setattr(queries, "run", spy)
    return ran


def uids(result: dict) -> set[str]:
    return {item["uid"] for item in result["items"]}


def test_a_repeated_search_is_served_from_the_cache(fresh, monkeypatch):
    app, _ = fresh
    ran = run_count(monkeypatch)
    first = search.search("김", {"sex": ["male", "female"]})
    assert ran.count("public/search_victims") == 1
    again = search.search("김", {"sex": ["female", "male"]})  # same filters, other order
    assert ran.count("public/search_victims") == 1
    assert again == first
    search.search("김", {"sex": "male"})
    assert ran.count("public/search_victims") == 2


def test_callers_cannot_change_a_cached_result(fresh):
    result = search.search("김")
    result["items"].clear()
    assert search.search("김")["items"]


def test_a_withdrawal_empties_the_cache_at_once(fresh):
    app, stores = fresh
    assert "p-x1" in uids(search.search("김"))
    before = stats.dashboard()["totals"]["victims"]
    version = public_version()
    withdraw_consent(stores, "p-x1", actor="test")
    assert public_version() != version
    assert "p-x1" not in uids(search.search("김"))
    assert "p-x1" not in uids(search.search(None))
    assert stats.dashboard()["totals"]["victims"] == before - 1


def test_a_full_publish_stores_the_dashboard_counts(fresh):
    app, stores = fresh
    meta = stores.public.execute_query(
        "MATCH (m:PublicMeta) RETURN m.statistics AS s", database_=stores.database("public"))
    stored = json.loads(meta.records[0]["s"])
    live = queries.run(stores.public, "public/count_statistics", database=stores.database("public"))
    assert sorted(map(json.dumps, stored)) == sorted(map(json.dumps, live))


def test_counts_are_recounted_after_an_incremental_change(fresh, monkeypatch):
    app, stores = fresh
    before = stats.dashboard()["totals"]["victims"]
    ran = run_count(monkeypatch)
    withdraw_consent(stores, "p-x3", actor="test")
    # Right after the change, before the recount lands, the counts are already right.
    assert stats.dashboard()["totals"]["victims"] == before - 1
    stores.recount.wait()
    ran.clear()
    with app.test_request_context():  # a new request: the version is asked again
        assert stats.dashboard()["totals"]["victims"] == before - 1
    assert "public/count_statistics" not in ran      # stored by the recount


def test_a_recount_of_an_older_version_is_not_stored(fresh):
    app, stores = fresh
    db = stores.database("public")
    [meta] = queries.run(stores.public, "public/match_public_version", database=db)
    withdraw_consent(stores, "p-x3", actor="test")
    stores.recount.wait()
    [stored] = queries.run(stores.public, "publication/set_public_statistics", database=db,
                           revision=meta["revision"], published_at=meta["published_at"],
                           statistics="[]")
    assert stored["stored"] == 0
    records, _, _ = stores.public.execute_query("MATCH (m:PublicMeta) RETURN m.statistics AS s",
                                                database_=db)
    assert json.loads(records[0]["s"])  # the newer version's counts, not the stale "[]"


def test_counts_not_stored_are_counted_once_per_revision(fresh, monkeypatch):
    app, stores = fresh
    stores.public.execute_query("MATCH (m:PublicMeta) SET m.statistics = null, "
                                "m.revision = m.revision + 1", database_=stores.database("public"))
    ran = run_count(monkeypatch)
    stats.dashboard()
    stats.dashboard("ko")
    assert ran.count("public/count_statistics") == 1


def test_no_metadata_no_caching(fresh, monkeypatch):
    app, stores = fresh
    stores.public.execute_query("MATCH (m:PublicMeta) DELETE m",
                                database_=stores.database("public"))
    ran = run_count(monkeypatch)
    search.search("김")
    search.search("김")
    assert ran.count("public/search_victims") == 2


def test_the_cache_is_bounded_and_can_be_off(fresh, monkeypatch):
    cache = PublicCache(size=2)
    for key in "abc":
        cache.get(key, lambda k=key: k)
    assert len(cache._entries) == 2 and cache.get("a", lambda: "again") == "again"
    off = PublicCache(size=0)
    assert off.get("x", lambda: 1) == 1 and not off._entries


def test_graph_views_and_profiles_drop_a_withdrawn_person_at_once(fresh):
    from service.public import entities, graphs

    app, stores = fresh
    place = stores.public.execute_query(
        "MATCH (:Victim {uid: 'p-x1'})--(n:Location) RETURN n.uid AS uid LIMIT 1",
        database_=stores.database("public")).records[0]["uid"]

    def seen() -> dict[str, bool]:
        around = graphs.neighbourhood(place, hops=1)
        return {"neighbourhood": "p-x1" in {n["uid"] for n in around["nodes"]},
                "profile": entities.get_entity("victims", "p-x1") is not None}

    assert seen() == seen() == {"neighbourhood": True, "profile": True}  # the second from cache
    withdraw_consent(stores, "p-x1", actor="test")
    assert seen() == {"neighbourhood": False, "profile": False}


def test_frozen_keys():
    from datetime import date

    from service.public.cache import frozen

    assert frozen({"b": [1, 2], "a": {3}}) == (("a", (3,)), ("b", (1, 2)))
    assert frozen(date(2020, 1, 2)) == "2020-01-02"
    hash(frozen([{"x": ["y"]}]))


def test_a_request_asks_the_public_graph_version_once(fresh, monkeypatch):
    app, _ = fresh
    ran = run_count(monkeypatch)
    response = app.test_client().get("/victims/p-x1")
    assert response.status_code == 200
    assert ran.count("public/match_public_version") == 1
    assert ran.count("public/match_entity") == 1


def test_a_burst_of_changes_is_recounted_once_after_a_pause(fresh, monkeypatch):
    app, stores = fresh
    monkeypatch.setattr(stores.recount, "quiet_s", 5.0)  # longer than the burst takes
    ran = run_count(monkeypatch)
    for person in ("p-x1", "p-x3"):
        withdraw_consent(stores, person, actor="test")
    assert "public/count_statistics" not in ran  # nothing counted during the burst
    stores.recount.wait()
    assert ran.count("public/count_statistics") == 1  # once, for the newest version
    live = queries.run(stores.public, "public/count_statistics", database=stores.database("public"))
    records, _, _ = stores.public.execute_query("MATCH (m:PublicMeta) RETURN m.statistics AS s",
                                                database_=stores.database("public"))
    assert sorted(map(json.dumps, json.loads(records[0]["s"]))) == sorted(map(json.dumps, live))
