"""Demo accounts: one per role, so that a newcomer to ``make demo`` can try each part of
the workspace at once.

Their passwords are printed and the same for all, and the second factor of the editor and
admin is printed too: fit for synthetic data and nothing else. So they are made only in a
vault whose every person is synthetic (the generator marks them), and refused otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import Driver

from graph import queries
from service.vault import accounts
from service.workspace import twofactor

PASSWORD = "footprints demo"
DOMAIN = "demo.footprints.example"
#: (local part, role, which of the vault's organisations: 0 = first, 1 = second)
ACCOUNTS = (
    ("admin", "admin", 0), ("editor", "editor", 0), ("investigator", "investigator", 0),
    ("lawyer", "lawyer", 0), ("researcher", "researcher", 0),
    ("investigator.other", "investigator", 1),
)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    organization: str
    totp_secret: str | None


class NotADemo(RuntimeError):
    pass


def make_accounts(driver: Driver, database: str, actor: str) -> list[DemoAccount]:
    """The demo accounts (made when missing; the existing ones are listed as they are)."""
    state = queries.run(driver, "users/match_demo_state", database=database)[0]
    if state["real_people"]:
        raise NotADemo(f"the vault holds {state['real_people']} people not marked synthetic: "
                       "demo accounts, with their printed passwords, are for synthetic data only")
    organizations = state["organizations"]
    if not organizations:
        raise NotADemo("the vault has no Organization: load the demo data first")
    out = []
    for local, role, which in ACCOUNTS:
        organization = organizations[min(which, len(organizations) - 1)]
        email = f"{local}@{DOMAIN}"
        found = accounts.find_user(driver, database, email=email)
        if found is None:
            found = accounts.create_user(driver, database, email, role, PASSWORD,
                                         organization=organization,
                                         name=f"Demo {local.replace('.', ' ')}", actor=actor)
            if twofactor.required(role):
                twofactor.enable(driver, database, found["uid"], twofactor.new_secret(), None,
                                 actor=actor)
        secret = queries.run(driver, "twofactor/match_totp", database=database,
                             user=found["uid"])[0]["secret"]
        out.append(DemoAccount(email, found["role"], found["organization"], secret))
    return out
