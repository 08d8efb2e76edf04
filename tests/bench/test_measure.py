"""The raw baseline replays what the timed request ran, and only that."""

from __future__ import annotations

import threading

from bench.measure import raw_time, recording
from graph import queries


def test_recording_keeps_this_threads_queries_only(published_stores):
    """A background thread of the app (the dashboard's recount after a publication) may run
    queries, writes among them, while a request is timed: they are not replayed (the
    replay reads, and a write in it is refused)."""
    public, db = published_stores.public, published_stores.database("public")
    with recording() as calls:
        queries.run(public, "public/match_public_version", database=db)
        other = threading.Thread(target=queries.run, args=(public, "public/count_statistics"),
                                 kwargs={"database": db})
        other.start()
        other.join()
    assert [name for name, _ in calls] == ["public/match_public_version"]
    assert raw_time(public, db, calls) > 0
