"""Text: a PDF's Korean text layer read back, OCR of a scanned letter (Korean and English),
OCR of a PDF page without text, text files, and OCR's timeout."""

from __future__ import annotations

import time

import pytest

from documents.media import (
    PageText,
    Refused,
    extract_pages,
    limits,
    probe,
    public_copy,
    read_metadata,
    samples,
    thumbnail,
)
from tests.support.media import detected

SCANNED = "사랑하는 아버지께\n평양에서 소식을 전합니다.\nDear father, we are well."


@pytest.fixture(scope="module")
def scan(write):
    return write("scan.jpg", samples.scanned_letter_jpeg(SCANNED, width=900))


def test_the_text_layer_of_a_korean_letter_is_read_back(write):
    letter = write("letter.pdf", samples.letter_pdf(
        "사랑하는 아버지께\n\n평양에서 소식을 전합니다.", title="편지", author="김철수", lang="ko"))
    assert extract_pages(letter, detected(letter)) == [
        PageText(1, "사랑하는 아버지께\n평양에서 소식을 전합니다.", "text")]


def test_ocr_reads_korean_and_english_in_a_scanned_letter(scan):
    started = time.perf_counter()
    pages = extract_pages(scan, detected(scan))
    print(f"OCR of a {scan.stat().st_size // 1024} KiB Korean scan: "
          f"{time.perf_counter() - started:.2f} s")
    assert [(p.number, p.method) for p in pages] == [(1, "ocr")]
    assert "평양" in pages[0].text and "아버지" in pages[0].text
    assert "father" in pages[0].text
    assert extract_pages(scan, detected(scan), ocr=False) == []


def test_a_pdf_page_without_text_is_read_by_ocr(write):
    pdf = write("scan.pdf", samples.scanned_letter_pdf("평양에서 보낸 편지\nA letter", width=700))
    media = detected(pdf)
    pages = extract_pages(pdf, media)
    assert [(p.number, p.method) for p in pages] == [(1, "ocr")]
    assert "평양" in pages[0].text
    assert extract_pages(pdf, media, ocr=False) == []


def test_a_text_file_is_one_page_and_must_be_utf8_throughout(write):
    note = write("note.txt", "증언\n\n\n\n그날 밤  \n".encode())
    assert extract_pages(note, detected(note)) == [PageText(1, "증언\n\n그날 밤", "text")]
    # Detection sees the head only; past it, the text is checked when it is read or copied.
    broken = write("broken.txt", "증언 ".encode() * 10_000 + b"\xff\xfe")
    media = detected(broken)
    assert media.mime == "text/plain"
    with pytest.raises(Refused, match="not UTF-8 throughout"):
        extract_pages(broken, media)
    with pytest.raises(Refused, match="not UTF-8 throughout"):
        public_copy(broken, media, broken.with_name("broken-public.txt"))


def test_languages_are_tesseract_names_only(scan):
    with pytest.raises(ValueError, match="Tesseract languages"):
        extract_pages(scan, detected(scan), languages="kor -c tessedit_write_images=1")


def test_ocr_is_stopped_after_its_timeout(scan, monkeypatch):
    monkeypatch.setattr(limits, "OCR_TIMEOUT", 0.01)
    with pytest.raises(Refused, match="reading a page \\(OCR\\) took longer"):
        extract_pages(scan, detected(scan))


def test_a_text_files_public_copy_is_its_bytes(write):
    note = write("testimony.txt", "증언: 1998년 함경북도에서\n".encode())
    media = detected(note)
    out = note.with_name("testimony-public.txt")
    public_copy(note, media, out)
    assert out.read_bytes() == note.read_bytes()
    assert read_metadata(note, media) == {}
    assert probe(note, media) == {"pages": 1}
    assert thumbnail(note, media, note.with_name("testimony.jpg")) is False
    assert not note.with_name("testimony.jpg").exists()
