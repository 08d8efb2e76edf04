"""PDFs: the public copy drops /Info, XMP, embedded files, JavaScript, attachments, comment
authors, the EXIF of scanned images and the file identifier, and keeps the pages and their
text; password-protected PDFs are refused for a copy; probe, thumbnail, render_page."""

from __future__ import annotations

import io

import pikepdf
import pytest
from PIL import Image

from documents.media import (
    Refused,
    extract_pages,
    probe,
    public_copy,
    read_metadata,
    render_page,
    samples,
    thumbnail,
)
from tests.support.media import detected, sha256

AUTHOR = "김철수"
LETTER = ("사랑하는 아버지께\n\n평양에서 소식을 전합니다. 어머니는 건강하십니다.\n\n"
          "Dear father, we are well.")


@pytest.fixture(scope="module")
def letter(write):
    """A Korean letter with every extra a public copy must drop."""
    return write("letter.pdf", samples.letter_pdf(LETTER, title="아버지께 보내는 편지",
                                                  author=AUTHOR, lang="ko", extras=True))


@pytest.fixture(scope="module")
def letter_copy(letter, folder):
    out = folder / "letter-public.pdf"
    before = sha256(letter)
    public_copy(letter, detected(letter), out)
    assert sha256(letter) == before, "the original was modified"
    return out


def strings(pdf: pikepdf.Pdf) -> list[str]:
    """Every string and name in every object of the file, nested ones included."""
    out, stack = [], [pdf.trailer, *pdf.objects]
    while stack:
        obj = stack.pop()
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            out += list(obj.keys())
            stack += [obj[key] for key in obj.keys() if key != "/Parent"
                      and not (obj[key].is_indirect if isinstance(obj[key], pikepdf.Object)
                               else False)]
        elif isinstance(obj, pikepdf.Array):
            stack += [item for item in obj if not (isinstance(item, pikepdf.Object)
                                                   and item.is_indirect)]
        elif isinstance(obj, (pikepdf.String, pikepdf.Name, str)):
            out.append(str(obj))
    return out


def test_the_original_carries_its_author_producer_xmp_and_attachments(letter):
    found = read_metadata(letter, detected(letter))
    assert found["pdf:Author"] == AUTHOR
    assert found["pdf:Producer"].startswith("WeasyPrint")
    assert any(key.startswith("xmp:") and AUTHOR in value for key, value in found.items())
    assert found["pdf:embedded file payload.exe"] == "payload.exe"
    assert found["pdf:attached file"] == "notes.zip"
    assert found["pdf:javascript"] and found["pdf:open action"] == "/JavaScript"
    assert found["pdf:comment authors"] == AUTHOR
    assert found["pdf:piece info"] and found["pdf:object metadata"]


def test_the_public_copy_has_no_author_producer_xmp_or_embedded_files(letter, letter_copy):
    assert detected(letter_copy).mime == "application/pdf"
    assert read_metadata(letter_copy, detected(letter_copy)) == {}
    with pikepdf.open(letter_copy) as pdf, pikepdf.open(letter) as original:
        assert "/Info" not in pdf.trailer
        assert "/Metadata" not in pdf.Root and "/OpenAction" not in pdf.Root
        assert len(pdf.attachments) == 0
        assert "/EmbeddedFiles" not in pdf.Root.get("/Names", {})
        assert "/JavaScript" not in pdf.Root.get("/Names", {})
        every = strings(pdf)
        for gone in ("/Metadata", "/JS", "/AA", "/PieceInfo", "/EmbeddedFile", "/FileAttachment",
                     AUTHOR, "payload.exe", "notes.zip"):
            assert gone not in every, gone
        # The file identifier is new: the original's would tie the copy to it.
        assert bytes(pdf.trailer.ID[0]) != bytes(original.trailer.ID[0])
        annotations = [a for a in pdf.pages[0].obj.get("/Annots", [])]
        assert [str(a.Subtype) for a in annotations] == ["/Text"]
        assert str(annotations[0].Contents) == "확인 필요" and "/T" not in annotations[0]
    assert b"\x7fELF" not in letter_copy.read_bytes()


def test_the_public_copy_keeps_the_pages_and_their_text(letter, letter_copy):
    original = extract_pages(letter, detected(letter), ocr=False)
    copy = extract_pages(letter_copy, detected(letter_copy), ocr=False)
    assert copy == original
    assert "평양에서 소식을 전합니다" in copy[0].text and copy[0].method == "text"


