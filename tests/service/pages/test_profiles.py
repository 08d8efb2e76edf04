"""Profiles show what issue 5 asks of them, with the fixture's content: the record, its
relationships grouped by type, its public sources, its proceedings, a small network view and
the "why this is public" panel, in English and Korean, and nothing that is not public.

The expected content is read off the explorer fixture (tests/service/data/explorer.jsonl) and,
for the Ministry of State Security, the two public people of the consent-states fixture
(tests/graph/data/consent_states.jsonl), published once for this module.
"""

from __future__ import annotations

from datetime import date

import pytest
from babel.dates import format_date

from graph.model import MODEL
from graph.vocabularies import label
from tests.service.pages.dom import Element, parse
from tests.support.catalogue import text
from tests.support.leaks import leaks

LANGS = ("en", "ko")
#: The sections every profile has: heading id -> the message of its heading.
SECTIONS = {"record-heading": "Record", "relationships-heading": "Relationships",
            "sources-heading": "Public sources", "proceedings-heading": "Proceedings",
            "network-heading": "Network", "provenance-heading": "Why this is public"}
#: What the "why this is public" panel of reference data says.
REFERENCE = ("This is reference data (a body, a place, a law or an organisation) that holds no "
             "personal data; it is public once an editor has reviewed it.")
#: uid -> {(relationship type, direction seen from uid): the uids at the other end}.
GROUPS = {
    "p-x1": {("SUBJECTED_TO", "out"): {"e-x1", "e-x5"}, ("TAKEN_FROM", "out"): {"loc-sokcho"},
             ("LIVED_AT", "out"): {"loc-sokcho"}, ("LAST_SEEN_AT", "out"): {"loc-camp22"},
             ("RELATIVE_OF", "in"): {"p-x2"}, ("CONCERNS", "in"): {"proc-x1", "proc-x2"}},
    "p-x9": {("MEMBER_OF", "out"): {"body-bureau7"}, ("PERPETRATED_BY", "in"): {"e-x2"}},
    "body-mss": {("PART_OF", "in"): {"body-bureau7"}, ("NAMES", "in"): {"proc-x1", "proc-x2"},
                 ("PERPETRATED_BY", "in"): {"e-1007", "e-1010"}},
    "body-bureau7": {("PART_OF", "out"): {"body-mss"}, ("PART_OF", "in"): {"body-unit"},
                     ("MEMBER_OF", "in"): {"p-x9"}, ("PERPETRATED_BY", "in"): {"e-x5"}},
    "loc-sokcho": {("LIVED_AT", "in"): {"p-x1", "p-x2"}, ("TAKEN_FROM", "in"): {"p-x1", "p-x2"},
                   ("OCCURRED_AT", "in"): {"e-x1", "e-x2"}, ("WITHIN", "out"): {"loc-gangwon"}},
    "loc-camp22": {("HELD_AT", "in"): {"p-x3"}, ("LAST_SEEN_AT", "in"): {"p-x1"},
                   ("OCCURRED_AT", "in"): {"e-x3", "e-x5"}, ("WITHIN", "out"): {"loc-hoeryong"}},
    "proc-x1": {("CONCERNS", "out"): {"p-x1"}, ("INVOKES", "out"): {"ins-iccpr"},
                ("NAMES", "out"): {"body-mss"}, ("FILED_BY", "out"): {"org-x1"}},
}
#: What the vault holds about p-x1 and its consent that must never reach a page.
NOT_PUBLIC_X1 = ("Synthetic contact p-x1", "Synthetic note p-x1", "con-p-x1", "Synthetic editor")


def shown_date(iso: str, lang: str) -> str:
    """A date as a page in ``lang`` writes it (Babel's long form)."""
    return format_date(date.fromisoformat(iso), "long", locale=lang)


def uid_of(href: str) -> str:
    return href.rstrip("/").rsplit("/", 1)[-1]


