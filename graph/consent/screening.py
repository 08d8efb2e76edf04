"""Runs the free-text gate (``graph.consent.gate``) over what publication is about to write.

The gate decides; this module feeds it from the vault and keeps what it found:

- the **name index** of every person, built from the vault and kept per process
  until a write of persons changes the vault's names revision (the importer and
  the editors' forms bump it; the number of persons is part of the key too);
- the **review list**: one ``TextHold`` per withheld field, with the persons it
  names and the reason, for editors to act on (rewrite the text, or obtain
  consent); an entry goes away when a later publication no longer withholds it;
- the **published text** (``PublicText``, one per published node, holding the
  text of the node and of its outgoing relationships): a withdrawal or a change
  of names looks up which published records name the person in its text index,
  so that those records are checked again in the same republish.

Vault writes of a publication happen before its public-graph commit, and
deletions of what it no longer publishes after it: whatever fails in between,
the vault never knows less about the public graph than the public graph holds.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from neo4j import Driver

from graph import encryption, queries
from graph.consent import gate

BATCH = 5000
#: Published text is kept in parts of at most this many characters (3 bytes each at
#: most in UTF-8, under the text index's 32 kB), overlapping by more than any name.
PART_CHARS, PART_OVERLAP = 8000, 200
#: Terms looked up one at a time in the PublicText index; past this many persons a
#: full read of the published texts is quicker.
LOOKUP_PERSONS = 200


@dataclass
class Screened:
    """What the gate found in one publication's records."""

    findings: list[gate.Finding] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # node uid -> its published text
    checked_fields: int = 0
    records: list[str] = field(default_factory=list)  # the node uids checked

    @property
    def withheld_records(self) -> int:
        return len({f.record for f in self.findings})

    def text_parts(self) -> list[dict]:
        """PublicText rows: each text cut into overlapping parts."""
        rows = []
        for uid, text in self.texts.items():
            for part, start in enumerate(range(0, max(len(text) - PART_OVERLAP, 1),
                                               PART_CHARS - PART_OVERLAP)):
                rows.append({"uid": f"{uid}#{part}", "record": uid, "part": part,
                             "text": text[start:start + PART_CHARS]})
        return rows

    def part_counts(self) -> list[dict]:
        counts: dict[str, int] = {uid: 0 for uid in self.records}
        for row in self.text_parts():
            counts[row["record"]] = row["part"] + 1
        return [{"record": uid, "parts": n} for uid, n in counts.items()]

    def holds(self) -> list[dict]:
        return [{"uid": f"{f.record}#{f.field}", "record": f.record, "field": f.field,
                 "persons": list(f.persons), "reason": f.reason} for f in self.findings]


# -- the name index ---------------------------------------------------------------------

_cache: dict[tuple[int, str], tuple[tuple, gate.NameIndex]] = {}
_cache_lock = threading.Lock()


def _revision(vault: Driver, database: str) -> tuple:
    row = queries.run(vault, "gate/match_names_revision", database=database)[0]
    return row["revision"], row["people"]


def name_index(vault: Driver, database: str, fresh: bool = False) -> gate.NameIndex:
    """The name index of every person of the vault: cached until persons are written."""
    key = _revision(vault, database)  # read before the names: a later write means a rebuild
    with _cache_lock:
        cached = _cache.get((id(vault), database))
    if cached and cached[0] == key and not fresh:
        return cached[1]
    with vault.session(database=database) as session:
        rows = session.run(queries.text("gate/stream_person_names"))
        # A witness's or relative's names are sealed in the vault: opened here, in memory
        # only (graph/encryption.py), for the gate must find them in public text.
        index = gate.NameIndex(encryption.opened_names(r["uid"], dict(r.items())) for r in rows)
    with _cache_lock:
        _cache[id(vault), database] = (key, index)
    return index


def names_changed_in(tx) -> None:
    """Call in the transaction that writes persons' names: cached name indexes are stale."""
    queries.run_in(tx, "gate/bump_names_revision")


def names_changed(vault: Driver, database: str) -> None:
    queries.run(vault, "gate/bump_names_revision", database=database)


# -- checking a publication -------------------------------------------------------------

def screen(vault: Driver, database: str, nodes: list[dict], rels: list[dict],
           index: gate.NameIndex | None = None) -> Screened:
    """Gate, in place, the projected ``nodes`` and ``rels`` (graph.publication's rows)."""
    index = index or name_index(vault, database)
    records: list[gate.Record] = []
    by_node: dict[str, list[gate.Record]] = defaultdict(list)
    for node in nodes:
        record = gate.Record(node["uid"], node["props"], person_names="Person" in node["labels"])
        records.append(record)
        by_node[node["uid"]].append(record)
    for rel in rels:
        key = f"{rel['from']}|{rel['type']}|{rel['to']}|{rel['key']}"
        record = gate.Record(key, rel["props"], ends=(rel["from"], rel["to"]), about=rel["from"])
        records.append(record)
        by_node[rel["from"]].append(record)
    texts = {uid: gate.search_text(recs) for uid, recs in by_node.items()}  # before withholding
    result = gate.check(records, index, lambda uids: public_people(vault, database, uids),
                        lambda pairs: linked(vault, database, pairs))
    return Screened(findings=result.findings, checked_fields=result.checked_fields,
                    texts={uid: text for uid, text in texts.items() if text},
                    records=[n["uid"] for n in nodes])


