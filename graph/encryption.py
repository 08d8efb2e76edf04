"""Encryption at rest of the vault's most dangerous fields, by the application.

Why: a copied store file, a dump or an export of the vault must not reveal who gave
evidence, how to reach a victim's family or where a consent form is kept. Neo4j
Community has no encryption at rest, and disk encryption protects nothing once the
machine runs; so the fields the model marks ``encrypted: true`` (graph/model/records)
are sealed by this module before any write reaches the vault and opened after any
read that shows them to an authorised user. The key is kept outside both databases
(docs/encryption.md): ``FOOTPRINTS_DATA_KEY``, ``FOOTPRINTS_DATA_KEY_FILE``, or, for
the local demo and tests only, a key file generated once under ``var/``.

A sealed value is one text: ``fpenc:1:<key id>:<base64url(nonce || ciphertext+tag)>``.
AES-256-GCM (authenticated) with a random 96-bit nonce per value; the associated data
is the record's uid and the field's name (and an item's place in a list), so a
ciphertext moved to another record or field does not open: it is reported as
tampered, naming the record and the field, never shown as garbage. The key id in the
value says which key sealed it, so a rotation (``footprints keys rotate``) can tell old
from new and resume after a crash. Each record with sealed fields also carries
``sealed_with``, the id of the key that sealed it, which the rotation queries by.

Some fields are sealed for some records only: the model's ``encrypted_for_roles`` (a
person who is only a witness or a relative has their names sealed; a victim's or an
official's stay plain, being searched and, with consent, published). Which form a record
is stored in is decided on every write from its roles (:meth:`Keyring.seal_props` with
``roles``), so a relative later documented as a victim has their names opened on the
write that adds the role, and sealed again on the write that takes it away.

Exact-match lookups on sealed text use keyed hashes (HMAC-SHA256, :meth:`Keyring.lookup`)
with a key derived from the data key by HKDF, never the plaintext: a record whose names
are sealed carries the lookups of each name (``name_hmacs``, :meth:`Keyring.name_lookups`),
and a search computes those of the typed text (:meth:`Keyring.query_lookups`).

A wrong or missing key is a clear error at start-up: the app factory and the CLI open
a small sealed canary kept in the vault (:func:`check_canary`) before anything else.
The keyring in use is process-wide (:func:`use`, :func:`active`): the importer's rows and
the vault's reads are plain functions that have no stores to ask.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets
import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from graph.model import MODEL, RoleSealing

PREFIX = "fpenc:1:"
KEY_BYTES = 32
NONCE_BYTES = 12
#: The node property saying which key sealed a record's fields.
SEALED_WITH = "sealed_with"
#: The canary's plaintext and where its associated data says it lives.
CANARY_TEXT = "footprints data key canary"
CANARY_UID = "data-key-canary"

#: Fields sealed in every record of a type, from the model (``encrypted: true``).
ENCRYPTED: Mapping[str, tuple[str, ...]] = {
    name: tuple(f.name for f in rtype.fields.values() if f.encrypted)
    for name, rtype in MODEL.records.items()
    if any(f.encrypted for f in rtype.fields.values())}
#: Fields sealed for some roles only, from the model (``encrypted_for_roles``).
ROLE_SEALED: Mapping[str, RoleSealing] = {
    name: rtype.role_sealing for name, rtype in MODEL.records.items()
    if rtype.role_sealing is not None}
#: Every field that may be stored sealed, by record type (what rotation and the importer
#: read back from the store).
SEALABLE: Mapping[str, tuple[str, ...]] = {
    name: (*ENCRYPTED.get(name, ()), *(ROLE_SEALED[name].fields if name in ROLE_SEALED else ()))
    for name in MODEL.records if name in ENCRYPTED or name in ROLE_SEALED}
#: Labels whose records may have fields sealed for some roles (the record types and roles).
SEALED_LABELS: frozenset[str] = frozenset(
    {*ROLE_SEALED, *(role for s in ROLE_SEALED.values() for role in s.roles)})
#: Fields sealed for some records only, of any record type (reads of names open these).
ROLE_FIELDS: tuple[str, ...] = tuple(sorted({f for s in ROLE_SEALED.values() for f in s.fields}))


def roles_of(label: str, labels: Iterable[str]) -> list[str]:
    """The record type's roles among ``labels`` (a node's labels, or an import's roles)."""
    own = MODEL.records[label].roles if label in MODEL.records else ()
    return [lbl for lbl in labels if lbl in own]


