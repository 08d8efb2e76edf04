"""Lists and details of public records."""

from __future__ import annotations

import pytest

from service.public import entities


def test_victims_list_sorted_with_total_and_pages(public_ctx):
    page = entities.list_entities("victims", per_page=4)
    assert page["total"] == 6 and len(page["items"]) == 4
    names = [i["properties"]["name_en"] for i in page["items"]]
    assert names == sorted(names)
    rest = entities.list_entities("victims", page=2, per_page=4)
    assert len(rest["items"]) == 2


def test_list_filters(public_ctx):
    females = entities.list_entities("victims", {"sex": "female"})
    assert {i["uid"] for i in females["items"]} == {"p-x2", "p-x3", "p-x4"}
    both = entities.list_entities("victims", {"category": ["postwar_abductee", "japanese_abductee"],
                                              "sex": ["female"]})
    assert {i["uid"] for i in both["items"]} == {"p-x2", "p-x4"}
    bodies = entities.list_entities("perpetrators", {"perpetrator": "kpa"})
    assert {i["uid"] for i in bodies["items"]} == {"body-kpa", "body-navy"}
    events = entities.list_entities("events", {"kind": "abduction"}, year_from=1970, year_to=1979)
    assert {i["uid"] for i in events["items"]} == {"e-x2", "e-x4"}
    places = entities.list_entities("locations", within="loc-kr")
    assert {i["uid"] for i in places["items"]} == {"loc-gangwon", "loc-sokcho"}
    with pytest.raises(ValueError):
        entities.list_entities("victims", {"reference": "x"})


def test_every_kind_lists(public_ctx):
    counts = {kind: entities.list_entities(kind)["total"] for kind in entities.KINDS}
    assert counts["victims"] == 6 and counts["officials"] == 1
    assert counts["proceedings"] == 3 and counts["sources"] == 3
    assert counts["instruments"] == 1 and counts["resources"] == 1
    assert counts["organizations"] == 3 and counts["perpetrators"] == 5


def test_victim_detail(public_ctx):
    victim = entities.get_entity("victims", "p-x1", lang="ko")
    assert victim["caption"] == "김철호"
    assert victim["properties"]["name_variants"] == ["Gim Cheol-ho", "Kim Ch'ŏl-ho"]
    assert victim["provenance"] == {"cleared_consent_on": "2021-03-01", "cleared_by_family": False,
                                    "cleared_sources": ["src-x1"]}
    for private in ("contact", "notes", "owner", "review_status", "generation", "search_keys"):
        assert private not in victim["properties"]
    groups = {(g["type"], g["direction"]): g for g in victim["relationships"]}
    assert {i["node"]["uid"] for i in groups[("SUBJECTED_TO", "out")]["items"]} == {"e-x1", "e-x5"}
    assert groups[("CONCERNS", "in")]["total"] == 2
    assert groups[("RELATIVE_OF", "in")]["items"][0]["relationship"]["properties"]["relation"] \
        == "sibling"
    assert [s["uid"] for s in victim["sources"]] == ["src-x1"]
    assert {p["uid"] for p in victim["proceedings"]} == {"proc-x1", "proc-x2"}


def test_detail_is_none_for_the_wrong_kind_or_a_hidden_person(public_ctx):
    assert entities.get_entity("victims", "p-1001") is None   # not public
    assert entities.get_entity("victims", "p-x9") is None     # an official, not a victim
    assert entities.get_entity("officials", "p-x9")["caption"] == "Ri Chol-man"
    assert entities.get_entity("locations", "p-x1") is None


def test_details_of_other_kinds(public_ctx):
    body = entities.get_entity("perpetrators", "body-mss")
    types = {(g["type"], g["direction"]) for g in body["relationships"]}
    assert ("PART_OF", "in") in types and ("NAMES", "in") in types
    place = entities.get_entity("locations", "loc-camp22")
    assert place["properties"]["coords"] == {"lat": 42.5, "lon": 129.9}
    event = entities.get_entity("events", "e-x1")
    assert event["properties"]["date_start"] == "1968-05-10"
    assert event["caption"] == "Abduction 1968"
    proceeding = entities.get_entity("proceedings", "proc-x1")
    assert {g["type"] for g in proceeding["relationships"]} >= {"CONCERNS", "INVOKES", "NAMES"}
    assert entities.get_entity("sources", "src-x1")["properties"]["terms_of_use"] == "public"
