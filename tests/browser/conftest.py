"""Browser tests: the app served on a free local port, driven by Debian's Chromium through
Playwright (never a downloaded browser). Every request the page makes is recorded, so a
test can assert that nothing went to another origin; screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import shutil
import socket
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def pytest_collection_modifyitems(items):
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: run `make system-deps` "
                                   "(ops/install-system-deps.sh) to install Debian's Chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """The app in a background thread (werkzeug), on 127.0.0.1 and a free port."""

    def __init__(self, app):
        from werkzeug.serving import make_server

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = make_server("127.0.0.1", self.port, app, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._thread.join(timeout=10)


def publish_synthetic(stores, tmp_dir: Path, victims: int, seed: int = 1) -> None:
    """A generated dataset imported into the (test) vault and published."""
    from graph.publication import publish_all
    from loaders.importer import import_file
    from loaders.synthetic import generate, write_jsonl
    from tests.support.published import wipe

    for name in ("vault", "public"):
        wipe(stores, name)
    path = tmp_dir / f"synthetic-{victims}.jsonl"
    write_jsonl(generate(victims, seed=seed), path)
    import_file(stores.vault, path, database=stores.database("vault"))
    publish_all(stores.vault, stores.public, stores.database("vault"), stores.database("public"))


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


class Recorder:
    """A page's requests, console errors, uncaught errors and CSP violations."""

    def __init__(self, page):
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}")
                if m.type == "error" else None)

    def foreign(self, origin: str) -> list[str]:
        return [u for u in self.requests if not (u == origin or u.startswith(origin + "/")
                                                 or u.startswith("data:"))]


def new_page(chromium, viewport=(1280, 900), **context):
    ctx = chromium.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                               **context)
    page = ctx.new_page()
    return ctx, page, Recorder(page)


def wait_for(page, expression: str, timeout: float = 20.0, interval: float = 0.05):
    """Poll a JavaScript expression until it is truthy (Playwright's wait_for_function
    evaluates strings with eval, which the pages' Content-Security-Policy forbids)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {expression}")
        page.wait_for_timeout(interval * 1000)
