"""The compiled schemas give exactly what marshmallow gives: the same loaded record, or the
same error messages, for valid records and for every field of every record type replaced by
awkward values."""

from __future__ import annotations

import datetime
import itertools

import pytest
from marshmallow import ValidationError

from loaders.fastload import Compiled, _Slow
from loaders.records import NODE_SCHEMAS, RelRecord
from loaders.synthetic import generate

SCHEMAS = {**NODE_SCHEMAS, "rel": RelRecord}
AWKWARD = (None, "", " ", "x" * 201, "x" * 501, "정치범", "2020-02-30", "2020-1-1", "20200101",
           "2020-02-29", "1999-12-31T00:00:00", 0, 12, 1799, 1800, 2100, 2101, -91, 90.5, 12.0,
           "12", "1e3", True, False, "true", "yes", 1, float("nan"), float("inf"), [], [""],
           ["Victim"], ["nobody"], ["a", 3], {}, {"relation": "child"}, {"relation": "friend"},
           {"unknown": 1}, datetime.date(2001, 1, 1), b"bytes", "RELATIVE_OF", "JUDGED", "rel",
           "missing", "un_wgeid", "partner_sharing", "public")


def outcome(load, raw):
    try:
        return "ok", load(dict(raw))
    except ValidationError as exc:
        return "error", exc.messages


#: An interchange Document (the generator makes none: documents come with their files).
DOCUMENT = {"record": "Document", "uid": "doc-1", "kind": "letter", "terms_of_use": "public",
            "title_en": "A letter", "title_ko": "편지", "date": "1987-03-01", "language": "ko",
            "submitted_by": "org-0001", "submitted_on": "2024-05-01", "synthetic": True,
            "review_status": "approved"}


def samples() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {"Document": [DOCUMENT, {**DOCUMENT, "uid": "doc-2",
                                                          "title_ko": None, "date": None}]}
    for record in generate(60, seed=11):
        kind = record["record"]
        out.setdefault(kind, []).append(record)
    return out


@pytest.fixture(scope="module")
def records():
    return samples()


def test_every_schema_compiles():
    for name, schema in SCHEMAS.items():
        assert Compiled(schema).fields is not None, name


def test_valid_records_take_the_fast_path_and_load_the_same(records):
    assert set(records) == set(SCHEMAS)
    for kind, rows in records.items():
        compiled = Compiled(SCHEMAS[kind])
        for raw in rows:
            assert compiled.fast(dict(raw)) == compiled.schema.load(dict(raw)), raw


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_awkward_values_give_marshmallows_result(records, kind):
    compiled = Compiled(SCHEMAS[kind])
    fast = 0
    bases = records[kind][:3]
    keys = sorted({f.data_key or n for n, f in compiled.schema.load_fields.items()} | {"extra"})
    for base, key, value in itertools.product(bases, keys, AWKWARD):
        raw = {**base, key: value}
        assert outcome(compiled.load, raw) == outcome(compiled.schema.load, raw), (key, value)
        try:
            compiled.fast(dict(raw))
            fast += 1
        except (_Slow, ValidationError):
            pass
    for base, key in itertools.product(bases, keys):
        raw = {k: v for k, v in base.items() if k != key}
        assert outcome(compiled.load, raw) == outcome(compiled.schema.load, raw), key
    assert fast > 0  # some awkward-but-valid values were checked without marshmallow


def test_a_record_that_is_not_a_dict_is_marshmallows_to_refuse():
    compiled = Compiled(RelRecord)
    for raw in (None, [], "rel", 3):
        with pytest.raises(ValidationError):
            compiled.load(raw)
