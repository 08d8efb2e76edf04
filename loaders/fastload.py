"""The interchange schemas (loaders/records.py), compiled to plain checks for the common case.

Marshmallow spends about 65 µs on a record, mostly in its own layers (error stores,
getters, hook lookups) rather than in the checks: at 3 million records that is more
time than Neo4j takes to write them. :class:`Compiled` walks a schema's fields once
and checks a record with the same validators and converters, but only for values of
the exact JSON type a field expects (a string for a String or Date, an int for an
Integer, a bool for a Boolean, ...). Anything else — a wrong type, a failed
validator, an unknown or missing field, a schema-level check that objects, a field
with hooks — hands the record to the schema itself, so the result and every error
message are marshmallow's own. The schemas stay the one definition of the format.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields
from marshmallow.utils import missing


class _Slow(Exception):
    """This record needs the schema itself."""


Check = Callable[[Any], Any]


def _string(value):
    if type(value) is not str:
        raise _Slow
    return value


def _integer(value):
    if type(value) is not int:
        raise _Slow
    return value


def _float(value):
    if type(value) is int or type(value) is float:
        value = float(value)
        if math.isfinite(value):
            return value
    raise _Slow


def _boolean(value):
    if type(value) is not bool:
        raise _Slow
    return value


def _date(field: fields.Date) -> Check | None:
    parse = field.DESERIALIZATION_FUNCS.get(field.format or field.DEFAULT_FORMAT)
    if parse is None:
        return None

    def check(value):
        if type(value) is not str:
            raise _Slow
        try:
            return parse(value)
        except (TypeError, AttributeError, ValueError):
            raise _Slow from None
    return check


def _list(field: fields.List) -> Check | None:
    inner = _field(field.inner)
    if inner is None:
        return None

    def check(value):
        if type(value) is not list:
            raise _Slow
        return [inner(v) for v in value]
    return check


def _nested(field: fields.Nested) -> Check | None:
    if field.many or field.only or field.exclude:
        return None
    compiled = Compiled(field.schema)
    if compiled.fields is None:
        return None

    def check(value):
        if type(value) is not dict:
            raise _Slow
        return compiled.fast(value)
    return check


_CONVERTERS: dict[type, Callable[[Any], Check | None]] = {
    fields.String: lambda f: _string,
    fields.Integer: lambda f: None if getattr(f, "strict", False) else _integer,
    fields.Float: lambda f: _float if not f.allow_nan else None,
    fields.Boolean: lambda f: _boolean,
    fields.Date: _date,
    fields.List: _list,
    fields.Nested: _nested,
}


def _field(field: fields.Field) -> Check | None:
    """A check doing what ``field.deserialize`` does for a present value, or None."""
    make = _CONVERTERS.get(type(field))
    if make is None or field.pre_load or field.post_load:
        return None
    convert = make(field)
    if convert is None:
        return None
    validators, allow_none = tuple(field.validators), field.allow_none

    def check(value):
        if value is None:
            if allow_none:
                return None
            raise _Slow
        out = convert(value)
        for validate in validators:
            validate(out)
        return out
    return check


class Compiled:
    """``load`` gives what ``schema.load`` gives, for every record."""

    def __init__(self, schema: Schema | type[Schema]):
        self.schema = schema() if isinstance(schema, type) else schema
        self.fields: list[tuple[str, str, Check, bool, Any]] | None = []
        hooks = dict(self.schema._hooks)
        validates = hooks.pop("validates_schema", [])
        plain = all(not config.get("pass_original") and not many for _, many, config in validates)
        if any(hooks.values()) or not plain or self.schema.unknown != RAISE:
            self.fields = None
            return
        self.validators = [getattr(self.schema, name) for name, _, _ in validates]
        for name, field in self.schema.load_fields.items():
            check = _field(field)
            if check is None:
                self.fields = None
                return
            self.fields.append((field.data_key or name, name, check, field.required,
                                field.load_default))
        self.known = frozenset(key for key, *_ in self.fields)

    def load(self, raw: dict) -> dict:
        if self.fields is not None and type(raw) is dict:
            try:
                return self.fast(raw)
            except (_Slow, ValidationError):
                pass
        return self.schema.load(raw)

    def fast(self, raw: dict) -> dict:
        if not self.known.issuperset(raw):
            raise _Slow
        out = {}
        for key, name, check, required, default in self.fields:
            if key in raw:
                out[name] = check(raw[key])
            elif required:
                raise _Slow
            elif default is not missing:
                out[name] = default() if callable(default) else default
        for validate in self.validators:
            validate(out)
        return out
