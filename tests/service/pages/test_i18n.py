"""The interface's catalogue (service/translations/ko/LC_MESSAGES/messages.po) against the
sources it translates: every message the views and templates ask for has its Korean (every
plural form), no entry is unused, the catalogue is what ``make translations-update`` would
make of the sources, placeholders agree, Korean is written in Hangul, and the compiled
catalogue the app reads is this one. Then the pages: a count says its noun in the number
that agrees with it ("1 victim", "2 victims"), in both languages.

The messages are extracted here as ``make translations-update`` extracts them (pybabel with
service/translations/babel.cfg), so a string added to a template without its translation,
or a translation left behind by a string that is gone, fails here.
"""

from __future__ import annotations

import gettext
import re
from html import unescape
from io import BytesIO

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, g
from flask_babel import gettext as gettext_in_app

from service.pages import explorer, mapview, present, researchers
from service.pages import lang as language
from service.pages.lang import LANGS, SOURCE, TRANSLATIONS, catalogue, plural_forms
from tests.service.pages.dom import parse
from tests.support.catalogue import counted, po_path, text

SERVICE = TRANSLATIONS.parent
#: Where messages are extracted from, as ``make translations-update`` does
#: (``MESSAGE_SOURCES``): the service, and the layers whose N_ messages its pages show.
SOURCES = [str(SERVICE.parent / name) for name in ("service", "graph", "loaders")]
HANGUL = re.compile(r"[\uac00-\ud7a3]")
#: Translations that may have no Hangul: what reads the same in both languages.
NOT_HANGUL = {"The API"}
#: ``%(name)s`` placeholders; any other ``%`` (but ``%%``) would break Jinja's formatting,
#: which formats every message, with or without parameters.
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
STRAY_PERCENT = re.compile(r"%(?!\(\w+\)[sd]|%)")
TRANSLATED = [lang for lang in LANGS if lang != SOURCE]


def extract(tmp_path) -> Catalog:
    out = tmp_path / "messages.pot"
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", str(TRANSLATIONS / "babel.cfg"),
                                "--no-location", "-o", str(out), *SOURCES])
    with out.open("rb") as pot:
        return read_po(pot)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Catalog:
    return extract(tmp_path_factory.mktemp("i18n"))


def read(lang: str) -> Catalog:
    with po_path(lang).open("rb") as po:
        return read_po(po, locale=lang)


def key(message: Message) -> tuple[str | None, str]:
    return message.context, message.id[0] if message.pluralizable else message.id


def messages(catalog: Catalog) -> dict[tuple[str | None, str], Message]:
    return {key(m): m for m in catalog if m.id}


def forms(message: Message) -> tuple[str, ...]:
    return tuple(message.string) if message.pluralizable else (message.string,)


def test_the_sources_have_messages(extracted):
    """The extraction sees the templates and the views (so the tests below test something)."""
    found = messages(extracted)
    assert (None, "Skip to content") in found  # base.html
    assert (None, "%(count)s victim") in found  # search.html, and mapview.py: plural
    assert ("search filter", "Category") in found  # search.py: lazy, with a context
    assert ("dashboard counter", "Victim") in found  # dashboard.py: npgettext
    assert len(found) > 250


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_has_its_translation(extracted, lang):
    catalog = read(lang)
    untranslated = []
    for k, message in messages(extracted).items():
        entry = catalog.get(message.id, context=message.context)
        if entry is None or entry.fuzzy or not all(f.strip() for f in forms(entry)) or \
                entry.pluralizable and len(forms(entry)) != catalog.num_plurals:
            untranslated.append(k)
    assert not untranslated, f"messages without a {lang} translation: {untranslated}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_catalogue_entry_is_unused(extracted, lang):
    catalog = read(lang)
    unused = set(messages(catalog)) - set(messages(extracted))
    assert not unused, f"{lang} entries no source asks for: {sorted(unused, key=str)}"
    assert not catalog.obsolete, f"obsolete {lang} entries: {list(catalog.obsolete)}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_catalogue_is_up_to_date_with_the_sources(extracted, lang):
    """What ``pybabel update`` would change: the set of messages (both ways), a message's
    plural, its flags, the comments the sources give translators."""
    catalog = messages(read(lang))
    wanted = messages(extracted)
    assert set(catalog) == set(wanted), ("run `make translations-update`",
                                         sorted(set(catalog) ^ set(wanted), key=str))
    for k, message in wanted.items():
        entry = catalog[k]
        assert entry.id == message.id, k
        assert entry.flags - {"fuzzy"} == message.flags, k
        assert entry.auto_comments == message.auto_comments, k


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_agree(lang):
    catalog = read(lang)
    assert not [(m.id, errors) for m, errors in catalog.check()]  # Babel's own checkers
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if message.pluralizable else (message.id,)
        for said in (*ids, *forms(message)):
            assert not STRAY_PERCENT.search(said), said
        expected = set(PLACEHOLDER.findall(ids[-1]))  # Korean's one form is the plural's
        for form in forms(message):
            assert set(PLACEHOLDER.findall(form)) == expected, (message.id, form)


