"""Every named query file parses and plans on a real Neo4j (EXPLAIN), and takes $params only."""

from __future__ import annotations

import re

import pytest

from graph import queries

PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
NAMES = [n for n in queries.names() if not n.startswith("schema/")]


def test_there_are_named_queries():
    assert len(NAMES) > 20
    assert all(re.fullmatch(r"[a-z_]+/[a-z]+_[a-z_]+", n) for n in NAMES), NAMES


@pytest.mark.parametrize("name", NAMES)
def test_query_explains(stores, name):
    text = queries.text(name)
    params = {p: None for p in PARAM.findall(text)}
    with stores.vault.session(database=stores.database("vault")) as session:
        session.run("EXPLAIN " + text, params).consume()


@pytest.mark.parametrize("name", [n for n in NAMES if n.startswith("public/")])
def test_public_queries_only_read(stores, name):
    """The public site's queries run in read transactions (a cluster's secondaries may
    serve them): each one plans as a read-only query."""
    text = queries.text(name)
    params = {p: None for p in PARAM.findall(text)}
    with stores.public.session(database=stores.database("public")) as session:
        summary = session.run("EXPLAIN " + text, params).consume()
    assert summary.query_type == "r", (name, summary.query_type)


def test_unknown_or_escaping_names_are_refused():
    for bad in ("nope/nothing", "../pyproject", "/etc/passwd"):
        with pytest.raises(queries.UnknownQueryError):
            queries.text(bad)
