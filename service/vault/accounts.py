"""User accounts, invitations and API tokens, kept in the vault.

Passwords are hashed with argon2; API tokens and invitations are stored as the
sha256 of their (random, 256-bit) secret: the vault never holds a credential
that works as it is, and a secret is shown once, when it is issued. Revoking a
user disables the account and revokes every token in one transaction. The CLI
and the HTTP API both go through these functions.

Every user belongs to an Organization, admins included: an admin manages the
accounts of their own organisation only. An admin never learns another person's
password: an account made over HTTP has none, only an invitation that its holder
redeems to set their own (72 hours, once). Each token is minted for its own
holder, by signing in; the platform operator's CLI (shell access to the server)
is the one exception, and is audited as such.

Every operation on an account or a token, and every sign-in that succeeds or
fails, appends an entry to the hash-chained audit log (``graph.audit``), in the
same transaction as the change it records: who did what to which account,
never a secret, a hash or a password.

An :class:`AccountError`'s reason is a :mod:`graph.messages` message: English for the CLI
and the JSON API, the page's language on a workspace page.
"""

from __future__ import annotations

import getpass
import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from neo4j import Driver
from neo4j.exceptions import ConstraintError

from graph import audit, queries
from graph.messages import N_, Message

#: The roles, weakest first. What each one may do is decided in ``service.auth``.
ROLES = ("researcher", "investigator", "lawyer", "editor", "admin")
TOKEN_PREFIX = "fpt_"
INVITATION_PREFIX = "fpi_"
#: How long an invitation may be redeemed.
INVITATION_HOURS = 72
MIN_PASSWORD = 12
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_HASHER = PasswordHasher()
#: Verified against when the e-mail is unknown, so a wrong address costs as much time as
#: a wrong password and response times do not say which accounts exist.
_DUMMY_HASH = _HASHER.hash(secrets.token_hex(16))


