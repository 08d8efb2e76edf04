"""The search bench measures every request kind, against the raw replay of its queries."""

from __future__ import annotations

from bench import search


def test_every_kind_is_measured_against_raw_cypher(published_stores):
    result = search.run(published_stores)
    assert set(result) == {"suggest", "suggest (one kind)", "find (every kind)",
                           "find (one kind)", "chain by name", "facets (one value)",
                           "facets (two values, two facets)", "facets (keyword and filter)"}
    for name, figures in result.items():
        assert figures["api"]["n"] == figures["raw"]["n"] > 0, name
        assert figures["raw"]["p50_ms"] > 0, name      # the named queries were replayed
        assert set(figures["statuses"]) <= {"200", "300", "404"}, name
    for name in ("suggest", "facets (one value)", "facets (two values, two facets)"):
        assert result[name]["statuses"] == {"200": result[name]["api"]["n"]}, name
