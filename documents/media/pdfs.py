"""PDFs: public copies and metadata with pikepdf, page count, rendering with pypdfium2.

A PDF carries who made it in many places besides its visible pages, and runs code in some:
the document information dictionary (/Info: author, producer, dates), XMP packets (on the
catalogue and on any page, image or font), embedded files (the /EmbeddedFiles name tree,
file attachment annotations, PDF 2.0's associated files /AF), JavaScript (document-level,
/OpenAction, additional actions /AA, any action's /JS, XFA forms), launch and submit
actions, private application data (/PieceInfo), the authors and dates of comments, digital
signatures (the signer's name, reason, location, certificate), the EXIF of JPEG images
placed on the pages, and the file identifier (/ID, kept from the first save by most tools,
so it would tie the copy to the original). The public copy removes all of these and keeps
the pages: their content, fonts, images, links and form fields.

A PDF that needs a password to open cannot be copied (nor read) and is refused for a
public copy; a PDF that is only restricted by an owner password is copied without its
encryption.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
from PIL import Image

from documents.media import jpeg, limits
from documents.media.kinds import Refused

# Actions that run code, open other files or programs, or send the form somewhere.
CODE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/GoToE",
                "/RichMediaExecute", "/Rendition", "/Sound", "/Movie", "/GoTo3DView"}
# Annotations that carry files, media or 3D scenes; they are removed from the pages.
FILE_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Sound", "/Movie", "/Screen", "/3D"}
# Annotations whose /T is a form field's name, not the author of a comment.
NOT_MARKUP = {"/Widget", "/Link", "/Popup"}
# Keys removed from every dictionary: metadata streams, private application data,
# associated files, additional (event) actions, JavaScript source.
DROPPED_KEYS = ("/Metadata", "/PieceInfo", "/AF", "/AA", "/JS", "/LastModified")
# Keys removed from the catalogue too: a portfolio's layout, the signature permissions.
DROPPED_ROOT_KEYS = ("/Collection", "/Perms", "/SpiderInfo")


@contextlib.contextmanager
def open_pdf(path: Path) -> Iterator[pikepdf.Pdf]:
    """The PDF opened with pikepdf; ``Refused`` when it is not readable or needs a password."""
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise Refused("the PDF is protected by a password; it cannot be read or copied for "
                      "publication (upload a copy without the password)") from None
    except pikepdf.PdfError as error:
        raise Refused(f"this is not a readable PDF ({error})") from None
    with pdf:
        yield pdf


def _objects(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary | pikepdf.Stream]:
    """Every dictionary and stream of the file, indirect ones and those nested in them."""
    stack: list = [obj for obj in pdf.objects
                   if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array))]
    stack.append(pdf.trailer)
    while stack:
        obj = stack.pop()
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            yield obj
            children = [obj[key] for key in list(obj.keys())]
        else:
            children = list(obj)
        stack.extend(child for child in children if isinstance(
            child, (pikepdf.Dictionary, pikepdf.Array)) and not child.is_indirect)


def _is_code_action(value: object) -> bool:
    return isinstance(value, pikepdf.Dictionary) and str(value.get("/S", "")) in CODE_ACTIONS


def _file_name(spec: object) -> str:
    if isinstance(spec, pikepdf.Dictionary):
        for key in ("/UF", "/F", "/DOS", "/Unix", "/Mac"):
            if key in spec:
                return str(spec[key])
        return "(unnamed)"
    return str(spec)


def _scrub(pdf: pikepdf.Pdf) -> None:
    """Remove everything listed in the module's docstring, in place."""
    if "/Info" in pdf.trailer:
        del pdf.trailer["/Info"]
    if "/ID" in pdf.trailer:
        del pdf.trailer["/ID"]
    root = pdf.Root
    for key in DROPPED_ROOT_KEYS:
        if key in root:
            del root[key]
    if "/OpenAction" in root and not isinstance(root.OpenAction, pikepdf.Array):
        del root["/OpenAction"]                # an action; a plain destination array is kept
    if "/Names" in root:
        for key in ("/EmbeddedFiles", "/JavaScript"):
            if key in root.Names:
                del root.Names[key]
    if "/AcroForm" in root:
        for key in ("/XFA", "/SigFlags"):
            if key in root.AcroForm:
                del root.AcroForm[key]
    for page in pdf.pages:
        if "/Annots" in page.obj:
            kept = [a for a in page.obj.Annots if not (isinstance(a, pikepdf.Dictionary)
                    and str(a.get("/Subtype", "")) in FILE_ANNOTATIONS)]
            page.obj.Annots = pdf.make_indirect(pikepdf.Array(kept))
    for obj in list(_objects(pdf)):
        for key in DROPPED_KEYS:
            if key in obj:
                del obj[key]
        for key in ("/A", "/Next", "/OpenAction"):
            if key in obj and _is_code_action(obj[key]):
                del obj[key]
        if str(obj.get("/FT", "")) == "/Sig" and "/V" in obj:
            del obj["/V"]
        subtype = str(obj.get("/Subtype", ""))
        if subtype.startswith("/") and ("/Rect" in obj) and subtype not in NOT_MARKUP:
            for key in ("/T", "/M", "/CreationDate", "/NM"):
                if key in obj:
                    del obj[key]
        if isinstance(obj, pikepdf.Stream) and obj.get("/Filter") == pikepdf.Name.DCTDecode:
            raw = obj.read_raw_bytes()
            clean = jpeg.strip(raw)
            if clean != raw:
                obj.write(clean, filter=pikepdf.Name.DCTDecode)


