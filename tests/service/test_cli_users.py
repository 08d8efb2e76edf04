"""``footprints users``: add (stdin or prompt), list, token, revoke, against the real vault."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from click.testing import CliRunner

from service.cli import main
from service.vault import accounts

PASSWORD = "a long enough password"


@pytest.fixture
def cheap_argon2(monkeypatch):
    """Still argon2id, at a cost that keeps the test quick."""
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8192,
                                                            parallelism=1))


def run(settings, *args: str, input: str | None = None):
    return CliRunner().invoke(main, ["users", *args], input=input, obj=settings)


def org(vault, name: str = "org-cli") -> str:
    vault.execute_query("CREATE (:Entity:Organization:Public {uid: $uid, name_en: 'Synthetic org'})",
                        uid=name)
    return name


def test_add_list_token_revoke(settings, stores, vault, cheap_argon2):
    uid = org(vault)
    added = run(settings, "add", "Res@Example.org", "--role", "researcher", "--organization", uid,
                "--name", "A Researcher", "--password-stdin", input=PASSWORD + "\n")
    assert added.exit_code == 0, added.output
    assert "added res@example.org (researcher, org-cli)" in added.output
    prompted = run(settings, "add", "admin@example.org", "--role", "admin", "--organization", uid,
                   input=f"{PASSWORD}\n{PASSWORD}\n")
    assert prompted.exit_code == 0, prompted.output

    listed = run(settings, "list")
    assert listed.exit_code == 0
    lines = {line.split("\t")[0]: line.split("\t") for line in listed.output.splitlines()}
    assert lines["res@example.org"][1:4] == ["researcher", "org-cli", "active"]
    assert lines["admin@example.org"][1:3] == ["admin", "org-cli"]

    token = run(settings, "token", "res@example.org", "--label", "notebook")
    assert token.exit_code == 0, token.output
    secret = token.stdout.strip().splitlines()[-1]
    assert secret.startswith(accounts.TOKEN_PREFIX)
    db = stores.database("vault")
    user, _ = accounts.user_for_token(stores.vault, db, secret)
    assert user.email == "res@example.org"
    records, _, _ = vault.execute_query("MATCH (u:User {email: 'res@example.org'}) "
                                        "RETURN u.password_hash AS h")
    assert records[0]["h"].startswith("$argon2id$") and PASSWORD not in records[0]["h"]

    revoked = run(settings, "revoke", "RES@example.org")
    assert revoked.exit_code == 0 and "revoked 1 token(s)" in revoked.output
    assert accounts.user_for_token(stores.vault, db, secret) is None
    assert "disabled" in run(settings, "list").output
    assert run(settings, "token", "res@example.org").exit_code != 0

    # the operator's every step is in the audit log, as the operator, without a secret
    records, _, _ = vault.execute_query(
        "MATCH (e:AuditEntry) WHERE e.action IN ['account.create', 'token.issue', "
        "'account.revoke'] RETURN e.actor AS actor, e.action AS action, e.subject AS subject, "
        "e.details AS details ORDER BY e.seq")
    res = accounts.find_user(stores.vault, db, email="res@example.org")["uid"]
    assert [(r["action"], r["subject"]) for r in records] == [
        ("account.create", res), ("account.create", records[1]["subject"]),
        ("token.issue", res), ("account.revoke", res)]
    assert {r["actor"] for r in records} == {accounts.operator_actor()}
    assert accounts.operator_actor().startswith("operator:")
    logged = " ".join(str(r["details"]) for r in records)
    assert secret not in logged and PASSWORD not in logged and "notebook" in logged


def test_errors_are_one_line_and_change_nothing(settings, stores, vault, cheap_argon2):
    uid = org(vault)
    cases = [
        (["add", "x@example.org", "--role", "lawyer", "--organization", "org-nope",
          "--password-stdin"], PASSWORD, "organization"),
        (["add", "x@example.org", "--role", "lawyer", "--password-stdin"], PASSWORD,
         "organization"),
        (["add", "x@example.org", "--role", "admin", "--password-stdin"], PASSWORD,
         "organization"),  # admins belong to an organisation too
        (["add", "x@example.org", "--role", "lawyer", "--organization", uid, "--password-stdin"],
         "short", "password"),
        (["revoke", "nobody@example.org"], None, "no user"),
        (["token", "nobody@example.org"], None, "no user"),
    ]
    for args, stdin, expected in cases:
        result = run(settings, *args, input=None if stdin is None else stdin + "\n")
        assert result.exit_code in (1, 2), result.output  # 2: a usage error (option missing)
        assert expected in result.output and "Traceback" not in result.output
    assert run(settings, "add", "x@example.org", "--role", "lawyer", "--organization", uid,
               "--password-stdin", input=PASSWORD + "\n").exit_code == 0
    duplicate = run(settings, "add", "X@example.org", "--role", "editor", "--organization", uid,
                    "--password-stdin", input=PASSWORD + "\n")
    assert duplicate.exit_code == 1 and "already exists" in duplicate.output
    assert run(settings, "list").output.count("@example.org") == 1
