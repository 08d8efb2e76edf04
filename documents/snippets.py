"""Where a text search hit a document: the first page holding a searched word, and a
snippet of that page around it. Pure functions, shared by the public site and the vault."""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Characters of context on each side of the hit.
CONTEXT = 80


def hit(pages: Sequence[str], words: Sequence[str]) -> dict | None:
    """``{"page": n (1-based), "before", "match", "after"}`` for the first page where any of
    ``words`` occurs (case-insensitive; Hangul as written), or None."""
    wanted = [w for w in words if w]
    if not wanted:
        return None
    pattern = re.compile("|".join(re.escape(w) for w in sorted(wanted, key=len, reverse=True)),
                         re.IGNORECASE)
    for number, text in enumerate(pages, start=1):
        found = pattern.search(text or "")
        if found:
            start, end = found.span()
            before = text[max(0, start - CONTEXT):start]
            after = text[end:end + CONTEXT]
            return {"page": number, "before": ("…" if start > CONTEXT else "") + _flat(before),
                    "match": found.group(0),
                    "after": _flat(after) + ("…" if end + CONTEXT < len(text) else "")}
    return None


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)