def profile(client, uid: str, lang: str) -> tuple[Element, str]:
    response = client.get(f"/entity/{uid}?lang={lang}", follow_redirects=True)
    assert response.status_code == 200, (uid, response.status_code)
    html = response.get_data(as_text=True)
    return parse(html), html


def section(doc: Element, heading_id: str, lang: str) -> Element:
    """A profile section by its heading, checking the heading says what it should."""
    region = doc.labelled_by(heading_id)
    assert region.by_id(heading_id).text() == text(SECTIONS[heading_id], lang)
    return region


def groups(doc: Element, lang: str) -> dict[str, dict]:
    """The relationship groups: heading -> {"uids", "count", "items"} (an item: the linked
    node's uid, its detail and the uids of the sources it cites)."""
    out = {}
    for group in section(doc, "relationships-heading", lang).find_all("section", class_="rel-group"):
        h3 = group.one("h3")
        count = h3.one("span", class_="count").text()
        heading = h3.text().removesuffix(count).strip()
        items = []
        for li in group.one("ul").direct("li"):
            link = li.direct("a")[0]
            detail = li.find("span", class_="detail")
            cites = li.find("span", class_="cites")
            items.append({"uid": uid_of(link.get("href")), "href": link.get("href"),
                          "detail": detail.text() if detail else None,
                          "cites": [uid_of(h) for h, _ in cites.links()] if cites else []})
        assert heading not in out, f"two groups headed {heading!r}"
        out[heading] = {"uids": {i["uid"] for i in items}, "count": count, "items": items}
    return out


def network_payload(doc: Element) -> dict:
    region = doc.labelled_by("network-heading")
    figure = region.one("figure", **{"data-network": "profile-network"})
    return figure.one("script", id="profile-network-data").json()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("uid", sorted(GROUPS))
def test_relationships_are_grouped_by_type(public_client, uid, lang):
    doc, _ = profile(public_client, uid, lang)
    shown = groups(doc, lang)
    expected = {MODEL.relationship_label(rel_type, lang, direction): uids
                for (rel_type, direction), uids in GROUPS[uid].items()}
    assert {h: g["uids"] for h, g in shown.items()} == expected
    for heading, group in shown.items():
        assert group["count"] == f"({len(group['items'])})", heading
        for item in group["items"]:  # each link goes to the profile of the node's kind
            assert item["href"].split("/")[1] in ("victims", "officials", "perpetrators",
                                                  "locations", "events", "proceedings",
                                                  "instruments", "organizations"), item


