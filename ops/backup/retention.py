"""Which backups to keep: the newest of each of the last N days and of the last M weeks
that have one (``footprints backup prune``).

A backup's time is read from its name (``footprints-backup-YYYYMMDDTHHMMSSZ.age``, UTC),
not from the file's modification time, which a copy off-site does not keep. Files of other
names — a backup being written (``.part``), anything else — are never touched. A day or a
week with no backup does not count: after a week without backups, the last N daily ones
are still there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

_NAME = re.compile(r"footprints-backup-(\d{8}T\d{6}Z)\.age")


@dataclass
class Plan:
    keep: list[Path]
    remove: list[Path]


def taken_at(path: Path) -> datetime | None:
    """When the backup of this name was taken; None for a name that is not a backup's."""
    match = _NAME.fullmatch(path.name)
    if not match:
        return None
    return datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def plan(paths: list[Path], keep_daily: int, keep_weekly: int) -> Plan:
    """Keep the newest backup of each of the ``keep_daily`` latest days with a backup and
    of each of the ``keep_weekly`` latest ISO weeks with one; remove the other backups."""
    dated = sorted(((t, p) for p in paths if (t := taken_at(p)) is not None), reverse=True)
    keep: set[Path] = set()
    for period, count in ((lambda t: t.date(), keep_daily),
                          (lambda t: t.isocalendar()[:2], keep_weekly)):
        seen = []
        for when, path in dated:  # newest first: the first of each period is its newest
            key = period(when)
            if key not in seen:
                if len(seen) == count:
                    break
                seen.append(key)
                keep.add(path)
    return Plan(keep=[p for _, p in dated if p in keep],
                remove=[p for _, p in dated if p not in keep])


def prune(directory: Path, keep_daily: int, keep_weekly: int, dry_run: bool = False) -> Plan:
    """Remove the backups in ``directory`` that :func:`plan` does not keep (none when
    ``dry_run``)."""
    result = plan([p for p in Path(directory).iterdir() if p.is_file()], keep_daily, keep_weekly)
    if not dry_run:
        for path in result.remove:
            path.unlink()
    return result
