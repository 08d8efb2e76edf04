"""Media: what a file is (from its content), its public copy without identifying metadata,
the metadata it carries, its text (text layer and OCR), its size, thumbnail and pages.

See docs/documents.md ("Media"). Limits that keep hostile files from hanging or exhausting
a worker are in ``documents.media.limits``.
"""

from documents.media.copies import public_copy, read_metadata
from documents.media.detect import ACCEPTED, HEAD_BYTES, detect
from documents.media.kinds import MediaType, Refused
from documents.media.text import PageText, extract_pages
from documents.media.views import probe, render_page, thumbnail

__all__ = ["ACCEPTED", "HEAD_BYTES", "MediaType", "PageText", "Refused", "detect",
           "extract_pages", "probe", "public_copy", "read_metadata", "render_page", "thumbnail"]