@pytest.mark.parametrize("lang", LANGS)
def test_victim_profile(public_client, lang):
    doc, html = profile(public_client, "p-x1", lang)
    main = doc.one("main")
    # the heading: the name in the page's language, the other script's name beside it
    h1 = main.one("h1")
    first, other = ("Kim Chul-ho", "김철호") if lang == "en" else ("김철호", "Kim Chul-ho")
    assert h1.text() == f"{first} {other}"
    assert h1.one("span", class_="other-name").get("lang") == ("ko" if lang == "en" else "en")
    assert ("/network?chain=p-x1", text("Chain of responsibility", lang)) in main.links()

    # the record, coded values in words
    record = section(doc, "record-heading", lang).one("dl").definitions()
    assert record[MODEL.field_label("uid", lang)] == "p-x1"
    assert record[MODEL.field_label("name_variants", lang)] == "Gim Cheol-ho, Kim Ch'ŏl-ho"
    for field, vocabulary, value in [("category", "victim_category", "postwar_abductee"),
                                     ("sex", "sex", "male"), ("status", "status", "missing"),
                                     ("occupation", "occupation", "fisherman"),
                                     ("nationality", "nationality", "KR"),
                                     ("age_group", "age_group", "young_adult")]:
        assert record[MODEL.field_label(field, lang)] == label(vocabulary, value, lang), field
    assert record[MODEL.field_label("birth_year", lang)] == "1940"

    # relationships cite the public source that supports them; the sibling is named
    shown = groups(doc, lang)
    subjected = shown[MODEL.relationship_label("SUBJECTED_TO", lang, "out")]["items"]
    assert [i["cites"] for i in subjected] == [["src-x1"], ["src-x1"]]
    sibling = shown[MODEL.relationship_label("RELATIVE_OF", lang, "in")]["items"]
    assert sibling[0]["href"] == "/victims/p-x2"
    assert sibling[0]["detail"] == "— " + label("relation", "sibling", lang)

    # its public sources and its proceedings
    sources = section(doc, "sources-heading", lang)
    assert sources.links() == [("/sources/src-x1", "Synthetic explorer testimony")]
    assert shown_date("2020-01-01", lang) in sources.text()
    assert label("source_kind", "testimony", lang) in sources.text()
    assert sources.find("time", datetime="2020-01-01") is not None
    proceedings = section(doc, "proceedings-heading", lang)
    assert {uid_of(h) for h, _ in proceedings.links()} == {"proc-x1", "proc-x2"}
    lines = [li.text() for li in proceedings.find_all("li")]
    assert any("WGEID synthetic case 77001" in x and label("forum", "un_wgeid", lang) in x
               and shown_date("2015-06-01", lang) in x for x in lines), lines
    assert any("Seoul synthetic 2019-1234" in x and label("forum", "court_kr", lang) in x
               for x in lines), lines

    # a small network around the victim: its direct neighbours and the steps beyond
    payload = network_payload(doc)
    nodes = {n["id"] for n in payload["nodes"]}
    assert payload["focus"] == "p-x1" and "p-x1" in nodes
    assert set().union(*GROUPS["p-x1"].values()) <= nodes
    assert "body-unit" in nodes  # two steps: the unit that perpetrated the abduction
    assert len(nodes) <= 40
    assert {("p-x1", "e-x1"), ("p-x2", "p-x1")} <= {(e["from"], e["to"]) for e in payload["edges"]}

    # why this is public: the consent's date, who gave it, the sources that cleared it
    provenance = section(doc, "provenance-heading", lang)
    cleared = provenance.one("dl").definitions()
    assert cleared[text("Consent to publication given on", lang)] == shown_date("2021-03-01", lang)
    assert provenance.find("time", datetime="2021-03-01") is not None
    assert cleared[text("Consent given by", lang)] == text("the person", lang)
    assert cleared[text("Public sources that cleared publication", lang)] == \
        "Synthetic explorer testimony"
    assert ("/entity/src-x1", "Synthetic explorer testimony") in provenance.links()
    assert ("/about#consent", text("How consent works", lang, context="link")) in provenance.links()
    assert text("This person is public because a consent to publication is on record, at least one "
                "source about them may be used publicly, and an editor approved publication.",
                lang) in provenance.text()
    # ... and nothing the vault holds that is not public
    for secret in NOT_PUBLIC_X1:
        assert secret not in html, secret
    assert not leaks(html)


