"""Every command shares one context (service/cli/context.py): its stores are closed when the
command ends, whether it succeeded or not, and an error an operator can act on is an
``Error:`` line naming what to correct, never a traceback, whichever command raised it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from service.cli import main
from service.cli.context import CliContext


def test_the_stores_are_closed_when_a_command_ends(settings, vault):
    cli = CliContext(settings)
    for args, status in ((["withheld"], 0), (["explain", "p-nobody"], 1)):
        opened = cli.stores
        result = CliRunner().invoke(main, args, obj=cli)
        assert result.exit_code == status, result.output
        assert cli.stores is not opened  # closed at the end: the next use opens anew


@pytest.mark.parametrize("args", [
    ["explain", "p-nobody"],                                      # an editor's error
    ["export-uwazi", "--template", "nope", "-o", "{tmp}/u.csv"],  # a mapping's error
    ["load", "{tmp}/bad.jsonl"],                                  # an input that cannot load
    ["users", "add", "x", "--role", "admin", "--organization", "org-1", "--password-stdin"],
], ids=["edit", "mapping", "load", "account"])
def test_an_operator_error_is_one_line(settings, vault, tmp_path, args):
    (tmp_path / "bad.jsonl").write_text('{"record": "Person"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, [a.format(tmp=tmp_path) for a in args], obj=settings,
                                input="a long enough password\n")
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()  # (after the progress bar's, on stderr)
    assert any(line.startswith("Error: ") for line in lines), result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # click's exit, not the error itself
