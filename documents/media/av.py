"""Video and audio with Debian's ffmpeg and ffprobe: public copies, metadata, duration and
size, a frame as thumbnail.

A public copy is a remux (``-c copy``: the pictures and sound are not re-encoded, so nothing
is lost and it is fast) into the same container, of the video and audio streams only, with
``-map_metadata -1`` (the container's and the streams' tags: title, comment, artist, GPS
location, creation time, device handler names) and ``-map_chapters -1``. Streams other than
video and audio are left out: data streams (GoPro-style telemetry with GPS, timecode),
subtitles (drones write their position as subtitles), attachments (Matroska can carry any
file) and cover art (a picture with its own EXIF). H.264 and HEVC keep their encoder's
comments in SEI units inside the picture stream (x264 writes its version and settings,
cameras their own data); a bitstream filter removes those units. ``-fflags +bitexact`` keeps
ffmpeg from writing its own version and dates. When a stream copy cannot be written (a codec
the container does not take back), the file is re-encoded into the same container instead.

Every run names the container (``-f``), reads local files only (``-protocol_whitelist
file``) and has a timeout (limits.py).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image

from documents.media import images, limits
from documents.media.kinds import MediaType, Refused

# The demuxer that reads each type and the muxer that writes its public copy.
CONTAINERS = {
    "video/mp4": ("mov", "mp4"), "video/quicktime": ("mov", "mov"),
    "video/webm": ("matroska", "webm"), "video/x-matroska": ("matroska", "matroska"),
    "audio/mp4": ("mov", "ipod"), "audio/mpeg": ("mp3", "mp3"), "audio/aac": ("aac", "adts"),
    "audio/ogg": ("ogg", "ogg"), "audio/wav": ("wav", "wav"), "audio/flac": ("flac", "flac"),
}
H264 = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p"]
AAC = ["-c:a", "aac", "-b:a", "160k"]
# Codecs a re-encode writes, by muxer, when a stream copy fails.
REENCODE = {
    "mp4": H264 + AAC, "mov": H264 + AAC, "matroska": H264 + AAC,
    "webm": ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "0",
             "-crf", "32", "-c:a", "libopus"],
    "ipod": AAC, "adts": AAC, "mp3": ["-c:a", "libmp3lame", "-q:a", "2"],
    "ogg": ["-c:a", "libopus"], "wav": ["-c:a", "pcm_s16le"], "flac": ["-c:a", "flac"],
}
# A re-encode may take this many times a stream copy's time budget.
REENCODE_FACTOR = 10
MUXER_OPTIONS = {"mp4": ["-movflags", "+faststart"], "mov": ["-movflags", "+faststart"],
                 "ipod": ["-movflags", "+faststart"], "mp3": ["-id3v2_version", "0"]}
# SEI units (encoder comments, user data) by codec: H.264 NAL type 6, HEVC types 39 and 40.
SEI_FILTERS = {"h264": "filter_units=remove_types=6", "hevc": "filter_units=remove_types=39|40"}
# Tags that say how the file is laid out, not where it comes from.
TECHNICAL_TAGS = {"major_brand", "minor_version", "compatible_brands", "language", "duration"}
DEFAULT_TAGS = {"handler_name": {"VideoHandler", "SoundHandler"},
                "vendor_id": {"[0][0][0][0]"}}
PROBE = ["-hide_banner", "-loglevel", "error", "-protocol_whitelist", "file"]
BASE = ["-nostdin", *PROBE]


def _kind(media: MediaType) -> str:
    return "video" if media.family == "video" else "audio file"


def ffprobe(path: Path, media: MediaType) -> dict:
    """ffprobe's description of the file (format, streams, chapters); ``Refused`` when
    ffprobe cannot read it as its detected container."""
    demuxer, _ = CONTAINERS[media.mime]
    done = limits.run(["ffprobe", *PROBE, "-f", demuxer, "-print_format", "json", "-show_format",
                       "-show_streams", "-show_chapters", f"file:{path}"],
                      timeout=limits.PROBE_TIMEOUT, what=f"reading the {_kind(media)}")
    if done.returncode != 0:
        raise Refused(f"this is not a readable {_kind(media)} ({limits.last_line(done.stderr)})")
    try:
        return json.loads(done.stdout)
    except ValueError:
        raise Refused(f"this is not a readable {_kind(media)}") from None


def _pictures(info: dict) -> list[dict]:
    """The video streams that are moving pictures (not cover art)."""
    return [s for s in info.get("streams", []) if s.get("codec_type") == "video"
            and not s.get("disposition", {}).get("attached_pic")]


def _sounds(info: dict) -> list[dict]:
    return [s for s in info.get("streams", []) if s.get("codec_type") == "audio"]


def public_copy(src: Path, media: MediaType, dst: Path) -> None:
    """Write ``src`` to ``dst`` in the same container without metadata (see the module)."""
    info = ffprobe(src, media)
    pictures, sounds = _pictures(info), _sounds(info)
    if media.family == "audio":
        if not sounds:
            raise Refused("the audio file has no sound stream")
        maps, pictures = ["-map", "0:a"], []
    else:
        if not pictures and not sounds:
            raise Refused("the video has neither pictures nor sound")
        maps = ["-map", "0:V?", "-map", "0:a?"]
    demuxer, muxer = CONTAINERS[media.mime]
    filters = []
    for index, stream in enumerate(pictures):
        if stream.get("codec_name") in SEI_FILTERS:
            filters += [f"-bsf:v:{index}", SEI_FILTERS[stream["codec_name"]]]
    head = ["ffmpeg", *BASE, "-y", "-f", demuxer, "-i", f"file:{src}", *maps,
            "-map_metadata", "-1", "-map_chapters", "-1"]
    tail = ["-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
            *MUXER_OPTIONS.get(muxer, []), "-f", muxer, f"file:{dst}"]
    size = Path(src).stat().st_size
    what = f"copying the {_kind(media)}"
    done = limits.run([*head, "-c", "copy", *filters, *tail], what=what,
                      timeout=limits.ffmpeg_timeout(size))
    if done.returncode != 0:
        # The re-encode writes H.264 (but for WebM): its encoder's SEI comment goes too.
        sei = ["-bsf:v", SEI_FILTERS["h264"]] if pictures and muxer != "webm" else []
        done = limits.run([*head, *REENCODE[muxer], *sei, *tail], what=what,
                          timeout=limits.ffmpeg_timeout(size, REENCODE_FACTOR))
    if done.returncode != 0 or not Path(dst).is_file() or Path(dst).stat().st_size == 0:
        Path(dst).unlink(missing_ok=True)
        raise Refused(f"a copy of the {_kind(media)} without its metadata could not be written "
                      f"({limits.last_line(done.stderr)})")


def _technical(key: str, value: str) -> bool:
    key = key.lower()
    return (key in TECHNICAL_TAGS or value in DEFAULT_TAGS.get(key, ())
            or (key == "encoder" and value.startswith(("Lavf", "Lavc"))))


def read_metadata(path: Path, media: MediaType) -> dict[str, str]:
    """The tags and extra streams the file carries: ``format:<tag>`` (title, comment, artist,
    location, creation_time, com.apple.quicktime.*...), ``stream<n>:<tag>`` (handler names
    other than ffmpeg's defaults, titles, creation times), ``stream<n>:<type>`` for data,
    subtitle and attachment streams and cover art, ``chapter<n>``. The container's layout
    (brands, language, duration) is not metadata and is left out."""
    info = ffprobe(path, media)
    out: dict[str, str] = {}
    for key, value in info.get("format", {}).get("tags", {}).items():
        if not _technical(key, str(value)):
            out[f"format:{key}"] = str(value)
    for stream in info.get("streams", []):
        index, kind = stream.get("index"), stream.get("codec_type", "unknown")
        for key, value in stream.get("tags", {}).items():
            if not _technical(key, str(value)):
                out[f"stream{index}:{key}"] = str(value)
        if kind in ("data", "subtitle", "attachment"):
            out[f"stream{index}:{kind}"] = stream.get("codec_name") or stream.get(
                "codec_tag_string", kind)
        elif stream.get("disposition", {}).get("attached_pic"):
            out[f"stream{index}:cover art"] = stream.get("codec_name", "a picture")
    for number, chapter in enumerate(info.get("chapters", []), 1):
        out[f"chapter{number}"] = chapter.get("tags", {}).get("title", "a chapter")
    return out


def _rotated(stream: dict) -> bool:
    """Whether the stream is shown turned a quarter (a phone held upright)."""
    rotation = stream.get("tags", {}).get("rotate")
    for side in stream.get("side_data_list", []):
        if "rotation" in side:
            rotation = side["rotation"]
    try:
        return abs(int(float(rotation or 0))) % 180 == 90
    except ValueError:
        return False


def probe(path: Path, media: MediaType) -> dict:
    """``{"duration": seconds}``, with ``"width"`` and ``"height"`` (as shown) for a video."""
    info = ffprobe(path, media)
    duration = info.get("format", {}).get("duration")
    if duration is None:
        duration = max((float(s["duration"]) for s in info.get("streams", [])
                        if s.get("duration")), default=None)
    out: dict = {"duration": round(float(duration), 3) if duration is not None else None}
    pictures = _pictures(info)
    if media.family == "video" and pictures:
        width, height = pictures[0].get("width"), pictures[0].get("height")
        if _rotated(pictures[0]):
            width, height = height, width
        out.update(width=width, height=height)
    return out


def thumbnail(path: Path, media: MediaType, dst: Path, width: int) -> bool:
    """A frame about a third in (at most one second) as a JPEG; False for a file without
    pictures (audio, or a video of sound only)."""
    if media.family != "video":
        return False
    info = ffprobe(path, media)
    if not _pictures(info):
        return False
    demuxer, _ = CONTAINERS[media.mime]
    duration = float(info.get("format", {}).get("duration") or 0)
    frame = b""
    for at in (min(1.0, duration / 3), 0.0):
        done = limits.run(["ffmpeg", *BASE, "-f", demuxer, "-ss", f"{at:.3f}", "-i", f"file:{path}",
                           "-map", "0:V:0", "-frames:v", "1", "-f", "image2pipe", "-c:v", "png",
                           "-"], timeout=limits.ffmpeg_timeout(0), what="taking a frame of the video")
        frame = done.stdout if done.returncode == 0 else b""
        if frame:
            break
    if not frame:
        return False
    try:
        picture = Image.open(io.BytesIO(frame), formats=["PNG"])
        picture.load()
    except (OSError, Image.DecompressionBombError):
        return False
    images.save_thumbnail(picture, dst, width)
    return True
