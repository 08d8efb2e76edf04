"""Why a hit matched: the field, the marked parts, and a romanised spelling (pure)."""

from __future__ import annotations

from service.public.matching import candidate_fields, explain, parts

PERSON = {"name_en": "Kim Chul-ho", "name_ko": "김철호",
          "name_variants": ["Gim Cheol-ho", "Kim Ch'ŏl-ho"]}
CAMP = {"name_en": "Kwanliso No. 15 (Yodok)", "name_ko": "제15호 관리소 (요덕)"}


def shown(query: str, props: dict, lang: str = "en") -> tuple | None:
    found = explain(query, candidate_fields(props, lang))
    if found is None:
        return None
    text = "".join(f"[{p['text']}]" if p["mark"] else p["text"] for p in found["parts"])
    return found["field"], text, found["via"]


def test_the_name_as_typed():
    assert shown("Kim Chul-ho", PERSON) == ("name_en", "[Kim] [Chul]-[ho]", None)
    assert shown("chul", PERSON) == ("name_en", "Kim [Chul]-ho", None)


def test_a_spelling_of_the_name():
    assert shown("Gim Cheol", PERSON) == ("name_variants", "[Gim] [Cheol]-ho", None)


def test_compact_spellings_meet_spaced_ones():
    assert shown("kimchulho", PERSON) == ("name_en", "[Kim Chul-ho]", None)
    assert shown("chulho", PERSON) == ("name_en", "Kim [Chul-ho]", None)


def test_hangul_whole_part_and_syllable():
    assert shown("김철호", PERSON) == ("name_ko", "[김철호]", None)
    assert shown("철호", PERSON) == ("name_ko", "김[철호]", None)
    assert shown("김", PERSON) == ("name_ko", "[김]철호", None)


def test_a_romanised_korean_name_marks_the_hangul_word():
    assert shown("yodeok", CAMP) == ("name_ko", "제15호 관리소 ([요덕])", "yodeok")
    assert shown("gwalliso", CAMP) == ("name_ko", "제15호 [관리소] (요덕)", "gwalliso")


def test_as_typed_beats_romanised_and_the_page_language_comes_first():
    assert shown("Yodok", CAMP, "ko") == ("name_en", "Kwanliso No. 15 ([Yodok])", None)
    assert shown("관리소", CAMP, "ko") == ("name_ko", "제15호 [관리소] (요덕)", None)
    assert candidate_fields(CAMP, "ko")[0] == ("name_ko", CAMP["name_ko"])


def test_no_match_no_explanation():
    assert shown("Park", PERSON) is None
    assert explain("", candidate_fields(PERSON)) is None
    assert explain("*", candidate_fields(PERSON)) is None


def test_query_syntax_is_plain_text():
    assert shown('"Kim* (', PERSON) == ("name_en", "[Kim] Chul-ho", None)


def test_long_text_is_cut_around_the_first_mark():
    text = "x " * 100 + "Hoeryong" + " y" * 100
    cut = parts(text, [(200, 208)])
    assert cut[0] == {"text": "…", "mark": False} and cut[-1] == {"text": "…", "mark": False}
    assert {"text": "Hoeryong", "mark": True} in cut
    assert len("".join(p["text"] for p in cut)) < 130
