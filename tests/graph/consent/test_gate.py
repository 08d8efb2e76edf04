"""The free-text gate on its own (graph/consent/gate.py): what it finds, what it lets
through under the homonym rule, and how it withholds. Pure: no database."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.consent import gate
from graph.consent.gate import NameIndex, Record, check, fold, terms_of

HIDDEN = {"uid": "p-1001", "name_en": "Choe Myong-hui", "name_ko": "최명희",
          "name_variants": ["Ch'oe Myŏng-hŭi"]}
PUBLIC = {"uid": "p-2001", "name_en": "Kim Chol-ho", "name_ko": "김철호", "name_variants": []}
HIDDEN_HOMONYM = {"uid": "p-1002", "name_en": "Kim Chol-ho", "name_ko": "김철호",
                  "name_variants": []}
SHORT = {"uid": "p-1003", "name_en": "Kim Sang", "name_ko": "김상", "name_variants": []}
PUBLIC_LONGER = {"uid": "p-2002", "name_en": "Kim Sang-soo", "name_ko": "김상수",
                 "name_variants": []}
PEOPLE = [HIDDEN, PUBLIC, HIDDEN_HOMONYM, SHORT, PUBLIC_LONGER]
PUBLIC_UIDS = {"p-2001", "p-2002"}


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex(PEOPLE)


def named(index: NameIndex, text: str) -> set[str]:
    return {p for m in index.find(text) for p in m.persons}


def run(index, records, links=None):
    return check(records, index, lambda uids: PUBLIC_UIDS & set(uids),
                 lambda pairs: {k: set(v) & set((links or {}).get(k, ())) for k, v in pairs.items()})


def test_fold_keeps_word_boundaries_and_drops_case_accents_and_joiners():
    folded, starts, ends = fold("KIM Chŏng-il, p-1001!")
    assert folded == "kimchongilp1001"
    assert starts == {0, 3, 10} and ends == {3, 10, 15}


@pytest.mark.parametrize("text", [
    "about Choe Myong-hui (2015)", "CHOE MYONG HUI", "choe myonghui", "Ch'oe Myŏng-hŭi's letter",
    "Choe  Myong-Hui", "최명희씨의 증언", "case of 최명희", "see p-1001", "P-1001.",
    # romanisations the project derives from the Hangul name, though nobody typed them
    "Choi Myung-hee", "Choe Myeong-hui",
])
def test_a_hidden_name_is_found_in_any_spelling(index, text):
    assert "p-1001" in named(index, text)


@pytest.mark.parametrize("text", [
    "p-10010", "xp-1001", "Choe Myongsun", "Choe", "Myong-hui Park's report", "choemyonghuix",
    "최명", "Chosen Myong", "",
])
def test_no_match_inside_other_words(index, text):
    assert "p-1001" not in named(index, text)


def test_a_name_inside_a_longer_name_is_the_longer_name(index):
    assert named(index, "the case of Kim Sang-soo") == {"p-2002"}
    assert named(index, "Kim Sang Soo was taken") == {"p-2002"}
    assert named(index, "김상수의 편지") == {"p-2002"}
    assert named(index, "Kim Sang was taken") == {"p-1003"}


def test_short_names_are_not_terms():
    terms = terms_of({"uid": "p-9", "name_en": "Ri", "name_ko": "리", "name_variants": ["Li"]})
    assert terms.folded == frozenset() and terms.exact == frozenset()
    assert terms_of({"uid": "p-19", "name_en": None}).folded == {"p19"}


def test_a_title_naming_a_hidden_person_is_replaced_and_reported(index):
    record = Record("src-1", {"uid": "src-1", "title": "Letter about Choe Myong-hui",
                              "kind": "letter"})
    result = run(index, [record])
    assert record.props == {"uid": "src-1", "title": gate.WITHHELD, "kind": "letter"}
    assert [(f.record, f.field, f.persons) for f in result.findings] == [
        ("src-1", "title", ("p-1001",))]
    assert result.findings[0].reason == "title names a non-public person: p-1001"


def test_other_fields_are_left_out_lists_lose_items_and_korean_gets_its_marker(index):
    record = Record("e-1", {"uid": "e-1", "summary_en": "Choe Myong-hui was taken",
                            "name_ko": "최명희 사건", "aliases": ["ok", "p-1001", "fine"],
                            "year": 1990, "note": ["only Choe Myong-hui"]})
    run(index, [record])
    assert record.props == {"uid": "e-1", "name_ko": gate.WITHHELD_KO, "aliases": ["ok", "fine"],
                            "year": 1990}


def test_relationship_fields_are_checked_and_reported_on_their_start(index):
    rel = Record("e-1|PERPETRATED_BY|body-1|", {"role": "ordered by Choe Myong-hui",
                                                "sources": ["src-1"], "key": ""},
                 ends=("e-1", "body-1"), about="e-1")
    result = run(index, [rel])
    assert rel.props == {"sources": ["src-1"], "key": ""}
    assert [(f.record, f.field) for f in result.findings] == [("e-1", "PERPETRATED_BY.role")]


def test_homonym_linked_only_to_the_public_bearer_passes(index):
    record = Record("src-2", {"title": "Testimony about Kim Chol-ho"})
    assert not run(index, [record], links={"src-2": {"p-2001"}}).findings
    assert record.props["title"] == "Testimony about Kim Chol-ho"


def test_homonym_linked_to_the_hidden_bearer_is_withheld(index):
    record = Record("src-3", {"title": "Testimony about Kim Chol-ho"})
    result = run(index, [record], links={"src-3": {"p-1002", "p-2001"}})
    assert record.props["title"] == gate.WITHHELD
    assert result.findings[0].persons == ("p-1002",)


def test_homonym_linked_to_nobody_is_withheld(index):
    record = Record("src-4", {"title": "Kim Chol-ho, a note"})
    assert run(index, [record]).findings[0].persons == ("p-1002",)


def test_the_public_persons_own_name_is_theirs(index):
    person = Record("p-2001", {"uid": "p-2001", "name_en": "Kim Chol-ho", "name_ko": "김철호",
                               "name_variants": ["Kim Cholho"], "search_keys": ["kimcholho"]},
                    person_names=True)
    assert not run(index, [person]).findings
    assert person.props["name_en"] == "Kim Chol-ho"


def test_a_uid_in_a_persons_own_name_field_is_still_withheld(index):
    person = Record("p-2001", {"name_en": "Kim Chol-ho", "name_variants": ["alias of p-1001"]},
                    person_names=True)
    run(index, [person])
    assert "name_variants" not in person.props


def test_names_of_public_people_pass(index):
    record = Record("src-5", {"title": "Kim Sang-soo and Kim Chol-ho"})
    assert not run(index, [record], links={"src-5": {"p-2001", "p-2002"}}).findings


def test_the_published_text_keeps_what_a_name_is_found_by(index):
    text = gate.search_text([Record("src-6", {"title": "Letter of Ch'oe Myŏng-hŭi", "uid": "x"})])
    assert "Letter of Ch'oe Myŏng-hŭi" in text and "letterofchoemyonghui" in text
    person = Record("p-2001", {"name_en": "Kim Chol-ho", "sex": "male"}, person_names=True)
    assert "Kim" not in gate.search_text([person])


# -- property: a planted hidden name never gets through -------------------------------

def _spellings(person: dict) -> list[str]:
    return [person["name_en"], person["name_ko"], *person["name_variants"], person["uid"],
            *gate.romanisations(person["name_ko"])]


def _mangle(name: str, rnd: random.Random) -> str:
    if any("\uac00" <= ch <= "\ud7a3" for ch in name):
        return name
    out = name.upper() if rnd.random() < 0.3 else name.lower() if rnd.random() < 0.3 else name
    return out.replace("-", rnd.choice(["-", " ", "", "\u2010"])).replace(" ", rnd.choice([" ", "  ", "\n"]))


filler = st.text(alphabet=st.sampled_from(list("abcdefgh xyz.,;:()[]\n\t0123456789가나다라 "
                                                  "–—\"'")), max_size=40)


@settings(max_examples=300, deadline=None)
@given(before=filler, after=filler, which=st.integers(0, 100), seed=st.integers(0, 10**6),
       field_name=st.sampled_from(["title", "summary_en", "summary_ko", "caption", "ocr_text",
                                   "reference", "note"]))
def test_planted_names_of_hidden_people_never_pass(index, before, after, which, seed, field_name):
    rnd = random.Random(seed)
    spellings = _spellings(HIDDEN)
    name = _mangle(spellings[which % len(spellings)], rnd)
    hangul = any("\uac00" <= ch <= "\ud7a3" for ch in name)
    text = f"{before}{name}{after}" if hangul else f"{before} {name} {after}"
    record = Record("r-1", {field_name: text, "uid": "r-1"})
    result = run(index, [record])
    assert field_name not in record.props or record.props[field_name] in (gate.WITHHELD,
                                                                       gate.WITHHELD_KO)
    assert any("p-1001" in f.persons for f in result.findings)


@settings(max_examples=100, deadline=None)
@given(texts=st.lists(st.text(max_size=200), max_size=5))
def test_arbitrary_text_never_breaks_the_gate(index, texts):
    record = Record("r-2", {f"f{i}": t for i, t in enumerate(texts)})
    run(index, [record])
