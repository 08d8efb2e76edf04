"""Drivers for the two stores.

The vault and the public graph get separate drivers from separate settings.
Public-facing code is handed the public driver only (see ``service``), so it
has no way to reach the vault.
"""

from __future__ import annotations

import threading

from neo4j import READ_ACCESS, Driver, GraphDatabase, RoutingControl

from graph.recount import DashboardRecount
from graph.settings import Settings, StoreSettings


class NoPasswordError(RuntimeError):
    pass


def password_for(settings: Settings, store: StoreSettings) -> str:
    """The store's password: from the settings, or the generated file of a managed store."""
    if store.password:
        return store.password
    path = settings.neo4j_dir / store.name / "password"
    if store.managed and path.exists():
        return path.read_text().strip()
    raise NoPasswordError(
        f"no password for the {store.name} store: set FOOTPRINTS_{store.name.upper()}_PASSWORD "
        f"or start the local server once (footprints neo4j start)"
    )


def open_driver(settings: Settings, store: StoreSettings, **config) -> Driver:
    """A driver for one store. ``neo4j://`` and ``neo4j+s://`` work for clusters."""
    config.setdefault("max_connection_pool_size", 50)
    config.setdefault("connection_acquisition_timeout", 10.0)
    config.setdefault("connection_timeout", 5.0)
    # Missing-property warnings are normal in a sparse graph; keep logs for real problems.
    config.setdefault("notifications_min_severity", "OFF")
    config.update(store.tls_options())
    return GraphDatabase.driver(store.uri, auth=(store.user, password_for(settings, store)),
                                **config)


class ReadingDriver:
    """A driver whose every session and query reads: what public-facing code is handed for
    the public graph (``service.stores.public_driver``). Each transaction is opened in read
    access mode, so a routing driver (``neo4j://``) sends it to a cluster's secondaries or a
    managed service's readers, and a server refuses a write in it."""

    def __init__(self, driver: Driver):
        self._driver = driver

    def session(self, **config):
        config["default_access_mode"] = READ_ACCESS
        return self._driver.session(**config)

    def execute_query(self, query, parameters_=None, **kwargs):
        kwargs["routing_"] = RoutingControl.READ
        return self._driver.execute_query(query, parameters_, **kwargs)


class Stores:
    """Both drivers, opened lazily, closed together; and the dashboard recount that the
    republications through them start (graph.recount), which closing waits for."""

    def __init__(self, settings: Settings, unlock: bool = False):
        self.settings = settings
        #: Unlock (``unlock``) when the vault's driver is first opened: the CLI's commands,
        #: most of which never touch the vault, check the data key only if they do.
        self._unlock_on_open = unlock
        self._drivers: dict[str, Driver] = {}
        self.recount = DashboardRecount()
        self._files = None
        self._reader: ReadingDriver | None = None
        #: Set when a document was ingested: a processing worker waiting on it wakes up.
        self.documents_waiting = threading.Event()

    @property
    def files(self):
        """The file store's two areas (documents.files.Files), opened on first use."""
        if self._files is None:
            from documents.files import Files

            self._files = Files(self.settings)
        return self._files

    def documents_queued(self) -> None:
        self.documents_waiting.set()

    def driver(self, name: str) -> Driver:
        if name not in self._drivers:
            self._drivers[name] = open_driver(self.settings, getattr(self.settings, name))
            if name == "vault" and self._unlock_on_open:
                self._unlock_on_open = False
                try:
                    self.unlock()
                except Exception:
                    self._drivers.pop(name).close()
                    self._unlock_on_open = True
                    raise
        return self._drivers[name]

    @property
    def vault(self) -> Driver:
        return self.driver("vault")

    @property
    def public(self) -> Driver:
        return self.driver("public")

    @property
    def public_reader(self) -> ReadingDriver:
        """The public graph for reading only (public-facing code)."""
        if self._reader is None or self._reader._driver is not self.public:
            self._reader = ReadingDriver(self.public)
        return self._reader

    def unlock(self):
        """Load the data key and check it against the vault's canary (graph/encryption.py),
        making it this process's keyring: a wrong or missing key fails here, at start-up."""
        from graph import encryption

        return encryption.unlock(self.settings, self.driver("vault"), self.database("vault"))

    def database(self, name: str) -> str:
        return getattr(self.settings, name).database

    def close(self) -> None:
        self.recount.wait()  # a pending recount needs the drivers it was given
        for drv in self._drivers.values():
            drv.close()
        self._drivers.clear()
