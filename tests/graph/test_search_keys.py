"""Search keys of records other than persons: romanised Hangul words, compact Latin names."""

from __future__ import annotations

from graph.search_keys import hangul_keys, hangul_word_keys, record_search_keys


def test_a_hangul_word_in_every_system():
    assert hangul_word_keys("관리소")[:2] == ["gwalliso", "kwalliso"]
    assert {"yodeok", "yodok"} <= set(hangul_word_keys("요덕"))
    assert "kukkabowisong" in hangul_word_keys("국가보위성")
    assert hangul_word_keys("호") == [] and hangul_word_keys("Yodok") == []


def test_keys_name_the_word_they_spell():
    assert hangul_keys("제15호 관리소 (요덕)")["yodeok"] == "요덕"


def test_record_keys():
    keys = record_search_keys({"name_en": "Kwanliso No. 15 (Yodok)", "name_ko": "제15호 관리소 (요덕)",
                               "kind": "facility"})
    assert {"gwalliso", "kwalliso", "yodeok", "kwanlisono15yodok"} <= set(keys)
    assert record_search_keys({"title": "Synthetic testimony of a witness"}) == []
    assert keys == sorted(keys)
    assert record_search_keys({"title_ko": "북한 형법"}) == sorted(
        set(hangul_word_keys("북한")) | set(hangul_word_keys("형법")))
    assert record_search_keys({"name_en": "DPRK"}) == []
