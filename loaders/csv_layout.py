"""The CSV form of the interchange format: file names, columns, list separator.

One place for what the CSV importer reads and the CSV exporter writes
(docs/interchange.md, "CSV"), so that export -> import -> export is lossless.
A CSV export is a directory with one file per record type; the columns are
the record's fields (relationship ``props`` are flattened into their own
columns) and a list is one cell joined with ``|``.
"""

from __future__ import annotations

from loaders.records import NODE_SCHEMAS, REL_PROPS

LIST_SEPARATOR = "|"
#: Fields that hold lists of strings.
LIST_FIELDS = frozenset({"roles", "name_variants", "sources"})

#: Record type -> its file in a CSV directory, in the order an import reads them.
CSV_FILES: dict[str, str] = {
    "Organization": "organizations.csv",
    "Source": "sources.csv",
    "Instrument": "instruments.csv",
    "Resource": "resources.csv",
    "Location": "locations.csv",
    "PerpetratorBody": "perpetrator_bodies.csv",
    "Person": "persons.csv",
    "Event": "events.csv",
    "Proceeding": "proceedings.csv",
    "Consent": "consents.csv",
    "rel": "relationships.csv",
}

#: The editor's review, after a record's own fields.
REVIEW_FIELDS = ("review_status", "reviewed_by", "reviewed_on")

#: Relationship columns: the record's own fields, then each property of ``props``.
REL_OWN_COLUMNS = ("type", "from", "to", "key", "sources")
REL_COLUMNS = (*REL_OWN_COLUMNS, *REL_PROPS, "synthetic")


def columns(record_type: str) -> tuple[str, ...]:
    """The columns of ``record_type``'s file, in the order the exporter writes them:
    ``uid`` first, ``synthetic`` last, the schema's fields in between."""
    if record_type == "rel":
        return REL_COLUMNS
    fields = [name for name in NODE_SCHEMAS[record_type]._declared_fields
              if name not in ("record", "uid", "synthetic")]
    review = [name for name in fields if name in REVIEW_FIELDS]
    own = [name for name in fields if name not in REVIEW_FIELDS]
    return ("uid", *own, *review, "synthetic")


def record_type_of(file_name: str) -> str | None:
    """The record type a CSV file holds, by its name: ``persons.csv``, ``person.csv``,
    ``perpetrator_bodies.csv``, ``relationships.csv`` (case and ``_``/``-`` ignored)."""
    stem = file_name.rsplit(".", 1)[0].lower().replace("_", "").replace("-", "")
    for record_type, canonical in CSV_FILES.items():
        if stem == canonical[:-4].replace("_", ""):
            return record_type
    singular = stem[:-3] + "y" if stem.endswith("ies") else stem.rstrip("s")
    for name in NODE_SCHEMAS:
        if name.lower() == singular:
            return name
    return "rel" if singular in ("rel", "relationship") else None