def public_people(vault: Driver, database: str, uids: list[str]) -> set[str]:
    out: set[str] = set()
    for start in range(0, len(uids), BATCH):
        out |= {r["uid"] for r in queries.run(vault, "gate/match_public_people", database=database,
                                             uids=uids[start:start + BATCH])}
    return out


def linked(vault: Driver, database: str, pairs: dict[str, list[str]]) -> dict[str, set[str]]:
    """For each record, which of the given persons it is or is linked to (the homonym rule)."""
    rows = [{"record": record, "persons": persons} for record, persons in pairs.items()]
    out: dict[str, set[str]] = {}
    for start in range(0, len(rows), BATCH):
        for row in queries.run(vault, "gate/match_linked_people", database=database,
                               pairs=rows[start:start + BATCH], not_about=list(gate.NOT_ABOUT)):
            out[row["record"]] = set(row["linked"])
    return out


# -- keeping what was found ---------------------------------------------------------------

def save(tx, screened: Screened, generation: int, full: bool) -> None:
    """Write the review list and the published text for the records checked (before the
    public graph commits). For an incremental republish, the entries of the checked
    records that were not found again are resolved."""
    holds, parts = screened.holds(), screened.text_parts()
    for start in range(0, len(parts), BATCH):
        queries.run_in(tx, "gate/merge_public_texts", rows=parts[start:start + BATCH],
                       generation=generation)
    for start in range(0, len(holds), BATCH):
        queries.run_in(tx, "gate/merge_text_holds", rows=holds[start:start + BATCH],
                       generation=generation)
    if not full:
        queries.run_in(tx, "gate/delete_public_texts", rows=screened.part_counts())
        queries.run_in(tx, "gate/delete_text_holds_of", records=screened.records,
                       keep=[h["uid"] for h in holds])


def forget(vault: Driver, database: str, generation: int | None = None,
           unpublished: Iterable[str] = ()) -> None:
    """After the public graph committed: drop the text and review entries of what is no
    longer published (a full publication: everything of older generations)."""
    if generation is not None:
        queries.run(vault, "gate/delete_stale_public_texts", database=database,
                    generation=generation)
        queries.run(vault, "gate/delete_stale_text_holds", database=database, generation=generation)
        return
    gone = sorted(set(unpublished))
    if gone:
        queries.run(vault, "gate/delete_public_texts", database=database,
                    rows=[{"record": uid, "parts": 0} for uid in gone])
        queries.run(vault, "gate/delete_text_holds_of", database=database, records=gone, keep=[])


# -- finding records again by a person's names --------------------------------------------

def records_naming(vault: Driver, database: str, persons: Iterable[str]) -> set[str]:
    """Published records whose text may name any of ``persons`` (by the PublicText index),
    and records with a field withheld for naming one of them: a republish of the persons
    checks these again, so a withdrawal reaches every text that names the person and a
    new consent releases what was withheld for them."""
    persons = sorted(set(persons))
    if not persons:
        return set()
    rows = [encryption.opened_names(r["uid"], r) for start in range(0, len(persons), BATCH)
            for r in queries.run(vault, "gate/match_person_names", database=database,
                                 uids=persons[start:start + BATCH])]
    found = {r["uid"] for r in queries.run(vault, "gate/match_holds_naming", database=database,
                                           persons=persons)}
    if len(rows) > LOOKUP_PERSONS:
        return (found | _scan_texts(vault, database, rows)) - {None}
    terms = sorted({t for row in rows for t in gate.terms_of(row).all()})
    if terms:
        found |= {r["uid"] for r in queries.run(vault, "gate/match_naming_texts",
                                                database=database, terms=terms)}
    found.discard(None)
    return found


def _scan_texts(vault: Driver, database: str, people: list[dict]) -> set[str]:
    """Many persons at once (an import): read every published text once instead."""
    index = gate.NameIndex(people)
    found: set[str] = set()
    with vault.session(database=database) as session:
        for row in session.run(queries.text("gate/stream_public_texts")):
            if index.find(row["text"]):
                found.add(row["uid"])
    return found


def review_list(vault: Driver, database: str) -> list[dict]:
    """Every withheld field on the review list, newest first."""
    from graph.consent.policy import PUBLIC_FIELDS

    return queries.run(vault, "gate/list_text_holds", database=database,
                       types=list(PUBLIC_FIELDS))
