"""The documented timer (ops/backup/): the systemd pair and the cron line run commands and
options the CLI has, from the checkout, with no path of one machine in them."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from service.cli import main

OPS = Path(__file__).resolve().parents[3] / "ops" / "backup"
FILES = ("footprints-backup.service", "footprints-backup.timer", "crontab.example")


def footprints_commands(text: str) -> list[list[str]]:
    """Each ``.venv/bin/footprints …`` invocation's words (up to a shell ``&&``/quote end)."""
    out = []
    for match in re.finditer(r"\.venv/bin/footprints ([^'&\n]+)", text):
        out.append(shlex.split(match.group(1)))
    return out


def test_the_timer_runs_commands_the_cli_has():
    texts = {name: (OPS / name).read_text() for name in FILES}
    for name, text in texts.items():
        assert not re.search(r"(?<![%$\w])/(home|root|work|srv|opt)/", text), name
    commands = footprints_commands(texts["footprints-backup.service"]) + \
        footprints_commands(texts["crontab.example"])
    assert len(commands) == 4
    for words in commands:
        assert words[0] == "backup"
        group = main.commands["backup"]
        command = group.commands[words[1]] if words[1] in group.commands else group
        known = {opt for p in command.params for opt in p.opts}
        assert {w for w in words if w.startswith("-")} <= known, words
    assert "OnCalendar=" in texts["footprints-backup.timer"]
    assert "Persistent=true" in texts["footprints-backup.timer"]
