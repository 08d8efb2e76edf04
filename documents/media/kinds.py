"""What a file is (``MediaType``) and the one error for a file that is not taken (``Refused``).

Kept apart from the detection and the per-family code so that every module of the package
(and the callers) share the same two names without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The families a media type belongs to: what can be done with a file depends on these only.
FAMILIES = ("pdf", "image", "video", "audio", "text")


def family_of(mime: str | None) -> str:
    """The family of a stored file's media type, for showing it: one of ``FAMILIES``, or
    "file" for a type (or none) that no viewer shows."""
    mime = (mime or "").split(";")[0].strip()
    if mime == "application/pdf":
        return "pdf"
    if mime == "text/plain":
        return "text"
    top = mime.split("/")[0]
    return top if top in ("image", "video", "audio") else "file"


class Refused(ValueError):
    """A file that is not accepted, or cannot be made into a clean public copy.

    The message says why in plain English, for the person who submitted the file, e.g.
    "an executable (ELF) is never accepted". It is a ``ValueError`` so that callers that
    turn bad input into a 4xx answer need no special case.
    """


@dataclass(frozen=True)
class MediaType:
    """A detected media type: the MIME type a public copy is served with, and its family."""

    mime: str
    family: str

    def __post_init__(self) -> None:
        if self.family not in FAMILIES:
            raise ValueError(f"unknown media family {self.family!r}")
