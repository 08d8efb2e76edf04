"""The samples are deterministic (the demo's generator and the tests rely on it) and carry
the metadata they promise."""

from __future__ import annotations

import io

from PIL import Image

from documents.media import detect, samples


def test_the_same_arguments_give_the_same_bytes():
    assert samples.photo_jpeg(seed=4) == samples.photo_jpeg(seed=4)
    assert samples.photo_jpeg(seed=4) != samples.photo_jpeg(seed=5)
    letter = {"title": "편지", "author": "김철수", "lang": "ko"}
    assert samples.letter_pdf("평양", **letter, extras=True) == \
        samples.letter_pdf("평양", **letter, extras=True)
    assert samples.scanned_letter_jpeg("평양") == samples.scanned_letter_jpeg("평양")
    assert samples.scanned_letter_pdf("평양") == samples.scanned_letter_pdf("평양")
    assert samples.video_mp4(0.4, title="t") == samples.video_mp4(0.4, title="t")
    assert samples.audio_m4a(0.4) == samples.audio_m4a(0.4)


def test_a_photo_without_gps_or_serial_has_neither():
    with Image.open(io.BytesIO(samples.photo_jpeg(gps=None, serial=None, seed=2))) as photo:
        exif = photo.getexif()
        assert exif.get_ifd(0x8825) == {} and 0xA431 not in exif.get_ifd(0x8769)
        assert exif[0x010F] == "Samsung"


def test_each_sample_is_the_type_it_claims():
    assert detect(samples.letter_pdf("a", title="t", author="a", lang="en")).mime == \
        "application/pdf"
    assert detect(samples.scanned_letter_pdf("a")).mime == "application/pdf"
    assert detect(samples.scanned_letter_jpeg("a")).mime == "image/jpeg"
    assert detect(samples.photo_jpeg()).mime == "image/jpeg"
    assert detect(samples.video_mp4(0.2)).mime == "video/mp4"
    assert detect(samples.audio_m4a(0.2)).mime == "audio/mp4"
