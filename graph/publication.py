"""Publication: the projection of the vault's ``Public`` records into the public graph.

Full rebuild: the policy labels the whole vault, then the projection is
written into the public graph in **one transaction** that stamps a new
generation on everything it writes and deletes whatever the old generation
held. Nodes are merged by uid (their identity is kept); relationships are all
deleted and created afresh, since merging them into dense nodes inside one
large transaction grows quadratically. Readers see the old generation until
the commit and the new one after: never a half-built state, and an
interrupted publish leaves the last complete generation in place.

Incremental: after a change to some people, the policy re-decides them and
their events and proceedings, and only those nodes (and the relationships
touching them) are rewritten or removed, in one transaction.

What a public node carries is decided by ``graph.consent.policy``: its
fields, its relationships and the sources they cite. Records judged to be one
person are linked by ``SAME_AS`` only when their whole cluster is public
(``graph.resolution.clusters``).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field

from neo4j import Driver

from graph import audit, encryption, queries
from graph.consent import policy, screening
from graph.consent.apply import affected, apply_policy
from graph.recount import DashboardRecount, store_counts
from graph.resolution.clusters import same_as_rows
from graph.search_keys import record_search_keys
from loaders.importing.write import search_keys as person_search_keys

BATCH = 5000
#: Properties the publication derives on public victims from the public graph, so that
#: search facets, filters and dashboard counts read a property instead of walking the
#: chain of command on every request (cypher/publication/derive_victim_facets.cypher).
#: Bookkeeping, not part of any record: pages, downloads and exports leave them out.
DERIVED_FIELDS = ("facet_years", "facet_keys")
NODE_LABELS = tuple(policy.PUBLIC_FIELDS)
ROLE_LABELS = ("Victim", "Witness", "Relative", "Official")


@dataclass
class PublishReport:
    generation: int | None = None
    nodes: Counter = field(default_factory=Counter)
    relationships: Counter = field(default_factory=Counter)
    removed: list[str] = field(default_factory=list)
    decisions: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    #: Fields the free-text gate withheld, and in how many records (graph.consent.gate).
    withheld_fields: int = 0
    withheld_records: int = 0
    gate_seconds: float = 0.0
    #: The records a republish decided again, and what the public file area did.
    touched: list[str] = field(default_factory=list)
    files: dict = field(default_factory=dict)

    def summary(self) -> str:
        return (f"published generation {self.generation}: {sum(self.nodes.values())} nodes, "
                f"{sum(self.relationships.values())} relationships in {self.seconds:.1f} s "
                f"(vault: {dict(self.decisions)}); free-text gate withheld "
                f"{self.withheld_fields} field(s) of {self.withheld_records} record(s) "
                f"({self.gate_seconds:.1f} s)")

    def screened(self, result: screening.Screened, seconds: float) -> None:
        self.withheld_fields = len(result.findings)
        self.withheld_records = result.withheld_records
        self.gate_seconds = seconds


def project_node(row: dict) -> dict | None:
    """The public form of a vault node: its labels and only its cleared fields.

    A witness or relative cleared for publication has their names sealed in the vault
    (graph/encryption.py): the public graph gets them opened, in plain text, never the
    ciphertext, with the compact search keys the vault does not store for them."""
    labels = row["labels"]
    primary = next((lbl for lbl in NODE_LABELS if lbl in labels), None)
    if primary is None:
        return None
    stored = row["props"]
    sealed_names = encryption.any_sealed(stored)
    if sealed_names:
        stored = encryption.opened_names(row["uid"], stored)
        stored["search_keys"] = person_search_keys(stored)
    props = policy.project_fields(primary, stored,
                                  include_event_text=(primary == "Event" and not row["hidden_people"]))
    if primary == "Person":
        consents = sorted(row["publication_consents"], key=lambda c: str(c.get("given_on")))
        if consents:
            props["cleared_consent_on"] = consents[0].get("given_on")
            props["cleared_by_family"] = bool(consents[0].get("by_family"))
        props["cleared_sources"] = sorted(row["public_sources"])
    out_labels = ["Entity", primary, "Public"] + [lbl for lbl in ROLE_LABELS
                                                  if primary == "Person" and lbl in labels]
    return {"uid": row["uid"], "labels": out_labels, "props": props}


def add_search_keys(nodes: list[dict]) -> None:
    """Give every projected record other than a person its ``search_keys`` (its Hangul name
    romanised, graph/search_keys.py), in place. Run after the free-text gate, so a key is
    only ever derived from a name that is itself published. Persons keep the keys the
    importer gave them."""
    for node in nodes:
        if "Person" in node["labels"]:
            continue
        keys = record_search_keys(node["props"])
        if keys:
            node["props"]["search_keys"] = keys
        else:
            node["props"].pop("search_keys", None)


def project_relationship(row: dict) -> dict | None:
    sources = row["public_sources"]
    if not policy.public_relationship(row["type"], True, True, ["public"] * len(sources)):
        return None
    props = {k: row["props"][k] for k in policy.PUBLIC_REL_FIELDS
             if row["props"].get(k) is not None}
    props["sources"] = sorted(sources)
    props.setdefault("key", "")
    return {"from": row["from"], "type": row["type"], "to": row["to"], "key": props["key"],
            "props": props}


@dataclass
class Preview:
    """What the public graph would hold of one record if the policy cleared it: the
    projected node, its projected relationships to records already public, and the
    fields the free-text gate withheld from them (``screening.Screened.findings``)."""

    node: dict
    relationships: list[dict]
    withheld: list[dict]


def preview(vault: Driver, vault_db: str, uid: str) -> Preview | None:
    """An editor's preview before approving: the record through the very projection and
    free-text gate that publication runs (``project_node``, ``project_relationship``,
    ``screening.screen``), read from the vault and written nowhere. None for a record the
    public graph never holds (a consent record) or that does not exist."""
    rows = list(_stream(vault, vault_db, "publication/stream_node_preview", uid=uid))
    node = project_node(rows[0]) if rows else None
    if node is None:
        return None
    rels = [p for p in (project_relationship(r) for r in _stream(
            vault, vault_db, "publication/stream_relationships_preview", uid=uid,
            private_types=sorted(policy.PRIVATE_REL_TYPES))) if p]
    screened = screening.screen(vault, vault_db, [node], rels)
    return Preview(node, rels, [{"record": f.record, "field": f.field, "reason": f.reason,
                                 "persons": list(f.persons)} for f in screened.findings])


def _stream(vault: Driver, database: str, name: str, **params):
    with vault.session(database=database) as session:
        yield from (r.data() for r in session.run(queries.text(name), params))


def _victims_by_category(rows: list[dict]) -> Counter:
    known = Counter({c["category"]: c["n"] for c in rows[0]["known"]})
    known["unknown"] += rows[0]["total"] - sum(known.values())
    return known


def _held_confidentially(vault: Driver, vault_db: str, tx) -> str:
    """The victims the vault holds but does not publish, by category, small cells hidden.
    Vault counts minus the public graph's as ``tx`` leaves it: two index reads instead of
    a label check on every victim (docs/performance.md)."""
    held = (_victims_by_category(queries.run(vault, "publication/count_victims_by_category",
                                             database=vault_db))
            - _victims_by_category(queries.run_in(tx, "publication/count_victims_by_category")))
    counts = dict(held)  # Counter subtraction keeps only the categories with someone held
    return json.dumps({**policy.suppress_counts(counts), "threshold": policy.SMALL_CELL},
                      sort_keys=True)


def _write_batches(tx, name: str, rows: list[dict], generation: int,
                   progress: Callable[[int], None]) -> None:
    for start in range(0, len(rows), BATCH):
        batch = rows[start:start + BATCH]
        queries.run_in(tx, name, rows=batch, generation=generation)
        progress(len(batch))


def _delete_relationships(tx) -> None:
    while queries.run_in(tx, "publication/delete_public_relationships", limit=BATCH * 4)[0]["deleted"]:
        pass


def _unique(rels: list[dict]) -> list[dict]:
    """One row per (from, type, to, key): relationships are created, not merged."""
    return list({(r["from"], r["type"], r["to"], r["key"]): r for r in rels}.values())


@contextmanager
def publication_lock(vault: Driver, database: str):
    """One publication at a time, across processes and threads. Two republishes of the same
    person that overlap could otherwise write an older decision after a newer one. The lock
    is a vault node held by an open transaction that writes nothing else and is rolled back."""
    with vault.session(database=database) as session:
        session.run(queries.text("publication/lock_publication")).consume()  # exists, committed
        tx = session.begin_transaction()
        try:
            queries.run_in(tx, "publication/lock_publication")
            yield
        finally:
            tx.rollback()


def publish_all(vault: Driver, public: Driver, vault_db: str = "neo4j", public_db: str = "neo4j",
                actor: str = "system", progress: bool = False, files=None) -> PublishReport:
    """Re-decide the whole vault and rebuild the public graph as a new generation.

    ``files`` (``documents.files.Files``: ``Stores.files``) brings the public file area in
    line with the new generation: public documents' copies in, every other file out."""
    with publication_lock(vault, vault_db):
        report = _publish_all(vault, public, vault_db, public_db, actor, progress)
        if files is not None:
            report.files = files.sync_public(vault, vault_db, public, public_db)
        return report


