"""What every ``footprints`` command shares: one object in click's context, one error mapping.

The root group puts a :class:`CliContext` into ``ctx.obj``: the settings, read from the
environment when a command first needs them, and both stores, opened when a command
first needs them and closed when the command ends (``ctx.call_on_close``), which also
waits for a dashboard recount the command's changes started. Commands take it with
:data:`pass_cli`. Errors an operator can act on (a bad file, an unknown record, a
server that is not running, a wrong configuration) are turned into one clear line by
:class:`OperatorErrors`, the root group's class, instead of a traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from graph.settings import Settings, SettingsError

if TYPE_CHECKING:  # imported when first used: most commands need no store
    from neo4j import Driver

    from graph.connections import Stores


class CliContext:
    """The settings and the stores of one command line invocation."""

    def __init__(self, settings: Settings | None = None) -> None:
        self._settings = settings
        self._stores: Stores | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = Settings.from_env()
        return self._settings

    @property
    def stores(self) -> Stores:
        """Both stores (their drivers connect when first used)."""
        if self._stores is None:
            from graph.connections import Stores

            self._stores = Stores(self.settings, unlock=True)
        return self._stores

    def vault(self) -> tuple[Driver, str]:
        """The vault's driver and database name."""
        return self.stores.vault, self.stores.database("vault")

    def close(self) -> None:
        if self._stores is not None:
            self._stores.close()
            self._stores = None


#: Decorator: the command gets the invocation's :class:`CliContext` as its first argument.
pass_cli = click.make_pass_decorator(CliContext)


def operator_errors() -> tuple[type[Exception], ...]:
    """Exceptions whose message says what to correct, so that the message is all an
    operator needs to see. Imported when an error happens: most commands never need the
    modules that define them, and the command line starts quicker without them."""
    from documents.store import StoreError
    from graph.connections import NoPasswordError
    from graph.consent.editor import EditError
    from graph.encryption import DataKeyError
    from loaders.errors import LoadError
    from loaders.exporter import ExportError
    from loaders.uwazi.mapping import MappingError
    from ops.backup.container import BackupError
    from ops.neo4j.control import Neo4jError
    from service.vault.accounts import AccountError

    return (SettingsError, NoPasswordError, Neo4jError, LoadError, ExportError, MappingError,
            EditError, AccountError, StoreError, DataKeyError, BackupError)


class OperatorErrors(click.Group):
    """The root group: sets up the :class:`CliContext` and turns :func:`operator_errors`
    into one clear line (``Error: ...``, exit status 1) instead of a traceback.

    ``obj`` given to the command (click's ``main(obj=...)``, a test's ``invoke(obj=...)``)
    may be a :class:`CliContext` or the :class:`Settings` to use."""

    def invoke(self, ctx: click.Context):
        if not isinstance(ctx.obj, CliContext):
            ctx.obj = CliContext(ctx.obj if isinstance(ctx.obj, Settings) else None)
        ctx.call_on_close(ctx.obj.close)
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            if isinstance(exc, operator_errors()):
                raise click.ClickException(str(exc)) from exc
            raise


def login_actor() -> str:
    """The audit log's actor for a command run without ``--by``: ``cli:`` and the login
    name the operating system gives (its say-so, like ``--by``: the log records who
    claimed a change, and the hash chain that nobody changed the claim since)."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "cli:unknown"


#: ``--by`` for commands whose changes anyone running the CLI may make.
BY_LOGIN = click.option("--by", "actor", default=login_actor, show_default="cli:<login name>",
                        help="Who makes the change (for the audit log).")
#: ``--by`` for an editor's changes: always said.
BY_EDITOR = click.option("--by", "actor", required=True,
                         help="Who makes the change (for the audit log).")


def echo_result(result) -> None:
    """An editor's operation (graph.consent.editor): what it did, and the republication."""
    click.echo(result.message)
    if result.publication is not None:
        click.echo(f"  public graph updated in {result.publication.seconds:.3f} s")


def recheck_names(stores: Stores, people: list[str], actor: str) -> None:
    """Published text that names a person just imported is checked again by the free-text
    gate at once: the person is not public (yet), so their name must not stay published."""
    from neo4j.exceptions import ServiceUnavailable

    from graph.publication import republish_naming

    try:
        report = republish_naming(stores.vault, stores.public, people, stores.database("vault"),
                                  stores.database("public"), actor=actor,
                                  recount=stores.recount, files=stores.files)
    except ServiceUnavailable as exc:
        raise click.ClickException(
            "the records are in the vault, but the public graph is not reachable to check "
            "its published text against the names imported; start it and run "
            f"`footprints publish` ({exc})") from exc
    if report is not None:
        click.echo(f"free-text gate: rechecked {sum(report.nodes.values())} published record(s) "
                   f"whose text may name an imported person; {report.withheld_fields} field(s) "
                   "of them withheld")
