"""A uid or a name, where the graph tools ask for a record: which public record is meant.

The neighbourhood, path, chain and case tools (pages and API) take what the visitor
typed. A public uid is taken as it is. Anything else is looked up by name among the
public records of the kinds the tool accepts (:func:`service.public.find.candidates`):
a record whose name, spelling, reference or title *is* the text (ignoring case, spaces
and hyphens) wins if it is the only one; else a single match is the one; several are
:class:`Ambiguous` and carry the candidates; none is ``graphs.NotFound``.

Public graph only: a record that is not public is not found by uid or by name, so
nothing here can tell a visitor that one exists.
"""

from __future__ import annotations

import re

from service.public import find
from service.public.graphs import NotFound
from service.public.matching import NAME_FIELDS
from service.stores import public_query

MAX_CANDIDATES = 10
#: Fields compared whole with the text (an event's summary is not a name).
EXACT_FIELDS = tuple(f for f in NAME_FIELDS if not f.startswith("summary"))
_SQUEEZE = re.compile(r"[\W_]+")


class Ambiguous(LookupError):
    """Several public records answer to a name: ``candidates`` (``find.hit`` shapes)."""

    def __init__(self, text: str, candidates: list[dict]):
        super().__init__(text)
        self.candidates = candidates


def _squeezed(text: str) -> str:
    return _SQUEEZE.sub("", text.casefold())


def is_named(item: dict, text: str) -> bool:
    """Whether ``text`` is one of the names of a hit, whole (case, spaces, hyphens aside)."""
    want = _squeezed(text)
    props = item["properties"]
    for field in EXACT_FIELDS:
        value = props.get(field)
        for name in value if isinstance(value, list) else [value]:
            if isinstance(name, str) and _squeezed(name) == want:
                return True
    return False


def resolve(text: str | None, kinds: tuple[str, ...] | None = None, lang: str = "en") -> str:
    """The uid of the one public record of ``kinds`` (None: any) that ``text`` names.

    Raises ``graphs.NotFound`` (nothing public answers to it) or :class:`Ambiguous`.
    A uid of another kind than asked is not found (the tools say what they accept)."""
    text = (text or "").strip()
    if not text:
        raise NotFound(text)
    rows = public_query("public/match_nodes", uids=[text])
    if rows:
        if kinds is None or find.kind_of_labels(rows[0]["labels"]) in kinds:
            return text
        raise NotFound(text)
    found = find.candidates(text, kinds, MAX_CANDIDATES, lang)
    exact = [item for item in found if is_named(item, text)]
    if len(exact) == 1:
        return exact[0]["uid"]
    if not exact and len(found) == 1:
        return found[0]["uid"]
    if found:
        raise Ambiguous(text, exact or found)
    raise NotFound(text)
