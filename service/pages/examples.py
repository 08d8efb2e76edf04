"""Example queries for the researcher console, each tested against the published fixture
(tests/service/pages/test_console_examples.py) so that none of them fails on real data.

The titles are interface text (gettext messages, translated by the catalogue); the
queries use only what the public graph holds (labels, relationship types and properties
of docs/interchange.md) and nothing the console refuses.
"""

from __future__ import annotations

from flask_babel import lazy_gettext

EXAMPLES: dict[str, str] = {
    "by_category": (
        "MATCH (v:Victim)\n"
        "RETURN v.category AS category, count(*) AS victims\n"
        "ORDER BY victims DESC"),
    "chain_of_command": (
        "MATCH path = (unit:PerpetratorBody)-[:PART_OF|REPORTS_TO*1..4]->(top:PerpetratorBody)\n"
        "WHERE NOT (top)-[:PART_OF|REPORTS_TO]->()\n"
        "RETURN unit.name_en AS unit, [b IN nodes(path) | b.name_en] AS chain\n"
        "ORDER BY size(chain) DESC LIMIT 25"),
    "taken_and_last_seen": (
        "MATCH (v:Victim)-[:TAKEN_FROM]->(taken:Location)\n"
        "OPTIONAL MATCH (v)-[:LAST_SEEN_AT]->(seen:Location)\n"
        "RETURN v.name_en AS victim, v.name_ko AS hangul, taken.name_en AS taken_from,\n"
        "       seen.name_en AS last_seen\n"
        "ORDER BY victim LIMIT 25"),
    "perpetrators_of_victims": (
        "MATCH (v:Victim)-[:SUBJECTED_TO]->(e:Event)-[:PERPETRATED_BY]->(b:PerpetratorBody)\n"
        "RETURN b.name_en AS perpetrator, count(DISTINCT v) AS victims,\n"
        "       collect(DISTINCT e.kind) AS event_kinds\n"
        "ORDER BY victims DESC LIMIT 20"),
    "proceedings_by_forum": (
        "MATCH (p:Proceeding)-[:CONCERNS]->(v:Victim)\n"
        "OPTIONAL MATCH (p)-[:INVOKES]->(i)\n"
        "RETURN p.forum AS forum, p.reference AS reference, p.status AS status,\n"
        "       collect(DISTINCT v.name_en) AS victims, collect(DISTINCT i.name_en) AS invokes\n"
        "ORDER BY forum, reference LIMIT 25"),
    "events_by_decade": (
        "MATCH (e:Event) WHERE e.year IS NOT NULL\n"
        "RETURN e.year / 10 * 10 AS decade, e.kind AS kind, count(*) AS events\n"
        "ORDER BY decade, kind"),
    "name_search": (
        "CALL db.index.fulltext.queryNodes('person_names', 'Kim') YIELD node, score\n"
        "RETURN node.name_en AS name, node.name_ko AS hangul, node.category AS category, score\n"
        "ORDER BY score DESC LIMIT 10"),
    "neighbourhood": (
        "MATCH (v:Victim)-[r]-(n)\n"
        "WITH v, count(r) AS degree ORDER BY degree DESC LIMIT 1\n"
        "MATCH (v)-[r]-(n)\n"
        "RETURN v, r, n"),
}

#: What each example is called on the console page.
TITLES = {
    "by_category": lazy_gettext("Victims by category"),
    "chain_of_command": lazy_gettext("Chains of command of perpetrator bodies"),
    "taken_and_last_seen": lazy_gettext("Where victims were taken from and last seen"),
    "perpetrators_of_victims": lazy_gettext("Perpetrator bodies by number of victims"),
    "proceedings_by_forum": lazy_gettext("Proceedings, their victims and instruments"),
    "events_by_decade": lazy_gettext("Events by decade and kind"),
    "name_search": lazy_gettext("Full-text name search (Hangul or romanised)"),
    "neighbourhood": lazy_gettext("The most connected victim and their links"),
}
