"""The workspace speaks the visitor's language as the public pages do: the catalogue's
Korean (service/translations), counts in their plural forms, times and roles in the
page's language through Babel."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from babel.dates import format_date, format_time, get_datetime_format

from graph.vocabularies import label
from service.public.console import MAX_ROWS, TIMEOUT_S
from tests.service.pages.dom import Element, parse
from tests.support.catalogue import counted, text
from tests.support.workspace import signed_in

COUNT = "MATCH (p:Person) RETURN count(p) AS people"
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def shown_time(iso: str, lang: str) -> str:
    """A vault timestamp as a page in ``lang`` writes it: medium date, short time, UTC."""
    moment = datetime.fromisoformat(iso).astimezone(UTC)
    return get_datetime_format("medium", locale=lang).format(
        format_time(moment, "short", tzinfo=UTC, locale=lang),
        format_date(moment, "medium", locale=lang))


def check_time(cell: Element, lang: str) -> None:
    time = cell.one("time")
    iso = time.get("datetime")
    # text() folds whitespace, Babel's narrow no-break space before "PM" too
    assert iso and time.text() == " ".join(shown_time(iso, lang).split()), (iso, time.text())
    assert time.text() != iso[:16].replace("T", " ")


def test_the_sign_in_page_in_each_language(browser):
    b = browser()
    for lang, heading in (("en", "Sign in"), ("ko", "로그인")):
        doc = parse(b.get(f"/sign-in?lang={lang}").get_data(as_text=True))
        assert doc.one("html").get("lang") == lang
        assert doc.one("main").one("h1").text() == heading == text("Sign in", lang)
        labels = [label.text() for label in doc.one("main").find_all("label")]
        assert labels == [text("E-mail address", lang), text("Password", lang)]
    # the public pages keep their Korean with the workspace registered (one gettext)
    doc = parse(b.get("/search?lang=ko").get_data(as_text=True))
    assert doc.one("main").one("h1").text() == text("Search victims", "ko") == "피해자 검색"


def test_the_console_counts_and_dates_in_the_page_language(browser, users):
    b = signed_in(browser, users["researcher"])
    for lang, one_row in (("en", "1 row."), ("ko", "1행.")):
        page = parse(b.get(f"/workspace/console?lang={lang}").get_data(as_text=True))
        limits = text("At most %(rows)s and %(seconds)s per query.", lang,
                      rows=counted("%(count)s row", "%(count)s rows", MAX_ROWS, lang),
                      seconds=counted("%(count)s second", "%(count)s seconds", int(TIMEOUT_S),
                                      lang))
        assert limits in page.one("main").one("p", class_="lead").text()
        response = b.post("/workspace/console", {"query": COUNT})
        assert response.status_code == 200
        doc = parse(response.get_data(as_text=True))
        assert doc.by_id("console-status").text() == one_row == counted(
            "%(count)s row.", "%(count)s rows.", 1, lang)
        history = parse(b.get("/workspace/console").get_data(as_text=True)).by_id(
            "query-history")
        first = history.one("tbody").find_all("tr")[0]
        cells = first.find_all("td")
        check_time(cells[0], lang)
        assert cells[2].text() == counted("%(count)s row", "%(count)s rows", 1, lang)


def test_the_account_page_names_the_role_and_the_token_times(browser, users):
    b = signed_in(browser, users["researcher"])
    for lang, role in (("en", "researcher"), ("ko", "연구자")):
        b.get(f"/account?lang={lang}")
        response = b.post("/account/tokens", {"label": f"notebook {lang}"})
        assert response.status_code == 201, response.get_data(as_text=True)
        doc = parse(b.get("/account").get_data(as_text=True))
        facts = doc.one("dl", class_="facts").definitions()
        assert facts[text("Role", lang)] == role == text("researcher", lang,
                                                          context="account role")
        row = doc.by_id("tokens").one("tbody").find_all("tr")[0]
        check_time(row.find_all("td")[1], lang)
        nav = doc.one("nav", class_="workspace-nav").text()
        assert text("Signed in as %(email)s (%(role)s)", lang, email=users["researcher"].email,
                    role=role) in nav


def test_every_account_role_has_its_name():
    """A role added to the vault's accounts is named on the pages in every language."""
    from service.vault.accounts import ROLES
    from service.workspace.roles import ROLE_TITLES

    assert tuple(ROLE_TITLES) == ROLES