def _publish_all(vault: Driver, public: Driver, vault_db: str = "neo4j", public_db: str = "neo4j",
                actor: str = "system", progress: bool = False) -> PublishReport:
    """Re-decide the whole vault and rebuild the public graph as a new generation."""
    started = time.monotonic()
    report = PublishReport()
    report.decisions = apply_policy(vault, vault_db)
    nodes = [p for p in (project_node(r) for r in _stream(vault, vault_db,
             "publication/stream_public_nodes")) if p]
    rels = [p for p in (project_relationship(r) for r in _stream(
            vault, vault_db, "publication/stream_public_relationships",
            private_types=sorted(policy.PRIVATE_REL_TYPES))) if p]
    rels = _unique(rels + same_as_rows(vault, vault_db)[0])
    gated = time.monotonic()
    screened = screening.screen(vault, vault_db, nodes, rels,
                                screening.name_index(vault, vault_db, fresh=True))
    report.screened(screened, time.monotonic() - gated)
    add_search_keys(nodes)
    meta = queries.run(public, "publication/match_public_meta", database=public_db)[0]
    generation = (meta["generation"] or 0) + 1
    bar = _bar(len(nodes) + len(rels), "publishing") if progress else None
    tick = bar.update if bar else (lambda n: None)
    try:
        with public.session(database=public_db) as session:
            with session.begin_transaction() as tx:
                _write_batches(tx, "publication/merge_public_nodes", nodes, generation, tick)
                _delete_relationships(tx)
                _write_batches(tx, "publication/create_public_relationships", rels, generation, tick)
                queries.run_in(tx, "publication/delete_stale_nodes", generation=generation)
                queries.run_in(tx, "publication/derive_victim_facets", uids=None)
                statistics = json.dumps(queries.run_in(tx, "public/count_statistics"))
                queries.run_in(tx, "publication/merge_public_meta", generation=generation,
                               held_confidentially=_held_confidentially(vault, vault_db, tx),
                               statistics=statistics)
                _save_screening(vault, vault_db, screened, generation, full=True)
                tx.commit()
    finally:
        if bar:
            bar.close()
    screening.forget(vault, vault_db, generation=generation)
    report.generation = generation
    report.nodes = Counter(n["labels"][1] for n in nodes)
    report.relationships = Counter(r["type"] for r in rels)
    report.seconds = time.monotonic() - started
    audit.append(vault, actor, "publish.full", None, database=vault_db, generation=generation,
                 nodes=sum(report.nodes.values()), relationships=sum(report.relationships.values()),
                 withheld_fields=report.withheld_fields, withheld_records=report.withheld_records)
    return report


