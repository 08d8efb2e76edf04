"""Messages for people from the layers below the pages: English as text, and in the page's
language on a page.

The consent policy's reasons, the vault's refusals (accounts, edits, boards, searches), the
console's refusals and the validation schemas' messages are read by an operator at the CLI,
by an API client and by a person on a workspace page. Each is a :class:`Message`, made with
:func:`N_` where it is decided:

- a Message *is* its English text (a ``str``), so whatever stores, logs, serialises or
  compares it -- the JSON API, the audit log, Neo4j, the CLI, a test, the console's worker
  processes -- has the same plain English as before, whichever language the request was in;
- it also keeps its gettext message id (the English with ``%(name)s`` placeholders, which
  the catalogue service/translations translates) and the values of its placeholders, so a
  page says it in its own language: Jinja renders a Message translated (``__html__``, which
  ``{{ reason }}``, ``|join`` and the ``%(name)s`` of a template's ``_()`` all go through),
  and :func:`localized` does the same for a view that builds text from one.

"In its own language" is Flask-Babel's locale of the current request (service/pages/lang.py:
the ``?lang=`` switch, the cookie); outside a Flask app (the CLI, the tests, the console's
workers) a Message is English.

Why not Flask-Babel's ``lazy_gettext``: a lazy string turns into the language of whoever
turns it into text, so a Korean page's request writing one to the audit log or the store
would write Korean; it is not a ``str`` (JSON encoders, the Neo4j driver and ``", ".join``
refuse it, marshmallow does not fill its placeholders), and it cannot cross the console's
process boundary with its message id.

Values inside a message may be messages too (translated with it), a :class:`Term` (a key
of a controlled vocabulary: the key in English, its label in another language; likewise a
record type's :class:`Kind` and a :class:`FieldName`) or a :func:`listing` of them.

This module imports nothing of Flask until a message is said in a page's language: the
consent policy (graph/consent/policy.py) is pure and uses it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: The language messages are written in.
SOURCE = "en"


class Message(str):
    """An English text that a page can say in its own language (see the module's docstring)."""

    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, /, **params: Any) -> Message:
        self = super().__new__(cls, msgid % params if params else msgid)
        self.msgid = msgid
        self.params = params
        return self

    def localized(self) -> str:
        """The message in the current page's language (English outside a Flask app)."""
        translations = _translations()
        if translations is None:
            return str(self)
        said = translations.ugettext(self.msgid)
        return said % {k: localized(v) for k, v in self.params.items()} if self.params else said

    def __html__(self) -> str:
        from markupsafe import escape

        return str(escape(self.localized()))

    def format(self, *args: Any, **params: Any) -> Message:  # type: ignore[override]
        """The message with its placeholders filled from ``params`` (the ones it names; the
        others are ignored). Marshmallow fills its error messages with ``str.format``: the
        messages the schemas give it (loaders/messages.py) are filled this way, so that they
        stay Messages."""
        if args:
            raise TypeError("a Message's placeholders are named: format(name=value)")
        used = {k: v for k, v in params.items() if f"%({k})" in self.msgid}
        return Message(self.msgid, **{**self.params, **used})

    def __reduce__(self):
        return (_message, (self.msgid, self.params))

    # Immutable, like a str: copies are the message itself (marshmallow deep-copies every
    # field, and with it its messages, for each schema it makes).
    def __copy__(self) -> Message:
        return self

    def __deepcopy__(self, memo: dict) -> Message:
        return self


def _message(msgid: str, params: dict[str, Any]) -> Message:
    return Message(msgid, **params)


class Term(Message):
    """A key of a controlled vocabulary (graph/model/vocabularies.yml) inside a message: the
    key in English, as the store and the API say it; its label in another language."""

    vocabulary: str

    def __new__(cls, vocabulary: str, key: str) -> Term:
        self = super().__new__(cls, key)
        self.vocabulary = vocabulary
        return self

    def localized(self) -> str:
        lang = current_language()
        if lang == SOURCE:
            return str(self)
        from graph.vocabularies import label

        return label(self.vocabulary, str(self), lang)

    def __reduce__(self):
        return (Term, (self.vocabulary, str(self)))


class Kind(Term):
    """A record type's name (``Person``, ``Place``, ...) inside a message: the name in
    English, its label (graph/model) in another language."""

    def __new__(cls, name: str) -> Kind:
        return super().__new__(cls, "record type", name)

    def localized(self) -> str:
        lang = current_language()
        if lang == SOURCE:
            return str(self)
        from graph.model import MODEL

        return MODEL.kind_label(str(self), lang)

    def __reduce__(self):
        return (Kind, (str(self),))


class FieldName(Term):
    """A field's name (``summary``, ``name_en``, ...) inside a message: the name in English,
    its label (graph/model) in another language."""

    def __new__(cls, name: str) -> FieldName:
        return super().__new__(cls, "field", name)

    def localized(self) -> str:
        lang = current_language()
        if lang == SOURCE:
            return str(self)
        from graph.model import MODEL

        return MODEL.field_label(str(self), lang)

    def __reduce__(self):
        return (FieldName, (str(self),))


class Listing(Message):
    """Items said one after the other, separated by commas (each item translated with it)."""

    items: tuple[Any, ...]

    def __new__(cls, items: Iterable[Any]) -> Listing:
        items = tuple(items)
        self = super().__new__(cls, ", ".join(map(str, items)))
        self.items = items
        return self

    def localized(self) -> str:
        return ", ".join(str(localized(item)) for item in self.items)

    def __reduce__(self):
        return (Listing, (self.items,))


def N_(msgid: str, /, **params: Any) -> Message:  # noqa: N802 (gettext's name for a marked message)
    """The message ``msgid`` with its placeholders' values. ``N_`` marks ``msgid`` for the
    catalogue: ``pybabel extract`` (``make translations-update``) collects it."""
    return Message(msgid, **params)


def term(vocabulary: str, key: str | None) -> Term | str:
    """``key`` of ``vocabulary`` inside a message (None and unknown keys as they are)."""
    return Term(vocabulary, key) if isinstance(key, str) else str(key)


def listing(items: Iterable[Any]) -> Listing:
    """Items one after the other, separated by commas, inside a message."""
    return Listing(items)


def localized(value: Any) -> Any:
    """``value`` as the current page says it: a message in the page's language, a list, tuple
    or dict of them each; anything else as it is."""
    if isinstance(value, Message):
        return value.localized()
    if isinstance(value, list | tuple):
        return type(value)(localized(v) for v in value)
    if isinstance(value, dict):
        return {k: localized(v) for k, v in value.items()}
    return value


def current_language() -> str:
    """The language of the current request's page (Flask-Babel's locale), else English."""
    if _translations() is None:
        return SOURCE
    from flask_babel import get_locale

    locale = get_locale()
    return locale.language if locale is not None else SOURCE


def _translations():
    """Flask-Babel's translations for the current request, or None outside a Flask app that
    has Flask-Babel."""
    from flask import current_app, has_app_context

    if not has_app_context() or "babel" not in current_app.extensions:
        return None
    from flask_babel import get_translations

    return get_translations()
