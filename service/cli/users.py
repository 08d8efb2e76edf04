"""``footprints users``: add, list and revoke accounts, and issue API tokens.

The platform operator's tools: whoever has a shell on the server. They are the
way in before any admin exists over HTTP, and the one place where a password is
set or a token minted for someone else; each of these writes an audit entry
whose actor is ``operator:<OS user>``. Passwords are prompted (twice, hidden)
or read from stdin, never taken as an argument that would land in the shell
history; a token's secret is printed once.
"""

from __future__ import annotations

import sys

import click

from service.cli.context import CliContext, pass_cli
from service.vault import accounts


def _find(driver, database: str, email: str) -> dict:
    user = accounts.find_user(driver, database, email=email)
    if user is None:
        raise click.ClickException(f"no user with e-mail {accounts.normalize_email(email)}")
    return user


@click.group()
def users() -> None:
    """User accounts and API tokens (kept in the vault)."""


@users.command("add")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(accounts.ROLES))
@click.option("--organization", "organization", required=True,
              help="uid of the user's Organization (every user has one; an admin manages "
                   "its accounts).")
@click.option("--name", default=None)
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin.")
@pass_cli
def add(cli: CliContext, email: str, role: str, organization: str, name: str | None,
        password_stdin: bool) -> None:
    """Add a user with EMAIL (the password is prompted)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    user = accounts.create_user(*cli.vault(), email, role, password, organization=organization,
                                name=name, actor=accounts.operator_actor())
    click.echo(f"added {user['email']} ({user['role']}"
               + (f", {user['organization']}" if user["organization"] else "") + f"): {user['uid']}")


@users.command("list")
@pass_cli
def list_(cli: CliContext) -> None:
    """List users: e-mail, role, organisation, state, live tokens."""
    rows = accounts.list_users(*cli.vault())
    if not rows:
        click.echo("no users")
    for u in rows:
        state = "disabled" if u["disabled"] else "active"
        click.echo(f"{u['email']}\t{u['role']}\t{u['organization'] or '-'}\t{state}\t"
                   f"{u['active_tokens']} token(s)\t{u['uid']}")


@users.command("revoke")
@click.argument("email")
@pass_cli
def revoke(cli: CliContext, email: str) -> None:
    """Disable the user with EMAIL and revoke all their tokens."""
    driver, database = cli.vault()
    user = _find(driver, database, email)
    count = accounts.revoke_user(driver, database, user["uid"], actor=accounts.operator_actor())
    click.echo(f"disabled {user['email']}; revoked {count} token(s)")


@users.command("token")
@click.argument("email")
@click.option("--label", default=None, help="What the token is for.")
@pass_cli
def token(cli: CliContext, email: str, label: str | None) -> None:
    """Issue a new API token for EMAIL and print it (once: it is stored hashed)."""
    driver, database = cli.vault()
    user = _find(driver, database, email)
    if user["disabled"]:
        raise click.ClickException(f"{user['email']} is disabled")
    issued = accounts.issue_token(driver, database, user["uid"], label,
                                  actor=accounts.operator_actor())
    click.echo(f"token {issued.uid} (shown once, keep it secret):", err=True)
    click.echo(issued.secret)


@users.command("demo")
@pass_cli
def demo(cli: CliContext) -> None:
    """Make (or list) the demo accounts, one per role: synthetic data only."""
    from service.vault.demo import PASSWORD, NotADemo, make_accounts

    try:
        made = make_accounts(*cli.vault(), actor=accounts.operator_actor())
    except NotADemo as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Demo accounts (synthetic data only), password for all: {PASSWORD!r}")
    for account in made:
        second = (f"  TOTP secret {account.totp_secret} (add it to an authenticator app)"
                  if account.totp_secret else "")
        click.echo(f"  {account.role:<13} {account.email:<44} {account.organization}{second}")
    click.echo("Sign in at /sign-in.")
