"""Search: Hangul whole, part and one syllable; romanised variants; escaping; facets."""

from __future__ import annotations

import pytest

from service.public import lucene, search


def uids(result: dict) -> list[str]:
    return [item["uid"] for item in result["items"]]


@pytest.mark.parametrize("text, expected", [
    ("김철호", ["p-x1"]),          # whole Hangul name
    ("철호", ["p-x1"]),            # part of it (syllable bigrams)
    ("박순옥", ["p-x3"]),
    ("순옥", ["p-x3"]),
    ("Kim Chul-ho", ["p-x1"]),     # English
    ("kim chulho", ["p-x1"]),      # compact search key
    ("Kimchulho", ["p-x1"]),
    ("Gim Cheol-ho", ["p-x1"]),    # Revised Romanization variant
    ("Pak Sun-ok", ["p-x3"]),      # McCune-Reischauer variant
    ("bak sunok", ["p-x3"]),
    ("Hiroko Tanaka", ["p-x4"]),   # variant word order
    ("Chul", ["p-x1"]),            # a word prefix
])
def test_names_in_every_script_and_spelling(public_ctx, text, expected):
    assert uids(search.search(text)) == expected


def test_one_hangul_syllable_is_a_prefix(public_ctx):
    assert set(uids(search.search("김"))) == {"p-x1", "p-x2"}
    assert uids(search.search("박")) == ["p-x3"]


@pytest.mark.parametrize("text", ['"Kim (', "AND", "OR", "NOT", "*", "~", "?", ":", "\\", "/",
                                  "Kim AND (", "kim~2", "name_en:kim", "[a TO z]", "{}", "^",
                                  "&&", "||", "!", "+-", '"', "'", "Kim*", "'; MATCH (n) DELETE n"])
def test_query_syntax_in_input_never_fails(public_ctx, text):
    result = search.search(text)
    assert result["total"] >= 0
    for item in result["items"]:
        assert "Victim" in item["labels"]


def test_special_characters_are_ignored_not_interpreted():
    assert lucene.to_query('"Kim (') == "(kim OR kim*)"
    assert lucene.to_query("*") is None and lucene.to_query("~") is None
    assert lucene.to_query("AND") == "(and OR and*)"      # a word, not an operator
    assert lucene.to_query("김") == "김*"
    assert lucene.to_query("김철호") == '"김철호"'
    assert "kimchulho" in lucene.to_query("Kim Chul-ho")
    assert lucene.escape('a+b(c)"d*') == 'a\\+b\\(c\\)\\"d\\*'


def test_no_keyword_lists_every_public_victim(public_ctx):
    result = search.search(None)
    assert set(uids(result)) == {"p-x1", "p-x2", "p-x3", "p-x4", "p-1007", "p-1010"}
    assert result["query"] is None and result["entities"] == []


def test_filters_combine(public_ctx):
    assert set(uids(search.search(None, {"sex": ["female"]}))) == {"p-x2", "p-x3", "p-x4"}
    assert uids(search.search("김", {"sex": "female"})) == ["p-x2"]
    assert set(uids(search.search(None, {"category": ["postwar_abductee", "japanese_abductee"]}))) \
        == {"p-x1", "p-x2", "p-x4"}
    assert uids(search.search(None, {"occupation": ["farmer"], "status": ["deceased"]})) == ["p-x3"]
    assert uids(search.search(None, {"age_group": ["child"]})) == ["p-x2"]
    assert uids(search.search(None, {"nationality": ["JP"]})) == ["p-x4"]


def test_year_filters_event_year_and_birth_year(public_ctx):
    # event years: p-x1 1968 and 2001, p-x2 1977, p-x4 1978, p-x3 1995, p-1007/p-1010 1990
    assert set(uids(search.search(None, {"year_from": 1970, "year_to": 1979}))) == {"p-x2", "p-x4"}
    assert set(uids(search.search(None, {"year_from": 2000}))) == {"p-x1"}
    # birth years: p-x1 1940, p-x3 1950, p-x4 1958, p-x2 1960, p-1007 1956, p-1010 1959
    assert set(uids(search.search(None, {"born_from": 1955, "born_to": 1959}))) \
        == {"p-x4", "p-1007", "p-1010"}


def test_perpetrator_body_includes_sub_units_and_officials(public_ctx):
    # body-unit PART_OF body-bureau7 PART_OF body-mss; p-x9 (an official) MEMBER_OF bureau7
    by_mss = set(uids(search.search(None, {"body": "body-mss"})))
    assert {"p-x1", "p-x2", "p-x4"} <= by_mss and "p-x3" not in by_mss
    assert set(uids(search.search(None, {"body": "body-bureau7"}))) == {"p-x1", "p-x2", "p-x4"}
    assert uids(search.search(None, {"body": "body-kpa"})) == ["p-x3"]
    assert uids(search.search(None, {"perpetrator": ["kpa"]})) == ["p-x3"]


