"""Helpers of the media tests (tests/documents/media): a file's hash, its detected type, a
small file made by ffmpeg from its test sources."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from documents.media import HEAD_BYTES, MediaType, detect


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def detected(path: Path) -> MediaType:
    """The media type of a file, from its head, as a caller finds it."""
    with open(path, "rb") as f:
        return detect(f.read(HEAD_BYTES))


def ffmpeg(out: Path, *arguments: str) -> Path:
    """A small file made by ffmpeg (``arguments`` come before the output's name)."""
    subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                    *arguments, str(out)], check=True, timeout=120, capture_output=True)
    return out
