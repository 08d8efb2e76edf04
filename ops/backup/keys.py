"""The age keys a backup is encrypted to and decrypted with (pyrage).

A recipient is a public key: ``age1…`` (X25519, as ``age-keygen`` or ``footprints backup
keygen`` makes) or an SSH public key (``ssh-ed25519 …``, ``ssh-rsa …``). Anyone may hold
recipients: they can write backups, not read them. An identity is the secret key; an
identity file holds ``AGE-SECRET-KEY-1…`` lines (``#`` comments allowed), the format of
``age-keygen`` and ``age -i``.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pyrage

from ops.backup.container import BackupError


def generate(path: Path) -> str:
    """Write a new identity to ``path`` (readable by its owner only; an existing file is
    never overwritten) and return its recipient (public key)."""
    identity = pyrage.x25519.Identity.generate()
    recipient = str(identity.to_public())
    text = (f"# created: {datetime.now(UTC).isoformat(timespec='seconds')}\n"
            f"# public key: {recipient}\n{identity}\n")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise BackupError(f"{path} exists: an identity is never overwritten (a backup "
                          "encrypted to it could no longer be read)") from exc
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(text)
    return recipient


def recipient(text: str):
    """One recipient from its text."""
    text = text.strip()
    try:
        if text.startswith("age1"):
            return pyrage.x25519.Recipient.from_str(text)
        if text.startswith("ssh-"):
            return pyrage.ssh.Recipient.from_str(text)
    except pyrage.RecipientError as exc:
        raise BackupError(f"not a valid recipient: {_short(text)} ({exc})") from exc
    raise BackupError(f"not a recipient: {_short(text)} (an age public key begins with "
                      "age1, an SSH one with ssh-)")


def recipients(values: tuple[str, ...] | list[str], files: tuple[Path, ...] | list[Path] = ()) -> list:
    """The recipients given on the command line and in files (one a line, ``#`` comments,
    as ``age -R`` reads); at least one."""
    texts = list(values)
    for path in files:
        texts += [line for line in Path(path).read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.lstrip().startswith("#")]
    if not texts:
        raise BackupError("no recipient: give --recipient age1… or --recipients-file F "
                          "(make a key pair with `footprints backup keygen -o F`)")
    return [recipient(t) for t in texts]


def identities(path: Path) -> list:
    """The identities of an identity file."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise BackupError(f"cannot read the identity file {path}: {exc.strerror}") from exc
    keys = [line.strip() for line in lines if line.strip().startswith("AGE-SECRET-KEY-")]
    if not keys:
        raise BackupError(f"{path} holds no identity (an AGE-SECRET-KEY-1… line)")
    try:
        return [pyrage.x25519.Identity.from_str(k) for k in keys]
    except pyrage.IdentityError as exc:
        raise BackupError(f"{path}: not a valid identity ({exc})") from exc


def _short(text: str) -> str:
    return text if len(text) <= 24 else text[:20] + "…"