def test_korean_is_korean():
    not_korean = {m.id if isinstance(m.id, str) else m.id[0] for m in read("ko")
                  if m.id and not all(HANGUL.search(f) for f in forms(m))}
    assert not_korean <= NOT_HANGUL, sorted(not_korean - NOT_HANGUL)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_compiled_catalogue_is_the_catalogue(lang):
    """The app reads the ``.mo`` that ``make translations`` compiles; one older than its
    ``.po`` would show the old words."""
    assert catalogue(lang).is_file(), "run `make translations`"
    fresh = BytesIO()
    write_mo(fresh, read(lang))
    fresh.seek(0)
    with catalogue(lang).open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    assert compiled._catalog == gettext.GNUTranslations(fresh)._catalog, \
        "the compiled catalogue is out of date: run `make translations`"


def test_the_app_refuses_to_start_without_its_compiled_catalogues(monkeypatch, tmp_path):
    """A Korean switch over English pages is worse than no start: ``make`` compiles them."""
    compiled = {code: catalogue(code).read_bytes() for code in TRANSLATED}
    monkeypatch.setattr(language, "TRANSLATIONS", tmp_path)  # a clone where make did not run
    with pytest.raises(RuntimeError, match="make translations"):
        language.init_babel(Flask(__name__))
    for code, mo in compiled.items():
        (tmp_path / code / "LC_MESSAGES").mkdir(parents=True)
        (tmp_path / code / "LC_MESSAGES" / "messages.mo").write_bytes(mo)
    app = Flask(__name__)
    language.init_babel(app)
    with app.test_request_context("/"):
        g.lang = "ko"
        assert gettext_in_app("Skip to content") == "본문 바로가기"


# -- counted words on the pages ------------------------------------------------------------

#: Searches of the published fixtures with one and with two results.
ONE_RESULT = "/search?category=postwar_abductee&sex=female"
TWO_RESULTS = "/search?sex=female&category=postwar_abductee&category=japanese_abductee"
#: The nouns the interface counts, as a wrong "1 ...s" would show them.
ONE_WITH_PLURAL = re.compile(r"(?<![\d,.])1 (victims|rows|nodes|relationships|records|"
                             r"published records|values|people|seconds|more victims)\b")


@pytest.mark.parametrize("lang", LANGS)
def test_search_results_count_their_victims(public_client, lang):
    for url, n in ((ONE_RESULT, 1), (TWO_RESULTS, 2), ("/search?q=nobody-at-all", 0)):
        doc = parse(public_client.get(f"{url}&lang={lang}").get_data(as_text=True))
        results = doc.labelled_by("results-heading")
        assert len(results.find_all("li", class_="card")) == n, url
        heading = results.by_id("results-heading").text()
        assert heading == counted("%(count)s victim", "%(count)s victims", n, lang)
        assert heading == {("en", 0): "0 victims", ("en", 1): "1 victim",
                           ("en", 2): "2 victims", ("ko", 0): "피해자 0명",
                           ("ko", 1): "피해자 1명", ("ko", 2): "피해자 2명"}[lang, n]


