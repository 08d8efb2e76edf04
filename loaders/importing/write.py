"""Writing validated records into the vault: batched ``UNWIND``, each batch in its own
transaction. Records new to the store are created, the rest merged on ``uid``
(relationships on their ends, type and key), so a re-run gives the same graph and an
interrupted import can be run again to completion.

What an import did is counted per record: created, updated (a field or label changed)
or unchanged. Neo4j's counters cannot tell the last two apart (a property set to the
value it had counts as set), so the merge queries compare each record before and after.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from neo4j import Driver
from neo4j.spatial import WGS84Point

from graph import encryption, queries
from loaders.importing.validate import Parsed, labels_in_store


@dataclass
class Written:
    """What an import has written so far; kept when it fails part-way, for its audit entry."""

    created: Counter = field(default_factory=Counter)        # nodes new to the store, by label
    updated: Counter = field(default_factory=Counter)        # nodes it held, now changed
    unchanged: Counter = field(default_factory=Counter)      # nodes it held as they are
    relationships: Counter = field(default_factory=Counter)  # by type, created or merged
    relationships_created: int = 0                           # of those, new (Neo4j's count)
    relationships_updated: Counter = field(default_factory=Counter)    # by type: changed
    relationships_unchanged: Counter = field(default_factory=Counter)  # by type: as they were

    @property
    def nodes(self) -> Counter:
        """Every node written, whatever became of it, by label."""
        return self.created + self.updated + self.unchanged

    def relationships_new(self) -> Counter:
        """The relationships created, by type."""
        return self.relationships - self.relationships_updated - self.relationships_unchanged

    def changed_anything(self) -> bool:
        return bool(self.created or self.updated or self.relationships_created
                    or self.relationships_updated)

    def details(self) -> dict:
        return {"nodes_created": dict(self.created), "nodes_updated": dict(self.updated),
                "nodes_unchanged": dict(self.unchanged),
                "relationships": dict(self.relationships),
                "relationships_created": self.relationships_created,
                "relationships_updated": dict(self.relationships_updated),
                "relationships_unchanged": dict(self.relationships_unchanged)}


_COMPACT = re.compile(r"[^0-9a-z\u00c0-\u024f]+")


def search_keys(data: dict) -> list[str]:
    """Compact forms of the Latin names (``Kim Jong-il`` -> ``kimjongil``, ``jongil``)."""
    keys: set[str] = set()
    for name in [data.get("name_en"), *data.get("name_variants", [])]:
        if not name or not name.isascii():
            continue
        words = [w for w in _COMPACT.split(name.lower()) if w]
        if len(words) > 1:
            keys.add("".join(words))
            keys.add("".join(words[1:]))
    return sorted(keys)


def node_row(label: str, data: dict, previous: dict | None = None) -> dict:
    """The labels and stored properties of a validated node record, its encrypted fields
    sealed (graph/encryption.py). ``previous``: the record as stored (its sealed values,
    kept where unchanged, so that a re-import changes nothing it need not; and its labels,
    ``_labels``: a merge adds roles to those it has, and which fields are sealed follows
    the roles the record ends up with)."""
    props = {k: v for k, v in data.items() if k not in ("record", "roles", "lat", "lon")}
    labels = [label]
    if label == "Person":
        labels += data["roles"]
        # From the names in plain text (a sealed export re-imported gives them sealed).
        props["search_keys"] = search_keys(encryption.opened_names(data["uid"], data))
    if label == "Location" and data.get("lat") is not None:
        props["coords"] = WGS84Point((data["lon"], data["lat"]))
    if label == "Event" and props.get("year") is None and data.get("date_start"):
        props["year"] = data["date_start"].year
    if label in encryption.SEALABLE:
        roles = [*labels, *((previous or {}).get("_labels") or ())]
        props = encryption.active().seal_props(label, data["uid"], props, previous, roles=roles)
    return {"uid": data["uid"], "labels": labels, "props": props}


def sealed_in_store(driver: Driver, database: str, uids: list[str]) -> dict[str, dict]:
    """The values the store holds of the fields that may be sealed, and the labels, of
    records of ``uids`` with such fields (see :func:`node_row`)."""
    fields = sorted({f for names in encryption.SEALABLE.values() for f in names})
    out: dict[str, dict] = {}
    for start in range(0, len(uids), 10_000):
        for row in queries.run(driver, "load/match_sealed_values", database=database,
                               uids=uids[start:start + 10_000], fields=fields):
            out[row["uid"]] = {**dict(zip(fields, row["values"], strict=True)),
                               "_labels": row["labels"]}
    return out


def rel_row(rel: dict) -> dict:
    props = {**rel["props"], "sources": rel["sources"]}
    if "synthetic" in rel:
        props["synthetic"] = rel["synthetic"]
    return {"type": rel["type"], "from": rel["start"], "to": rel["end"], "key": rel["key"],
            "props": props}


def write(driver: Driver, database: str, parsed: Parsed, batch_size: int,
          progress: Callable[[int], None], written: Written | None = None) -> Written:
    """Write the records, each batch in its own transaction. Records new to the store are
    created: a relationship between two nodes created by this import cannot exist yet.
    The rest are merged, so a re-run, or a run after a crash, writes nothing twice.
    ``written`` (returned) counts each batch as it commits."""
    written = written if written is not None else Written()
    existing = set(labels_in_store(driver, database, list(parsed.nodes)))
    sealed = sealed_in_store(driver, database, [
        uid for uid, (_, label, _) in parsed.nodes.items()
        if uid in existing and label in encryption.SEALABLE])
    node_rows = [node_row(label, data, sealed.get(data["uid"]))
                 for _, label, data in parsed.nodes.values()]
    fresh: dict[tuple, dict] = {}
    merging: dict[tuple, dict] = {}
    for _, rel in parsed.rels:
        row = rel_row(rel)
        into = merging if row["from"] in existing or row["to"] in existing or not (
            row["from"] in parsed.nodes and row["to"] in parsed.nodes) else fresh
        key = (row["from"], row["type"], row["to"], row["key"])
        if key in into:  # the same relationship twice in the file: as MERGE would
            into[key]["props"] = {**into[key]["props"], **row["props"]}
        else:
            into[key] = row
    new_nodes = [r for r in node_rows if r["uid"] not in existing]
    fresh_rels, merged = list(fresh.values()), list(merging.values())
    # Created batches go two at a time: while Neo4j writes one, the driver packs and
    # sends the next (on 2 cores, quicker than one at a time: docs/performance.md).
    # Nodes come first, all of them, so that every relationship finds its ends.
    for name, rows, counter in (("load/create_nodes", new_nodes, written.created),
                                ("load/create_relationships", fresh_rels, written.relationships)):
        _parallel(driver, database, name, rows, batch_size, counter, progress, written)
    with driver.session(database=database) as session:
        rows = [r for r in node_rows if r["uid"] in existing]
        for start in range(0, len(rows), batch_size):
            batch = rows[start:start + batch_size]
            results = session.execute_write(
                lambda tx, b=batch: queries.run_in(tx, "load/merge_nodes", rows=b))
            for result in results:
                (written.updated if result["changed"] else written.unchanged)[result["label"]] += 1
            progress(len(batch))
        progress(len(parsed.rels) - len(merged) - len(fresh_rels))  # repeats folded into one
        merge_rels = queries.text("load/merge_relationships")
        for number, batch in enumerate(_ramped(merged, batch_size)):
            # On a store with (almost) no relationships the planner checks MERGE's pattern
            # by scanning all relationships, and inside a large batch that scan grows with
            # every row written (docs/performance.md). So the first batches are small and
            # force a new plan, made from the counts they leave behind.
            query = ("CYPHER replan=force " + merge_rels) if number < len(RAMP) + 1 else merge_rels
            results, created = session.execute_write(lambda tx, b=batch, q=query: _merged(tx, q, b))
            for result in results:
                if not result["created"]:
                    (written.relationships_updated if result["changed"]
                     else written.relationships_unchanged)[result["type"]] += 1
            written.relationships.update(r["type"] for r in batch)
            written.relationships_created += created
            progress(len(batch))
    return written


def _merged(tx, query: str, rows: list[dict]) -> tuple[list[dict], int]:
    """A batch of relationships merged: each row's outcome, and Neo4j's count of the new."""
    result = tx.run(query, rows=rows)
    records = [record.data() for record in result]
    return records, result.consume().counters.relationships_created


def _parallel(driver: Driver, database: str, name: str, rows: list[dict], batch_size: int,
              counter: Counter, progress: Callable[[int], None], written: Written,
              writers: int = 2) -> None:
    text = queries.text(name)

    def write_batch(batch: list[dict]) -> tuple[list[dict], int]:
        with driver.session(database=database) as session:
            summary = session.execute_write(lambda tx: tx.run(text, rows=batch).consume())
        return batch, summary.counters.relationships_created

    batches = [rows[i:i + batch_size] for i in range(0, len(rows), batch_size)]
    with ThreadPoolExecutor(max_workers=writers) as pool:
        for batch, relationships_created in pool.map(write_batch, batches):
            counter.update(r["labels"][0] if "labels" in r else r["type"] for r in batch)
            written.relationships_created += relationships_created
            progress(len(batch))


RAMP = (50, 500, 2000)


def _ramped(rows: list, batch_size: int) -> Iterator[list]:
    """``rows`` in batches that grow through ``RAMP`` to ``batch_size``."""
    start = 0
    for size in [min(r, batch_size) for r in RAMP if r < batch_size]:
        if start < len(rows):
            yield rows[start:start + size]
        start += size
    yield from (rows[i:i + batch_size] for i in range(start, len(rows), batch_size))