def sealed_for(label: str, roles: Iterable[str]) -> tuple[str, ...]:
    """The fields a ``label`` record with these roles stores sealed."""
    sealing = ROLE_SEALED.get(label)
    extra = sealing.fields if sealing is not None and sealing.applies(roles_of(label, roles)) \
        else ()
    return (*ENCRYPTED.get(label, ()), *extra)


class DataKeyError(Exception):
    """Base of this module's errors: each says what is wrong and what to do."""


class KeyMissing(DataKeyError):
    """No data key is configured or loaded."""


class KeyInvalid(DataKeyError):
    """A configured key cannot be used (not base64, not 32 bytes, unreadable file)."""


class WrongKey(DataKeyError):
    """The key does not open the vault's canary: it is not the key the vault was sealed with."""


class Tampered(DataKeyError):
    """A sealed value does not open: changed, moved from another record or field, or sealed
    with a key this process does not hold. Names the record and the field."""

    def __init__(self, uid: str, field: str, why: str):
        super().__init__(f"record {uid}: field {field}: {why}")
        self.uid, self.field = uid, field


def _derive(key: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(key)


@dataclass(frozen=True)
class DataKey:
    """One data key: its id, its AEAD, and the HMAC key derived from it for lookups."""

    raw: bytes = field(repr=False)

    # Cached: a publication or an import opens and hashes names by the hundred thousand,
    # and each derivation is an HKDF (the dataclass is frozen; the cache is its own dict).
    @cached_property
    def id(self) -> str:
        # Derived, not the key's hash: the id says nothing usable about the key.
        return _derive(self.raw, b"footprints key id")[:6].hex()

    @cached_property
    def aead(self) -> AESGCM:
        return AESGCM(self.raw)

    @cached_property
    def lookup_key(self) -> bytes:
        return _derive(self.raw, b"footprints lookup hmac")


def _aad(uid: str, name: str, index: int | None) -> bytes:
    where = name if index is None else f"{name}[{index}]"
    return f"footprints\x1f{uid}\x1f{where}".encode()


def normalised(text: str) -> str:
    """What exact-match lookups compare: NFKC, case-folded, spaces and hyphens collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(text.replace("-", " ").split())


def _forms(text: str) -> set[str]:
    """The forms of a name an exact-match lookup knows it by: the name, and the name without
    spaces or hyphens (``Kim Jong-il`` and ``Kim Jongil`` meet at ``kimjongil``)."""
    norm = normalised(text)
    return {f for f in (norm, norm.replace(" ", "")) if f}


class Keyring:
    """The key that seals (``current``) and every key that may open (``current`` and,
    during a rotation, the previous one)."""

    def __init__(self, current: DataKey, others: Iterable[DataKey] = ()):
        self.current = current
        self._keys = {k.id: k for k in (*others, current)}

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._keys)

    def with_key(self, other: DataKey) -> Keyring:
        """This keyring, able to open values sealed with ``other`` too."""
        return Keyring(self.current, [*self._keys.values(), other])

    # -- values -----------------------------------------------------------------------

    def seal(self, text: str, uid: str, name: str, index: int | None = None) -> str:
        nonce = os.urandom(NONCE_BYTES)
        body = self.current.aead.encrypt(nonce, text.encode("utf-8"), _aad(uid, name, index))
        token = base64.urlsafe_b64encode(nonce + body).decode("ascii").rstrip("=")
        return f"{PREFIX}{self.current.id}:{token}"

    def open(self, value: str, uid: str, name: str, index: int | None = None) -> str:
        if not is_sealed(value):
            raise Tampered(uid, name, "holds a value that is not sealed (written around the "
                                      "application?); run `footprints keys rotate` to seal it")
        key_id, _, token = value[len(PREFIX):].partition(":")
        key = self._keys.get(key_id)
        if key is None:
            raise Tampered(uid, name, f"sealed with key {key_id}, which is not loaded "
                                      f"(loaded: {', '.join(self._keys)})")
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            text = key.aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:],
                                    _aad(uid, name, index))
            return text.decode("utf-8")
        except (InvalidTag, ValueError, binascii.Error, UnicodeDecodeError):
            raise Tampered(uid, name, "the sealed value does not open: it was changed, or "
                                      "moved from another record or field") from None

    def seal_value(self, value: Any, uid: str, name: str) -> Any:
        """A text or a list of texts sealed (each item bound to its place); None as is."""
        if value is None:
            return None
        if isinstance(value, list | tuple):
            return [self.seal(str(v), uid, name, i) for i, v in enumerate(value)]
        return self.seal(str(value), uid, name)

    def open_value(self, value: Any, uid: str, name: str) -> Any:
        if value is None:
            return None
        if isinstance(value, list | tuple):
            return [self.open(v, uid, name, i) for i, v in enumerate(value)]
        return self.open(value, uid, name)

    def lookup(self, text: str, key: DataKey | None = None) -> str:
        """The keyed hash an exact-match index stores instead of ``text`` (normalised)."""
        return hmac.new((key or self.current).lookup_key, normalised(text).encode("utf-8"),
                        hashlib.sha256).hexdigest()

    def name_lookups(self, names: Iterable[str | None]) -> list[str]:
        """What a record whose names are sealed stores to be found by them (``name_hmacs``):
        the keyed hash of each name and variant, compact too, and of the romanisations the
        free-text gate derives from a Hangul name (loaders/romanize.py), so an exact
        search by any spelling the gate would catch finds the person."""
        from graph.consent.gate import romanisations

        forms: set[str] = set()
        for name in names:
            if not name:
                continue
            forms |= _forms(name)
            for spelled in romanisations(name):
                forms |= _forms(spelled)
        return sorted(self.lookup(f) for f in forms)

    def query_lookups(self, text: str) -> list[str]:
        """The keyed hashes a search for ``text`` compares with ``name_hmacs``: of the text
        and its compact form, under every loaded key (during a rotation, records not yet
        re-sealed carry the old key's)."""
        return sorted({self.lookup(f, key) for f in _forms(text) for key in self._keys.values()})

    # -- records ----------------------------------------------------------------------

    def seal_props(self, label: str, uid: str, props: dict,
                   previous: Mapping[str, Any] | None = None,
                   roles: Iterable[str] | None = None) -> dict:
        """``props`` of a ``label`` record with its encrypted fields sealed and
        ``sealed_with`` set. ``previous`` (the stored properties) lets an unchanged value
        keep its sealed form, so a re-import changes nothing it need not.

        ``roles``: the record's roles (or all its labels) once written, needed for a record
        type with fields sealed for some roles only (``ROLE_SEALED``): those are sealed, with
        their keyed-hash lookups set and the fields derived from them removed, when the
        roles say so, and stored open (a sealed value given is opened), lookups removed,
        otherwise. A removed property is ``None`` here (``SET n += props`` removes it)."""
        sealing = ROLE_SEALED.get(label)
        if sealing is not None and roles is None:
            raise ValueError(f"sealing a {label} needs its roles: {', '.join(sealing.fields)} "
                             f"are sealed for {', '.join(sealing.roles)} only")
        names = sealed_for(label, roles or ())
        if not names and sealing is None:
            return props
        out = dict(props)
        for name in names:
            if out.get(name) is None:
                continue
            # A value given sealed (an export of this vault, re-imported) is opened first:
            # it must be this record's and field's, and is sealed again with the current key.
            if self._given_sealed(out[name], uid, name):
                continue
            plain = self._plain(out[name], uid, name)
            old = (previous or {}).get(name)
            if old is not None and self._same(old, plain, uid, name):
                out[name] = old
            else:
                out[name] = self.seal_value(plain, uid, name)
        if sealing is not None:
            sealed = sealing.applies(roles_of(label, roles or ()))
            plain_names = {}
            for name in sealing.fields:
                if out.get(name) is not None:
                    plain_names[name] = self._plain(out[name], uid, name)
                    if not sealed:
                        out[name] = plain_names[name]
            if sealed:
                values = [v for value in plain_names.values()
                          for v in (value if isinstance(value, list | tuple) else [value])]
                out[sealing.lookups] = self.name_lookups(values)
                out.update({name: None for name in sealing.withheld})
            else:
                out[sealing.lookups] = None
        out[SEALED_WITH] = self.current.id
        return out

    def _given_sealed(self, value: Any, uid: str, name: str) -> bool:
        """Whether ``value`` was given sealed with the current key, for this record and field
        (it opens): kept as it is, so a sealed export imports back byte for byte."""
        items = value if isinstance(value, list | tuple) else [value]
        if not items or not all(is_sealed(v) and key_id_of(v) == self.current.id
                                for v in items):
            return False
        self.open_value(value, uid, name)  # Tampered if moved or changed
        return True

    def _plain(self, value: Any, uid: str, name: str) -> Any:
        if isinstance(value, list | tuple):
            return [self.open(v, uid, name, i) if is_sealed(v) else v
                    for i, v in enumerate(value)]
        return self.open(value, uid, name) if is_sealed(value) else value

    def _same(self, stored: Any, plain: Any, uid: str, name: str) -> bool:
        """Whether ``stored`` is ``plain`` sealed with the current key."""
        items = stored if isinstance(stored, list | tuple) else [stored]
        if not all(is_sealed(v) and key_id_of(v) == self.current.id for v in items):
            return False
        try:
            opened = self.open_value(stored, uid, name)
        except Tampered:
            return False
        return opened == (list(plain) if isinstance(plain, list | tuple) else plain)

    def open_props(self, label: str, props: Mapping[str, Any]) -> dict:
        """Stored properties with the encrypted fields opened (``sealed_with`` and keyed-hash
        lookups dropped). A field sealed for some roles only is opened where it is sealed
        (a victim's names are stored open)."""
        out = dict(props)
        out.pop(SEALED_WITH, None)
        uid = out.get("uid", "?")
        for name in ENCRYPTED.get(label, ()):
            if out.get(name) is not None:
                out[name] = self.open_value(out[name], uid, name)
        sealing = ROLE_SEALED.get(label)
        if sealing is not None:
            out.pop(sealing.lookups, None)
            for name in sealing.fields:
                if out.get(name) is not None:
                    out[name] = self._plain(out[name], uid, name)
        return out

    def open_names(self, uid: str, props: Mapping[str, Any]) -> dict:
        """``props`` (a whole record, or the few fields a list or a search shows) with every
        field sealed for some roles only opened where it is sealed; everything else as it
        is. For every read that shows a person's names to someone allowed to see them."""
        out = dict(props)
        for name in ROLE_FIELDS:
            if out.get(name) is not None:
                out[name] = self._plain(out[name], uid, name)
        return out


def is_sealed(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def any_sealed(props: Mapping[str, Any], names: Iterable[str] = ROLE_FIELDS) -> bool:
    """Whether any of the fields ``names`` of ``props`` holds a sealed value."""
    for name in names:
        value = props.get(name)
        items = value if isinstance(value, list | tuple) else [value]
        if any(is_sealed(v) for v in items):
            return True
    return False


def opened_names(uid: str, props: Mapping[str, Any]) -> dict:
    """``props`` with the names sealed for some roles opened (:meth:`Keyring.open_names`)
    by the process's keyring; a record holding none sealed needs no key (a victim, a
    place, the public graph's records)."""
    if not any_sealed(props):
        return dict(props)
    return active().open_names(uid, props)


def key_id_of(value: str) -> str:
    return value[len(PREFIX):].partition(":")[0]


# -- keys ----------------------------------------------------------------------------------

def generate_key() -> str:
    """A new data key, base64 (what a key file or FOOTPRINTS_DATA_KEY holds)."""
    return base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii")


def parse_key(text: str, where: str) -> DataKey:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise KeyInvalid(f"{where}: not base64 (make a key with `footprints keys generate`)") \
            from None
    if len(raw) != KEY_BYTES:
        raise KeyInvalid(f"{where}: a data key is {KEY_BYTES} bytes, base64; this is "
                         f"{len(raw)} bytes")
    return DataKey(raw)


def read_key_file(path: Path) -> DataKey:
    try:
        text = Path(path).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyInvalid(f"data key file {path}: cannot be read ({exc})") from exc
    return parse_key(text, f"data key file {path}")


def write_key_file(path: Path, key: str | None = None) -> Path:
    """A key file readable by its owner only (0600), created so: never world-readable."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write((key or generate_key()) + "\n")
    return path


def load_key(settings) -> DataKey:
    """The data key the settings name: FOOTPRINTS_DATA_KEY, else FOOTPRINTS_DATA_KEY_FILE,
    else (local stores only: the demo and the tests) ``<var>/data_key``, generated once.
    A deployment whose vault is elsewhere must say where its key is."""
    if settings.data_key:
        return parse_key(settings.data_key, "FOOTPRINTS_DATA_KEY")
    if settings.data_key_file:
        return read_key_file(settings.data_key_file)
    if not settings.vault.managed:
        raise KeyMissing("no data key: set FOOTPRINTS_DATA_KEY (base64, 32 bytes) or "
                         "FOOTPRINTS_DATA_KEY_FILE (a mounted secret); make one with "
                         "`footprints keys generate`")
    path = settings.var_dir / "data_key"
    if not path.exists():
        try:
            write_key_file(path)
        except FileExistsError:  # another process made it first
            pass
    return read_key_file(path)


# -- the process's keyring ---------------------------------------------------------------------

_ACTIVE: Keyring | None = None
#: A canary check still to do before the keyring is used (the vault was down at start-up).
_PENDING: Callable[[], Any] | None = None
_LOCK = threading.Lock()


def use(keyring: Keyring | None, pending: Callable[[], Any] | None = None) -> None:
    """Make ``keyring`` the one this process seals and opens with (the app factory and the
    CLI do, after :func:`check_canary`; or with the check ``pending``, done on first use)."""
    global _ACTIVE, _PENDING
    with _LOCK:
        _ACTIVE, _PENDING = keyring, pending


def active() -> Keyring:
    global _PENDING
    if _ACTIVE is None:
        raise KeyMissing("no data key is loaded in this process (the app factory and the CLI "
                         "load it at start-up: graph.connections.Stores.unlock)")
    if _PENDING is not None:
        with _LOCK:
            if _PENDING is not None:
                _PENDING()  # WrongKey, or the store still down: nothing opens or seals
                _PENDING = None
    return _ACTIVE


def check_canary(driver, database: str, keyring: Keyring) -> str:
    """Open the vault's canary with ``keyring``; create it if the vault has none and holds
    no value sealed with another key. Returns the canary's key id. :class:`WrongKey` if
    the key is not the vault's."""
    from graph import queries

    rows = queries.run(driver, "keys/match_canary", database=database)
    if rows:
        token = rows[0]["token"]
        try:
            if keyring.open(token, CANARY_UID, "canary") != CANARY_TEXT:
                raise Tampered(CANARY_UID, "canary", "wrong text")
        except Tampered:
            raise WrongKey(
                f"the data key (id {keyring.current.id}) is not the key this vault was sealed "
                f"with (its canary says key {key_id_of(token) if is_sealed(token) else '?'}): "
                "set FOOTPRINTS_DATA_KEY or FOOTPRINTS_DATA_KEY_FILE to the vault's key") from None
        return key_id_of(token)
    foreign = queries.run(driver, "keys/count_foreign_sealed", database=database,
                          labels=list(ENCRYPTED), key_ids=list(keyring.ids))[0]
    if foreign["records"]:
        raise WrongKey(f"the vault holds {foreign['records']} record(s) sealed with key(s) "
                       f"{', '.join(foreign['key_ids'])}, not with the data key loaded "
                       f"(id {keyring.current.id}), and no canary: set the vault's key")
    queries.run(driver, "keys/merge_canary", database=database,
                token=keyring.seal(CANARY_TEXT, CANARY_UID, "canary"),
                key_id=keyring.current.id)
    return keyring.current.id


def unlock(settings, driver, database: str) -> Keyring:
    """Load the settings' key, check it against the vault's canary, and make it the
    process's keyring (what start-up does). A vault that is down at start-up does not stop
    an app whose public side can serve: the check is then done on the key's first use."""
    from neo4j.exceptions import ServiceUnavailable, SessionExpired

    keyring = Keyring(load_key(settings))
    try:
        check_canary(driver, database, keyring)
    except (ServiceUnavailable, SessionExpired):
        if _ACTIVE is not None and _PENDING is None and _ACTIVE.ids == keyring.ids:
            return _ACTIVE  # this very key is in use, checked already
        use(keyring, pending=lambda: check_canary(driver, database, keyring))
        return keyring
    use(keyring)
    return keyring
