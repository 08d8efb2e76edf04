"""Deterministic synthetic dataset shaped like the real domain.

Why: the demo, the benchmarks and the tests need data that looks like the
problem -- the eight victim categories in the proportions the UN Commission
of Inquiry reported, real places and perpetrator structures, sources and
consents mixed so that the consent policy has every hard case to decide --
without touching anyone's personal data. Every record says it is synthetic.

``generate(victims, seed)`` streams interchange records (see
docs/interchange.md): the fixed reference records first (organisations,
reference sources, instruments, resources, locations, perpetrator bodies and
officials, the same in every run), then each victim with their sources,
events, places, relatives, witnesses, proceedings and consents. The same
(victims, seed) always gives byte-identical output; memory stays flat
whatever the scale. Module map: ``categories`` (weights and profiles),
``war`` / ``abroad`` / ``dprk`` (scenarios), ``victims`` (case to records),
``people``, ``evidence``, ``proceedings``, ``reference`` and its data
modules ``places``, ``perpetrators``, ``instruments``, ``organizations``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from loaders.synthetic.categories import PROFILES, WEIGHTS, quotas, schedule
from loaders.synthetic.context import CITED_TYPES, Context
from loaders.synthetic.reference import reference_records
from loaders.synthetic.victims import victim_records

__all__ = ["CITED_TYPES", "SCALES", "WEIGHTS", "dumps", "generate", "quotas", "write_jsonl"]

#: Named scales for ``footprints generate --scale NAME`` (number of victims).
SCALES: dict[str, int] = {
    "tiny": 50,
    "small": 200,
    "demo": 2_000,
    "medium": 20_000,
    "large": 100_000,
    "full": 250_000,
    "stress": 300_000,
}

#: How often ``write_jsonl`` reports progress, in records.
PROGRESS_EVERY = 10_000


#: Records an editor reviews for publication besides people: the generator's are reviewed.
REVIEWED = frozenset({"Source", "Location", "PerpetratorBody", "Organization", "Instrument",
                      "Resource"})


def generate(victims: int, seed: int = 1) -> Iterator[dict[str, Any]]:
    """Yield the interchange records of a synthetic dataset with ``victims`` victims."""
    if victims < 0:
        raise ValueError("victims must be >= 0")
    yield from _reviewed(reference_records())
    ctx = Context(seed)
    for category in schedule(victims):
        yield from _reviewed(victim_records(ctx, PROFILES[category]))


def _reviewed(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Sources and reference records as an editor approved them (an import's wait for that
    review, as people do; the synthetic people carry their own review state)."""
    for record in records:
        if record.get("record") in REVIEWED and "review_status" not in record:
            record["review_status"] = "approved"
        yield record


def dumps(record: dict[str, Any]) -> str:
    """One record as a JSON Lines line (no newline): UTF-8 text, compact, key order kept."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def write_jsonl(records: Iterable[dict[str, Any]], path: str | os.PathLike[str] | IO[str],
                progress: Callable[[int], Any] | None = None) -> int:
    """Write ``records`` as JSON Lines to ``path`` (a file name, or an open text stream).

    ``progress``, if given, is called with the number of records written since
    its last call (every ``PROGRESS_EVERY`` records and at the end), so a
    ``tqdm`` bar's ``update`` fits. Returns the number of records written.
    """
    if hasattr(path, "write"):
        return _write(records, path, progress)  # type: ignore[arg-type]
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        return _write(records, handle, progress)


def _write(records: Iterable[dict[str, Any]], handle: IO[str],
           progress: Callable[[int], Any] | None) -> int:
    count = 0
    pending = 0
    lines: list[str] = []
    for record in records:
        lines.append(dumps(record))
        count += 1
        pending += 1
        if pending >= PROGRESS_EVERY:
            lines.append("")
            handle.write("\n".join(lines))
            lines.clear()
            if progress is not None:
                progress(pending)
            pending = 0
    if lines:
        lines.append("")
        handle.write("\n".join(lines))
    if progress is not None and pending:
        progress(pending)
    return count
