"""The processes benchmark (bench/processes.py) briefly, so that it does not rot: one waitress
process and two gunicorn workers serve the published fixture under wrk; both answer every
request (no errors), and the app's memory is measured over all its processes. Counts and
outcomes, never timings."""

from __future__ import annotations

import pytest

from bench import processes


@pytest.mark.slow
def test_one_and_several_processes_serve_the_mix_without_errors(published_stores):
    one = processes.table(published_stores, 1, seconds=2, clients=(8,), warm=1)
    several = processes.table(published_stores, 2, seconds=2, clients=(8,), warm=1)
    for row in (*one, *several):
        assert "failed" not in row, row
        assert row["requests"] > 0 and row["errors"] == 0, row
        assert row["app_rss_mib"] > 0
    # two processes (each with its own app) hold more memory than one
    assert several[0]["app_rss_mib"] > one[0]["app_rss_mib"]