@pytest.mark.parametrize("lang", LANGS)
def test_map_popups_count_their_victims(public_client, lang):
    doc = parse(public_client.get(f"/map?lang={lang}").get_data(as_text=True))
    config = doc.one("script", id="map-config").json()
    markers = [m for layer in config["layers"] for m in layer["markers"]]
    said = {m["count"]: m["count_text"] for m in markers}
    assert {1, 2} <= set(said), said  # Sokcho: two victims lived there; Camp 22: one last seen
    expected = {"en": {1: "1 victim", 2: "2 victims"}, "ko": {1: "피해자 1명", 2: "피해자 2명"}}
    assert {n: said[n] for n in (1, 2)} == expected[lang]
    assert all(m["more_text"] == "" for m in markers if m["more"] == 0)


@pytest.mark.parametrize("lang", LANGS)
def test_counted_words_in_views(public_app, lang):
    """What the views count for a popup and for the scripts, for 1, 2 and a large number."""
    with public_app.test_request_context(f"/?lang={lang}"):
        g.lang = lang
        said = {n: (mapview.victims_text(n), mapview.more_text(n)) for n in (1, 2, 12345)}
        rows = researchers.console_strings()["rows"]
        nodes = explorer.explorer_strings()["expanded"]
        forms_of = plural_forms(lambda n: str(n))
        canvas = {(n, r): present.canvas_label(n, r) for n, r in ((1, 0), (2, 1), (1234, 2))}
    if lang == "en":
        assert canvas == {(1, 0): "Interactive network view: 1 node, 0 relationships",
                          (2, 1): "Interactive network view: 2 nodes, 1 relationship",
                          (1234, 2): "Interactive network view: 1,234 nodes, 2 relationships"}
        assert said == {1: ("1 victim", "and 1 more"), 2: ("2 victims", "and 2 more"),
                        12345: ("12,345 victims", "and 12,345 more")}
        assert rows == {"one": "{count} row.", "other": "{count} rows."}
        assert nodes == {"one": "{count} node added.", "other": "{count} nodes added."}
        assert set(forms_of) == {"one", "other"} and forms_of["one"] == "1"
    else:
        assert said == {1: ("피해자 1명", "외 1명"), 2: ("피해자 2명", "외 2명"),
                        12345: ("피해자 12,345명", "외 12,345명")}
        assert rows == {"other": "{count}행."}
        assert nodes == {"other": "노드 {count}개를 추가했습니다."}
        assert set(forms_of) == {"other"}
        assert canvas == {(1, 0): "대화형 관계망: 노드 1개, 관계 0개",
                          (2, 1): "대화형 관계망: 노드 2개, 관계 1개",
                          (1234, 2): "대화형 관계망: 노드 1,234개, 관계 2개"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("url, element", [("/network?focus=p-x1", "explorer-network"),
                                          ("/victims/p-x1", "profile-network")])
def test_network_views_count_what_they_hold(public_client, lang, url, element):
    """A network's canvas tells a screen reader how many nodes and relationships it holds,
    each counted in its own plural form."""
    doc = parse(public_client.get(f"{url}&lang={lang}" if "?" in url else f"{url}?lang={lang}"
                                  ).get_data(as_text=True))
    data = doc.one("script", id=f"{element}-data").json()
    n, r = len(data["nodes"]), len(data["edges"])
    assert n > 1 and r > 1
    assert doc.by_id(element).get("aria-label") == text(
        "Interactive network view: %(nodes)s, %(relationships)s", lang,
        nodes=counted("%(count)s node", "%(count)s nodes", n, lang),
        relationships=counted("%(count)s relationship", "%(count)s relationships", r, lang))


def test_browse_and_dashboard_count_in_agreement(public_client):
    """One record of a kind is "1 published record", one counter "Instrument"."""
    page = parse(public_client.get("/browse/instruments?lang=en").get_data(as_text=True))
    count = len(page.one("ul", class_="browse-list").find_all("li"))
    expected = "1 published record" if count == 1 else f"{count} published records"
    assert expected in page.one("main").text()
    dash = parse(public_client.get("/?lang=en").get_data(as_text=True))
    counters = {li.one("span", class_="counter-label").text():
                li.one("span", class_="counter-value").text()
                for li in dash.one("ul", class_="counters").find_all("li")}
    for label, value in counters.items():
        assert (value == "1") == (label in {"Victim", "Perpetrator body", "Official", "Place",
                                            "Event", "Proceeding", "Instrument",
                                            "North Korean law", "Source", "Organisation"}), \
            (label, value)


def test_no_page_says_one_with_a_plural_noun(public_client):
    for url in ("/", "/search", ONE_RESULT, "/browse/instruments", "/browse/resources",
                "/researchers/console", "/map", "/network?focus=p-x1"):
        page = public_client.get(f"{url}{'&' if '?' in url else '?'}lang=en").get_data(
            as_text=True)
        page = unescape(page)
        # the text (a number and its noun may be in different elements), then the page as
        # it is: the attributes (aria-label) and the scripts' JSON
        for said in (re.sub(r"<[^>]+>", " ", page), page):
            found = ONE_WITH_PLURAL.search(re.sub(r"\s+", " ", said))
            assert not found, (url, found)


# -- the scripts' words come from the page ----------------------------------------------------

SCRIPTS = TRANSLATIONS.parent / "static" / "js"
#: Each script that says something: a page it runs on, the JSON block it reads its words
#: from (and the key under which they are, if not at the top), and how it names them.
SCRIPT_STRINGS = {
    "console.js": ("/researchers/console", "console-strings", None, r"\bs\.(\w+)"),
    "network.js": ("/network?focus=p-x1", "explorer-strings", None, r"\bstrings\.(\w+)"),
    "map.js": ("/map", "map-config", "strings", r"\bstrings\.(\w+)"),
    "find.js": ("/search", "find-strings", None, r"\bwords\(\)\.(\w+)"),
}
#: String literals of the scripts that read as words but are not interface text: HTTP
#: headers, DOM events and keys, CSS classes and selectors, a library's name, a node label.
SCRIPT_LITERALS = {"use strict", "Accept", "Authorization", "Bearer ", "Content-Type",
                   "DOMContentLoaded", "Enter", "Escape", "ArrowDown", "ArrowUp",
                   "cluster cluster-", "pin pin-", "badge badge-", "map-label map-label-",
                   "FeatureCollection",
                   "#path-form input[name='", "Leaflet", "Source", "AbortError"}
COMMENT = re.compile(r"/\*.*?\*/|(?:^|(?<=\s))//[^\n]*", re.S)
LITERAL = re.compile(r""""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'""")
#: What reads as words: a capitalised word, or words with a space between.
WORDS = re.compile(r"^[A-Z][a-z]|[A-Za-z]{2,} +[A-Za-z]")
#: The statuses /api/v1/cypher answers with, each of which console.js says in words.
CONSOLE_STATUSES = (400, 401, 403, 409, 422, 429, 503)


@pytest.mark.parametrize("script", sorted(p.name for p in SCRIPTS.glob("*.js")))
def test_no_script_writes_interface_text(script):
    """No word is written in a script itself (not even as a fallback, which would show
    English on a Korean page): the page gives the scripts their words."""
    source = (SCRIPTS / script).read_text(encoding="utf-8")
    literals = {a or b for a, b in LITERAL.findall(COMMENT.sub("", source))}
    worded = {x for x in literals if WORDS.search(x)} - SCRIPT_LITERALS
    assert not worded, f"{script} says {sorted(worded)} itself"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("script", sorted(SCRIPT_STRINGS))
def test_scripts_say_only_what_the_page_gives_them(public_client, script, lang):
    """A script's words are in the page, in its language: every name the script reads is
    there, translated."""
    url, block, under, name = SCRIPT_STRINGS[script]
    source = (SCRIPTS / script).read_text(encoding="utf-8")

    doc = parse(public_client.get(f"{url}{'&' if '?' in url else '?'}lang={lang}").get_data(
        as_text=True))
    given = doc.one("script", id=block).json()
    given = given[under] if under else given
    read = set(re.findall(name, source))
    if script == "console.js":  # an error's words by the status of the answer
        assert '"error_" + response.status' in source
        read |= {f"error_{status}" for status in CONSOLE_STATUSES}
    assert read, script
    assert read <= set(given), f"{script} reads {sorted(read - set(given))}, not in the page"
    for key in read:
        value = given[key]
        texts = list(value.values()) if isinstance(value, dict) else [value]
        assert texts and all(isinstance(t, str) and t.strip() for t in texts), (key, value)
        assert all(bool(HANGUL.search(t)) == (lang == "ko") for t in texts), (key, value)
