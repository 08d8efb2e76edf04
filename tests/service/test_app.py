"""The app factory's process-wide setting: the cycle collector's young generation."""

from __future__ import annotations

import gc

from service.app import YOUNG_COLLECTION_EVERY, create_app


def test_the_young_collection_is_spaced_out_and_the_older_ones_kept(settings):
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        create_app(settings)
        assert gc.get_threshold() == (YOUNG_COLLECTION_EVERY, 10, 10)
        gc.set_threshold(50_000, 5, 5)  # a process that chose a larger one keeps it
        create_app(settings)
        assert gc.get_threshold() == (50_000, 5, 5)
    finally:
        gc.set_threshold(*before)


def test_a_neighbourhood_answer_sets_off_few_collections(settings, public):
    """Fewer than one young pass per request for an answer of a few hundred records."""
    public.execute_query(
        "UNWIND range(1, 150) AS i CREATE (:Entity:Location {uid: 'loc-' + i, name_en: 'Place ' + i})")
    public.execute_query(
        "MATCH (a:Location {uid: 'loc-1'}), (b:Location) WHERE b.uid <> 'loc-1' "
        "CREATE (b)-[:WITHIN {sources: []}]->(a)")
    passes = []

    def count(phase, info):
        if phase == "start":
            passes.append(info["generation"])

    app = create_app(settings)
    client = app.test_client()
    assert client.get("/api/v1/graphs/neighbourhood/loc-1?hops=1").status_code == 200
    gc.callbacks.append(count)
    try:
        for _ in range(5):
            app.extensions["footprints.public_cache"].clear()
            assert len(client.get("/api/v1/graphs/neighbourhood/loc-1?hops=1").get_json()["nodes"]) > 100
    finally:
        gc.callbacks.remove(count)
    assert len(passes) < 5
