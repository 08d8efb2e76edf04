"""Editors' record forms, generated from the model's one definition (``graph.model``).

A record type's form is its interchange fields, in the model's order and groups, with
their labels and help in the page's language, required marks, and vocabularies as
selects whose options carry the vocabulary's label in that language. Nothing here
validates: the posted form becomes an interchange record (empty inputs are left out, a
list is one entry per line) and goes to ``service.vault.edits``, whose schemas are the
importer's; their reasons come back field by field.

Not on the form: ``uid`` (generated), ``synthetic`` (the generator's mark), the owning
organisation (always the editor's, fixed once created) and the fields the consent
workflow owns (review, at-risk, a source's terms), except the ones a new record may be
given (``edits.SETTABLE_ON_CREATE``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.consent.gate import romanisations
from graph.messages import N_
from graph.model import MODEL, Field, RecordType, text
from graph.vocabularies import label as vocabulary_label
from service.vault.edits import MODELS, SETTABLE_ON_CREATE
from service.vault.visibility import OWNER_FIELD

#: Fields never on a form (see the module's docstring).
NOT_ON_FORMS = ("uid", "synthetic")
#: Longest value a form input takes before it is refused as too long (the schemas' own
#: limits are shorter: this only keeps a hostile post from being carried around).
INPUT_MAX = 50_000
#: HTML input types of the model's field types (``text`` is a textarea).
INPUTS = {"name": "text", "uid": "text", "url": "url", "year": "number", "date": "date",
          "text": "textarea", "strings": "textarea", "boolean": "checkbox",
          "vocabulary": "select", "vocabularies": "checkboxes", "point": "point"}
#: How many romanised spellings the form suggests.
SUGGESTED = 8
#: Short fields of type ``text`` shown as one line rather than a textarea.
ONE_LINE = ("name_en", "name_ko", "title", "name", "reference", "obtained_by", "author", "publisher")


@dataclass(frozen=True)
class FormField:
    """One input of a record form, with what the template needs to draw it."""

    name: str
    type: str
    input: str
    label: str
    help: str | None
    required: bool
    choices: tuple[tuple[str, str], ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return ("lat", "lon") if self.type == "point" else (self.name,)


def editable_types() -> tuple[str, ...]:
    """The record types an editor creates through the forms: those ``edits`` writes."""
    return tuple(MODELS)


def _on_form(rtype: RecordType, spec: Field, creating: bool) -> bool:
    if spec.name in NOT_ON_FORMS or not spec.interchange or spec.name == OWNER_FIELD.get(rtype.name):
        return False
    return not spec.managed or (creating and spec.name in SETTABLE_ON_CREATE)


def form_fields(type_name: str, lang: str, creating: bool) -> list[tuple[str | None, list[FormField]]]:
    """The form of a record type: (group label, fields) in the model's order, a group
    starting where its first field stands."""
    rtype = MODEL.record(type_name)
    groups: dict[str | None, list[FormField]] = {}
    for spec in rtype.fields.values():
        if not _on_form(rtype, spec, creating):
            continue
        choices = ()
        if spec.vocabulary:
            choices = tuple((key, vocabulary_label(spec.vocabulary, key, lang))
                            for key in MODEL.vocabularies[spec.vocabulary])
        kind = INPUTS[spec.type]
        if spec.type == "text" and spec.name in ONE_LINE:
            kind = "text"
        field = FormField(spec.name, spec.type, kind, text(spec.label, lang) or spec.name,
                          text(spec.help, lang), spec.required, choices)
        groups.setdefault(spec.group, []).append(field)
    return [(text(rtype.groups.get(g), lang) if g else None, fs) for g, fs in groups.items()]


def parse(type_name: str, form: Any, creating: bool) -> tuple[dict, dict[str, list[str]]]:
    """The interchange record a posted form stands for, and the inputs refused before any
    schema sees them (too long). Empty inputs are left out; on an edit they are sent as
    ``None`` so that the PATCH removes the field."""
    rtype = MODEL.record(type_name)
    body: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for spec in rtype.fields.values():
        if not _on_form(rtype, spec, creating):
            continue
        for name in spec.interchange_names:
            if spec.type == "vocabularies":
                raw = [v for v in form.getlist(name) if v]
            elif spec.type == "boolean":
                raw = form.get(name) in ("on", "true", "1", "yes")
            else:
                raw = (form.get(name) or "").strip()
            too_long = (sum(len(v) for v in raw) if isinstance(raw, list)
                        else len(raw) if isinstance(raw, str) else 0)
            if too_long > INPUT_MAX:
                errors[name] = [N_("at most %(count)s characters", count=INPUT_MAX)]
                continue
            if spec.type == "strings":
                raw = [line.strip() for line in raw.splitlines() if line.strip()]
            if raw in ("", []):
                if not creating:
                    body[name] = None
                continue
            body[name] = _typed(spec, name, raw)
    return body, errors


def _typed(spec: Field, name: str, raw: Any) -> Any:
    """A form's text as the type the schema expects, when it reads as one; otherwise the
    text itself, which the schema then refuses with its reason."""
    try:
        if spec.type == "year":
            return int(raw)
        if spec.type == "point":
            return float(raw)
    except ValueError:
        return raw
    return raw


def suggestions(name_ko: str | None) -> list[str]:
    """Romanised spellings of a Korean name in Hangul, most usual first (the same ones
    the free-text gate and the importer derive: ``graph.consent.gate.romanisations``)."""
    return romanisations((name_ko or "").strip() or None)[:SUGGESTED]