def _save_screening(vault: Driver, vault_db: str, screened: screening.Screened, generation: int,
                    full: bool) -> None:
    """The gate's review list and published texts, in the vault, before the public commit."""
    with vault.session(database=vault_db) as session:
        session.execute_write(lambda tx: screening.save(tx, screened, generation, full))


def republish(vault: Driver, public: Driver, uids: Iterable[str], vault_db: str = "neo4j",
              public_db: str = "neo4j", actor: str = "system", reason: str = "change",
              recount: DashboardRecount | None = None, files=None) -> PublishReport:
    """Re-decide the given people (and their events and proceedings) and bring the public
    graph in line for exactly those records, in one public-graph transaction.

    The dashboard's counts are recounted after the commit by ``recount`` (the stores'
    :class:`~graph.recount.DashboardRecount`: ``stores.recount``), so that the change is
    not kept waiting for them; without one, before this returns."""
    with recount.changing() if recount else nullcontext(), publication_lock(vault, vault_db):
        report = _republish(vault, public, uids, vault_db, public_db, recount)
        if files is not None:  # a document that left the public graph leaves the public area
            if report.touched:
                report.files = files.sync_public(vault, vault_db, public, public_db,
                                                 report.touched)
        return report


def _republish(vault: Driver, public: Driver, uids: Iterable[str], vault_db: str,
               public_db: str, recount: DashboardRecount | None) -> PublishReport:
    started = time.monotonic()
    report = PublishReport()
    touched = affected(vault, vault_db, uids)
    # Every published text that names one of these people is checked again: a withdrawal
    # must reach a source's title as surely as the person's own profile.
    touched = sorted(set(touched) | screening.records_naming(vault, vault_db, touched))
    report.decisions = apply_policy(vault, vault_db, touched)
    nodes = [p for p in (project_node(r) for r in _stream(
             vault, vault_db, "publication/stream_public_nodes_of", uids=touched)) if p]
    public_uids = {n["uid"] for n in nodes}
    removed = sorted(set(touched) - public_uids)
    rels = [p for p in (project_relationship(r) for r in _stream(
            vault, vault_db, "publication/stream_public_relationships_of", uids=touched,
            private_types=sorted(policy.PRIVATE_REL_TYPES))) if p]
    same_as, cluster_members = same_as_rows(vault, vault_db, touched)
    rels += same_as
    gated = time.monotonic()
    screened = screening.screen(vault, vault_db, nodes, rels)
    screened.texts = {uid: t for uid, t in screened.texts.items() if uid in public_uids}
    report.screened(screened, time.monotonic() - gated)
    add_search_keys(nodes)
    meta = queries.run(public, "publication/match_public_meta", database=public_db)[0]
    generation = meta["generation"] or 0
    with public.session(database=public_db) as session:
        with session.begin_transaction() as tx:
            before = _victims_reaching(tx, touched)
            queries.run_in(tx, "publication/delete_public_nodes", uids=removed)
            queries.run_in(tx, "publication/delete_public_relationships_of", uids=sorted(public_uids))
            queries.run_in(tx, "publication/delete_public_same_as", uids=cluster_members)
            _write_batches(tx, "publication/merge_public_nodes", nodes, generation, lambda n: None)
            _write_batches(tx, "publication/merge_public_relationships", rels, generation,
                           lambda n: None)
            derive = sorted(before | _victims_reaching(tx, touched))
            queries.run_in(tx, "publication/derive_victim_facets", uids=derive)
            held = _held_confidentially(vault, vault_db, tx)
            version = queries.run_in(tx, "publication/merge_public_meta", generation=None,
                                     held_confidentially=held, statistics=None)[0]
            _save_screening(vault, vault_db, screened, generation, full=False)
            tx.commit()
    screening.forget(vault, vault_db, unpublished=removed)
    # Until the counts are stored again, readers count live.
    if recount is not None:
        recount.later(public, public_db, version["revision"], version["published_at"])
    else:
        store_counts(public, public_db, version["revision"], version["published_at"])
    report.generation = generation
    report.nodes = Counter(n["labels"][1] for n in nodes)
    report.relationships = Counter(r["type"] for r in rels)
    report.removed = removed
    report.touched = touched
    report.seconds = time.monotonic() - started
    return report


