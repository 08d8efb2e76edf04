"""Serving the app: one waitress process, or several gunicorn worker processes.

Python runs one thread of Python code at a time per process, so one process uses about one
core however many threads it has. ``footprints serve --workers N`` forks N gunicorn workers
(threads in each, for requests that wait on Neo4j), each with its own app, drivers, console
pool and public cache (keyed by the public graph's revision, so no process serves a stale
page). What they must agree on lives in Redis (service/shared.py; rate limits through
Flask-Limiter's Redis storage): without ``FOOTPRINTS_REDIS_URL`` a local Redis is started
under ``var/redis`` (ops/redis/).
"""

from __future__ import annotations

import dataclasses
import os
import sys

from graph.settings import Settings

THREADS = 8


def workers_for(value: str | int | None) -> int:
    """``auto`` (or nothing): one per core; else the number given (at least 1)."""
    if value in (None, "", "auto"):
        return max(1, os.cpu_count() or 1)
    count = int(value)
    if count < 1:
        raise ValueError("--workers must be at least 1 (or auto)")
    return count


def shared_settings(settings: Settings, redis_port: int) -> tuple[Settings, str | None]:
    """``settings`` with a Redis for several processes: the configured one, or a local one
    started now (then also a message saying so)."""
    if settings.redis_url:
        url, said = settings.redis_url, None
    else:
        from ops.redis.control import Redis

        server = Redis(settings.var_dir / "redis", port=redis_port)
        started = server.start()
        url = server.url
        said = (f"{'started' if started else 'using'} Redis on 127.0.0.1:{redis_port} "
                f"({server.home})")
    storage = url if settings.ratelimit_storage == "memory://" else settings.ratelimit_storage
    return dataclasses.replace(settings, redis_url=url, ratelimit_storage=storage), said


def serve_processes(settings: Settings, host: str, port: int, workers: int,
                    documents_worker: bool, threads: int = THREADS) -> None:
    """Run gunicorn in this process (its arbiter) until stopped."""
    from gunicorn.app.base import BaseApplication

    class App(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", threads)
            # A request may wait on a slow console query (10 s) or an upload: not a hung worker.
            self.cfg.set("timeout", 120)
            self.cfg.set("graceful_timeout", 20)
            self.cfg.set("accesslog", None)
            self.cfg.set("errorlog", "-")
            self.cfg.set("proc_name", "footprints")
            if documents_worker:
                self.cfg.set("post_worker_init", _start_documents_worker)

        def load(self):
            # In each worker, after the fork: drivers and threads are the worker's own.
            from service.app import create_app

            return create_app(settings)

    sys.argv = sys.argv[:1]  # gunicorn reads its own command line; ours is not for it
    App().run()


def _start_documents_worker(worker) -> None:
    from documents.process import Worker

    app = worker.wsgi
    Worker(app.extensions["footprints.stores"], claims=app.extensions["footprints.claims"]).start()