class AccountError(ValueError):
    """Bad input for an account operation; ``field`` names what to correct, ``reason`` (a
    :class:`~graph.messages.Message`) says why."""

    reason: Message | str

    def __init__(self, field: str, message: Message | str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message


@dataclass(frozen=True)
class User:
    uid: str
    email: str
    role: str
    name: str | None = None
    organization: str | None = None

    @classmethod
    def from_row(cls, row: dict) -> User:
        return cls(uid=row["uid"], email=row["email"], role=row["role"], name=row.get("name"),
                   organization=row.get("organization"))


@dataclass(frozen=True)
class Invitation:
    """A new invitation: ``secret`` goes to the invited person once and is never stored."""

    secret: str
    expires_at: str


@dataclass(frozen=True)
class IssuedToken:
    """A new token: ``secret`` goes to its holder once and is never stored."""

    uid: str
    secret: str
    label: str | None


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def operator_actor() -> str:
    """How the audit log names the platform operator: someone with a shell on the server,
    acting through the CLI, by their OS account."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "unknown"
    return f"operator:{name}"


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def check_password(password: str | None) -> str:
    if not password or len(password) < MIN_PASSWORD:
        raise AccountError("password", N_("use at least %(count)s characters",
                                          count=MIN_PASSWORD))
    return password


def _write(driver: Driver, database: str, fn):
    with driver.session(database=database) as session:
        return session.execute_write(fn)


def _check_account(driver: Driver, database: str, email: str, role: str,
                   organization: str | None) -> str:
    email = normalize_email(email)
    if not EMAIL.match(email):
        raise AccountError("email", N_("not an e-mail address"))
    if role not in ROLES:
        raise AccountError("role", _not_a_role(role))
    if not organization:
        raise AccountError("organization", N_("every user belongs to an Organization (admins "
                                              "too: they manage their own organisation's "
                                              "accounts)"))
    found = queries.run(driver, "users/match_organization", database=database,
                        uid=organization)[0]
    if found["uid"] is None:
        raise AccountError("organization", N_("no Organization with uid %(uid)s in the vault",
                                              uid=repr(organization)))
    return email


def _not_a_role(role: str) -> Message:
    return N_("%(role)s is not one of %(roles)s", role=repr(role), roles=", ".join(ROLES))


def _create(driver: Driver, database: str, actor: str, email: str, role: str,
            organization: str | None, name: str | None,
            password: str | None) -> tuple[dict, Invitation | None]:
    email = _check_account(driver, database, email, role, organization)
    if password is not None:
        check_password(password)
    secret = None if password is not None else INVITATION_PREFIX + secrets.token_urlsafe(32)
    uid = f"user-{secrets.token_hex(8)}"

    def tx_fn(tx):
        row = queries.run_in(tx, "users/create_user", uid=uid, email=email, display_name=name,
                             role=role, organization=organization,
                             password_hash=hash_password(password) if password else None,
                             invitation_hash=hash_token(secret) if secret else None,
                             hours=INVITATION_HOURS)[0]["user"]
        audit.append_in(tx, actor, "account.create", uid, role=role, organization=organization,
                        invited=secret is not None)
        return row

    try:
        user = _plain(_write(driver, database, tx_fn))
    except ConstraintError as exc:
        raise AccountError("email", N_("a user with e-mail %(email)s already exists",
                                       email=email)) from exc
    invitation = Invitation(secret, user["invitation_expires_at"]) if secret else None
    return user, invitation


def create_user(driver: Driver, database: str, email: str, role: str, password: str,
                organization: str | None = None, name: str | None = None, *,
                actor: str) -> dict:
    """A new account with a password: the platform operator's CLI (and test fixtures).
    ``actor`` is who does it, for the audit log."""
    return _create(driver, database, actor, email, role, organization, name,
                   check_password(password))[0]


def invite_user(driver: Driver, database: str, email: str, role: str, organization: str,
                name: str | None = None, *, actor: str) -> tuple[dict, Invitation]:
    """A new account without a password, and the invitation its holder redeems to set one
    (:func:`accept_invitation`): whoever creates the account never knows its password."""
    user, invitation = _create(driver, database, actor, email, role, organization, name, None)
    assert invitation is not None
    return user, invitation


def reissue_invitation(driver: Driver, database: str, uid: str, *, actor: str) -> Invitation:
    """A fresh invitation (the old one stops working) for an account that has never had a
    password; an account with one gets none, so no one but its holder can set it."""
    secret = INVITATION_PREFIX + secrets.token_urlsafe(32)

    def tx_fn(tx):
        rows = queries.run_in(tx, "users/set_invitation", uid=uid, invitation_hash=hash_token(secret),
                              hours=INVITATION_HOURS)
        if rows:
            audit.append_in(tx, actor, "account.invite", uid)
        return rows

    rows = _write(driver, database, tx_fn)
    if not rows:
        raise AccountError("invitation", N_("only an enabled account that has no password yet "
                                            "can be invited again"))
    return Invitation(secret, _plain(rows[0]["user"])["invitation_expires_at"])


def accept_invitation(driver: Driver, database: str, secret: str, password: str) -> User:
    """Set the first password of an invited account; the invitation is used up."""
    check_password(password)
    if not (secret or "").startswith(INVITATION_PREFIX):
        raise AccountError("invitation", N_("not a valid invitation"))

    def tx_fn(tx):
        rows = queries.run_in(tx, "users/accept_invitation", invitation_hash=hash_token(secret),
                              password_hash=hash_password(password))
        if rows:
            user = rows[0]["user"]
            audit.append_in(tx, user["email"], "account.accept", user["uid"])
        return rows

    rows = _write(driver, database, tx_fn)
    if not rows:
        raise AccountError("invitation", N_("not valid: unknown, already used or expired (ask "
                                            "your organisation's admin for a new one)"))
    return User.from_row(rows[0]["user"])


def list_users(driver: Driver, database: str, organization: str | None = None) -> list[dict]:
    """The accounts of ``organization`` (every account when None: the operator's view)."""
    return [_plain(r["user"]) for r in queries.run(driver, "users/list_users", database=database,
                                                   organization=organization)]


def find_user(driver: Driver, database: str, email: str | None = None,
              uid: str | None = None) -> dict | None:
    rows = queries.run(driver, "users/match_user", database=database,
                       email=normalize_email(email) if email else None, uid=uid)
    return _plain(rows[0]["user"]) if rows else None


def verify_login(driver: Driver, database: str, email: str, password: str) -> User | None:
    """The user, if the e-mail and password match an enabled account; else None. Either
    way the attempt is audited (a failure names the account only if there is one, so a
    password typed into the e-mail field never reaches the log)."""
    rows = queries.run(driver, "users/match_user", database=database,
                       email=normalize_email(email), uid=None)
    stored = (rows[0]["password_hash"] if rows else None) or _DUMMY_HASH
    try:
        _HASHER.verify(stored, password or "")
        matched = stored is not _DUMMY_HASH
    except (VerificationError, InvalidHashError):
        matched = False
    user = rows[0]["user"] if rows else None
    if not matched or user["disabled"]:
        reason = ("unknown account" if user is None else "account disabled" if user["disabled"]
                  else "no password set" if not user["password_set"] else "wrong password")
        audit.append(driver, "anonymous", "auth.login_failed", user["uid"] if user else None,
                     database=database, reason=reason)
        return None
    if _HASHER.check_needs_rehash(stored):
        queries.run(driver, "users/set_password_hash", database=database, uid=user["uid"],
                    password_hash=hash_password(password))
    audit.append(driver, user["email"], "auth.login", user["uid"], database=database)
    return User.from_row(user)


def issue_token(driver: Driver, database: str, user_uid: str, label: str | None = None, *,
                actor: str) -> IssuedToken:
    """A new token for the account ``user_uid``: at sign-in for oneself (``actor`` is the
    user), or by the platform operator's CLI."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    uid = f"tok-{secrets.token_hex(8)}"

    def tx_fn(tx):
        rows = queries.run_in(tx, "users/create_token", user=user_uid, uid=uid,
                              token_hash=hash_token(secret), label=label)
        if rows:
            audit.append_in(tx, actor, "token.issue", user_uid, token=uid, label=label)
        return rows

    if not _write(driver, database, tx_fn):
        raise AccountError("user", N_("no enabled user with that uid"))
    return IssuedToken(uid=uid, secret=secret, label=label)


def user_for_token(driver: Driver, database: str, secret: str) -> tuple[User, str] | None:
    """The user and token uid behind a live token, or None."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    rows = queries.run(driver, "users/match_token_user", database=database,
                       token_hash=hash_token(secret))
    if not rows:
        return None
    return User.from_row(rows[0]["user"]), rows[0]["token_uid"]


def revoke_token(driver: Driver, database: str, token_uid: str, *, actor: str) -> bool:
    def tx_fn(tx):
        row = queries.run_in(tx, "users/revoke_token", uid=token_uid)[0]
        if row["revoked"]:
            audit.append_in(tx, actor, "token.revoke", row["user"], token=token_uid)
        return bool(row["revoked"])

    return _write(driver, database, tx_fn)


def revoke_user(driver: Driver, database: str, uid: str, *, actor: str) -> int | None:
    """Disable the account and revoke all its tokens; the number revoked, or None if no such user."""

    def tx_fn(tx):
        rows = queries.run_in(tx, "users/disable_user", uid=uid)
        if rows:
            audit.append_in(tx, actor, "account.revoke", uid, tokens_revoked=rows[0]["revoked"])
        return rows

    rows = _write(driver, database, tx_fn)
    return rows[0]["revoked"] if rows else None


def _plain(user: dict) -> dict:
    out = dict(user)
    for key in ("created_at", "invitation_expires_at"):
        if out.get(key) is not None and hasattr(out[key], "iso_format"):
            out[key] = out[key].iso_format()
    return out


def list_tokens(driver: Driver, database: str, user_uid: str) -> list[dict]:
    """A user's tokens, newest first (never their hashes)."""
    out = []
    for row in queries.run(driver, "users/list_user_tokens", database=database, user=user_uid):
        token = dict(row["token"])
        for key in ("created_at", "revoked_at"):
            if token.get(key) is not None:
                token[key] = token[key].iso_format()
        out.append(token)
    return out


def set_role(driver: Driver, database: str, uid: str, role: str, organization: str, *,
             actor: str) -> bool:
    """Change the role of an account of ``organization`` (False: no such account there).
    Its sessions end: the new role, and the second factor an editor's or admin's role
    requires, apply from the next sign-in."""
    if role not in ROLES:
        raise AccountError("role", _not_a_role(role))

    def tx_fn(tx):
        rows = queries.run_in(tx, "users/set_role", uid=uid, role=role, organization=organization)
        if rows:
            audit.append_in(tx, actor, "account.role", uid, role=role)
        return bool(rows)

    return _write(driver, database, tx_fn)
