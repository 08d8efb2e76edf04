"""The /network page's filters at page level: relationship types and a date range show only
matching relationships, the form shows what was chosen, and the URL a click on a node fetches
(the expand link) keeps the chosen types and dates, so an expanded view stays filtered.

Expected nodes and event dates come from the published fixtures (tests/service/data/
explorer.jsonl and tests/graph/data/consent_states.jsonl).
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from graph.model import MODEL
from tests.service.pages.dom import Element, parse
from tests.support.leaks import CONSENT_STATES
from tests.support.published import EXPLORER

LANGS = ("en", "ko")


def event_years() -> dict[str, tuple[str, str]]:
    """Every fixture event: uid -> (date_start, date_end)."""
    out = {}
    for path in (EXPLORER, CONSENT_STATES):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["record"] == "Event":
                out[row["uid"]] = (row["date_start"], row.get("date_end") or row["date_start"])
    return out


def network_page(client, query: str, lang: str = "en") -> tuple[Element, dict]:
    response = client.get(f"/network?{query}&lang={lang}")
    assert response.status_code == 200
    doc = parse(response.get_data(as_text=True))
    payload = doc.one("script", id="explorer-network-data").json()
    return doc, payload


def edge_types(payload: dict) -> set[str]:
    return {e["relType"] for e in payload["edges"]}


def node_ids(payload: dict) -> set[str]:
    return {n["id"] for n in payload["nodes"]}


def listed_relationships(doc: Element) -> list[str]:
    """The relationships of the view as the page lists them in words (the no-script list)."""
    details = doc.one("details", id="explorer-network-list")
    return [li.text() for li in details.find_all("ul")[-1].find_all("li")]


def expand(client, payload: dict, uid: str) -> dict:
    """What network.js fetches when the visitor clicks ``uid``."""
    url = payload["expandUrl"].replace("{uid}", uid)
    response = client.get(url)
    assert response.status_code == 200, (url, response.get_json())
    return response.get_json()


def checked_types(doc: Element) -> set[str]:
    return {i.get("value") for i in doc.find_all("input", name="types") if "checked" in i.attrs}


@pytest.mark.parametrize("lang", LANGS)
def test_types_filter_shows_only_those_relationships(public_client, lang):
    chosen = {"SUBJECTED_TO", "OCCURRED_AT"}
    doc, payload = network_page(public_client, "focus=p-x1&hops=2&types=SUBJECTED_TO"
                                                "&types=OCCURRED_AT", lang)
    # p-x1 -> its two events -> where they happened; nothing else (no places lived at,
    # no relatives, no proceedings)
    assert edge_types(payload) == chosen
    assert node_ids(payload) == {"p-x1", "e-x1", "e-x5", "loc-sokcho", "loc-camp22"}
    rows = listed_relationships(doc)
    assert len(rows) == len(payload["edges"]) == 4
    words = {MODEL.relationship_label(x, lang) for x in chosen}
    assert all(any(f" — {w} → " in row for w in words) for row in rows), rows
    assert checked_types(doc) == chosen  # the form says what is shown
    assert "open" in doc.one("details", class_="type-filter").attrs


def test_default_types_are_wider(public_client):
    """The same view without a filter has the relationships the filter left out (so the
    filter test above is not passing by accident)."""
    doc, payload = network_page(public_client, "focus=p-x1&hops=2")
    assert {"LIVED_AT", "RELATIVE_OF", "CONCERNS", "SUBJECTED_TO", "OCCURRED_AT"} <= edge_types(payload)
    assert {"p-x2", "proc-x1", "e-x2", "e-x3"} <= node_ids(payload)
    assert checked_types(doc) == set()
    assert "types=" not in payload["expandUrl"] and "date_" not in payload["expandUrl"]


@pytest.mark.parametrize("lang", LANGS)
def test_date_range_shows_only_events_in_it(public_client, lang):
    dates = event_years()
    doc, payload = network_page(public_client, "focus=p-x1&hops=2&date_from=1960-01-01"
                                                "&date_to=1970-12-31", lang)
    events = {uid for uid in node_ids(payload) if uid in dates}
    assert events == {"e-x1"}  # 1968; e-x5 (2001), e-x2 (1977), e-x3 (1995) are out
    assert all("1960-01-01" <= dates[e][1] and dates[e][0] <= "1970-12-31" for e in events)
    assert {"p-x2", "loc-sokcho", "loc-camp22", "proc-x1"} <= node_ids(payload)  # undated: kept
    assert all(e["from"] not in dates.keys() - events and e["to"] not in dates.keys() - events
               for e in payload["edges"])
    assert doc.one("input", name="date_from").get("value") == "1960-01-01"
    assert doc.one("input", name="date_to").get("value") == "1970-12-31"


@pytest.mark.parametrize("lang", LANGS)
def test_expand_link_keeps_types_and_dates(public_client, lang):
    dates = event_years()
    doc, payload = network_page(public_client, "focus=p-x1&hops=1&types=OCCURRED_AT"
                                                "&types=SUBJECTED_TO&date_from=1960-01-01"
                                                "&date_to=1970-12-31", lang)
    assert node_ids(payload) == {"p-x1", "e-x1"}
    query = parse_qs(urlsplit(payload["expandUrl"]).query)
    assert set(query["types"]) == {"OCCURRED_AT", "SUBJECTED_TO"}
    assert query["date_from"] == ["1960-01-01"] and query["date_to"] == ["1970-12-31"]
    assert query["lang"] == [lang]
    # a click on Sokcho fetches only events there in the range, by the chosen types: without
    # the filters it would also bring the victims who lived there or were taken from it,
    # Gangwon, and the 1977 abduction
    more = expand(public_client, payload, "loc-sokcho")
    assert {r["type"] for r in more["relationships"]} == {"OCCURRED_AT"}
    assert {n["uid"] for n in more["nodes"]} == {"loc-sokcho", "e-x1"}
    unfiltered = public_client.get("/api/v1/graphs/neighbourhood/loc-sokcho?hops=1").get_json()
    assert {"p-x1", "p-x2", "loc-gangwon", "e-x2"} <= {n["uid"] for n in unfiltered["nodes"]}
    assert all(n["uid"] not in dates or n["uid"] == "e-x1" for n in more["nodes"])


@pytest.mark.parametrize("query, chosen", [
    ("path_from=p-x1&path_to=body-mss&types=SUBJECTED_TO&types=PERPETRATED_BY&types=PART_OF",
     {"types": ["SUBJECTED_TO", "PERPETRATED_BY", "PART_OF"]}),
    ("chain=p-x1&date_from=1960-01-01&date_to=1970-12-31",
     {"date_from": ["1960-01-01"], "date_to": ["1970-12-31"]}),
])
def test_expand_link_keeps_filters_in_every_mode(public_client, query, chosen):
    doc, payload = network_page(public_client, query)
    expand_query = parse_qs(urlsplit(payload["expandUrl"]).query)
    for name, values in chosen.items():
        assert expand_query[name] == values, name
    for name in {"types", "date_from", "date_to"} - chosen.keys():
        assert name not in expand_query, name


def test_types_filter_applies_to_the_path_finder(public_client):
    """Without a filter the shortest path runs through a proceeding that names the ministry;
    with the chain-of-command types it runs through the events and units."""
    doc, _ = network_page(public_client, "path_from=p-x1&path_to=body-mss")
    [path] = [li.text() for li in doc.one("ol", class_="paths").find_all("li")]
    assert path in ("Kim Chul-ho → WGEID synthetic case 77001 → Ministry of State Security",
                    "Kim Chul-ho → Seoul synthetic 2019-1234 → Ministry of State Security")
    doc, payload = network_page(public_client, "path_from=p-x1&path_to=body-mss"
                                               "&types=SUBJECTED_TO&types=PERPETRATED_BY"
                                               "&types=PART_OF")
    assert [li.text() for li in doc.one("ol", class_="paths").find_all("li")] == [
        "Kim Chul-ho → Arbitrary detention 2001 → Synthetic Bureau 7 → Ministry of State Security"]
    assert edge_types(payload) <= {"SUBJECTED_TO", "PERPETRATED_BY", "PART_OF"}
