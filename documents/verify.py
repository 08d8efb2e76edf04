"""Check a file store against what the graph says it holds: every expected file there,
whole (its bytes hash to its name, its size is the recorded one), and nothing else.

``footprints documents verify`` (service/cli/documents.py) runs it over both areas: the
originals against the vault's Document nodes, the public copies against the public graph's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from documents.store import FileStore, Missing


@dataclass
class Report:
    """What :func:`verify` found. ``reasons`` says, for each corrupt hash, what is wrong."""

    ok: int = 0
    missing: list[str] = field(default_factory=list)
    corrupt: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    reasons: dict[str, str] = field(default_factory=dict)

    @property
    def problems(self) -> int:
        return len(self.missing) + len(self.corrupt) + len(self.orphans)


def verify(store: FileStore, expected: Mapping[str, int | None], *,
           progress: Callable[[int], object] | None = None) -> Report:
    """Re-hash every expected file of ``store`` (``{sha256: size}``; a size of None is not
    compared) and list the missing, the corrupt and the orphans (stored, not expected).
    ``progress`` is called with the bytes of each file checked (a tqdm bar's ``update``)."""
    report = Report()
    stored = set(store.hashes())
    report.orphans = sorted(stored - set(expected))
    for sha256 in sorted(expected):
        size = expected[sha256]
        if sha256 not in stored:
            report.missing.append(sha256)
            continue
        try:
            actual_size = store.size(sha256)
            actual = None if size is not None and actual_size != size else store.rehash(sha256)
        except Missing:  # deleted since the listing
            report.missing.append(sha256)
            continue
        if actual is None:
            report.corrupt.append(sha256)
            report.reasons[sha256] = f"{actual_size} bytes stored, {size} recorded"
        elif actual != sha256:
            report.corrupt.append(sha256)
            report.reasons[sha256] = f"the stored bytes hash to {actual}"
        else:
            report.ok += 1
        if progress is not None:
            progress(actual_size)
    return report
