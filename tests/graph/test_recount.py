"""The dashboard recount belongs to the stores it counts through (graph/recount.py): a
republish through them leaves the counts to it, closing them stores what is pending, and
a republish given no recount stores the counts before it returns. Either way the stored
counts are the public graph's as the change left it."""

from __future__ import annotations

import json

from graph import queries
from graph.connections import Stores
from graph.consent.editor import withdraw_consent
from graph.publication import republish
from tests.support.published import publish_fixtures


def stored_and_live(stores) -> tuple[list[str] | None, list[str]]:
    """The dashboard's stored counts (None: not stored) and a live count, comparable."""
    db = stores.database("public")
    records, _, _ = stores.public.execute_query("MATCH (m:PublicMeta) RETURN m.statistics AS s",
                                                database_=db)
    stored = records[0]["s"]
    live = queries.run(stores.public, "public/count_statistics", database=db)
    return (sorted(map(json.dumps, json.loads(stored))) if stored else None,
            sorted(map(json.dumps, live)))


def test_closing_the_stores_stores_the_pending_counts(settings, stores):
    publish_fixtures(stores)
    own = Stores(settings)
    own.recount.quiet_s = 600.0  # it would not count on its own within the test
    try:
        withdraw_consent(own, "p-x1", actor="test")
        assert stored_and_live(stores)[0] is None  # readers count live until it lands
    finally:
        own.close()
    stored, live = stored_and_live(stores)
    assert stored == live


def test_a_republish_given_no_recount_stores_the_counts_before_it_returns(stores):
    publish_fixtures(stores)
    stores.public.execute_query("MATCH (m:PublicMeta) SET m.statistics = null",
                                database_=stores.database("public"))
    republish(stores.vault, stores.public, ["p-x1"], stores.database("vault"),
              stores.database("public"))
    stored, live = stored_and_live(stores)
    assert stored == live
