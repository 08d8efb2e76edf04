"""What the layers below the pages say (the vault's refusals, edits' and the schemas'
validation messages, the consent policy's "why (not) public", the console's refusals) is
said in the page's language on a workspace page, and stays English for the CLI and the
JSON API, whatever language the caller's browser asked for.

Each expected text is read from the catalogue itself (tests/support/catalogue.py): in
English it is the message as the vault writes it, so an English page shows what it showed
before; in Korean it must be the catalogue's Hangul, not the English.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from graph.vocabularies import label
from service.cli import main
from service.public.console import READING_CLAUSES
from tests.service.pages.dom import parse
from tests.support.catalogue import text
from tests.support.workspace import counts, signed_in

LANGS = ("en", "ko")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def said(lang: str, msgid: str, **params) -> str:
    """``msgid`` as a page in ``lang`` says it; in Korean, in Hangul (the catalogue has it)."""
    out = text(msgid, lang, **params)
    if lang == "ko":
        assert HANGUL.search(out) and out != (msgid % params if params else msgid), out
    return out


def uid_of(response) -> str:
    return re.search(r"/workspace/edit/([^/?#]+)", response.headers["Location"]).group(1)


@pytest.mark.parametrize("lang", LANGS)
def test_an_accounts_refusal_on_the_admins_invitation_form(browser, users, stores, lang):
    """(a) ``service.vault.accounts``: an invitation to something that is not an e-mail
    address."""
    admin = signed_in(browser, users["admin"])
    admin.get(f"/workspace/admin/users?lang={lang}")
    before = counts(stores)
    response = admin.post("/workspace/admin/users", {"email": "not an address",
                                                     "role": "editor"})
    assert response.status_code == 422
    shown = parse(response.get_data(as_text=True)).by_id("admin-error").text()
    assert shown == said(lang, "Check the field “%(field)s”: %(reason)s.", field="email",
                         reason=said(lang, "not an e-mail address"))
    assert counts(stores) == before


@pytest.mark.parametrize("lang", LANGS)
def test_too_long_on_a_record_form_and_its_delete_form(browser, users, stores, lang):
    """(b) A field over what a form takes, and ``service.vault.edits.Invalid``: a deletion's
    reason over its 2000 characters."""
    editor = signed_in(browser, users["editor"])
    editor.get(f"/workspace/edit/new/Person?lang={lang}")
    before = counts(stores)
    long = editor.post("/workspace/edit/new/Person", {"roles": "Victim", "name_en": "x" * 60_000})
    assert long.status_code == 422
    shown = parse(long.get_data(as_text=True)).by_id("error-name_en").text()
    assert shown == said(lang, "at most %(count)s characters", count=50_000)
    assert counts(stores) == before
    uid = uid_of(editor.post("/workspace/edit/new/Person", {"roles": "Victim",
                                                            "name_en": "Kim Too-long"}))
    editor.get(f"/workspace/edit/{uid}")
    response = editor.post(f"/workspace/edit/{uid}/delete", {"reason": "x" * 5000})
    assert response.status_code == 422
    shown = parse(response.get_data(as_text=True)).by_id("error-reason").text()
    assert shown == said(lang, "at most %(count)s characters", count=2000)
    assert editor.get(f"/workspace/edit/{uid}").status_code == 200  # not deleted


@pytest.mark.parametrize("lang", LANGS)
def test_the_schemas_messages_on_the_record_and_consent_forms(browser, users, stores, lang):
    """(c) marshmallow's messages: a year that is not a number on a record form, a date that
    is not a date and an unknown purpose on a person's consent form."""
    editor = signed_in(browser, users["editor"])
    editor.get(f"/workspace/edit/new/Person?lang={lang}")
    before = counts(stores)
    bad = editor.post("/workspace/edit/new/Person", {"roles": "Victim", "name_en": "Kim Year",
                                                     "birth_year": "nineteen fifty"})
    assert bad.status_code == 422
    page = parse(bad.get_data(as_text=True))
    assert page.by_id("error-birth_year").text() == said(lang, "Not a valid integer.")
    assert counts(stores) == before
    uid = uid_of(editor.post("/workspace/edit/new/Person", {"roles": "Victim",
                                                            "name_en": "Kim Consent"}))
    before_links = counts(stores)
    editor.get(f"/workspace/edit/{uid}")
    refused = editor.post(f"/workspace/edit/{uid}/consents", {
        "purpose": "gossip", "given_on": "last spring", "obtained_by": "Field worker"})
    assert refused.status_code == 422
    page = parse(refused.get_data(as_text=True))
    assert page.by_id("error-c-given_on").text() == said(lang, "Not a valid date.")
    purposes = "internal, un_submission, publication, partner_sharing"
    assert page.by_id("error-c-purpose").text() == said(lang, "Must be one of: %(choices)s.",
                                                        choices=purposes)
    editor.get(f"/workspace/edit/{uid}/relationships/new")
    linked = editor.post(f"/workspace/edit/{uid}/relationships/new", {
        "relationship": "out:HELD_AT", "target": "loc-0001", "date_from": "the winter of 1977"})
    assert linked.status_code == 422
    item = parse(linked.get_data(as_text=True)).by_id("form-errors").one(
        "li", **{"data-field": "props.date_from"})
    assert item.text() == f"props.date_from: {said(lang, 'Not a valid date.')}"
    assert counts(stores) == before_links


