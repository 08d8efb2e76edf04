"""Where a text search hit a document (documents.snippets)."""

from documents.snippets import CONTEXT, hit


def test_the_first_page_holding_a_word_with_context():
    pages = ["nothing here", "my father was taken to Yodok in 1977", "Yodok again"]
    found = hit(pages, ["yodok"])
    assert found["page"] == 2
    assert found["match"] == "Yodok"
    assert found["before"] == "my father was taken to "
    assert found["after"] == " in 1977"


def test_hangul_and_long_pages_are_cut_around_the_hit():
    text = "가" * 300 + "평양" + "나" * 300
    found = hit(["", text], ["평양"])
    assert found["page"] == 2 and found["match"] == "평양"
    assert found["before"].startswith("…") and len(found["before"]) == CONTEXT + 1
    assert found["after"].endswith("…")


def test_no_hit_and_no_words():
    assert hit(["abc"], ["xyz"]) is None
    assert hit(["abc"], []) is None
