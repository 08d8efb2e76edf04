"""The fixed reference records every run starts with.

Why fixed: organisations, instruments, resources, perpetrator bodies,
officials and places are the same in every run, whatever its seed or scale,
so that benchmarks compare like with like and two generated files can be
loaded into one graph. The reference sources back the facts among them
(WITHIN, PART_OF, REPORTS_TO, COMMANDED_BY, MEMBER_OF); one is partner-only,
so some officials are documented but not publishable.
"""

from __future__ import annotations

from loaders.synthetic.context import Record
from loaders.synthetic.instruments import instrument_records
from loaders.synthetic.organizations import organization_records
from loaders.synthetic.perpetrators import body_records
from loaders.synthetic.places import location_records

GAZETTEER = "src-ref-gazetteer"
STRUCTURE = "src-ref-structure"
TESTIMONY = "src-ref-insider-testimony"
PRESS = "src-ref-press"

# (uid, source_kind, title, terms_of_use, submitted_by, submitted_on, url)
REFERENCE_SOURCES = (
    (GAZETTEER, "official_document", "Synthetic gazetteer of places and coordinates", "public",
     "org-004", "2020-01-15", "https://archive.example.org/synthetic/gazetteer"),
    (STRUCTURE, "official_document",
     "Synthetic study of the DPRK security apparatus and its chain of command", "public",
     "org-004", "2021-03-01", "https://archive.example.org/synthetic/structure"),
    (TESTIMONY, "testimony",
     "Synthetic compilation of former officials' testimony on command structures", "partners",
     "org-002", "2019-06-10", None),
    (PRESS, "news_article", "Synthetic press compilation on named officials", "public",
     "org-002", "2022-09-20", "https://news.example.org/synthetic/officials"),
)


def reference_records() -> list[Record]:
    """All fixed records, in the order they are written."""
    records: list[Record] = organization_records()
    for uid, kind, title, terms, org, on, url in REFERENCE_SOURCES:
        record: Record = {"record": "Source", "uid": uid, "kind": kind, "title": title,
                          "terms_of_use": terms, "submitted_by": org, "submitted_on": on}
        if url:
            record["url"] = url
        record["synthetic"] = True
        records.append(record)
    records += instrument_records()
    records += location_records(GAZETTEER)
    records += body_records(STRUCTURE, TESTIMONY, PRESS, owner="org-002")
    return records
