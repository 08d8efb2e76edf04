"""Fixtures of the media tests: a folder per test module where its sample files are written
once (the samples are made in the module's fixtures, not per test)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A folder for the module's sample files."""
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="module")
def write(folder) -> Callable[[str, bytes], Path]:
    """Write bytes to a file of the module's folder, return its path."""
    def write(name: str, data: bytes) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path
    return write
