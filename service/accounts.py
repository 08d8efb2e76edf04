"""User accounts and API tokens, kept in the vault.

Passwords are hashed with argon2 and API tokens are stored as the sha256 of
their secret: the vault never holds a credential that works as it is, and a
token's secret is shown once, when it is issued. Revoking a user disables the
account and revokes every token in one transaction. The CLI and the HTTP API
both go through these functions.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from neo4j import Driver
from neo4j.exceptions import ConstraintError

from graph import queries

#: The roles, weakest first. What each one may do is decided in ``service.auth``.
ROLES = ("researcher", "investigator", "lawyer", "editor", "admin")
TOKEN_PREFIX = "fpt_"
MIN_PASSWORD = 12
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_HASHER = PasswordHasher()
#: Verified against when the e-mail is unknown, so a wrong address costs as much time as
#: a wrong password and response times do not say which accounts exist.
_DUMMY_HASH = _HASHER.hash(secrets.token_hex(16))


class AccountError(ValueError):
    """Bad input for an account operation; ``field`` names what to correct."""

    def __init__(self, field: str, message: str):
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
class IssuedToken:
    """A new token: ``secret`` goes to its holder once and is never stored."""

    uid: str
    secret: str
    label: str | None


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def check_password(password: str | None) -> str:
    if not password or len(password) < MIN_PASSWORD:
        raise AccountError("password", f"use at least {MIN_PASSWORD} characters")
    return password


def create_user(driver: Driver, database: str, email: str, role: str, password: str,
                organization: str | None = None, name: str | None = None) -> dict:
    """A new account. Everyone but an admin belongs to an Organization of the vault
    (its confidential records are the ones they may read)."""
    email = normalize_email(email)
    if not _EMAIL.match(email):
        raise AccountError("email", "not an e-mail address")
    if role not in ROLES:
        raise AccountError("role", f"{role!r} is not one of {', '.join(ROLES)}")
    check_password(password)
    if organization:
        found = queries.run(driver, "users/match_organization", database=database,
                            uid=organization)[0]
        if found["uid"] is None:
            raise AccountError("organization", f"no Organization with uid {organization!r} "
                                               "in the vault")
    elif role != "admin":
        raise AccountError("organization", "every user but an admin belongs to an Organization")
    try:
        rows = queries.run(driver, "users/create_user", database=database,
                           uid=f"user-{secrets.token_hex(8)}", email=email, display_name=name, role=role,
                           organization=organization or None,
                           password_hash=hash_password(password))
    except ConstraintError as exc:
        raise AccountError("email", f"a user with e-mail {email} already exists") from exc
    return _plain(rows[0]["user"])


def list_users(driver: Driver, database: str) -> list[dict]:
    return [_plain(r["user"]) for r in queries.run(driver, "users/list_users", database=database)]


def find_user(driver: Driver, database: str, email: str | None = None,
              uid: str | None = None) -> dict | None:
    rows = queries.run(driver, "users/match_user", database=database,
                       email=normalize_email(email) if email else None, uid=uid)
    return _plain(rows[0]["user"]) if rows else None


def verify_login(driver: Driver, database: str, email: str, password: str) -> User | None:
    """The user, if the e-mail and password match an enabled account; else None."""
    rows = queries.run(driver, "users/match_user", database=database,
                       email=normalize_email(email), uid=None)
    stored = rows[0]["password_hash"] if rows else _DUMMY_HASH
    try:
        _HASHER.verify(stored, password or "")
    except (VerificationError, InvalidHashError):
        return None
    if not rows or rows[0]["user"]["disabled"]:
        return None
    user = rows[0]["user"]
    if _HASHER.check_needs_rehash(stored):
        queries.run(driver, "users/set_password_hash", database=database, uid=user["uid"],
                    password_hash=hash_password(password))
    return User.from_row(user)


def issue_token(driver: Driver, database: str, user_uid: str, label: str | None = None) -> IssuedToken:
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    uid = f"tok-{secrets.token_hex(8)}"
    rows = queries.run(driver, "users/create_token", database=database, user=user_uid, uid=uid,
                       token_hash=hash_token(secret), label=label)
    if not rows:
        raise AccountError("user", "no enabled user with that uid")
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


def revoke_token(driver: Driver, database: str, token_uid: str) -> bool:
    rows = queries.run(driver, "users/revoke_token", database=database, uid=token_uid)
    return bool(rows and rows[0]["revoked"])


def revoke_user(driver: Driver, database: str, uid: str) -> int | None:
    """Disable the account and revoke all its tokens; the number revoked, or None if no such user."""
    rows = queries.run(driver, "users/disable_user", database=database, uid=uid)
    return rows[0]["revoked"] if rows else None


def _plain(user: dict) -> dict:
    out = dict(user)
    if out.get("created_at") is not None and hasattr(out["created_at"], "iso_format"):
        out["created_at"] = out["created_at"].iso_format()
    return out
