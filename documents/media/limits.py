"""The limits that keep a hostile file from taking a worker down, and the one way the package
runs an external program (Tesseract, ffmpeg, ffprobe).

A submitted file is untrusted input to decoders written in C. Three limits apply:
- images: Pillow's ``Image.MAX_IMAGE_PIXELS`` (read when a file is opened, so a deployment
  may change it) bounds the pixels of a frame, and ``MAX_TOTAL_PIXELS`` those of all the
  frames of an animation or multi-page TIFF; a decompression bomb is refused before it is
  decoded. PDF pages are rendered within ``MAX_RENDER_PIXELS`` whatever their page size.
- external programs run with a timeout (``subprocess.run(timeout=...)`` kills the child
  when it passes), so a file that makes a decoder loop cannot hang a worker: OCR per page,
  ffprobe per file, ffmpeg per file with a budget that grows with the file's size.
- ffmpeg and ffprobe are told the container (``-f``) and may open local files only
  (``-protocol_whitelist file``): a file cannot turn into a playlist that makes them read
  other files or call out over the network.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence

from documents.media.kinds import Refused

#: Seconds Tesseract may spend on one page.
OCR_TIMEOUT = 120
#: Seconds ffprobe may spend reading one file's headers.
PROBE_TIMEOUT = 30
#: Seconds ffmpeg may spend on one file: a base, plus one second per ``FFMPEG_BYTES_PER_SECOND``
#: of the file (a stream copy is bound by the disk; a re-encode is slower, see av.py).
FFMPEG_TIMEOUT = 120
FFMPEG_BYTES_PER_SECOND = 5 * 1024 * 1024
#: Pixels of all the frames of one image file together (a frame alone: Image.MAX_IMAGE_PIXELS).
MAX_TOTAL_PIXELS = 400_000_000
#: Pixels of one rendered PDF page (for OCR, thumbnails and the page viewer).
MAX_RENDER_PIXELS = 40_000_000


def ffmpeg_timeout(size: int, factor: float = 1.0) -> float:
    """The seconds ffmpeg may take on a file of ``size`` bytes (``factor`` for re-encoding)."""
    return factor * (FFMPEG_TIMEOUT + size / FFMPEG_BYTES_PER_SECOND)


def run(command: Sequence[str], *, timeout: float, what: str, data: bytes | None = None
        ) -> subprocess.CompletedProcess:
    """Run an external program on a file, killed after ``timeout`` seconds.

    ``what`` names the work for the messages ("reading the video"). A timeout is the file's
    doing (a damaged or hostile file) and raises ``Refused``; a non-zero exit is returned for
    the caller to judge, because only it knows whether the input was the file or ours.
    Tesseract is held to one thread: workers share the machine's cores.
    """
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        return subprocess.run(list(command), input=data, capture_output=True, timeout=timeout,
                              env=env, check=False, stdin=None if data is not None
                              else subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise Refused(f"{what} took longer than {timeout:.0f} seconds and was stopped; the file "
                      "may be damaged") from None
    except FileNotFoundError:
        raise RuntimeError(f"{command[0]} is not installed (ops/install-system-deps.sh)") from None


def last_line(stderr: bytes) -> str:
    """The last line a program wrote to stderr, for a message."""
    lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1].strip()[:300] if lines else "no message"
