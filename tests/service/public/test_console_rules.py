"""The console's refusal of what Neo4j could not stop (service/public/console_rules.py),
through console.check_text: the attacks are refused with their reason, and the everyday
queries researchers write are not (the API tests run the attacks against the store)."""

from __future__ import annotations

import pytest

from service.public import console
from service.public.console_rules import MAX_COPIES, MAX_RANGE

EVERYDAY = [
    "MATCH (n) RETURN n",
    "UNWIND range(1, 10000000) AS x RETURN x",
    "UNWIND range(1, 900) AS i RETURN i, [x IN range(1, 400) | 'xxxxxxxxxx'] AS s",
    f"RETURN [x IN range(1, {MAX_RANGE}) | x * 2] AS l, range(10, 1, -1) AS down",
    "MATCH p = (:Victim {uid: 'p-x1'})-[:SUBJECTED_TO]->(e) RETURN [n IN nodes(p) | n.uid] AS u",
    "MATCH (v:Victim)-[:SUBJECTED_TO]->(e:Event) WITH v, count(e) AS n, collect(e.kind) AS kinds, "
    "min(e.date_start) AS first, max(e.date_start) AS last WHERE n > 1 AND last > first "
    "RETURN v.name_en AS name, n, kinds, size(kinds) AS k, first, last ORDER BY n DESC LIMIT 10",
    "MATCH (v:Victim) RETURN replace(v.name_en, '-', ' ') AS n, replace(v.name_en, 'ab', 'c')",
    "MATCH (v:Victim) WHERE v.name_en STARTS WITH 'K' RETURN v.name_en + ' ' + v.name_ko AS n",
    "CALL db.labels() YIELD label RETURN label",
    "MATCH (v:Victim) RETURN [(v)-[:SUBJECTED_TO]->(e) | e.kind] AS kinds",
    "MATCH (v:Victim) WHERE any(k IN v.name_variants WHERE k CONTAINS 'Kim') RETURN v",
    "WITH [1, 2, 3] AS a RETURN a + a AS b",
    "MATCH (n) RETURN n {.uid, limit: 1} AS m",
    "CALL { MATCH (n:Victim) RETURN n LIMIT 1 } RETURN n",
    "RETURN 'reduce(acc = [], x IN range(1, 9e12) | acc) =~ x' AS just_a_string",
    "MATCH (n) // reduce( in a comment\nRETURN count(n)",
]

ATTACKS = [
    ("RETURN size(reduce(acc = [], x IN range(1, 5000000) | acc + [x])) AS n", "reduce"),
    ("RETURN REDUCE (s = '', x IN [1] | s + 'x')", "reduce"),
    ("RETURN any(x IN range(1, 9000000000000) WHERE x < 0)", "range"),
    (f"RETURN [x IN range(1, {MAX_RANGE + 1}) | x]", "range"),
    ("RETURN size(range(1, $n))", "range"),
    ("UNWIND range(1, 9000000000000) + [1] AS x RETURN x", "range"),
    ("UNWIND [x IN range(1, 9000000000000) | x] AS y RETURN y", "range"),
    ("RETURN [x IN range(1, 100) | [y IN range(1, 100) | x * y]]", "nested_iteration"),
    ("RETURN [x IN range(1, 100) WHERE any(y IN range(1, 100) WHERE y = x)]", "nested_iteration"),
    ("MATCH (n) WITH collect(n.i) AS l RETURN [x IN l | [(a)-->(b) WHERE b.i = x | b]]",
     "nested_iteration"),
    ("RETURN 'aaaa' =~ '(.*a){25}b'", "regex"),
    ("RETURN replace(replace('x', 'x', 'xx'), 'x', 'xx')", "replace"),
    ("RETURN replace('x', '', 'y')", "replace"),
    ("MATCH (n) RETURN replace(n.name, $a, $b)", "replace"),
    ("WITH range(1, 1000) AS a " + "WITH a + a AS a " * 20 + "RETURN any(x IN a WHERE x < 0)",
     "copies"),
    ("WITH 'xxxxxxxx' AS s " + "WITH s + s AS s " * 30 + "RETURN size(s)", "copies"),
    ("WITH [1] AS a " + "WITH a AS x, a AS y WITH x + y AS a " * 5 + "RETURN a", "copies"),
    ("WITH {a: [1]} AS m " + "WITH {a: m.a + m.a} AS m " * 5 + "RETURN m", "copies"),
    ("WITH [1] AS a RETURN any(x IN " + " + ".join(["a"] * (MAX_COPIES + 1)) + " WHERE x < 0)",
     "copies"),
    ("WITH [1] AS a CALL { WITH a RETURN a + a AS b } WITH b + b AS c WITH c + c AS d "
     "WITH d + d AS e WITH e + e AS f RETURN f", "copies"),
]


@pytest.mark.parametrize("query", EVERYDAY)
def test_everyday_queries_pass(query):
    assert console.check_text(query)


@pytest.mark.parametrize("query, reason", ATTACKS)
def test_what_neo4j_cannot_stop_is_refused_with_its_reason(query, reason):
    with pytest.raises(console.ConsoleRefusal) as refused:
        console.check_text(query)
    assert refused.value.reason == reason
    assert "cannot stop" in refused.value.message or "exponential" in refused.value.message


def test_literals_are_kept_for_the_rules():
    text, literals = console.lexed("RETURN replace(n.x, 'a\\'b', \"\") // 'not a literal'")
    assert literals == ["axb", ""]
    assert "not a literal" not in text and "'\x000'" in text and "'\x001'" in text
