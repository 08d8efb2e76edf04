"""The text of a document, page by page: a PDF's text layer (pypdf), OCR of scans and photos
(Tesseract from Debian, Korean and English).

OCR runs Tesseract as a program, one page at a time, with the page given as a PNG on its
standard input and a timeout (``limits.OCR_TIMEOUT``): a page that makes it loop is stopped,
and the worker goes on. We call Tesseract directly rather than through pytesseract: the
wrapper adds temporary files and nothing we need. A PDF page is read from its text layer
when it has one and rendered at 300 dpi for OCR when it has none (a scan).

Tesseract is told to binarise each region by its own light (Sauvola's method,
``thresholding_method=2``) rather than by one threshold for the whole page: a photo of a
letter is lit unevenly, and a scan placed on a white page has grey paper that one global
threshold turns black, losing every word (we measured: nothing read at all).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from documents.media import images, limits, pdfs
from documents.media.kinds import MediaType, Refused

#: The resolution PDF pages without text are rendered at for OCR.
OCR_DPI = 300
LANGUAGES = re.compile(r"[a-z_]{3,}(\+[a-z_]{3,})*")


@dataclass(frozen=True)
class PageText:
    """The text of page ``number`` (from 1) and how it was read: "text" (the file's own text)
    or "ocr"."""

    number: int
    text: str
    method: str


def recognise(image: Image.Image, languages: str = "kor+eng") -> str:
    """The text Tesseract reads in ``image`` (``languages`` as Tesseract names them, e.g.
    "kor+eng"), stopped after ``limits.OCR_TIMEOUT`` seconds (``Refused``)."""
    if not LANGUAGES.fullmatch(languages):
        raise ValueError(f"not a list of Tesseract languages: {languages!r}")
    png = io.BytesIO()
    image.save(png, format="PNG")
    done = limits.run(["tesseract", "stdin", "stdout", "-l", languages, "--psm", "3",
                       "-c", "thresholding_method=2"],
                      data=png.getvalue(), timeout=limits.OCR_TIMEOUT, what="reading a page (OCR)")
    if done.returncode != 0:
        # The input is a PNG we wrote ourselves: a failure is the installation's (a missing
        # language, say), not the file's.
        raise RuntimeError(f"tesseract failed: {limits.last_line(done.stderr)}")
    return _tidy(done.stdout.decode("utf-8", "replace"))


def _tidy(text: str) -> str:
    """Text without trailing spaces, form feeds or runs of blank lines."""
    lines = [line.rstrip() for line in text.replace("\f", "\n").splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _pdf_layer(path: Path) -> list[str]:
    """The text layer of each page of a PDF (pypdf); "" for a page without one.

    A PDF encrypted without a user password (restricted by its owner only) is decrypted by
    pikepdf first, in memory: pypdf would need the cryptography package for AES.
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    source: Path | io.BytesIO = path
    with pdfs.open_pdf(path) as pdf:           # refuses a PDF that needs a password
        if pdf.is_encrypted:
            source = io.BytesIO()
            pdf.save(source, encryption=False)
            source.seek(0)
    try:
        return [_tidy(page.extract_text() or "") for page in PdfReader(source).pages]
    except (PyPdfError, OSError, ValueError, KeyError) as error:
        raise Refused(f"the PDF's text cannot be read ({error})") from None


def extract_pages(path: Path, media: MediaType, *, ocr: bool = True,
                  languages: str = "kor+eng") -> list[PageText]:
    """The text of each page: a PDF's text layer, OCR for its pages without one; an image's
    OCR as page 1 (each page of a multi-page TIFF); a text file as page 1; nothing for video
    and audio. With ``ocr=False`` pages that would need OCR are left out."""
    if media.family == "pdf":
        out = []
        for number, text in enumerate(_pdf_layer(path), 1):
            if text:
                out.append(PageText(number, text, "text"))
            elif ocr:
                page = pdfs.render(path, number, dpi=OCR_DPI, grey=True)
                out.append(PageText(number, recognise(page, languages), "ocr"))
        return out
    if media.family == "image":
        if not ocr:
            return []
        return [PageText(number, recognise(page, languages), "ocr")
                for number, page in enumerate(images.ocr_pages(path, media), 1)]
    if media.family == "text":
        return [PageText(1, _tidy(read_text(path)), "text")]
    return []


def read_text(path: Path) -> str:
    """A text file's content; ``Refused`` when the whole of it is not UTF-8 (detection only
    saw its head)."""
    try:
        return Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Refused(f"the text is not UTF-8 throughout (byte {error.start})") from None
