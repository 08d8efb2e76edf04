"""The free-text gate for vault readers: what a user reads never names a person they may
not see.

Organisations are walls. A Restricted source of one organisation is readable by every
vault reader, but its title may name a Confidential relative whom only the owning
organisation may see; a shared place's name may too. So every answer built from the
vault passes the same gate as publication (``graph.consent.gate``), with "public"
meaning "visible to this user" (``service.vault.visibility``): a string that names a person
the user may not see is replaced by the marker, and a list loses the items that do.
The homonym rule is publication's, with the record each string belongs to (the nearest
enclosing object with a ``uid``) as its context.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from graph.connections import Stores
from graph.consent import gate, screening
from graph.messages import N_, FieldName, listing
from service.vault.accounts import User
from service.vault.visibility import visible

#: Keys whose string values are identifiers or vocabulary, not text (objects and lists
#: under them are still read).
SKIP_KEYS = frozenset({"uid", "etag", "consent_label", "type", "record", "direction",
                       "sources", "roles", "owner", "submitted_by"})


def _is_person(value: dict) -> bool:
    return value.get("record") == "Person" or value.get("type") == "Person" or "roles" in value


class _Strings:
    """Every string of an answer, with where it is and which record it belongs to."""

    def __init__(self) -> None:
        self.records: list[gate.Record] = []
        self.places: list[tuple[gate.Record, str, Any, Any]] = []  # record, field, parent, key

    def walk(self, value: Any, context: str, person: bool) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("uid"), str):
                context, person = value["uid"], _is_person(value)
            for key, item in value.items():
                if isinstance(item, str):
                    if key not in SKIP_KEYS:
                        self._add(context, person, key, item, value, key)
                elif isinstance(item, list) and item and all(isinstance(i, str) for i in item):
                    if key not in SKIP_KEYS:
                        for index, text in enumerate(item):
                            self._add(context, person, key, text, item, index)
                else:
                    self.walk(item, context, person)
        elif isinstance(value, list):
            for item in value:
                self.walk(item, context, person)

    def _add(self, context: str, person: bool, key: str, text: str, parent: Any, at: Any) -> None:
        record = gate.Record(context, {key: text}, person_names=person)
        self.records.append(record)
        self.places.append((record, key, parent, at))


def withhold(stores: Stores, user: User, answer: Any, context: str = "") -> tuple[Any, int]:
    """``answer`` with every string that names a person ``user`` may not see replaced by
    the marker (a list loses the item), in place; and how many strings were withheld.
    ``context`` is the record the answer is about."""
    strings = _Strings()
    strings.walk(answer, context, False)
    if not strings.records:
        return answer, 0
    originals = [record.props[key] for record, key, _, _ in strings.places]
    vault, database = stores.vault, stores.database("vault")
    index = screening.name_index(vault, database)
    # The gate withholds a field once per record and field name: when one record's field
    # comes twice in an answer (a proceeding's title in its case file and in each of its
    # facts), each occurrence must be checked in a round of its own.
    rounds: list[list[gate.Record]] = []
    occurrences: Counter[tuple[str, str]] = Counter()
    for record, key, _, _ in strings.places:
        n = occurrences[record.key, key]
        occurrences[record.key, key] += 1
        if n == len(rounds):
            rounds.append([])
        rounds[n].append(record)
    for records in rounds:
        gate.check(records, index, lambda uids: set(visible(stores, user, uids)),
                   lambda pairs: screening.linked(vault, database, pairs))
    withheld = 0
    # Backwards, so that deleting a list item leaves the indexes of earlier items valid.
    for (record, key, parent, at), original in reversed(list(zip(strings.places, originals, strict=True))):
        if record.props.get(key) == original:
            continue
        withheld += 1
        if isinstance(parent, list):
            del parent[at]
        else:
            parent[at] = gate.WITHHELD_KO if key.endswith("_ko") else gate.WITHHELD
    return answer, withheld


def names_hidden_people(stores: Stores, user: User, record: dict) -> bool:
    """Whether any text of ``record`` names a person ``user`` may not see (such a record is
    not theirs to rewrite: they cannot see what they would overwrite)."""
    copy = {k: (list(v) if isinstance(v, list) else v) for k, v in record.items()}
    return withhold(stores, user, copy, record.get("uid", ""))[1] > 0


def review_list(stores: Stores, user: User) -> list[dict]:
    """The free-text gate's review list as ``user`` may read it: entries of records they
    may see; the persons an entry names only if they may see them too (the others are
    counted, so that the reason stays true without naming them)."""
    entries = screening.review_list(stores.vault, stores.database("vault"))
    records = visible(stores, user, [e["record"] for e in entries])
    people = visible(stores, user, [p for e in entries for p in e["persons"]])
    out = []
    for entry in entries:
        if entry["record"] not in records:
            continue
        shown = [p for p in entry["persons"] if p in people]
        others = len(entry["persons"]) - len(shown)
        names = shown + ([N_("%(count)s person(s) you may not see", count=others)]
                         if others else [])
        out.append({"uid": entry["uid"], "record": entry["record"], "type": entry["type"],
                    "field": entry["field"], "persons": shown, "persons_not_shown": others,
                    "reason": N_("%(field)s names a non-public person: %(names)s",
                                 field=FieldName(entry["field"]), names=listing(names)),
                    "since": entry["since"].iso_format() if entry["since"] else None})
    return out
