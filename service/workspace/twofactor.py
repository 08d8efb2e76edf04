"""Two-factor sign-in: time-based one-time codes (TOTP, RFC 6238) and recovery codes.

Required for editors and admins (they can publish, withdraw and manage accounts),
offered to everyone else. The QR code a phone's authenticator scans is drawn here, as
SVG, from the ``otpauth://`` URI: no third-party service ever sees the secret. A code
is accepted once: the time step it belongs to is remembered, so a code seen over a
shoulder cannot be replayed within its 30 seconds. Recovery codes are random, shown
once, and kept only as hashes; each works once.

Every change (enrolment, a reset, a recovery code used) and every failure is written
to the audit log (here, or by the sign-in views of ``service.workspace.signin``).
"""

from __future__ import annotations

import hashlib
import hmac
import io
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

import pyotp
import segno
from neo4j import Driver

from graph import audit, queries

ISSUER = "Footprints Graph"
#: Roles that must sign in with a second factor.
REQUIRED_FOR = frozenset({"editor", "admin"})
RECOVERY_CODES = 10
#: Codes of the step before and after the current one are accepted (clock drift).
VALID_WINDOW = 1


def required(role: str) -> bool:
    return role in REQUIRED_FOR


def enrolled(driver: Driver, database: str, user_uid: str) -> bool:
    rows = queries.run(driver, "twofactor/match_totp", database=database, user=user_uid)
    return bool(rows and rows[0]["secret"])


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The QR code of ``uri`` as an inline SVG element (drawn here, not by any service)."""
    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="svg", scale=5, xmldecl=False, svgns=True,
                                    title="QR code for an authenticator app", dark="#111",
                                    light="#fff", border=2)
    return out.getvalue().decode("utf-8")


def _step_of(secret: str, code: str, now: datetime | None = None) -> int | None:
    """The time step whose code ``code`` is, within the window; None if it is none."""
    totp = pyotp.TOTP(secret)
    now = now or datetime.now(UTC)
    current = totp.timecode(now)
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != totp.digits:
        return None
    for step in range(current - VALID_WINDOW, current + VALID_WINDOW + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def check_code(secret: str, code: str, now: datetime | None = None) -> int | None:
    """The time step of ``code`` if it is the secret's code now, else None (enrolment:
    :func:`enable` remembers the step, so the code cannot be used again to sign in)."""
    return _step_of(secret, code or "", now)


def new_recovery_codes() -> list[str]:
    """Ten codes like ``4f7k-9xq2-mzr8``: 60 bits each, easy to type from paper."""
    alphabet = "23456789abcdefghjkmnpqrstuvwxyz"
    return ["-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))
            for _ in range(RECOVERY_CODES)]


def hash_recovery(code: str) -> str:
    normal = "".join(ch for ch in code.lower() if ch.isalnum())
    return hashlib.sha256(f"footprints-recovery:{normal}".encode()).hexdigest()


@dataclass(frozen=True)
class Verdict:
    ok: bool
    how: str | None = None  # "totp" or "recovery"
    recovery_left: int | None = None


def verify(driver: Driver, database: str, user_uid: str, code: str) -> Verdict:
    """Check a code at sign-in: a TOTP code not used before, or an unused recovery code
    (struck off as it is used)."""
    rows = queries.run(driver, "twofactor/match_totp", database=database, user=user_uid)
    if not rows or not rows[0]["secret"]:
        return Verdict(False)
    secret = rows[0]["secret"]
    step = _step_of(secret, code or "")
    if step is not None:
        used = queries.run(driver, "twofactor/use_totp_step", database=database, user=user_uid,
                           step=step)
        return Verdict(bool(used), "totp")  # empty: that step's code was used already
    digest = hash_recovery(code or "")
    if digest in rows[0]["recovery_hashes"]:
        left = queries.run(driver, "twofactor/use_recovery_code", database=database,
                           user=user_uid, hash=digest)
        if left:
            return Verdict(True, "recovery", left[0]["left"])
    return Verdict(False)


def enable(driver: Driver, database: str, user_uid: str, secret: str, step: int | None,
           actor: str) -> list[str]:
    """Turn two-factor sign-in on with ``secret`` (already confirmed by a code); returns
    the recovery codes, which are shown once and kept only as hashes."""
    codes = new_recovery_codes()

    def tx_fn(tx):
        queries.run_in(tx, "twofactor/set_totp", user=user_uid, secret=secret, step=step,
                       recovery_hashes=[hash_recovery(c) for c in codes])
        audit.append_in(tx, actor, "twofactor.enable", user_uid, recovery_codes=len(codes))

    with driver.session(database=database) as session:
        session.execute_write(tx_fn)
    return codes


def reset(driver: Driver, database: str, user_uid: str, actor: str) -> None:
    """Turn two-factor sign-in off (an admin's reset for someone who lost their phone, or
    the user's own): their sessions end, and they enrol again at their next sign-in."""

    def tx_fn(tx):
        queries.run_in(tx, "twofactor/clear_totp", user=user_uid)
        queries.run_in(tx, "sessions/delete_user_sessions", user=user_uid)
        audit.append_in(tx, actor, "twofactor.reset", user_uid)

    with driver.session(database=database) as session:
        session.execute_write(tx_fn)