def public_copy(src: Path, dst: Path) -> None:
    """Write a copy of the PDF at ``src`` to ``dst`` without its metadata, embedded files,
    code and signatures (see the module's docstring); the pages are kept as they are."""
    with open_pdf(src) as pdf:
        try:
            _scrub(pdf)
            pdf.save(dst, encryption=False, deterministic_id=True, preserve_pdfa=False,
                     fix_metadata_version=False)
        except (pikepdf.PdfError, ValueError, TypeError) as error:
            Path(dst).unlink(missing_ok=True)
            raise Refused(f"a clean copy of the PDF could not be written ({error})") from None


def read_metadata(path: Path) -> dict[str, str]:
    """What identifying data the PDF carries besides its pages: ``pdf:<Info key>`` (Author,
    Producer, Creator, dates...), ``xmp:<property>``, ``pdf:embedded file <name>``,
    ``pdf:attached file``, ``pdf:javascript``, ``pdf:open action``, ``pdf:actions``,
    ``pdf:object metadata``, ``pdf:piece info``, ``pdf:associated files``,
    ``pdf:comment authors``, ``pdf:signatures``, ``pdf:image metadata``, ``pdf:xfa``."""
    out: dict[str, str] = {}
    with open_pdf(path) as pdf:
        info = pdf.trailer.get("/Info")
        if isinstance(info, pikepdf.Dictionary):
            for key, value in info.items():
                out[f"pdf:{key[1:]}"] = str(value)
        root = pdf.Root
        if "/Metadata" in root:
            try:
                with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
                    for key, value in xmp.items():
                        out[f"xmp:{key}"] = str(value)[:200]
            except Exception:  # a malformed packet is still a packet, reported as one
                out["xmp"] = "an XMP packet (unreadable)"
            out.setdefault("xmp", "an XMP packet")
        for name, spec in pdf.attachments.items():
            out[f"pdf:embedded file {name}"] = _file_name(spec.obj)
        names = root.get("/Names")
        if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
            out["pdf:javascript"] = "document-level JavaScript"
        if "/OpenAction" in root and not isinstance(root.OpenAction, pikepdf.Array):
            out["pdf:open action"] = str(root.OpenAction.get("/S", "an action"))
        if isinstance(root.get("/AcroForm"), pikepdf.Dictionary) and "/XFA" in root.AcroForm:
            out["pdf:xfa"] = "an XFA form (can carry scripts)"
        found: dict[str, set[str]] = {}

        def note(key: str, value: str) -> None:
            found.setdefault(key, set()).add(value)

        for obj in _objects(pdf):
            if "/Metadata" in obj and obj is not root and obj.objgen != root.objgen:
                note("pdf:object metadata", "XMP on a page, image or font")
            if "/PieceInfo" in obj:
                note("pdf:piece info", "private application data")
            if "/AF" in obj:
                note("pdf:associated files", "PDF 2.0 associated files")
            if "/AA" in obj or "/JS" in obj or any(
                    key in obj and _is_code_action(obj[key]) for key in ("/A", "/Next")):
                note("pdf:actions", "actions that run code or open files")
            subtype = str(obj.get("/Subtype", ""))
            if subtype in FILE_ANNOTATIONS:
                note("pdf:attached file", _file_name(obj.get("/FS", subtype)))
            elif subtype.startswith("/") and "/Rect" in obj and subtype not in NOT_MARKUP \
                    and "/T" in obj:
                note("pdf:comment authors", str(obj.T))
            if str(obj.get("/FT", "")) == "/Sig" and "/V" in obj:
                signature = obj.V
                note("pdf:signatures", str(signature.get("/Name", "a digital signature"))
                     if isinstance(signature, pikepdf.Dictionary) else "a digital signature")
            if isinstance(obj, pikepdf.Stream) and obj.get("/Filter") == pikepdf.Name.DCTDecode:
                raw = obj.read_raw_bytes()
                if jpeg.strip(raw) != raw:
                    note("pdf:image metadata", "EXIF, XMP or other segments in a JPEG image")
        for key, values in found.items():
            out[key] = ", ".join(sorted(values))
    return out


@contextlib.contextmanager
def _document(path: Path) -> Iterator[pdfium.PdfDocument]:
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        raise Refused(f"this PDF cannot be rendered ({error}); if it has a password, upload a "
                      "copy without it") from None
    try:
        yield document
    finally:
        document.close()


def page_count(path: Path) -> int:
    """The number of pages."""
    with _document(path) as document:
        return len(document)


def _scale(page: pdfium.PdfPage, width: int | None, dpi: float | None) -> float:
    """The scale that renders the page ``width`` pixels across (or at ``dpi``), within
    ``limits.MAX_RENDER_PIXELS`` whatever the page's size (a huge page is no bomb)."""
    page_width, page_height = page.get_size()
    page_width, page_height = max(page_width, 1.0), max(page_height, 1.0)
    scale = width / page_width if width else (dpi or 72) / 72
    if page_width * page_height * scale * scale > limits.MAX_RENDER_PIXELS:
        scale = (limits.MAX_RENDER_PIXELS / (page_width * page_height)) ** 0.5
    return scale


def render(path: Path, number: int, *, width: int | None = None, dpi: float | None = None,
           grey: bool = False) -> Image.Image:
    """Page ``number`` (from 1) as a Pillow image, ``width`` pixels across or at ``dpi``.

    Raises ``IndexError`` when the document has no such page.
    """
    with _document(path) as document:
        if not 1 <= number <= len(document):
            raise IndexError(f"no page {number}: the document has {len(document)} pages")
        page = document[number - 1]
        try:
            bitmap = page.render(scale=_scale(page, width, dpi), grayscale=grey)
            return bitmap.to_pil().copy()
        finally:
            page.close()
