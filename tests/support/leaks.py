"""The people of the consent fixture who must never be public, and what identifies them.

The fixture (tests/graph/data/consent_states.jsonl) holds ten people in every
consent state; two are public. Every public endpoint and download is checked
against the names, name variants, contact details, notes and uids of the
other eight.
"""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "graph" / "data"
CONSENT_STATES = DATA / "consent_states.jsonl"
SMALL = Path(__file__).resolve().parents[1] / "loaders" / "data" / "small.jsonl"
PUBLIC_PEOPLE = frozenset({"p-1007", "p-1010"})


def fixture_people() -> dict[str, dict]:
    rows = [json.loads(x) for x in CONSENT_STATES.read_text(encoding="utf-8").splitlines()]
    return {r["uid"]: r for r in rows if r["record"] == "Person"}


def hidden_people() -> dict[str, dict]:
    return {uid: p for uid, p in fixture_people().items() if uid not in PUBLIC_PEOPLE}


def identifying_strings(person: dict) -> list[str]:
    return [person["uid"], person["name_en"], person["name_ko"], *person["name_variants"],
            person["contact"], person["notes"]]


def leaks(body: str | bytes, people: dict[str, dict] | None = None) -> list[str]:
    """Every identifying string of a hidden person found in ``body`` (empty: no leak).

    A uid is matched as a whole token (``p-1001`` must not match inside
    ``p-10010``); names and texts anywhere. JSON escapes of Hangul are undone
    first, so ``\\uXXXX`` spellings cannot hide a name.
    """
    import re

    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    if "\\u" in text:
        text = text + "\n" + re.sub(r"\\u([0-9a-fA-F]{4})",
                                    lambda m: chr(int(m.group(1), 16)), text)
    found = []
    for uid, person in (people or hidden_people()).items():
        for needle in identifying_strings(person):
            if needle == uid:
                if re.search(rf"(?<![\w-]){re.escape(uid)}(?![\w-])", text):
                    found.append(needle)
            elif needle in text:
                found.append(needle)
    return found