def test_forum_and_location_filters(public_ctx):
    assert set(uids(search.search(None, {"forum": ["court_kr"]}))) == {"p-x1", "p-x2"}
    assert uids(search.search(None, {"forum": ["un_wgeid"]})) == ["p-x1"]
    # Gangwon province holds Sokcho, where p-x1 and p-x2 lived and were taken from
    assert set(uids(search.search(None, {"location": "loc-gangwon"}))) == {"p-x1", "p-x2"}
    # North Hamgyong holds Hoeryong (p-x3 lived there) and camp 22 (p-x1 last seen there)
    assert set(uids(search.search(None, {"location": "loc-hamgyong"}))) == {"p-x1", "p-x3"}


def test_facet_counts_follow_the_current_result(public_ctx):
    result = search.search("김", lang="ko")
    facets = {name: {b["key"]: b["count"] for b in buckets}
              for name, buckets in result["facets"].items()}
    assert facets["sex"] == {"male": 1, "female": 1}
    assert facets["category"] == {"postwar_abductee": 2}
    assert facets["forum"] == {"court_kr": 2, "un_wgeid": 1}
    assert facets["perpetrator"] == {"mss": 2}
    assert facets["province"] == {"loc-gangwon": 2, "loc-hamgyong": 1}
    assert facets["decade"] == {"1960": 1, "1970": 1}
    labels = {b["key"]: b["label"] for b in result["facets"]["category"]}
    assert labels["postwar_abductee"] == "전후 납북자"
    provinces = {b["key"]: b["label"] for b in result["facets"]["province"]}
    assert provinces["loc-gangwon"] == "강원도"


def counts(result: dict) -> dict[str, dict[str, int]]:
    return {name: {b["key"]: b["count"] for b in buckets}
            for name, buckets in result["facets"].items()}


def test_values_of_one_facet_combine_with_or_and_keep_their_counts(public_ctx):
    # Ticking one category keeps the other categories' counts (what ticking them would add)
    # while the other facets count the result; ticking a second value widens the result.
    everyone = counts(search.search(None))["category"]
    one = search.search(None, {"category": ["japanese_abductee"]})
    assert uids(one) == ["p-x4"]
    assert counts(one)["category"] == everyone
    assert counts(one)["sex"] == {"female": 1}
    two = search.search(None, {"category": ["japanese_abductee", "postwar_abductee"]})
    assert set(uids(two)) == {"p-x1", "p-x2", "p-x4"}
    assert two["total"] == everyone["japanese_abductee"] + everyone["postwar_abductee"]


def test_facets_combine_with_and_each_counted_without_its_own_filter(public_ctx):
    result = search.search(None, {"category": ["postwar_abductee"], "sex": ["female"]})
    assert uids(result) == ["p-x2"]
    facets = counts(result)
    # sex counted over the postwar abductees (p-x1 male, p-x2 female) ...
    assert facets["sex"] == {"male": 1, "female": 1}
    # ... category over the women (p-x2, p-x3, p-x4), whatever their category
    assert sum(facets["category"].values()) == 3 and facets["category"]["postwar_abductee"] == 1
    # facets that are not filtered count the result only
    assert facets["decade"] == {"1970": 1}
    # a filter outside the facets (years) narrows every count
    narrowed = counts(search.search(None, {"sex": ["female"], "year_from": 1990}))
    # events from 1990: p-x1 (2001), p-x3 (1995, the one woman), p-1007 and p-1010 (1990)
    assert narrowed["sex"] == {"male": 3, "female": 1}


def test_pagination_and_entities(public_ctx):
    first = search.search(None, page=1, per_page=4)
    second = search.search(None, page=2, per_page=4)
    assert first["total"] == second["total"] == 6
    assert len(first["items"]) == 4 and len(second["items"]) == 2
    assert not set(uids(first)) & set(uids(second))
    assert search.search(None, page=9, per_page=4)["items"] == []
    entities = search.search("Hoeryong")["entities"]
    assert {"loc-hoeryong", "loc-camp22"} <= {e["uid"] for e in entities}
    assert search.search("국가보위성")["entities"][0]["uid"] == "body-mss"


def test_unknown_filter_is_refused(public_ctx):
    with pytest.raises(ValueError, match="bogus"):
        search.search(None, {"bogus": 1})


def test_stop_words_are_left_out_unless_nothing_else_was_typed():
    assert lucene.to_query("Ministry of State") == \
        "((ministry OR ministry*) AND (state OR state*)) OR ministryofstate"
    assert lucene.to_query("of") == "(of OR of*)"


def test_prefixes_may_be_kept_to_some_fields():
    assert lucene.to_query("Kim Ch", ("name_en", "name_variants")) == (
        "((kim OR name_en:kim* OR name_variants:kim*) AND "
        "(ch OR name_en:ch* OR name_variants:ch*)) OR kimch")
    assert lucene.to_query("김", ("name_en",)) == "김*"
