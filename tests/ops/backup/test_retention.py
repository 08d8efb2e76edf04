"""``footprints backup prune``: the newest backup of each of the last N days and M weeks
that have one is kept, the others removed; other files are never touched."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from click.testing import CliRunner

from ops.backup.retention import plan, taken_at
from service.cli import main


def fabricate(directory, start: datetime, days: int, per_day: int = 2) -> list[str]:
    names = []
    for day in range(days):
        for k in range(per_day):
            when = start + timedelta(days=day, hours=3 + 12 * k)
            name = when.strftime("footprints-backup-%Y%m%dT%H%M%SZ.age")
            (directory / name).write_bytes(b"x")
            names.append(name)
    return names


def test_prune_keeps_daily_and_weekly(tmp_path):
    # 2024-01-01 is a Monday: 28 days are four ISO weeks (1 to 4), two backups a day.
    fabricate(tmp_path, datetime(2024, 1, 1, tzinfo=UTC), 28)
    (tmp_path / "notes.txt").write_text("not a backup")
    (tmp_path / "footprints-backup-20240129T030000Z.age.part").write_bytes(b"being written")
    run = CliRunner().invoke(main, ["backup", "prune", str(tmp_path), "--keep-daily", "3",
                                    "--keep-weekly", "3", "--dry-run"])
    assert run.exit_code == 0, run.output
    assert len(list(tmp_path.iterdir())) == 58  # a dry run removes nothing
    assert "would remove" in run.output and "kept 5 backup(s)" in run.output
    run = CliRunner().invoke(main, ["backup", "prune", str(tmp_path), "--keep-daily", "3",
                                    "--keep-weekly", "3"])
    assert run.exit_code == 0, run.output
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [
        # the newest of weeks 2 and 3 (Sundays, 15:00)
        "footprints-backup-20240114T150000Z.age", "footprints-backup-20240121T150000Z.age",
        # the newest of the last three days (week 4's newest among them)
        "footprints-backup-20240126T150000Z.age", "footprints-backup-20240127T150000Z.age",
        "footprints-backup-20240128T150000Z.age",
        "footprints-backup-20240129T030000Z.age.part", "notes.txt"]


def test_days_without_backups_do_not_count(tmp_path):
    old = fabricate(tmp_path, datetime(2024, 3, 1, tzinfo=UTC), 2, per_day=1)
    new = fabricate(tmp_path, datetime(2024, 5, 1, tzinfo=UTC), 1, per_day=1)
    result = plan(sorted(tmp_path.iterdir()), keep_daily=3, keep_weekly=0)
    assert sorted(p.name for p in result.keep) == sorted(old + new)
    assert result.remove == []
    assert taken_at(tmp_path / "footprints-backup-2024.age") is None
    nothing = plan(sorted(tmp_path.iterdir()), keep_daily=0, keep_weekly=0)
    assert nothing.keep == [] and len(nothing.remove) == 3
