"""Video and audio: the public copy has no title, comment, location or creation tags, no
chapters, no streams but pictures and sound, no encoder comments; the pictures and sound are
copied, not re-encoded; broken files refused; probe and thumbnails."""

from __future__ import annotations

import json
import subprocess
import time

import pytest
from PIL import Image

from documents.media import (
    Refused,
    extract_pages,
    limits,
    probe,
    public_copy,
    read_metadata,
    samples,
    thumbnail,
)
from tests.support.media import detected, ffmpeg, sha256

TAGS = ["-metadata", "title=Footage", "-metadata", "comment=filmed by Kim Chol-su",
        "-metadata", "artist=Kim Chol-su", "-metadata", "location=+39.0392+125.7625/"]


def streams(path) -> list[dict]:
    done = subprocess.run(["ffprobe", "-v", "error", "-print_format", "json", "-show_streams",
                           str(path)], capture_output=True, check=True, timeout=60)
    return json.loads(done.stdout)["streams"]


def packets(path, selector: str) -> str:
    """The packets' bytes of one stream, hashed by ffmpeg (to prove a copy, not a re-encode)."""
    done = subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-map", selector, "-c",
                           "copy", "-f", "hash", "-hash", "sha256", "-"], capture_output=True,
                          check=True, timeout=60)
    return done.stdout.decode().strip()


@pytest.fixture(scope="module")
def video(write):
    return write("video.mp4", samples.video_mp4(1.0, title="국경에서"))


@pytest.fixture(scope="module")
def video_copy(video, folder):
    out = folder / "video-public.mp4"
    before = sha256(video)
    public_copy(video, detected(video), out)
    assert sha256(video) == before, "the original was modified"
    return out


def test_the_original_video_carries_title_comment_location_and_more(video):
    found = read_metadata(video, detected(video))
    assert found["format:title"] == "국경에서"
    assert found["format:comment"] == "filmed by Kim Chol-su"
    assert found["format:location"] == "+39.0392+125.7625/"
    assert found["format:creation_time"].startswith("2019-05-04")
    assert found["stream0:handler_name"] == "Core Media Video"
    assert found["stream2:subtitle"] == "mov_text"
    assert found["chapter1"] == "At the border"
    assert b"x264 - core" in video.read_bytes()      # the encoder's SEI comment


def test_the_public_copy_of_a_video_has_no_tags_chapters_or_extra_streams(video_copy):
    media = detected(video_copy)
    assert media.mime == "video/mp4"
    assert read_metadata(video_copy, media) == {}
    assert [s["codec_type"] for s in streams(video_copy)] == ["video", "audio"]
    data = video_copy.read_bytes()
    for trace in (b"Kim Chol-su", b"+39.0392", "국경에서".encode(), b"Core Media", b"x264 - core",
                  b"At the border", b"GPS"):
        assert trace not in data, trace


def test_the_public_copy_is_a_stream_copy(video, video_copy):
    assert packets(video_copy, "0:a") == packets(video, "0:a")
    assert probe(video_copy, detected(video_copy)) == {"duration": 1.0, "width": 320,
                                                       "height": 240}
    # The pictures decode to the same frames (only the encoder's SEI comments are gone).
    frames = [subprocess.run(["ffmpeg", "-v", "error", "-i", str(p), "-map", "0:v", "-f", "hash",
                              "-hash", "sha256", "-"], capture_output=True, check=True,
                             timeout=60).stdout for p in (video, video_copy)]
    assert frames[0] == frames[1]


def test_audio_loses_its_tags(write, folder):
    m4a = write("audio.m4a", samples.audio_m4a(0.5, title="녹음"))
    mp3 = ffmpeg(folder / "audio.mp3", "-f", "lavfi", "-i", "sine=duration=0.5", "-c:a",
                 "libmp3lame", *TAGS, "-f", "mp3")
    for original in (m4a, mp3):
        media = detected(original)
        found = read_metadata(original, media)
        assert found["format:artist"] == "Kim Chol-su" and "format:comment" in found
        out = folder / f"public-{original.name}"
        public_copy(original, media, out)
        assert detected(out) == media
        assert read_metadata(out, media) == {}
        assert b"Kim Chol-su" not in out.read_bytes()
        assert probe(out, media)["duration"] == pytest.approx(0.5, abs=0.1)
        assert thumbnail(out, media, folder / "audio.jpg") is False
        assert extract_pages(out, media) == []


def test_matroska_attachments_and_cover_art_are_left_out(folder):
    note = folder / "note.txt"
    note.write_text("Kim Chol-su's notes")
    mkv = ffmpeg(folder / "attached.mkv", "-f", "lavfi", "-i",
                 "testsrc=duration=0.5:size=64x48:rate=10", "-c:v", "libx264", "-preset",
                 "ultrafast", *TAGS, "-attach", str(note), "-metadata:s:t", "mimetype=text/plain",
                 "-f", "matroska")
    media = detected(mkv)
    found = read_metadata(mkv, media)
    assert found["stream1:attachment"] and found["stream1:filename"] == "note.txt"
    assert found["format:title"] == "Footage"
    out = folder / "attached-public.mkv"
    public_copy(mkv, media, out)
    assert read_metadata(out, media) == {}
    assert [s["codec_type"] for s in streams(out)] == ["video"]
    assert b"Kim Chol-su" not in out.read_bytes()


def test_a_file_that_only_starts_like_a_video_is_refused(write, folder):
    fake = write("fake.mp4", samples.video_mp4(0.2)[:40] + bytes(2000))
    with pytest.raises(Refused, match="not a readable video"):
        public_copy(fake, detected(fake), folder / "fake-public.mp4")
    assert not (folder / "fake-public.mp4").exists()


def test_a_program_that_runs_too_long_is_stopped():
    started = time.monotonic()
    with pytest.raises(Refused, match="took longer than 0 seconds and was stopped"):
        limits.run(["sleep", "30"], timeout=0.3, what="reading the video")
    assert time.monotonic() - started < 10


def test_the_thumbnail_is_a_frame(video, folder):
    out = folder / "video-thumb.jpg"
    assert thumbnail(video, detected(video), out, width=160) is True
    with Image.open(out) as small:
        assert small.format == "JPEG" and small.size == (160, 120)
        assert len(small.getexif()) == 0


def test_what_cannot_be_stream_copied_is_re_encoded_into_the_same_container(folder):
    # An MP4 (brand isom) holding PCM sound, which the MP4 muxer of Debian 12's ffmpeg does
    # not write back: the copy is re-encoded (H.264 and AAC), still without any tag.
    pcm = ffmpeg(folder / "pcm.mp4", "-f", "lavfi", "-i", "testsrc=duration=0.5:size=64x48:rate=10",
                 "-f", "lavfi", "-i", "sine=duration=0.5", "-c:v", "libx264", "-preset",
                 "ultrafast", "-c:a", "pcm_s16le", *TAGS, "-brand", "isom", "-f", "mov")
    media = detected(pcm)
    assert media.mime == "video/mp4" and read_metadata(pcm, media)["format:title"] == "Footage"
    out = folder / "pcm-public.mp4"
    public_copy(pcm, media, out)
    assert detected(out) == media
    assert read_metadata(out, media) == {}
    assert [s["codec_type"] for s in streams(out)] == ["video", "audio"]
    # The encoder's settings (its SEI comment) are filtered out of the new pictures too.
    assert b"Kim Chol-su" not in out.read_bytes() and b"x264 - core" not in out.read_bytes()