@pytest.mark.parametrize("lang", LANGS)
def test_the_consent_policys_reasons_on_the_person_page_and_the_review_page(browser, users,
                                                                           lang):
    """(d) ``graph.consent.policy``: why a person is not public, on their page and on the
    review queue's preview; a vocabulary's key inside a reason is its label in Korean."""
    editor = signed_in(browser, users["editor"])
    editor.get(f"/workspace/edit/new/Person?lang={lang}")
    uid = uid_of(editor.post("/workspace/edit/new/Person", {"roles": "Victim",
                                                            "name_en": "Kim Reasons"}))
    none_yet = said(lang, "no consent recorded: private by default (rule 1)")
    for path in (f"/workspace/edit/{uid}", f"/workspace/review/{uid}",
                 f"/workspace/records/{uid}"):
        page = parse(editor.get(path).get_data(as_text=True))
        assert [li.text() for li in page.by_id("reasons").find_all("li")] == [none_yet], path
    done = editor.post(f"/workspace/edit/{uid}/consents", {
        "purpose": "internal", "given_on": "2021-03-01", "obtained_by": "Field worker"})
    assert done.status_code == 303, done.get_data(as_text=True)
    internal = "internal" if lang == "en" else label("consent_purpose", "internal", "ko")
    only_internal = said(lang, "no consent to publication; consent only for %(purposes)s does "
                               "not count (rule 2)", purposes=internal)
    page = parse(editor.get(f"/workspace/review/{uid}").get_data(as_text=True))
    assert [li.text() for li in page.by_id("reasons").find_all("li")] == [only_internal]
    assert page.by_id("decision").text().startswith(
        said(lang, "Decision: %(label)s", label=text("Restricted", lang)))


@pytest.mark.parametrize("lang", LANGS)
def test_the_consoles_refusals_on_the_console_page(browser, users, lang):
    """(e) the console's refusals, from its worker process (a write refused by the plan's
    query type) and from the text check, and a saved query's refusal from the vault."""
    b = signed_in(browser, users["researcher"])
    b.get(f"/workspace/console?lang={lang}")
    response = b.post("/workspace/console", {"query": "MATCH (n) SET n.flag = true"})
    assert response.status_code == 400
    shown = parse(response.get_data(as_text=True)).by_id("console-error").text()
    writes = said(lang, "the console runs read-only queries only; this query writes (query "
                        "type %(type)s)", type="'w'")
    reads_and_writes = said(lang, "the console runs read-only queries only; this query reads and "
                                  "writes (query type %(type)s)", type="'rw'")
    assert shown in {said(lang, "Query refused (%(reason)s): %(message)s",
                          reason="not_read_only", message=m) for m in (writes, reads_and_writes)}
    response = b.post("/workspace/console", {"query": "CREATE (n) RETURN n"})
    assert response.status_code == 400
    shown = parse(response.get_data(as_text=True)).by_id("console-error").text()
    assert shown == said(lang, "Query refused (%(reason)s): %(message)s",
                         reason="not_a_read_query",
                         message=said(lang, "queries must start with %(clauses)s; %(first)s is not "
                                            "allowed in the console",
                                      clauses=", ".join(READING_CLAUSES), first="CREATE"))
    saved = b.post("/workspace/console/saved", {"title": "t" * 300, "query": "RETURN 1"})
    assert saved.status_code == 422
    shown = parse(saved.get_data(as_text=True)).by_id("console-error").text()
    assert shown == said(lang, "Not saved: the %(field)s: %(reason)s.", field="title",
                         reason=said(lang, "at most %(count)s characters", count=200))


def test_the_json_api_answers_in_english_to_a_korean_browser(api, users):
    """The API's error bodies are the vault's English, whatever the language cookie or
    Accept-Language say."""
    api.set_cookie("lang", "ko", domain="localhost")
    headers = {**users["admin"].headers, "Accept-Language": "ko"}
    response = api.post("/api/v1/users?lang=ko", headers=headers,
                        json={"email": "not an address", "role": "editor"})
    assert response.status_code == 422
    body = response.get_json()
    assert body["message"] == "email: not an e-mail address"
    assert body["errors"] == {"email": ["not an e-mail address"]}
    refused = api.post("/api/v1/cypher?lang=ko", headers={**users["researcher"].headers,
                                                          "Accept-Language": "ko"},
                       json={"query": "CREATE (n) RETURN n"})
    assert refused.status_code == 400
    message = refused.get_json()["message"]
    assert message.startswith("query refused (not_a_read_query): queries must start with")
    assert not HANGUL.search(refused.get_data(as_text=True))


def test_the_cli_says_the_vaults_refusals_in_english(settings, stores, vault):
    """The operator's CLI has no page language: the same refusal, in English."""
    vault.execute_query("CREATE (:Entity:Organization:Public {uid: 'org-cli'})")
    result = CliRunner().invoke(main, ["users", "add", "not an address", "--role", "editor",
                                       "--organization", "org-cli", "--password-stdin"],
                                input="a long enough password\n", obj=settings,
                                env={"LANG": "ko_KR.UTF-8", "LANGUAGE": "ko"})
    assert result.exit_code == 1
    assert "Error: email: not an e-mail address" in result.output
    assert not HANGUL.search(result.output)
