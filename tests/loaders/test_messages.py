"""The schemas a workspace form validates with give graph.messages messages, with
marshmallow's own English word for word (so imports, the CLI and the JSON API read what
they read before)."""

from __future__ import annotations

import pytest
from marshmallow import RAISE, Schema, ValidationError, fields

from graph.messages import Message
from graph.model import MODEL
from loaders.messages import messages_of
from loaders.records import NODE_SCHEMAS, RelPropsRecord, RelRecord, schema_fields
from service.api.consent import AtRiskBody, ConsentBody, ReviewBody, TermsBody, WithdrawBody

SCHEMAS = [*NODE_SCHEMAS.values(), RelRecord, RelPropsRecord, ConsentBody, WithdrawBody,
           AtRiskBody, ReviewBody, TermsBody]


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda s: s.__name__)
def test_every_message_a_schema_can_give_is_a_message(schema):
    found = messages_of(schema)
    plain = [m for m in found if not isinstance(m, Message)]
    assert found and not plain, plain


def plain_schema(record_type: str) -> type[Schema]:
    """The record type's schema as marshmallow alone makes it (its messages plain str)."""
    attrs: dict = {"Meta": type("Meta", (), {"unknown": RAISE}),
                   "record": fields.String(required=True)}
    for spec in MODEL.record(record_type).fields.values():
        if spec.interchange:
            attrs.update(schema_fields(spec))
    return type(f"Plain{record_type}", (Schema,), attrs)


def errors(schema: type[Schema], data: dict) -> dict:
    with pytest.raises(ValidationError) as raised:
        schema().load(data)
    return raised.value.messages


def leaves(messages) -> list:
    if isinstance(messages, dict):
        return [x for v in messages.values() for x in leaves(v)]
    if isinstance(messages, list):
        return [x for v in messages for x in leaves(v)]
    return [messages]


@pytest.mark.parametrize("bad", [
    {"uid": "", "birth_year": "1950s", "sex": "unknown-sex", "nickname": "x"},
    {"uid": "p-1", "birth_year": 1700, "name_en": "x" * 600, "roles": ["Victim", "King"]},
    {"uid": "x" * 201, "status": None, "roles": "Victim", "birth_year": True},
    {"record": None},
])
def test_the_english_is_marshmallows_own(bad):
    """Schema, fields and validators of every kind (unknown field, length, range, choice,
    type, null, list): the same messages as marshmallow's, and each one a Message."""
    data = {"record": "Person", **bad}
    translated = errors(NODE_SCHEMAS["Person"], data)
    assert translated == errors(plain_schema("Person"), data)
    assert all(isinstance(m, Message) for m in leaves(translated)), translated


def test_the_consent_forms_messages_are_marshmallows_own():
    translated = errors(ConsentBody, {"purpose": "gossip", "given_on": "last spring",
                                      "obtained_by": "", "by_family": "perhaps"})
    assert translated == {"purpose": ["Must be one of: internal, un_submission, publication, "
                                      "partner_sharing."],
                          "given_on": ["Not a valid date."],
                          "obtained_by": ["Length must be between 1 and 500."],
                          "by_family": ["Not a valid boolean."]}
    assert all(isinstance(m, Message) for m in leaves(translated))