def republish_naming(vault: Driver, public: Driver, persons: Iterable[str], vault_db: str = "neo4j",
                     public_db: str = "neo4j", actor: str = "system",
                     recount: DashboardRecount | None = None, files=None) -> PublishReport | None:
    """After persons were written outside an editor's operation (an import): check again
    every published record whose text may name one of them, since they may not be public.
    None when no published text names any of them. ``recount`` as for :func:`republish`."""
    persons = list(persons)
    if not persons:
        return None
    naming = screening.records_naming(vault, vault_db, persons)
    if not naming:
        return None
    return republish(vault, public, sorted(naming), vault_db, public_db, actor=actor,
                     reason="names written", recount=recount, files=files)


def publish_stores(stores, actor: str = "system", progress: bool = False) -> PublishReport:
    """:func:`publish_all` through one ``graph.connections.Stores``, its files included."""
    return publish_all(stores.vault, stores.public, stores.database("vault"),
                       stores.database("public"), actor=actor, progress=progress,
                       files=stores.files)


def republish_stores(stores, uids: Iterable[str], actor: str = "system",
                     reason: str = "change") -> PublishReport:
    """:func:`republish` through one ``graph.connections.Stores``: its dashboard recount and
    its files (a document leaving the public graph leaves the public file area)."""
    return republish(stores.vault, stores.public, uids, stores.database("vault"),
                     stores.database("public"), actor=actor, reason=reason,
                     recount=stores.recount, files=stores.files)


def _victims_reaching(tx, uids: list[str]) -> set[str]:
    return set(queries.run_in(tx, "publication/match_victims_reaching", uids=list(uids))[0]["victims"])


def _bar(total: int, label: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=label, unit="rec", file=sys.stderr, mininterval=0.5)
