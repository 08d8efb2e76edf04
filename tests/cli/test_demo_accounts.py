"""``footprints users demo``: one account per role, on synthetic data only."""

from __future__ import annotations

import pyotp
from click.testing import CliRunner

from graph.publication import publish_all
from loaders.importer import import_file
from loaders.synthetic import generate, write_jsonl
from service.cli import main
from service.vault import accounts
from service.vault.demo import PASSWORD
from service.workspace import twofactor


def test_demo_accounts_sign_in_with_the_printed_secrets(settings, stores, vault, public,
                                                         tmp_path):
    path = tmp_path / "demo.jsonl"
    write_jsonl(generate(40, seed=3), path)
    db = stores.database("vault")
    import_file(stores.vault, path, database=db)
    publish_all(stores.vault, stores.public, db, stores.database("public"))
    runner = CliRunner()
    first = runner.invoke(main, ["users", "demo"], obj=settings)
    assert first.exit_code == 0, first.output
    again = runner.invoke(main, ["users", "demo"], obj=settings)
    assert again.output == first.output  # idempotent: the same accounts and secrets
    roles = {line.split()[0] for line in first.output.splitlines()[1:-1]}
    assert roles == set(accounts.ROLES)
    for line in first.output.splitlines()[1:-1]:
        role, email, organization = line.split()[:3]
        assert accounts.verify_login(stores.vault, db, email, PASSWORD).role == role
        if twofactor.required(role):
            secret = line.split("TOTP secret ")[1].split()[0]
            user = accounts.find_user(stores.vault, db, email=email)
            verdict = twofactor.verify(stores.vault, db, user["uid"], pyotp.TOTP(secret).now())
            assert verdict.ok
    orgs = {line.split()[2] for line in first.output.splitlines()[1:-1]}
    assert len(orgs) == 2  # one investigator in a second organisation, to try the walls


def test_demo_accounts_are_refused_on_real_data(settings, stores, vault):
    stores.vault.execute_query("CREATE (:Entity:Person {uid: 'p-real', name: 'Real Person'}), "
                               "(:Entity:Organization {uid: 'org-x', name: 'X'})",
                               database_=stores.database("vault"))
    result = CliRunner().invoke(main, ["users", "demo"], obj=settings)
    assert result.exit_code != 0 and "synthetic data only" in result.output
    assert accounts.list_users(stores.vault, stores.database("vault")) == []
