"""The model's one definition (graph/model) and everything derived from it agree: the
interchange schemas, the neomodel classes, the public field lists of the consent policy,
the profile's presentation and labels, the CSV layout. A definition written again by hand
anywhere would drift from it; these tests say where."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from marshmallow import fields as mf
from marshmallow import validate as mv

from graph import models
from graph.consent import policy
from graph.model import MODEL, ModelError, load
from loaders.csv_layout import REVIEW_FIELDS, columns
from loaders.records import NODE_SCHEMAS, REL_PROPS, REL_TYPES

HANGUL = set(chr(c) for c in range(0xAC00, 0xD7A4))
SCHEMA_CLASS = {"text": mf.String, "name": mf.String, "uid": mf.String, "url": mf.String,
                "vocabulary": mf.String, "vocabularies": mf.List, "strings": mf.List,
                "year": mf.Integer, "date": mf.Date, "boolean": mf.Boolean}
PROPERTY_CLASS = {"text": "StringProperty", "name": "StringProperty", "uid": "StringProperty",
                  "url": "StringProperty", "vocabulary": "StringProperty",
                  "strings": "ArrayProperty", "year": "IntegerProperty", "date": "DateProperty",
                  "boolean": "BooleanProperty", "point": "PointProperty",
                  "count": "IntegerProperty", "pages": "ArrayProperty"}


def one_of(field) -> tuple | None:
    field = field.inner if isinstance(field, mf.List) else field
    return next((tuple(v.choices) for v in field.validators if isinstance(v, mv.OneOf)), None)


@pytest.mark.parametrize("name", list(MODEL.records))
def test_interchange_schema_is_the_definition(name):
    rtype, schema = MODEL.records[name], NODE_SCHEMAS[name]
    declared = schema._declared_fields
    assert set(declared) == {"record", *rtype.interchange_fields()}
    for spec in rtype.fields.values():
        if not spec.interchange:
            continue
        for key in spec.interchange_names:
            field = declared[key]
            if spec.type != "point":
                assert isinstance(field, SCHEMA_CLASS[spec.type]), (name, key)
            assert field.required == spec.required, (name, key)
            vocabulary = MODEL.vocabularies[spec.vocabulary] if spec.vocabulary else None
            assert one_of(field) == (tuple(vocabulary) if vocabulary else None), (name, key)
    assert {n for n in dir(schema) if hasattr(getattr(schema, n), "__marshmallow_hook__")} \
        == set(rtype.rules)


@pytest.mark.parametrize("name", list(MODEL.records))
def test_neomodel_class_is_the_definition(name):
    rtype, cls = MODEL.records[name], models.CLASSES[name]
    props = cls.defined_properties(aliases=False, rels=False)
    assert set(props) == {f.name for f in rtype.stored_fields()}, name
    for spec in rtype.stored_fields():
        prop = props[spec.name]
        expected = "UniqueIdProperty" if spec.name == "uid" else PROPERTY_CLASS[spec.type]
        assert type(prop).__name__ == expected, (name, spec.name)
        if spec.name != "uid":
            assert bool(prop.required) == spec.required, (name, spec.name)
        if spec.vocabulary:
            assert set(prop.choices) == set(MODEL.vocabularies[spec.vocabulary]), spec.name
        if spec.default is not None:
            assert prop.default == spec.default, (name, spec.name)
    for role in rtype.roles:
        assert issubclass(models.CLASSES[role], cls)
        assert set(models.CLASSES[role].inherited_labels()) == {"Entity", name, role}


def test_neomodel_relationships_are_the_definition():
    for rel in MODEL.relationships.values():
        if not rel.interchange or rel.carries == "judged":
            continue
        start = rel.role or rel.starts[0]
        attr = getattr(models.CLASSES[start], rel.name.lower())
        assert attr.definition["relation_type"] == rel.name
        model = attr.definition["model"]
        carried = set(model.defined_properties(aliases=False, rels=False)) - {"key", "synthetic"}
        assert carried == set(rel.properties), rel.name
        required = {n for n, p in model.defined_properties(rels=False).items() if p.required}
        assert required == set(rel.required_properties), rel.name


def test_interchange_relationships_are_the_definition():
    assert set(REL_TYPES) == {r.name for r in MODEL.relationships.values() if r.interchange}
    for name, (starts, ends, fact) in REL_TYPES.items():
        rel = MODEL.relationships[name]
        assert starts == (rel.starts or tuple(MODEL.records))
        assert ends == (rel.ends or tuple(MODEL.records))
        assert fact == rel.fact
    assert set(REL_PROPS) == set(MODEL.properties)


def test_public_fields_are_the_definitions():
    assert set(policy.PUBLIC_FIELDS) == {n for n, r in MODEL.records.items()
                                         if r.visibility != "consent"}
    for name, fields in policy.PUBLIC_FIELDS.items():
        assert set(fields) == {f.name for f in MODEL.records[name].fields.values()
                               if f.public == "always"}, name
    assert set(policy.EVENT_TEXT_FIELDS) == {"summary_en", "summary_ko"}
    assert set(policy.PUBLIC_REL_FIELDS) == {"key", "sources", *(
        n for n, p in MODEL.properties.items() if p.public == "always")}
    assert policy.PRIVATE_REL_TYPES == {"GAVE", "JUDGED", "SAME_AS"}
    assert policy.FACT_REL_TYPES == {r.name for r in MODEL.relationships.values() if r.fact}
    assert set(policy.REFERENCE_LABELS) == {n for n, r in MODEL.records.items()
                                            if r.visibility == "reference"}


def test_private_fields_are_never_marked_public():
    """What the consent rules say never leaves the vault, whatever a YAML edit says."""
    never = {"Person": {"contact", "notes", "owner", "in_dprk", "at_risk", "review_status",
                        "reviewed_by", "reviewed_on", "deceased_or_disappeared"},
             "Event": {"owner"}, "Proceeding": {"owner"}}
    for name, fields in never.items():
        assert not fields & set(policy.PUBLIC_FIELDS[name]), name
    assert "Consent" not in policy.PUBLIC_FIELDS


@pytest.mark.parametrize("name", list(MODEL.records))
def test_csv_columns_are_the_definition(name):
    own = [f for f in MODEL.records[name].interchange_fields()
           if f not in ("uid", "synthetic", *REVIEW_FIELDS)]
    review = [f for f in MODEL.records[name].interchange_fields() if f in REVIEW_FIELDS]
    assert columns(name) == ("uid", *own, *review, "synthetic")


def test_presentation_and_labels_come_from_the_definition(settings):
    from flask import g

    from service.app import create_app
    from service.pages.blueprint import field_label, relationship_label
    from service.pages.present import kind_label, record_rows

    node = {"uid": "p-1", "labels": ["Entity", "Person", "Victim", "Public"],
            "properties": {"uid": "p-1", "name_en": "Kim", "sex": "male", "category": "war_pow",
                           "birth_year": 1930, "status": "missing", "name_variants": ["K"],
                           "synthetic": True}}
    with create_app(settings).test_request_context():
        for lang in ("en", "ko"):
            rows = record_rows(node, lang)
            assert [r["field"] for r in rows] == ["roles", "name_variants", "category", "sex",
                                                  "birth_year", "status"]
            assert rows[2]["label"] == MODEL.field_label("category", lang)
            assert rows[2]["value"] == MODEL.vocabularies["victim_category"]["war_pow"][lang]
            # the pages' label helpers (templates' field_label, kind_label, rel_label)
            g.lang = lang
            for name, rtype in MODEL.records.items():
                assert kind_label(name) == rtype.label[lang]
                for fname in rtype.fields:
                    assert field_label(fname) in {f.label[lang] for r in MODEL.records.values()
                                                  for n, f in r.fields.items() if n == fname}
            for rel in MODEL.relationships.values():
                assert relationship_label(rel.name) == rel.label[lang]
                if rel.out:
                    assert relationship_label(rel.name, "out") == rel.out[lang]


def test_every_label_and_help_text_has_both_languages_korean_in_hangul():
    def check(labels, where):
        assert labels and labels["en"].strip() and labels["ko"].strip(), where
        assert set(labels["ko"]) & HANGUL, where

    for rtype in (*MODEL.records.values(), *MODEL.abstract.values()):
        if rtype.name in MODEL.records:
            check(rtype.label, rtype.name)
            check(rtype.plural, rtype.name)
        for fname, spec in rtype.fields.items():
            check(spec.label, f"{rtype.name}.{fname}")
            if spec.help:
                check(spec.help, f"{rtype.name}.{fname}.help")
        for group, labels in rtype.groups.items():
            check(labels, f"{rtype.name}.groups.{group}")
    for rel in MODEL.relationships.values():
        for labels in filter(None, (rel.label, rel.out, rel.in_)):
            check(labels, rel.name)


# -- the loader refuses what it cannot use ------------------------------------------------

@pytest.fixture
def model_copy(tmp_path) -> Path:
    source = Path(__file__).resolve().parents[2] / "graph" / "model"
    target = tmp_path / "model"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_adding_a_field_is_one_edit(model_copy):
    """The example of docs/architecture.md, as it is written there."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "architecture.md").read_text()
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    edit(model_copy / "records" / "person.yml", "    review_status: {}\n",
         example + "    review_status: {}\n")
    model = load.__wrapped__(model_copy)
    assert "dprk_address" in model.records["Person"].interchange_fields()
    assert "dprk_address" not in model.records["Person"].public_fields()  # private by default


@pytest.mark.parametrize("old, new, says", [
    ("      type: year\n      public: true\n      group: case\n",
     "      type: yearly\n      public: true\n      group: case\n", "type 'yearly'"),
    ("vocabulary: sex\n", "vocabulary: gender\n", "no vocabulary 'gender'"),
    ("label: {en: Sex, ko: 성별}", "label: {en: Sex}", "labels need exactly en and ko"),
    ("      public: true\n      group: case\n      label: {en: Sex",
     "      public: maybe\n      group: case\n      label: {en: Sex", "public 'maybe'"),
    ("  show: [roles,", "  show: [shoe_size, roles,", "no field(s) shoe_size"),
    ("  owner: owner\n", "  owner: proprietor\n", "no field 'proprietor'"),
    ("  rules: [has_a_name]", "  rules: [be_nice]", "unknown rule"),
    ("    sex:\n", "    sex:\n      colour: blue\n", "unknown key(s) colour"),
])
def test_a_broken_definition_is_refused_with_its_place(model_copy, old, new, says):
    edit(model_copy / "records" / "person.yml", old, new)
    with pytest.raises(ModelError, match="Person") as raised:
        load.__wrapped__(model_copy)
    assert says in str(raised.value)
