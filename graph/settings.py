"""One settings object: the only place configuration is read from the environment.

Code receives a :class:`Settings` (through the app factory, the CLI or a test
fixture); no module reads ``os.environ`` at import time.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
#: The share of a store's heap all its transactions together may use (Neo4j's
#: dbms.memory.transaction.total.max; 0.7 is Neo4j's own default, written out).
TX_MEMORY_TOTAL_SHARE = 0.7
#: The share of the public graph's heap one transaction may use (db.memory.transaction.max).
#: Not less: publication writes the whole public graph in one transaction, whose memory
#: grows with the graph (docs/performance.md has the measure).
#: Console queries have a tighter limit of their own (console_memory).
PUBLIC_TX_MEMORY_SHARE = 0.6
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$", re.IGNORECASE)


def parse_bytes(text: str) -> int:
    """``"64m"`` -> 67108864 (Neo4j's notation: k, m, g, t; binary multiples)."""
    match = _SIZE.match(str(text))
    if not match:
        raise SettingsError(f"not a size: {text!r} (e.g. '64m' or '2g')")
    number, unit = match.groups()
    return int(float(number) * 1024 ** " kmgt".index(unit.lower() or " "))


def share_of(size: str, share: float) -> str:
    """``share`` of a size, in Neo4j's notation (megabytes)."""
    return f"{int(parse_bytes(size) * share) // 2**20}m"


class SettingsError(ValueError):
    """The configuration cannot work (e.g. vault and public graph are one database)."""


class StoreConfigError(ValueError):
    """A store's settings that cannot work together."""


@dataclass(frozen=True)
class StoreSettings:
    """Where one Neo4j store is and how to log in.

    ``managed`` is True when the project starts this store itself from
    ``ops/neo4j``; False when its URI came from the environment.
    """

    name: str
    uri: str
    user: str = "neo4j"
    password: str | None = None
    database: str = "neo4j"
    managed: bool = True
    bolt_port: int = 7687
    heap: str = "1g"
    pagecache: str = "512m"
    #: Neo4j's ``db.memory.transaction.max``: the heap one transaction may use ("0": no
    #: limit; None: Neo4j's default, which is none).
    tx_memory: str | None = None
    #: Neo4j's ``dbms.memory.transaction.total.max``: the heap all transactions together may
    #: use (None: Neo4j's default).
    tx_memory_total: str | None = None
    #: A PEM file of the certificate authorities to trust for TLS, with a ``bolt://`` or
    #: ``neo4j://`` URI: a store whose certificate a private authority signed (the ``+s``
    #: schemes trust the system's authorities; ``+ssc`` trusts any certificate).
    ca_file: str | None = None

    def tls_options(self) -> dict:
        """The driver's TLS settings when a CA file is given (none otherwise: the URI's
        scheme says). Raises StoreConfigError for a CA file with a ``+s``/``+ssc`` scheme,
        whose TLS settings are the scheme's own (the driver refuses both)."""
        if not self.ca_file:
            return {}
        if any(scheme in self.uri for scheme in ("+s://", "+ssc://")):
            raise StoreConfigError(
                f"FOOTPRINTS_{self.name.upper()}_CA_FILE needs a bolt:// or neo4j:// URI "
                f"(the +s schemes trust the system's authorities; +ssc any certificate): "
                f"{self.uri}")
        from neo4j import TrustCustomCAs

        return {"encrypted": True, "trusted_certificates": TrustCustomCAs(self.ca_file)}

    def identity(self) -> tuple[str, str]:
        """What makes two stores the same database: host/port and database name."""
        rest = self.uri.split("://", 1)[-1].rstrip("/")
        return rest.lower(), self.database


#: The file store's backends (documents/store): files on this machine's disk, or an
#: S3-compatible object store.
FILE_BACKENDS = ("local", "s3")


@dataclass(frozen=True)
class FileStoreSettings:
    """Where documents' files are kept (documents/store; docs/documents.md, "The file store").

    ``root`` None means ``<var_dir>/files`` (:attr:`Settings.files_dir`), so that a test's
    or the demo's var/ folder brings its own files. The S3 fields are used by the ``s3``
    backend only; without keys, boto3's own credential chain applies (e.g. an instance role).
    """

    backend: str = "local"
    root: Path | None = None
    #: The largest upload accepted, in bytes (FOOTPRINTS_MAX_UPLOAD, e.g. "200m").
    max_upload: int = 200 * 2**20
    s3_endpoint: str | None = None
    s3_region: str = "us-east-1"
    s3_bucket: str | None = None
    s3_access_key: str | None = None
    s3_secret_key: str | None = field(default=None, repr=False)

    def check(self) -> FileStoreSettings:
        if self.backend not in FILE_BACKENDS:
            raise SettingsError(f"FOOTPRINTS_FILES must be one of {', '.join(FILE_BACKENDS)}, "
                                f"not {self.backend!r}")
        if self.backend == "s3" and not self.s3_bucket:
            raise SettingsError("FOOTPRINTS_FILES=s3 needs FOOTPRINTS_S3_BUCKET")
        if (self.s3_access_key is None) != (self.s3_secret_key is None):
            raise SettingsError("FOOTPRINTS_S3_ACCESS_KEY and FOOTPRINTS_S3_SECRET_KEY go together")
        if self.max_upload <= 0:
            raise SettingsError("FOOTPRINTS_MAX_UPLOAD must be more than 0")
        return self


@dataclass(frozen=True)
class Settings:
    vault: StoreSettings
    public: StoreSettings
    var_dir: Path = field(default=REPO_ROOT / "var")
    secret_key: str | None = None
    tile_url: str | None = None
    query_timeout_s: float = 10.0
    cache_size: int = 512
    #: Where rate-limit counters live (a Flask-Limiter storage URI): memory (one process),
    #: or the Redis the processes share.
    ratelimit_storage: str = "memory://"
    #: The Redis several processes share (service/shared.py), or None for one process.
    redis_url: str | None = None
    #: Reverse proxies in front of the app whose X-Forwarded-For / -Proto it trusts (0: none,
    #: so a client cannot choose the address its rate limits are counted under).
    proxies: int = 0
    #: Rate limits by name (service/ratelimit.py), over its defaults.
    ratelimits: Mapping[str, str] = field(default_factory=dict)
    #: Console queries that may run at once (each in its own worker process).
    console_workers: int = 2
    #: Heap (as Neo4j estimates it) one console query may use before it is stopped.
    console_memory: str = "64m"
    #: Workspace sessions: minutes without a request before one ends, hours at most.
    session_idle_minutes: int = 30
    session_hours: int = 12
    #: The session cookie is sent over HTTPS only (browsers treat http://localhost and
    #: http://127.0.0.1 as secure too, so the demo works); off only behind plain HTTP.
    session_secure: bool = True
    #: The documents' file store.
    files: FileStoreSettings = field(default_factory=FileStoreSettings)
    #: The data key sealing the vault's encrypted fields (graph/encryption.py), base64, or
    #: the file holding it (a mounted secret); neither: a key file under var/ (local only).
    data_key: str | None = field(default=None, repr=False)
    data_key_file: Path | None = None

    @property
    def neo4j_dir(self) -> Path:
        return self.var_dir / "neo4j"

    @property
    def files_dir(self) -> Path:
        """The local file store's root: ``FOOTPRINTS_FILES_DIR`` or ``<var_dir>/files``."""
        return self.files.root or self.var_dir / "files"

    def stores(self) -> tuple[StoreSettings, StoreSettings]:
        return (self.vault, self.public)

    def check(self) -> Settings:
        """Refuse a configuration in which the public graph is the vault."""
        if self.vault.identity() == self.public.identity():
            raise SettingsError(
                "the vault and the public graph point to the same database "
                f"({self.vault.uri}, database {self.vault.database}); they must be separate"
            )
        return self

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read ``FOOTPRINTS_*`` variables (see README "Configuration")."""
        env = os.environ if env is None else env
        var_dir = Path(env.get("FOOTPRINTS_VAR", REPO_ROOT / "var"))
        if not var_dir.is_absolute():
            var_dir = REPO_ROOT / var_dir

        def store(name: str, default_port: int, heap: str, pagecache: str,
                  tx_share: float | None) -> StoreSettings:
            prefix = f"FOOTPRINTS_{name.upper()}_"
            port = int(env.get(prefix + "PORT", default_port))
            uri = env.get(prefix + "URI")
            heap = env.get(prefix + "HEAP", heap)
            return StoreSettings(
                name=name,
                uri=uri or f"bolt://127.0.0.1:{port}",
                user=env.get(prefix + "USER", "neo4j"),
                password=env.get(prefix + "PASSWORD"),
                database=env.get(prefix + "DATABASE", "neo4j"),
                managed=not uri,
                bolt_port=port,
                heap=heap,
                pagecache=env.get(prefix + "PAGECACHE", pagecache),
                tx_memory=env.get(prefix + "TX_MEMORY") or (
                    share_of(heap, tx_share) if tx_share else None),
                tx_memory_total=env.get(prefix + "TX_MEMORY_TOTAL") or share_of(
                    heap, TX_MEMORY_TOTAL_SHARE),
                ca_file=env.get(prefix + "CA_FILE") or None,
            )

        return cls(
            vault=store("vault", 7687, "2g", "2g", None),
            public=store("public", 7688, "2g", "1g", PUBLIC_TX_MEMORY_SHARE),
            var_dir=var_dir,
            secret_key=env.get("FOOTPRINTS_SECRET_KEY"),
            tile_url=env.get("FOOTPRINTS_TILE_URL") or None,
            query_timeout_s=float(env.get("FOOTPRINTS_QUERY_TIMEOUT", 10.0)),
            cache_size=int(env.get("FOOTPRINTS_CACHE_SIZE", 512)),
            ratelimit_storage=env.get("FOOTPRINTS_RATELIMIT_STORAGE")
            or env.get("FOOTPRINTS_REDIS_URL") or "memory://",
            redis_url=env.get("FOOTPRINTS_REDIS_URL") or None,
            proxies=int(env.get("FOOTPRINTS_PROXIES", 0)),
            ratelimits={key.removeprefix("FOOTPRINTS_RATELIMIT_").lower(): value
                        for key, value in env.items()
                        if key.startswith("FOOTPRINTS_RATELIMIT_") and value
                        and key != "FOOTPRINTS_RATELIMIT_STORAGE"},
            console_workers=int(env.get("FOOTPRINTS_CONSOLE_WORKERS", 2)),
            console_memory=env.get("FOOTPRINTS_CONSOLE_MEMORY") or "64m",
            session_idle_minutes=int(env.get("FOOTPRINTS_SESSION_IDLE_MINUTES", 30)),
            session_hours=int(env.get("FOOTPRINTS_SESSION_HOURS", 12)),
            session_secure=env.get("FOOTPRINTS_SESSION_SECURE", "1").lower() not in (
                "0", "false", "no", "off"),
            files=cls._files_from_env(env),
            data_key=env.get("FOOTPRINTS_DATA_KEY") or None,
            data_key_file=Path(env["FOOTPRINTS_DATA_KEY_FILE"])
            if env.get("FOOTPRINTS_DATA_KEY_FILE") else None,
        ).check()

    @staticmethod
    def _files_from_env(env: Mapping[str, str]) -> FileStoreSettings:
        root = env.get("FOOTPRINTS_FILES_DIR")
        if root and not Path(root).is_absolute():
            root = REPO_ROOT / root
        return FileStoreSettings(
            backend=(env.get("FOOTPRINTS_FILES") or "local").lower(),
            root=Path(root) if root else None,
            max_upload=parse_bytes(env.get("FOOTPRINTS_MAX_UPLOAD") or "200m"),
            s3_endpoint=env.get("FOOTPRINTS_S3_ENDPOINT") or None,
            s3_region=env.get("FOOTPRINTS_S3_REGION") or "us-east-1",
            s3_bucket=env.get("FOOTPRINTS_S3_BUCKET") or None,
            s3_access_key=env.get("FOOTPRINTS_S3_ACCESS_KEY") or None,
            s3_secret_key=env.get("FOOTPRINTS_S3_SECRET_KEY") or None,
        ).check()
