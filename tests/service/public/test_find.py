"""One search over every public record type: Hangul, English, romanised spellings, counts per
kind, the kind filter, and why each hit matched; the type-ahead suggestions."""

from __future__ import annotations

import pytest

from service.public import find


def kinds_of(result: dict) -> dict[str, list[str]]:
    return {g["kind"]: [i["uid"] for i in g["items"]] for g in result["groups"]}


def marked(matched: dict) -> str:
    return " ".join(p["text"] for p in matched["parts"] if p["mark"])


@pytest.mark.parametrize("text, kind, uid", [
    ("Ministry of State Security", "perpetrators", "body-mss"),
    ("국가보위성", "perpetrators", "body-mss"),
    ("kukkabowisong", "perpetrators", "body-mss"),     # its Korean name, romanised (MR)
    ("Kwanliso", "locations", "loc-camp22"),
    ("관리소", "locations", "loc-camp22"),
    ("gwalliso", "locations", "loc-camp22"),           # 관리소 in RR
    ("Hoeryong", "locations", "loc-hoeryong"),
    ("회령", "locations", "loc-hoeryong"),
    ("WGEID", "proceedings", "proc-x1"),
    ("Civil and Political Rights", "instruments", "ins-iccpr"),
    ("형법", "resources", "res-x1"),
    ("explorer testimony", "sources", "src-x1"),
    ("Explorer Group", "organizations", "org-x1"),
    ("김철호", "victims", "p-x1"),
    ("Kim Chul-ho", "victims", "p-x1"),
    ("Ri Chol-man", "officials", "p-x9"),
    ("리철만", "officials", "p-x9"),
])
def test_every_kind_by_name_in_every_script(public_ctx, text, kind, uid):
    result = find.find(text)
    assert uid in kinds_of(result).get(kind, []), result["counts"]
    assert {"kind": kind, "count": len(kinds_of(result)[kind])} in result["counts"] or \
        any(c["kind"] == kind for c in result["counts"])


def test_counts_per_kind_and_the_kind_filter(public_ctx):
    everything = find.find("Hoeryong")
    counts = {c["kind"]: c["count"] for c in everything["counts"]}
    assert counts["locations"] == 2          # the town and the camp near it
    assert everything["total"] == sum(counts.values())
    only = find.find("Hoeryong", kind="locations", per_page=1)
    assert [g["kind"] for g in only["groups"]] == ["locations"]
    assert len(only["groups"][0]["items"]) == 1 and only["groups"][0]["total"] == 2
    assert {c["kind"]: c["count"] for c in only["counts"]} == counts   # the others still counted
    second = find.find("Hoeryong", kind="locations", page=2, per_page=1)
    assert second["groups"][0]["items"][0]["uid"] != only["groups"][0]["items"][0]["uid"]
    with pytest.raises(ValueError):
        find.find("Hoeryong", kind="accounts")


def test_stop_words_are_not_required(public_ctx):
    """The analyzer indexes no "of" or "and": a name with one is still found whole."""
    assert "ins-iccpr" in kinds_of(find.find("Covenant on Civil and Political Rights"))[
        "instruments"]
    assert kinds_of(find.find("Ministry of State"))["perpetrators"] == ["body-mss"]


def test_each_hit_says_why_it_matched(public_ctx):
    body = find.find("kukkabowisong")["groups"][0]["items"][0]
    assert body["matched"]["field"] == "name_ko" and marked(body["matched"]) == "국가보위성"
    assert body["matched"]["via"] == "kukkabowisong"
    victim = next(i for g in find.find("Gim Cheol-ho")["groups"] for i in g["items"])
    assert victim["matched"]["field"] == "name_variants"
    assert victim["matched"]["text"] == "Gim Cheol-ho"
    camp = find.find("관리소", lang="ko")["groups"][0]["items"][0]
    assert camp["matched"]["field"] == "name_ko" and marked(camp["matched"]) == "관리소"
    assert "search_keys" not in camp["properties"]


def test_nothing_searchable_finds_nothing(public_ctx):
    for text in (None, "", "*", '"(', "~"):
        assert find.find(text)["total"] == 0


def test_suggestions_after_two_characters(public_ctx):
    assert find.suggest("K") == []
    found = find.suggest("Ministry of St")
    assert found[0]["uid"] == "body-mss" and found[0]["kind"] == "perpetrators"
    assert marked(found[0]["matched"]) == "Ministry of St"
    assert {"uid", "kind", "label", "labels", "matched"} == set(found[0])
    victims = find.suggest("Kim", kinds=("victims",))
    assert {s["uid"] for s in victims} == {"p-x1", "p-x2"}
    assert all(s["kind"] == "victims" for s in victims)
    korean = find.suggest("회령", lang="ko")
    assert {s["uid"] for s in korean} >= {"loc-hoeryong", "loc-camp22"}
    assert korean[0]["label"].startswith("회령")
    with pytest.raises(ValueError):
        find.suggest("Kim", kinds=("accounts",))
