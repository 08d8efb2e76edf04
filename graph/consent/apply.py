"""Apply the policy to the vault: give every node exactly one consent label.

Facts are read with named queries, decided by ``graph.consent.policy`` (pure),
and the labels written back in batches. Order matters: sources and people
first, then events and proceedings, whose rules look at their people's labels.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from neo4j import Driver

from graph import queries
from graph.consent import policy
from graph.consent.policy import ConsentFacts, Decision, DocumentFacts, PersonFacts

BATCH = 5000


def person_facts(row: dict) -> PersonFacts:
    return PersonFacts(
        uid=row["uid"],
        roles=tuple(lbl for lbl in row["labels"] if lbl in ("Victim", "Witness", "Relative", "Official")),
        status=row["status"],
        deceased_or_disappeared=row["deceased_or_disappeared"],
        in_dprk=row["in_dprk"],
        at_risk=row["at_risk"],
        review_status=row["review_status"],
        consents=tuple(ConsentFacts(uid=c["uid"], purpose=c["purpose"],
                                    given_on=_date(c.get("given_on")),
                                    withdrawn_on=_date(c.get("withdrawn_on")),
                                    by_family=bool(c.get("by_family")), partner=c.get("partner"))
                       for c in row["consents"]),
        source_terms=tuple(row["source_terms"]),
    )


def document_facts(row: dict) -> DocumentFacts:
    return DocumentFacts(
        uid=row["uid"], terms_of_use=row["terms_of_use"], review_status=row["review_status"],
        source_labels=tuple(row["source_labels"]), public_about=row["public_about"],
        non_public_about=row["non_public_about"], names_hidden=tuple(row.get("names_hidden", ())),
        has_public_copy=row["has_public_copy"])


def _names_hidden(driver: Driver, database: str, rows: list[dict]) -> None:
    """Which non-public persons each document's title or text names, by the same gate and
    homonym rule as publication (``graph.consent.screening``); set on the rows."""
    from graph.consent import gate, screening

    records = [gate.Record(r["uid"], {"title_en": r["title_en"], "title_ko": r["title_ko"],
                                      "text_pages": list(r["text_pages"])}) for r in rows]
    result = gate.check(records, screening.name_index(driver, database),
                        lambda uids: screening.public_people(driver, database, uids),
                        lambda pairs: screening.linked(driver, database, pairs))
    named: dict[str, set[str]] = {}
    for finding in result.findings:
        named.setdefault(finding.record, set()).update(finding.persons)
    for row in rows:
        row["names_hidden"] = tuple(sorted(named.get(row["uid"], ())))


def _date(value):
    return value.to_native() if hasattr(value, "to_native") else value


DECIDERS: dict[str, tuple[str | None, Callable[[dict], Decision]]] = {
    "Source": ("consent/match_source_facts",
               lambda r: policy.decide_source(r["terms_of_use"], r["review_status"])),
    "Person": ("consent/match_person_facts", lambda r: policy.decide_person(person_facts(r))),
    "Event": ("consent/match_event_facts",
              lambda r: policy.decide_event(r["public_subjects"], r["public_fact_sources"])),
    "Proceeding": ("consent/match_proceeding_facts",
                   lambda r: policy.decide_proceeding(r["public_concerned"],
                                                      r["non_public_concerned"])),
    "Document": ("consent/match_document_facts",
                 lambda r: policy.decide_document(document_facts(r))),
    "Consent": (None, lambda r: policy.decide_consent_record()),
    **{label: ("consent/match_review_facts",
               lambda r, lbl=label: policy.decide_reference(lbl, r["review_status"]))
       for label in policy.REFERENCE_LABELS},
}
ORDER = ("Organization", "Instrument", "Resource", "PerpetratorBody", "Location", "Consent",
         "Source", "Person", "Event", "Proceeding", "Document")


def decide(driver: Driver, database: str, label: str, uids: list[str]) -> dict[str, Decision]:
    """Decisions for ``uids`` of one label, read from the vault (labels not written)."""
    query, decider = DECIDERS[label]
    out: dict[str, Decision] = {}
    for start in range(0, len(uids), BATCH):
        chunk = uids[start:start + BATCH]
        rows = (queries.run(driver, query, database=database, uids=chunk) if query
                else [{"uid": u} for u in chunk])
        if label == "Document":
            _names_hidden(driver, database, rows)
        for row in rows:
            out[row["uid"]] = decider(row)
        for row in queries.run(driver, "consent/match_deleted", database=database, uids=chunk):
            if row["uid"] in out:  # rule 9: whatever its facts, a deleted record stays out
                out[row["uid"]] = policy.decide_deleted()
    return out


def _write_labels(driver: Driver, database: str, decisions: dict[str, Decision]) -> None:
    rows = [{"uid": uid, "label": d.label} for uid, d in decisions.items()]
    for start in range(0, len(rows), BATCH):
        queries.run(driver, "consent/set_consent_labels", database=database,
                    rows=rows[start:start + BATCH])


def apply_policy(driver: Driver, database: str = "neo4j",
                 uids: Iterable[str] | None = None,
                 progress: Callable[[int], None] | None = None) -> Counter:
    """Label the given nodes (all when ``uids`` is None). Returns counts per label."""
    wanted = None if uids is None else set(uids)
    by_label = _uids_by_label(driver, database, wanted)
    totals: Counter = Counter()
    for label in ORDER:
        todo = by_label.get(label, [])
        if not todo:
            continue
        decisions = decide(driver, database, label, todo)
        _write_labels(driver, database, decisions)
        totals.update(d.label for d in decisions.values())
        if progress:
            progress(len(todo))
    return totals


def affected(driver: Driver, database: str, uids: Iterable[str]) -> list[str]:
    """The people given, plus their events and proceedings."""
    return [r["uid"] for r in queries.run(driver, "consent/match_affected", database=database,
                                          uids=list(uids))]


def _uids_by_label(driver: Driver, database: str, wanted: set[str] | None) -> dict[str, list[str]]:
    if wanted is None:
        return {label: [r["uid"] for r in queries.run(driver, "consent/list_uids",
                                                      database=database, label=label)]
                for label in ORDER}
    rows = queries.run(driver, "load/match_entity_labels", database=database, uids=sorted(wanted))
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(row["label"], []).append(row["uid"])
    return out