def test_the_editors_pages_in_korean(browser, users):
    """The record index, a record's page with its consent panel and the review queue: the
    catalogue's Korean, the model's labels, the queue counted in its plural form and a
    consent's date through Babel."""
    b = signed_in(browser, users["editor"])
    index = parse(b.get("/workspace/edit?lang=ko").get_data(as_text=True))
    assert index.one("main").one("h1").text() == text("Records", "ko") == "기록"
    b.get("/workspace/edit/new/Person")
    created = b.post("/workspace/edit/new/Person", {"roles": "Victim", "name_ko": "김영희",
                                                    "name_en": "Kim Yeong-hui"})
    assert created.status_code == 303, created.get_data(as_text=True)
    uid = created.headers["Location"].split("/workspace/edit/")[1].split("?")[0]
    b.get(f"/workspace/edit/{uid}")
    recorded = b.post(f"/workspace/edit/{uid}/consents", {
        "purpose": "publication", "obtained_by": "Synthetic interviewer",
        "given_on": "2021-03-01"})
    assert recorded.status_code in (200, 303), recorded.get_data(as_text=True)
    page = parse(b.get(f"/workspace/edit/{uid}").get_data(as_text=True))
    assert page.by_id("consent-heading").text() == "동의와 공개"
    row = page.by_id("consents").one("tbody").find_all("tr")[0]
    cells = [td.text() for td in row.find_all("td")]
    purpose = label("consent_purpose", "publication", "ko")  # the model's vocabulary
    assert cells[0] == purpose != "publication", cells
    assert cells[1] == "2021년 3월 1일", cells
    queue = parse(b.get("/workspace/review").get_data(as_text=True))
    waiting = len(queue.by_id("review-queue").one("tbody").find_all("tr"))
    assert waiting >= 1
    assert queue.by_id("queue-heading").text() == counted(
        "%(count)s record waiting", "%(count)s records waiting", waiting, "ko")


def test_every_visibility_badge_is_named_in_each_language():
    """The vault names badges in English (service/vault/badges.py); each name is a message
    of the catalogue, so that ``_(name)`` on a page translates it."""
    from service.vault.badges import NAMES
    from service.workspace.browse import BADGE_NAMES

    assert {state: str(name) for state, name in BADGE_NAMES.items()} == NAMES
    for name in NAMES.values():
        korean = text(name, "ko")
        assert korean != name and HANGUL.search(korean), name


def test_suggest_js_reads_its_counted_words_from_the_page(browser, users):
    """suggest.js says how many suggestions it found in the page's words (the JSON block
    every workspace page carries), never words of its own."""
    import json
    from pathlib import Path

    scripts = Path(__file__).resolve().parents[3] / "service" / "static" / "js"
    script = (scripts / "suggest.js").read_text(encoding="utf-8")
    # suggest.js hands its words to site.js's combobox, which says the count with them
    assert "words: words" in script and '" suggestion' not in script
    assert "o.words() || {}).suggestions" in (scripts / "site.js").read_text(encoding="utf-8")
    b = signed_in(browser, users["investigator"])
    for lang, one, two in (("en", "1 suggestion", "2 suggestions"), ("ko", "추천 1개", "추천 2개")):
        page = b.get(f"/workspace/records?lang={lang}").get_data(as_text=True)
        block = re.search(r'id="suggest-strings">(.*?)</script>', page, re.S).group(1)
        forms = json.loads(block)["suggestions"]
        assert forms[{"en": "one", "ko": "other"}[lang]].replace("{count}", "1") == one
        assert forms["other"].replace("{count}", "2") == two
