"""Graph queries: neighbourhoods, paths, chains of responsibility, proceedings of a case."""

from __future__ import annotations

import pytest

from service.public import graphs


def node_uids(graph: dict) -> set[str]:
    return {n["uid"] for n in graph["nodes"]}


def assert_shape(graph: dict) -> None:
    uids = node_uids(graph)
    for node in graph["nodes"]:
        assert set(node) == {"uid", "labels", "caption", "properties"}
    for rel in graph["relationships"]:
        assert set(rel) == {"id", "type", "from", "to", "properties"}
        assert rel["from"] in uids and rel["to"] in uids, rel


def test_neighbourhood_hops_and_types(public_ctx):
    one = graphs.neighbourhood("p-x1", hops=1)
    assert_shape(one)
    assert node_uids(one) == {"p-x1", "e-x1", "e-x5", "loc-sokcho", "loc-camp22", "p-x2",
                              "proc-x1", "proc-x2"}  # SUPPORTS is not followed by default
    two = graphs.neighbourhood("p-x1", hops=2)
    assert_shape(two)
    assert {"body-unit", "body-bureau7", "loc-gangwon", "ins-iccpr"} <= node_uids(two)
    typed = graphs.neighbourhood("p-x1", hops=3, types=["SUBJECTED_TO", "PERPETRATED_BY", "PART_OF"])
    assert node_uids(typed) == {"p-x1", "e-x1", "e-x5", "body-unit", "body-bureau7", "body-mss",
                                "e-x4"}  # e-x4: another event of body-unit, 3 hops away
    assert {r["type"] for r in typed["relationships"]} == {"SUBJECTED_TO", "PERPETRATED_BY",
                                                           "PART_OF"}
    with_sources = graphs.neighbourhood("p-x1", types=["SUPPORTS"])
    assert node_uids(with_sources) == {"p-x1", "src-x1"}


def test_neighbourhood_node_cap_and_dates(public_ctx):
    capped = graphs.neighbourhood("p-x1", hops=3, limit=5)
    assert len(capped["nodes"]) == 5 and capped["truncated"]
    assert_shape(capped)
    recent = graphs.neighbourhood("p-x1", hops=1, types=["SUBJECTED_TO"], date_from="2000-01-01")
    assert node_uids(recent) == {"p-x1", "e-x5"}
    early = graphs.neighbourhood("p-x1", hops=1, types=["SUBJECTED_TO"], date_to="1970-01-01")
    assert node_uids(early) == {"p-x1", "e-x1"}


def test_neighbourhood_of_a_hidden_person_is_not_found(public_ctx):
    with pytest.raises(graphs.NotFound):
        graphs.neighbourhood("p-1001")


def test_shortest_and_k_shortest_paths(public_ctx):
    one = graphs.shortest_paths("p-x1", "p-x3")
    assert_shape(one)
    assert len(one["paths"]) == 1
    path = one["paths"][0]
    assert path["nodes"][0] == "p-x1" and path["nodes"][-1] == "p-x3"
    assert path["nodes"] == ["p-x1", "loc-camp22", "p-x3"]  # last seen at / held at camp 22
    assert path["length"] == len(path["relationships"]) == 2
    several = graphs.shortest_paths("p-x1", "body-mss", k=3)
    lengths = [p["length"] for p in several["paths"]]
    assert len(lengths) == 3 and lengths == sorted(lengths)
    typed = graphs.shortest_paths("p-x1", "body-mss", types=["SUBJECTED_TO", "PERPETRATED_BY",
                                                             "PART_OF"])
    assert typed["paths"][0]["nodes"] == ["p-x1", "e-x5", "body-bureau7", "body-mss"]
    assert graphs.shortest_paths("p-x1", "body-mss", max_length=1)["paths"] == []
    with pytest.raises(graphs.NotFound):
        graphs.shortest_paths("p-x1", "p-1001")
    itself = graphs.shortest_paths("p-x1", "p-x1")
    assert itself["paths"] == [{"length": 0, "nodes": ["p-x1"], "relationships": []}]


def test_shortest_path_follows_only_the_types_asked(public_ctx):
    # Through people and places only, the MSS cannot be reached from a victim.
    assert graphs.shortest_paths("p-x1", "body-mss", types=["LAST_SEEN_AT", "LIVED_AT"])["paths"] == []
    via_places = graphs.shortest_paths("p-x1", "p-x3", types=["LAST_SEEN_AT", "HELD_AT"])
    for path in via_places["paths"]:
        types = {r["type"] for r in via_places["relationships"] if r["id"] in path["relationships"]}
        assert types <= {"LAST_SEEN_AT", "HELD_AT"}


def test_chain_of_responsibility_respects_dates(public_ctx):
    # bureau 7 was PART_OF the MSS from 1970 to 1999: the 1968 and 2001 events stop below it
    chain = graphs.chain_of_responsibility("p-x1")
    assert_shape(chain)
    chains = {c["event"]: c["chain"] for c in chain["chains"]}
    assert chains == {"e-x1": ["body-unit", "body-bureau7"], "e-x5": ["body-bureau7"]}
    assert "body-mss" not in node_uids(chain)
    # an official's membership leads up to the ministry for a 1977 event
    official = graphs.chain_of_responsibility("p-x2")
    assert official["chains"] == [{"event": "e-x2", "perpetrator": "p-x9",
                                   "chain": ["p-x9", "body-bureau7", "body-mss"]}]
    # an explicit window overrides the events' dates
    window = graphs.chain_of_responsibility("p-x1", date_from="1960-01-01", date_to="1980-12-31")
    assert {c["event"] for c in window["chains"]} == {"e-x1"}
    assert window["chains"][0]["chain"] == ["body-unit", "body-bureau7", "body-mss"]
    with pytest.raises(graphs.NotFound):
        graphs.chain_of_responsibility("p-x9")  # not a victim


def test_proceedings_of_a_case_and_cases_of_a_proceeding(public_ctx):
    case = graphs.case_proceedings("p-x1")
    assert_shape(case)
    assert {"proc-x1", "proc-x2", "ins-iccpr", "body-mss", "org-x1"} <= node_uids(case)
    cases = graphs.proceeding_cases("proc-x2")
    assert_shape(cases)
    assert {"p-x1", "p-x2", "e-x1", "e-x2", "e-x5"} <= node_uids(cases)
    with pytest.raises(graphs.NotFound):
        graphs.proceeding_cases("proc-0001")  # concerns a hidden person: not public
