"""An independent scan of the public graph for the names of everyone who is not public.

It does not use the free-text gate's code (graph/consent/gate.py): it reads
every string of every node and relationship of the public graph, cuts each into
runs of whole words and compares them, as sets, with the names, name variants,
romanisations and uids of every vault person who is not Public. What the
gate's documented rules let through is not a leak, and each such pass is
checked here on its own terms:

- a public person's own name fields are that person's names;
- a shorter name inside a longer one that is itself a name (``Kim Sang`` in
  ``Kim Sang Soo``) is that longer name;
- a homonym: a name that a public person bears too, in a record linked to a
  public bearer and to no hidden one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from graph.encryption import opened_names

OWN_NAMES = {"name_en", "name_ko", "name_variants", "search_keys"}
IDENTIFIERS = {"uid", "sources", "cleared_sources", "key"}
_WORD = re.compile(r"[^\W_]+(?:['\u2019\u02bc`\-\u2010\u2011][^\W_]+)*")
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3\u3040-\u30ff\u4e00-\u9fff]+")
MAX_WINDOW = 6


def _compact(text: str) -> str:
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "".join(c for c in text.casefold() if c.isascii() and c.isalnum())


def _is_latin(text: str) -> bool:
    return not _HANGUL_RUN.search(text)


def person_strings(person: dict) -> tuple[set[str], set[str]]:
    """(compact Latin keys, exact Hangul/CJK strings) that identify a person."""
    from loaders.romanize import name_variants, split_name

    names = [person.get("name_en"), person.get("name_ko"), *(person.get("name_variants") or [])]
    ko = person.get("name_ko") or ""
    if re.fullmatch(r"[\uac00-\ud7a3]{2,5}", ko.strip()):
        surname, given = split_name(ko.strip())
        if given:
            names += name_variants(surname, given)
    latin, exact = {_compact(person["uid"])}, set()
    for name in filter(None, names):
        if _is_latin(name):
            key = _compact(name)
            if len(key) >= 4:
                latin.add(key)
        elif len(name.strip()) >= 2:
            exact.add(unicodedata.normalize("NFC", name.strip()))
    return latin, exact


def windows(text: str) -> dict[str, tuple[int, int]]:
    """Every run of 1..MAX_WINDOW whole Latin words, compacted -> its word span."""
    words = [_compact(w) for w in _WORD.findall(text) if _is_latin(w)]
    words = [w for w in words if w]
    out: dict[str, tuple[int, int]] = {}
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + MAX_WINDOW) + 1):
            out.setdefault("".join(words[i:j]), (i, j))
    return out


def hangul_pieces(text: str) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    text = unicodedata.normalize("NFC", text)
    for run in _HANGUL_RUN.finditer(text):
        s = run.group()
        for i in range(len(s)):
            for j in range(i + 2, min(len(s), i + 8) + 1):
                out.setdefault(s[i:j], (run.start() + i, run.start() + j))
    return out


@dataclass(frozen=True)
class Leak:
    record: str
    field: str
    text: str
    name: str
    persons: tuple[str, ...]


def _rows(driver, query: str, **params) -> list[dict]:
    with driver.session() as session:
        return [r.data() for r in session.run(query, params)]


def public_strings(public) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(record, field, text, ends) for every string in the public graph."""
    out = []
    for row in _rows(public, "MATCH (n) RETURN coalesce(n.uid, elementId(n)) AS uid, "
                             "'Person' IN labels(n) AS person, properties(n) AS props"):
        for name, value in row["props"].items():
            for item in (value if isinstance(value, list) else [value]):
                if isinstance(item, str):
                    field = name if not (row["person"] and name in OWN_NAMES) else "own:" + name
                    out.append((row["uid"], field, item, ()))
    for row in _rows(public, "MATCH (a)-[r]->(b) RETURN a.uid AS a, type(r) AS type, b.uid AS b, "
                             "properties(r) AS props"):
        for name, value in row["props"].items():
            for item in (value if isinstance(value, list) else [value]):
                if isinstance(item, str):
                    out.append((f"{row['a']}|{row['type']}|{row['b']}", name, item,
                                (row["a"], row["b"])))
    return out


def scan(vault, public) -> tuple[list[Leak], dict[str, int]]:
    """Leaks of non-public persons into any string of the public graph, and counts of the
    matches let through by each documented rule."""
    # A witness's or relative's names are sealed in the vault (graph/encryption.py): the
    # scan compares the plain names, opened with the tests' key, or it would look for
    # ciphertext and find nothing.
    people = [opened_names(r["uid"], r) for r in _rows(
        vault, "MATCH (p:Person) RETURN p.uid AS uid, p.name_en AS name_en, "
               "p.name_ko AS name_ko, p.name_variants AS name_variants, p:Public AS public")]
    bearers: dict[str, set[str]] = defaultdict(set)
    hidden_uids, public_people = set(), set()
    for person in people:
        latin, exact = person_strings(person)
        for key in latin | exact:
            bearers[key].add(person["uid"])
        (public_people if person["public"] else hidden_uids).add(person["uid"])
    uid_keys = {_compact(uid) for uid in hidden_uids}
    suspects: list[tuple[str, str, str, tuple[str, ...], str, set[str]]] = []
    passes: dict[str, int] = defaultdict(int)
    for record, field, text, ends in public_strings(public):
        if field in IDENTIFIERS:
            if text in hidden_uids:
                suspects.append((record, field, text, ends, text, {text}))
            continue
        found = {**windows(text), **hangul_pieces(text)}
        named = {k: span for k, span in found.items() if k in bearers}
        for key, span in named.items():
            hidden = bearers[key] & hidden_uids
            if not hidden:
                continue
            if field.startswith("own:") and key not in uid_keys:
                passes["own name"] += 1
                continue
            if any(o != key and o in bearers and _inside(span, ospan, key, o)
                   for o, ospan in named.items()):
                passes["inside a longer name"] += 1
                continue
            suspects.append((record, field, text, ends, key, hidden))
    leaks = []
    homonyms = [s for s in suspects if bearers[s[4]] - hidden_uids]
    linked = _links(vault, homonyms)
    for record, field, text, ends, key, hidden in suspects:
        public_bearers = bearers[key] - hidden_uids
        if public_bearers:
            about = set(ends) if ends else linked.get((record, key), set()) | {record}
            if not (about & hidden) and (about & public_bearers):
                passes["homonym of a public person"] += 1
                continue
        leaks.append(Leak(record, field, text, key, tuple(sorted(hidden))))
    return leaks, dict(passes)


def _inside(span, other, key, other_key) -> bool:
    same_kind = _is_latin(key) == _is_latin(other_key)
    return same_kind and other[0] <= span[0] and span[1] <= other[1] and other != span


def _links(vault, suspects) -> dict[tuple[str, str], set[str]]:
    pairs = [{"record": s[0], "key": s[4], "persons": sorted(s[5])} for s in suspects if not s[3]]
    if not pairs:
        return {}
    rows = _rows(vault, "UNWIND $pairs AS pair MATCH (r:Entity {uid: pair.record}) "
                        "OPTIONAL MATCH (r)-[x]-(p:Person) WHERE NOT type(x) IN ['GAVE', 'JUDGED'] "
                        "RETURN pair.record AS record, pair.key AS key, collect(p.uid) AS linked",
                 pairs=pairs)
    return {(r["record"], r["key"]): set(r["linked"]) for r in rows}
