"""graph.messages: a message is its English text wherever it is stored, serialised, printed
or sent to another process, and says itself in the page's language where a page shows it."""

from __future__ import annotations

import copy
import json
import pickle
import subprocess
import sys

import pytest
from flask import Flask, g, render_template_string

from graph.messages import N_, FieldName, Kind, Message, Term, listing, localized
from graph.model import MODEL
from graph.vocabularies import label
from service.pages.lang import init_babel
from tests.support.catalogue import text

NO_RECORD = "no record with uid %(uid)s"


@pytest.fixture(scope="module")
def app() -> Flask:
    app = Flask(__name__)
    init_babel(app)
    return app


@pytest.fixture
def page(app):
    """``page(lang)``: a request whose page is in ``lang`` (as the workspace's
    ``before_request`` sets it), instead of the one before (Flask-Babel keeps a request's
    locale once it has been asked for)."""
    contexts = []

    def enter(lang: str):
        while contexts:
            contexts.pop().pop()
        ctx = app.test_request_context(f"/?lang={lang}")
        ctx.push()
        contexts.append(ctx)
        g.lang = lang

    yield enter
    while contexts:
        contexts.pop().pop()


def test_a_message_is_its_english_text():
    message = N_(NO_RECORD, uid="'p-1'")
    assert isinstance(message, str) and message == "no record with uid 'p-1'"
    assert message.msgid == NO_RECORD and message.params == {"uid": "'p-1'"}
    assert json.dumps({"uid": [message]}) == json.dumps({"uid": ["no record with uid 'p-1'"]})
    assert f"{message}" == str(message) == message.localized()  # outside an app
    assert localized([message]) == ["no record with uid 'p-1'"]
    assert "uid 'p-1'" in message and message.startswith("no record")


def test_a_message_keeps_its_id_across_a_process_and_a_copy():
    """The console's workers send their refusals through a pipe (pickle); marshmallow
    deep-copies its fields' messages for every schema it makes."""
    kinds = (N_("third party at risk (%(why)s): never published (rule 4)",
                why=N_("marked at risk")),
             N_("terms of use are %(terms)s (rule 3)", terms=Term("terms_of_use", "internal")),
             N_("a %(kind)s is not edited here", kind=Kind("Place")),
             N_("%(field)s names a non-public person: %(names)s", field=FieldName("summary"),
                names=listing(["p-1", N_("%(count)s person(s) you may not see", count=2)])))
    for message in kinds:
        back = pickle.loads(pickle.dumps(message))
        assert back == message and type(back) is type(message)
        assert back.msgid == message.msgid and back.params == message.params
        assert all(type(back.params[k]) is type(v) for k, v in message.params.items())
        assert copy.deepcopy(message) is message and copy.copy(message) is message


def test_format_fills_the_named_placeholders_as_marshmallow_calls_it():
    template = N_("Longer than maximum length %(max)s.")
    filled = template.format(input="x" * 600, min=None, max=500, equal=None)
    assert isinstance(filled, Message) and filled == "Longer than maximum length 500."
    assert filled.msgid == template.msgid and filled.params == {"max": 500}  # not the input
    with pytest.raises(TypeError):
        template.format(500)


def test_a_korean_page_says_a_message_and_its_values_in_korean(page):
    page("ko")
    reason = N_("no consent to publication; consent only for %(purposes)s does not count "
                "(rule 2)", purposes=listing([Term("consent_purpose", "internal"),
                                              Term("consent_purpose", "un_submission")]))
    purposes = ", ".join(label("consent_purpose", k, "ko") for k in ("internal", "un_submission"))
    korean = text(reason.msgid, "ko", purposes=purposes)
    assert reason.localized() == localized(reason) == korean != str(reason)
    assert str(reason) == reason.msgid % {"purposes": "internal, un_submission"}  # still English
    place = N_("a %(kind)s is not edited here", kind=Kind("Place"))
    assert place.localized() == text(place.msgid, "ko", kind=MODEL.kind_label("Place", "ko"))
    nested = N_("third party at risk (%(why)s): never published (rule 4)",
                why=N_("lives inside the DPRK"))
    assert nested.localized() == text(nested.msgid, "ko",
                                      why=text("lives inside the DPRK", "ko"))


def test_a_template_renders_a_message_in_the_page_language_and_escaped(page):
    """``{{ m }}``, ``|join`` and a message placed in a template's own ``_()``: each is the
    page's language; a value inside a message is escaped like any other."""
    source = ("{{ m }}|{{ ms|join(' ') }}|"
              "{{ _('Query refused (%(reason)s): %(message)s', reason='r', message=m) }}")
    message = N_("function %(name)s is not allowed", name="<b>x</b>")
    for lang in ("en", "ko"):
        page(lang)
        said = text(message.msgid, lang, name="&lt;b&gt;x&lt;/b&gt;")
        shown = render_template_string(source, m=message, ms=[message, message])
        assert shown == "|".join([said, f"{said} {said}",
                                  text("Query refused (%(reason)s): %(message)s", lang,
                                       reason="r", message=said)])
        assert "<b>" not in shown


def test_an_english_page_says_what_the_api_says(page):
    page("en")
    for message in (N_(NO_RECORD, uid="'p-1'"),
                    N_("terms of use are %(terms)s (rule 3)",
                       terms=Term("terms_of_use", "internal"))):
        assert message.localized() == str(message)


def test_the_messages_and_the_consent_policy_import_no_flask():
    """The policy is pure: importing it (and graph.messages) loads no web framework."""
    code = ("import sys, graph.messages, graph.consent.policy; "
            "sys.exit(1 if 'flask' in sys.modules or 'flask_babel' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
