"""Reading the vault for investigators, lawyers and editors: audited, owner-aware.

A record is shown in its interchange form (docs/interchange.md), so what an
editor reads is what an editor may write back. Every read of a record that is
not Public is written to the audit log, in one transaction, *before* the
response is built: if the audit log cannot be written, nothing is shown.
Records the caller may not see (``service.vault.visibility``) are left out of lists
and answered as "no record" when asked for by uid.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from typing import Any

from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from graph import audit, encryption, queries
from graph.connections import Stores
from loaders.exporter import node_record
from service.vault.accounts import User
from service.vault.text import withhold
from service.vault.visibility import Access, access_of, may_manage_consent, may_see, visible


class NotVisible(LookupError):
    """No such record, or one the caller may not see: the same answer for both."""

    def __init__(self, uid: str):
        super().__init__(f"no record with uid {uid!r}")
        self.uid = uid


def jsonable(value: Any) -> Any:
    """Neo4j values as JSON: dates as ISO strings, points as lat/lon."""
    if isinstance(value, Date | DateTime | Time):
        return value.iso_format()
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, Point):
        return {"lat": value.y, "lon": value.x}
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def interchange(labels: list[str], props: dict) -> dict:
    """A vault node as an interchange record (what GET shows and PUT takes), its encrypted
    fields opened (graph/encryption.py)."""
    record = node_record(labels, props, opened=True)
    return {k: v for k, v in record.items() if v is not None and not k.startswith("_")}


def etag_of(record: dict) -> str:
    """A strong ETag over the record's content: any change to it changes the tag."""
    canonical = json.dumps(record, ensure_ascii=False, sort_keys=True, default=str,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


def audit_reads(stores: Stores, user: User, accesses: Iterable[Access], via: str) -> int:
    """One ``vault.read`` entry per non-public record read, all in one transaction."""
    todo = sorted({a.uid: a for a in accesses if a.audited}.values(), key=lambda a: a.uid)
    if not todo:
        return 0

    def tx_fn(tx):
        for a in todo:
            audit.append_in(tx, user.email, "vault.read", a.uid, via=via, label=a.consent_label,
                            role=user.role)

    with stores.vault.session(database=stores.database("vault")) as session:
        session.execute_write(tx_fn)
    return len(todo)


def _fetch(stores: Stores, uid: str) -> dict | None:
    rows = queries.run(stores.vault, "vault/match_record", database=stores.database("vault"),
                       uid=uid)
    return rows[0] if rows else None


def record_view(row: dict, access: Access) -> dict:
    record = interchange(row["labels"], row["props"])
    return {"uid": row["uid"], "type": record["record"], "consent_label": access.consent_label,
            "etag": etag_of(record), "record": jsonable(record)}


def require_visible(stores: Stores, user: User, uid: str) -> Access:
    access = access_of(stores, [uid]).get(uid)
    if access is None or not may_see(user, access):
        raise NotVisible(uid)
    return access


def read_record(stores: Stores, user: User, uid: str, audited: bool = True) -> dict:
    """Any vault record by uid, with its ETag (reads of non-public records are audited)."""
    access = require_visible(stores, user, uid)
    row = _fetch(stores, uid)
    if row is None:
        raise NotVisible(uid)
    if audited:
        audit_reads(stores, user, [access], via="record")
    return withhold(stores, user, record_view(row, access), uid)[0]


def written_record(stores: Stores, uid: str) -> dict:
    """The record an editor has just written, as they wrote it: their organisation owns it
    (or it is shared reference data), so they may see it."""
    row = _fetch(stores, uid)
    access = access_of(stores, [uid]).get(uid)
    if row is None or access is None:
        raise NotVisible(uid)
    return record_view(row, access)


def dossier(stores: Stores, user: User, uid: str) -> dict:
    """A person's full record: the record, consents, supporting sources and relationships.
    Related records the caller may not see are left out and counted in ``withheld``."""
    access = require_visible(stores, user, uid)
    if access.label != "Person":
        raise NotVisible(uid)
    row = _fetch(stores, uid)
    facts = queries.run(stores.vault, "vault/match_person_dossier",
                        database=stores.database("vault"), uid=uid)
    if row is None or not facts:
        raise NotVisible(uid)
    facts = facts[0]
    rels = facts["relationships"]
    cited = {s for r in rels for s in (r["props"].get("sources") or [])}
    related = access_of(stores, [*facts["sources"], *(r["other"] for r in rels), *cited])
    seen = {u: a for u, a in related.items() if may_see(user, a)}
    summaries = summarize(stores, seen)
    withheld = 0

    consents: list[dict] = []
    consents_withheld = False
    if may_manage_consent(user, access):
        keyring = encryption.active()
        consents = [jsonable(keyring.open_props("Consent", c))
                    for c in sorted(facts["consents"], key=lambda c: c["uid"])]
    elif facts["consents"]:
        consents_withheld = True
        withheld += len(facts["consents"])

    sources = []
    for suid in sorted(set(facts["sources"])):
        if suid in seen:
            sources.append({"uid": suid, "consent_label": seen[suid].consent_label,
                            **summaries.get(suid, {})})
        else:
            withheld += 1

    relationships = []
    for rel in sorted(rels, key=lambda r: (r["type"], r["other"], r["props"].get("key") or "")):
        other = seen.get(rel["other"])
        if other is None:
            withheld += 1
            continue
        props = dict(rel["props"])
        if props.get("sources") is not None:
            props["sources"] = [s for s in props["sources"] if s in seen]
        relationships.append({
            "type": rel["type"], "direction": "out" if rel["outgoing"] else "in",
            "props": jsonable(props),
            "other": {"uid": other.uid, "type": other.label, "consent_label": other.consent_label,
                      **summaries.get(other.uid, {})}})

    shown = [access, *(seen[s["uid"]] for s in sources),
             *(seen[r["other"]["uid"]] for r in relationships)]
    shown += [Access(c["uid"], "Consent", "Confidential", linked=access.owners) for c in consents]
    audit_reads(stores, user, shown, via=f"person/{uid}")
    out = record_view(row, access)
    out.update(consents=consents, consents_withheld=consents_withheld, sources=sources,
               relationships=relationships, withheld=withheld)
    return withhold(stores, user, out, uid)[0]


def summarize(stores: Stores, accesses: dict[str, Access]) -> dict[str, dict]:
    """What names each record (cypher/vault/match_summaries.cypher), for lists of records."""
    if not accesses:
        return {}
    rows = queries.run(stores.vault, "vault/match_summaries", database=stores.database("vault"),
                       uids=sorted(accesses))
    return {r["uid"]: {k: v for k, v in jsonable(
        encryption.opened_names(r["uid"], r["summary"])).items() if v is not None}
            for r in rows}


# -- search ---------------------------------------------------------------------
_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
_OPERATORS = {"AND", "OR", "NOT", "TO"}


def fulltext_query(text: str) -> str:
    """User input as a Lucene query that cannot be mistaken for query syntax: every special
    character escaped, operator words lower-cased, and the last word also as a prefix (so a
    one-syllable Hangul surname finds the names that start with it)."""
    words = [w for w in text.split() if w][:20]
    terms = [_SPECIAL.sub(r"\\\1", w.lower() if w in _OPERATORS else w) for w in words]
    if not terms:
        return ""
    parts = list(terms)
    if not _SPECIAL.search(words[-1]):
        parts.append(terms[-1] + "*")
    compact = "".join(re.findall(r"[0-9a-z]+", text.lower()))
    if len(words) > 1 and compact:
        parts.append(compact)
    return " ".join(parts)


def name_lookup_query(text: str) -> str:
    """The full-text query of the keyed hashes of ``text`` (its exact forms), for the
    ``person_name_hmacs`` index: how people whose names are sealed (witnesses and relatives
    only, graph/encryption.py) are found, by an exact name and never by a part of it.
    Hex digests: nothing in them is query syntax."""
    return " ".join(encryption.active().query_lookups(text)) if text.strip() else ""


def search_people(stores: Stores, user: User, text: str, limit: int = 20) -> list[dict]:
    """People whose names match, restricted ones included, confidential ones only for the
    owning organisation (filtered in the query itself); each non-public hit is audited.
    A person whose names are sealed matches the exact name only (:func:`name_lookup_query`)."""
    query = fulltext_query(text)
    if not query:
        return []
    rows = queries.run(stores.vault, "vault/search_person_names", database=stores.database("vault"),
                       query=query, hmacs=name_lookup_query(text),
                       organization=user.organization, limit=limit)
    hits = []
    for row in rows:
        row = encryption.opened_names(row["uid"], row)
        access = Access.from_row(row["uid"], row["labels"], "Person", row["owner"])
        if not may_see(user, access):  # the query filtered already; this is a second lock
            continue
        roles = [lbl for lbl in ("Victim", "Witness", "Relative", "Official") if lbl in row["labels"]]
        hits.append((access, {
            "uid": row["uid"], "consent_label": access.consent_label, "roles": roles,
            "name_en": row["name_en"], "name_ko": row["name_ko"],
            "name_variants": row["name_variants"] or [], "status": row["status"],
            "category": row["category"], "birth_year": row["birth_year"],
            "score": round(row["score"], 4)}))
    audit_reads(stores, user, [a for a, _ in hits], via="search")
    return withhold(stores, user, [hit for _, hit in hits])[0]


def explain_visible(stores: Stores, user: User, explanation: dict) -> dict:
    """An editor's explanation of a record, without the consents and sources the caller may
    not see."""
    person = access_of(stores, [explanation["uid"]]).get(explanation["uid"])
    out = dict(explanation)
    if person is None or not may_manage_consent(user, person):
        out["consents_withheld"] = bool(out["consents"])
        out["consents"] = []
    shown = visible(stores, user, [s["uid"] for s in out["sources"]])
    out["sources"] = [s for s in out["sources"] if s["uid"] in shown]
    return withhold(stores, user, jsonable(out), out["uid"])[0]