def test_scanned_pages_lose_the_scanners_exif_and_still_render(write, folder):
    scan = write("scan.pdf", samples.scanned_letter_pdf("평양에서 보낸 편지"))
    found = read_metadata(scan, detected(scan))
    assert found["pdf:image metadata"] and found["pdf:Producer"] == "ScanGear 4.1"
    assert b"CanoScan" in scan.read_bytes()
    out = folder / "scan-public.pdf"
    public_copy(scan, detected(scan), out)
    assert read_metadata(out, detected(out)) == {}
    assert b"CanoScan" not in out.read_bytes() and b"Exif" not in out.read_bytes()
    with Image.open(io.BytesIO(render_page(out, 1, width=400))) as page, \
            Image.open(io.BytesIO(render_page(scan, 1, width=400))) as before:
        assert page.size == before.size
        assert page.convert("L").tobytes() == before.convert("L").tobytes()


def test_a_pdf_behind_a_password_is_refused_for_a_copy(write, folder):
    data = io.BytesIO()
    with pikepdf.open(io.BytesIO(samples.letter_pdf("비밀", title="t", author=AUTHOR,
                                                    lang="ko"))) as pdf:
        pdf.save(data, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    locked = write("locked.pdf", data.getvalue())
    media = detected(locked)
    with pytest.raises(Refused, match="protected by a password"):
        public_copy(locked, media, folder / "locked-public.pdf")
    with pytest.raises(Refused, match="password"):
        extract_pages(locked, media)
    with pytest.raises(Refused, match="password"):
        probe(locked, media)
    assert not (folder / "locked-public.pdf").exists()


def test_a_pdf_restricted_by_an_owner_password_is_copied_without_it(write, folder):
    data = io.BytesIO()
    with pikepdf.open(io.BytesIO(samples.letter_pdf("제한", title="t", author=AUTHOR,
                                                    lang="ko"))) as pdf:
        pdf.save(data, encryption=pikepdf.Encryption(user="", owner="owner"))
    restricted = write("restricted.pdf", data.getvalue())
    out = folder / "restricted-public.pdf"
    public_copy(restricted, detected(restricted), out)
    with pikepdf.open(out) as pdf:
        assert not pdf.is_encrypted and "/Info" not in pdf.trailer
    assert extract_pages(restricted, detected(restricted), ocr=False)[0].text == "제한"


def test_a_file_that_only_starts_like_a_pdf_is_refused(write, folder):
    fake = write("fake.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 20)
    with pytest.raises(Refused, match="not a readable PDF"):
        public_copy(fake, detected(fake), folder / "fake-public.pdf")


def test_probe_counts_pages(write):
    long = write("long.pdf", samples.letter_pdf("\n\n".join([LETTER] * 40), title="t",
                                                author=AUTHOR, lang="ko"))
    media = detected(long)
    pages = probe(long, media)["pages"]
    assert pages >= 2
    assert len(extract_pages(long, media, ocr=False)) == pages


def test_render_page_gives_a_png_of_the_page(letter):
    with Image.open(io.BytesIO(render_page(letter, 1, width=500))) as page:
        assert page.format == "PNG" and page.size[0] == 500
        assert page.size[1] == round(500 * 297 / 210) or abs(page.size[1] - 707) <= 1   # A4
        assert page.convert("L").getextrema()[0] < 100          # some ink: the text is drawn
    with pytest.raises(IndexError, match="no page 9"):
        render_page(letter, 9)
    with pytest.raises(ValueError, match="width"):
        render_page(letter, 1, width=50_000)


def test_a_huge_page_renders_within_the_pixel_limit(write):
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(14400, 14400))      # 200 x 200 inches, PDF's largest
    data = io.BytesIO()
    pdf.save(data)
    huge = write("huge.pdf", data.getvalue())
    with Image.open(io.BytesIO(render_page(huge, 1, width=3000))) as page:
        assert page.size[0] * page.size[1] <= 40_000_000


def test_the_thumbnail_is_the_first_page(letter, folder):
    out = folder / "letter-thumb.jpg"
    assert thumbnail(letter, detected(letter), out) is True
    with Image.open(out) as small:
        assert small.format == "JPEG" and small.size[0] == 320 and small.size[1] > 400
