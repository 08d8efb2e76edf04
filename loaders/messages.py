"""The validation schemas' messages as :mod:`graph.messages` messages: marshmallow's own
English, word for word, said in the page's language where a workspace form shows them.

Marshmallow writes its messages in English and fills them with ``str.format``. The
schemas that a workspace form validates with (the interchange records', loaders/records.py,
and the consent workflow's request bodies, service/api/consent.py) are passed through
:func:`translatable` once, when they are defined: each field's messages, and each of its
validators', become the Message of the same English (its placeholders gettext's
``%(name)s``, which :meth:`graph.messages.Message.format` fills when marshmallow calls
``format``). An import, the CLI and the JSON API therefore read exactly the text they read
before; only a page asks for the translation.

The messages are looked up by marshmallow's English: a field type or validator whose text
is not here keeps its plain English, and tests/loaders/test_messages.py fails until it is
added.
"""

from __future__ import annotations

import re

from marshmallow import Schema, fields, validate

from graph.messages import N_, Message


def _braced(msgid: str) -> str:
    """A message id as marshmallow writes it: ``{name}`` for ``%(name)s``."""
    return re.sub(r"%\((\w+)\)s", r"{\1}", msgid)


#: Marshmallow's field messages (``default_error_messages`` of the field types the schemas
#: use), by their English.
FIELD_MESSAGES: dict[str, Message] = {_braced(m.msgid): m for m in (
    N_("Missing data for required field."),
    N_("Field may not be null."),
    N_("Invalid value."),
    N_("Not a valid string."),
    N_("Not a valid utf-8 string."),
    N_("Not a valid number."),
    N_("Number too large."),
    N_("Not a valid integer."),
    N_("Special numeric values (nan or infinity) are not permitted."),
    N_("Not a valid boolean."),
    N_("Not a valid date."),
    N_("Not a valid %(awareness)s %(obj_type)s."),
    N_('"%(input)s" cannot be formatted as a date.'),
    N_("Not a valid list."),
    N_("Invalid type."),
    N_("Not a valid mapping type."),
)}
#: A schema's own messages (marshmallow's ``Schema._default_error_messages``).
SCHEMA_MESSAGES: dict[str, Message] = {
    "type": N_("Invalid input type."),
    "unknown": N_("Unknown field."),
}


def _length(check: validate.Length) -> Message:
    if check.equal is not None:
        return N_("Length must be %(equal)s.")
    if check.min is not None and check.max is not None:
        return N_("Length must be between %(min)s and %(max)s.")
    if check.max is not None:
        return N_("Longer than maximum length %(max)s.")
    return N_("Shorter than minimum length %(min)s.")


def _range(check: validate.Range) -> Message | None:
    if not (check.min_inclusive and check.max_inclusive):
        return None  # the schemas have none; its English stays marshmallow's
    if check.min is not None and check.max is not None:
        return N_("Must be greater than or equal to %(min)s and less than or equal to %(max)s.")
    if check.max is not None:
        return N_("Must be less than or equal to %(max)s.")
    return N_("Must be greater than or equal to %(min)s.")


def _validator(check: object) -> None:
    """Give ``check`` the Message of the one text it can say (a Length or Range says one
    text for the bounds it was given, whichever side the value misses)."""
    if isinstance(check, validate.Length) and check.error is None:
        check.error = _length(check)
    elif isinstance(check, validate.Range) and check.error is None:
        check.error = _range(check)
    elif isinstance(check, validate.OneOf) and check.error == validate.OneOf.default_message:
        check.error = N_("Must be one of: %(choices)s.")
    elif isinstance(check, validate.Equal) and check.error == validate.Equal.default_message:
        check.error = N_("Must be equal to %(other)s.")


def _field(field: fields.Field) -> None:
    field.error_messages = {key: FIELD_MESSAGES.get(text, text) if isinstance(text, str) else text
                            for key, text in field.error_messages.items()}
    for check in field.validators:
        _validator(check)
    if isinstance(field, fields.List):
        _field(field.inner)
    if isinstance(field, fields.Nested) and isinstance(field.nested, type):
        translatable(field.nested)


def translatable(schema: type[Schema]) -> type[Schema]:
    """``schema`` with Messages for its own, its fields' and its validators' messages (the
    same English); returned, to be used as a decorator."""
    schema.error_messages = {**SCHEMA_MESSAGES, **schema.error_messages}
    for field in schema._declared_fields.values():
        _field(field)
    return schema


def messages_of(schema: type[Schema]) -> list[object]:
    """Every message ``schema`` can give (its own, its fields', their validators'), for the
    test that each one is a Message."""
    out: list[object] = [schema.error_messages.get(k) for k in SCHEMA_MESSAGES]

    def walk(field: fields.Field) -> None:
        out.extend(field.error_messages.values())
        out.extend(getattr(check, "error", None) for check in field.validators
                   if isinstance(check, validate.Length | validate.Range | validate.OneOf
                                 | validate.Equal))
        if isinstance(field, fields.List):
            walk(field.inner)
        if isinstance(field, fields.Nested) and isinstance(field.nested, type):
            out.extend(messages_of(field.nested))

    for field in schema._declared_fields.values():
        walk(field)
    return out
