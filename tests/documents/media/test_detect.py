"""detect: media types from the content only, against the allowlist; executables, archives,
Office containers and unknown types refused with a reason a person can act on."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import random
import struct
import tarfile
import zipfile

import pytest
from PIL import Image

from documents.media import ACCEPTED, HEAD_BYTES, MediaType, Refused, detect, samples
from tests.support.media import ffmpeg


def image(fmt: str, **options) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(out, format=fmt, **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def av(folder) -> dict[str, bytes]:
    """Real audio and video files of every accepted container, made by ffmpeg."""
    tone = ["-f", "lavfi", "-i", "sine=duration=0.3"]
    picture = ["-f", "lavfi", "-i", "testsrc=duration=0.3:size=64x48:rate=10"]
    made = {
        "webm": [*picture, "-c:v", "libvpx-vp9", "-deadline", "realtime", "-f", "webm"],
        "mkv": [*picture, "-c:v", "libx264", "-preset", "ultrafast", "-f", "matroska"],
        "mov": [*picture, "-c:v", "libx264", "-preset", "ultrafast", "-f", "mov"],
        "mp3": [*tone, "-c:a", "libmp3lame", "-f", "mp3"],
        "mp3-bare": [*tone, "-c:a", "libmp3lame", "-id3v2_version", "0", "-write_xing", "0",
                     "-f", "mp3"],
        "aac": [*tone, "-c:a", "aac", "-f", "adts"],
        "opus": [*tone, "-c:a", "libopus", "-f", "ogg"],
        "vorbis": [*tone, "-c:a", "libvorbis", "-f", "ogg"],
        "wav": [*tone, "-c:a", "pcm_s16le", "-f", "wav"],
        "flac": [*tone, "-c:a", "flac", "-f", "flac"],
    }
    return {name: ffmpeg(folder / f"sample-{name}", *args).read_bytes()
            for name, args in made.items()}


def test_accepted_images_and_documents():
    assert detect(samples.letter_pdf("편지", title="t", author="a", lang="ko")) == \
        MediaType("application/pdf", "pdf")
    assert detect(image("JPEG")) == MediaType("image/jpeg", "image")
    assert detect(image("PNG")) == MediaType("image/png", "image")
    assert detect(image("TIFF")) == MediaType("image/tiff", "image")
    assert detect(image("TIFF", compression="tiff_lzw")[:4]) == MediaType("image/tiff", "image")
    assert detect(image("WEBP")) == MediaType("image/webp", "image")
    assert detect(image("GIF")) == MediaType("image/gif", "image")


def test_accepted_video_and_audio(av):
    assert detect(samples.video_mp4(0.2)) == MediaType("video/mp4", "video")
    assert detect(samples.audio_m4a(0.2)) == MediaType("audio/mp4", "audio")
    expected = {"webm": "video/webm", "mkv": "video/x-matroska", "mov": "video/quicktime",
                "mp3": "audio/mpeg", "mp3-bare": "audio/mpeg", "aac": "audio/aac",
                "opus": "audio/ogg", "vorbis": "audio/ogg", "wav": "audio/wav",
                "flac": "audio/flac"}
    for name, mime in expected.items():
        found = detect(av[name][:HEAD_BYTES])
        assert found.mime == mime, name
        assert found.family == mime.split("/")[0]


def test_quicktime_without_a_file_type_box():
    assert detect(struct.pack(">I", 8) + b"wide" + struct.pack(">I", 16) + b"mdat" + bytes(8)) \
        == MediaType("video/quicktime", "video")


def test_plain_text_in_utf8():
    letter = "사랑하는 아버지께,\n평양에서 소식을 전합니다.\tDear father\r\n".encode()
    assert detect(letter) == MediaType("text/plain", "text")
    assert detect(b"\xef\xbb\xbf" + letter).mime == "text/plain"
    # The head may end inside a character: the rest of it is in the next bytes.
    cut = ("가" * (HEAD_BYTES // 3 + 1)).encode()[:HEAD_BYTES]
    assert len(cut) % 3 != 0 and detect(cut).mime == "text/plain"


@pytest.mark.parametrize(("head", "reason"), [
    (b"\x7fELF\x02\x01\x01" + bytes(57), "an executable (ELF) is never accepted"),
    (b"MZ\x90\x00" + bytes(60), "a Windows or DOS executable (MZ/PE) is never accepted"),
    (b"\xcf\xfa\xed\xfe" + bytes(28), "a macOS executable (Mach-O) is never accepted"),
    (b"\xca\xfe\xba\xbe" + bytes(28), "is never accepted"),
    (b"#!/bin/sh\nrm -rf /\n", "a script (it starts with #!) is never accepted"),
    (b"\x00asm\x01\x00\x00\x00", "an executable (WebAssembly) is never accepted"),
])
def test_executables_are_never_accepted(head, reason):
    with pytest.raises(Refused) as refused:
        detect(head)
    assert reason in str(refused.value)


def zipped(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def tarred() -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as archive:
        info = tarfile.TarInfo("letter.txt")
        info.size = 5
        archive.addfile(info, io.BytesIO(b"hello"))
    return out.getvalue()


@pytest.mark.parametrize(("data", "reason"), [
    (zipped({"letter.pdf": b"%PDF-1.7"}), "an archive (ZIP) is not accepted: upload the files"),
    (zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}),
     "a Word, Excel or PowerPoint file (a ZIP container) is not accepted: save it as PDF"),
    (zipped({"mimetype": b"application/vnd.oasis.opendocument.text"}),
     "an OpenDocument file (a ZIP container) is not accepted: save it as PDF"),
    (zipped({"META-INF/MANIFEST.MF": b"Manifest-Version: 1.0"}), "a Java archive (JAR) is never"),
    (zipped({"AndroidManifest.xml": b"", "classes.dex": b"dex\n"}), "an Android package (APK)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "an old Microsoft Office"),
    (b"Rar!\x1a\x07\x01\x00" + bytes(16), "an archive or compressed file (RAR)"),
    (b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(24), "an archive or compressed file (7z)"),
    (tarred(), "an archive (tar)"),
    (gzip.compress(b"%PDF-1.7 hidden"), "an archive or compressed file (gzip)"),
    (bz2.compress(b"%PDF-1.7 hidden"), "an archive or compressed file (bzip2)"),
    (lzma.compress(b"%PDF-1.7 hidden"), "an archive or compressed file (xz)"),
])
def test_archives_and_office_containers_are_refused_with_a_way_out(data, reason):
    with pytest.raises(Refused) as refused:
        detect(data[:HEAD_BYTES])
    assert reason in str(refused.value)


@pytest.mark.parametrize(("head", "reason"), [
    (b"RIFF\x00\x00\x00\x00AVI LIST", "an AVI video is not accepted: convert it to MP4"),
    (struct.pack(">I", 24) + b"ftypheic\x00\x00\x00\x00mif1heic", "a HEIC or AVIF image"),
    (b"<!DOCTYPE html><html><script>alert(1)</script>", "HTML, XML or SVG markup"),
    (b'  <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "HTML, XML or SVG"),
    (b"%!PS-Adobe-3.0\n", "a PostScript file"),
    (b"{\\rtf1\\ansi hello}", "a Rich Text (RTF) file"),
    (b"", "the file is empty"),
])
def test_other_kinds_are_refused_with_their_name(head, reason):
    with pytest.raises(Refused) as refused:
        detect(head)
    assert reason in str(refused.value)


def test_unknown_content_is_refused_and_the_message_lists_what_is_accepted():
    blob = random.Random(16).randbytes(4096)
    for unknown in (blob, b"\x00\x01\x02\x03" * 8, "텍스트\x00".encode() * 4,
                    b"OggS\x00\x02" + bytes(20) + b"\x01\x80theora" + bytes(40)):
        with pytest.raises(Refused) as refused:
            detect(unknown)
        message = str(refused.value)
        assert "not recognised" in message or "Ogg file of a kind not accepted" in message
    with pytest.raises(Refused) as refused:
        detect(blob)
    assert ACCEPTED in str(refused.value)


def test_a_single_frame_header_by_chance_is_not_taken_for_mp3():
    # One valid MPEG audio header followed by noise: two in a row are needed.
    with pytest.raises(Refused):
        detect(b"\xff\xfb\x90\x64" + random.Random(3).randbytes(2000))


def test_the_content_decides_not_what_a_file_pretends():
    # A PDF's bytes behind a JPEG's start are a JPEG (and the JPEG decoder will judge it);
    # a PDF's signature after an executable's does not make it a PDF.
    assert detect(b"\xff\xd8\xff\xe0%PDF-1.7").mime == "image/jpeg"
    with pytest.raises(Refused, match="ELF"):
        detect(b"\x7fELF" + b"%PDF-1.7")