@pytest.mark.parametrize("lang", LANGS)
def test_perpetrator_body_profile(public_client, lang):
    doc, html = profile(public_client, "body-mss", lang)
    h1 = doc.one("main").one("h1")
    assert h1.text() == ("Ministry of State Security 국가보위성" if lang == "en"
                         else "국가보위성 Ministry of State Security")
    assert ("/search?body=body-mss", text("Victims of this body", lang)) in doc.one("main").links()

    record = section(doc, "record-heading", lang).one("dl").definitions()
    assert record[MODEL.field_label("perpetrator", lang)] == label("perpetrator", "mss", lang)
    assert record[MODEL.field_label("kind", lang)] == label("body_kind", "ministry", lang)

    # the chain of command: the unit under it, with the dates of that link
    shown = groups(doc, lang)
    units = shown[MODEL.relationship_label("PART_OF", lang, "in")]["items"]
    assert units == [{"uid": "body-bureau7", "href": "/perpetrators/body-bureau7",
                      "detail": f"— {shown_date('1970-01-01', lang)} – "
                                f"{shown_date('1999-12-31', lang)}", "cites": ["src-x1"]}]

    # proceedings that name it; the public sources behind its relationships
    proceedings = section(doc, "proceedings-heading", lang)
    assert {uid_of(h) for h, _ in proceedings.links()} == {"proc-x1", "proc-x2"}
    sources = section(doc, "sources-heading", lang)
    assert sorted(sources.links()) == [("/sources/src-pub1", "Synthetic public testimony"),
                                       ("/sources/src-x1", "Synthetic explorer testimony")]

    payload = network_payload(doc)
    nodes = {n["id"] for n in payload["nodes"]}
    assert payload["focus"] == "body-mss"
    assert {"body-bureau7", "body-unit", "proc-x1", "proc-x2", "e-1007", "e-1010"} <= nodes

    # reference data: public as such, no consent to show
    provenance = section(doc, "provenance-heading", lang)
    assert text(REFERENCE, lang) in provenance.text()
    assert provenance.find("dl") is None
    assert not leaks(html)


@pytest.mark.parametrize("lang", LANGS)
def test_location_profile(public_client, lang):
    doc, html = profile(public_client, "loc-sokcho", lang)
    h1 = doc.one("main").one("h1")
    assert h1.text() == ("Sokcho 속초" if lang == "en" else "속초 Sokcho")
    assert ("/search?location=loc-sokcho", text("Victims linked to this place", lang)) in \
        doc.one("main").links()

    record = section(doc, "record-heading", lang).one("dl").definitions()
    assert record[MODEL.field_label("kind", lang)] == label("location_kind", "city", lang)
    assert record[MODEL.field_label("coords", lang)] == "38.2000, 128.5900"

    shown = groups(doc, lang)
    lived = shown[MODEL.relationship_label("LIVED_AT", lang, "in")]["items"]
    assert [(i["href"], i["cites"]) for i in sorted(lived, key=lambda i: i["uid"])] == [
        ("/victims/p-x1", ["src-x1"]), ("/victims/p-x2", ["src-x1"])]
    within = shown[MODEL.relationship_label("WITHIN", lang, "out")]["items"]
    assert [i["href"] for i in within] == ["/locations/loc-gangwon"]

    proceedings = section(doc, "proceedings-heading", lang)
    assert proceedings.links() == [] and \
        proceedings.text().endswith(text("No public proceeding is linked.", lang))
    sources = section(doc, "sources-heading", lang)
    assert sources.links() == [("/sources/src-x1", "Synthetic explorer testimony")]

    payload = network_payload(doc)
    nodes = {n["id"] for n in payload["nodes"]}
    assert payload["focus"] == "loc-sokcho"
    assert {"p-x1", "p-x2", "e-x1", "e-x2", "loc-gangwon"} <= nodes

    provenance = section(doc, "provenance-heading", lang)
    assert text(REFERENCE, lang) in provenance.text()
    assert not leaks(html)


def public_uids(stores) -> list[str]:
    records, _, _ = stores.public.execute_query(
        "MATCH (n:Entity) RETURN n.uid AS uid ORDER BY uid", database_=stores.database("public"))
    return [r["uid"] for r in records]


def test_every_profile_has_every_section(public_client, published_stores):
    uids = public_uids(published_stores)
    assert len(uids) > 25
    for uid in uids:
        for lang in LANGS:
            doc, _ = profile(public_client, uid, lang)
            for heading_id in SECTIONS:
                section(doc, heading_id, lang)
            article = doc.one("article", class_="profile")
            assert article.get("data-uid") == uid
            payload = network_payload(doc)
            assert payload["focus"] == uid and uid in {n["id"] for n in payload["nodes"]}
