"""Which media type a file is, from its first bytes only, against an allowlist.

Why a table of signatures of our own rather than a general detector (libmagic, puremagic,
filetype): accepting a file is a security decision, and the list of what we accept is short
and closed. A general detector answers "what is this most likely?" from thousands of rules,
some weak (a few bytes anywhere); we need "is this exactly one of these fifteen types?", with
checks of the structure where a magic number alone is ambiguous: the brand of an ISO media
file (MP4 video, M4A audio, or a HEIC image we do not take), the DocType of a Matroska file
(WebM or Matroska), the form of a RIFF file (WAV, WebP, or an AVI we do not take), the codec
of an Ogg stream, two MPEG audio frame headers in a row for an MP3 without an ID3 tag. Every
signature is in this module and every one has a test; no dependency, nothing to configure.

Known dangerous types are named in the refusal (an executable, an archive, a macro-carrying
Office file) so that the person submitting knows what to do; anything else not on the list
is refused as unrecognised. The file's name is never looked at: a name is the submitter's
claim, the content is the fact. Detection only reads the head; the family's own parser
(Pillow, pikepdf, ffmpeg) then reads the whole file when the public copy is made, and a file
that only looks like its type is refused there.
"""

from __future__ import annotations

import codecs
import struct

from documents.media.kinds import MediaType, Refused

#: How much of a file ``detect`` is given (and needs): its first 64 KiB.
HEAD_BYTES = 64 * 1024

ACCEPTED = ("PDF, JPEG, PNG, TIFF, WebP, GIF, MP4/QuickTime, WebM/Matroska, MP3, M4A/AAC, "
            "Ogg (Opus, Vorbis, FLAC), WAV, FLAC and UTF-8 plain text")

PDF = MediaType("application/pdf", "pdf")
JPEG = MediaType("image/jpeg", "image")
PNG = MediaType("image/png", "image")
TIFF = MediaType("image/tiff", "image")
WEBP = MediaType("image/webp", "image")
GIF = MediaType("image/gif", "image")
MP4 = MediaType("video/mp4", "video")
QUICKTIME = MediaType("video/quicktime", "video")
WEBM = MediaType("video/webm", "video")
MATROSKA = MediaType("video/x-matroska", "video")
MP3 = MediaType("audio/mpeg", "audio")
M4A = MediaType("audio/mp4", "audio")
AAC = MediaType("audio/aac", "audio")
OGG = MediaType("audio/ogg", "audio")
WAV = MediaType("audio/wav", "audio")
FLAC = MediaType("audio/flac", "audio")
TEXT = MediaType("text/plain", "text")

#: Every media type ``detect`` can answer, by MIME type.
TYPES = {t.mime: t for t in (PDF, JPEG, PNG, TIFF, WEBP, GIF, MP4, QUICKTIME, WEBM, MATROSKA,
                             MP3, M4A, AAC, OGG, WAV, FLAC, TEXT)}

NEVER = "is never accepted"
ARCHIVE = "is not accepted: upload the files in it one by one"
AS_PDF = "is not accepted: save it as PDF and upload that"

# Executables, by their first bytes. Mach-O's fat header 0xCAFEBABE is also a Java class file.
EXECUTABLES = (
    (b"\x7fELF", f"an executable (ELF) {NEVER}"),
    (b"MZ", f"a Windows or DOS executable (MZ/PE) {NEVER}"),
    (b"\xfe\xed\xfa\xce", f"a macOS executable (Mach-O) {NEVER}"),
    (b"\xfe\xed\xfa\xcf", f"a macOS executable (Mach-O) {NEVER}"),
    (b"\xce\xfa\xed\xfe", f"a macOS executable (Mach-O) {NEVER}"),
    (b"\xcf\xfa\xed\xfe", f"a macOS executable (Mach-O) {NEVER}"),
    (b"\xca\xfe\xba\xbe", f"an executable (Mach-O universal binary or Java class) {NEVER}"),
    (b"\x00asm", f"an executable (WebAssembly) {NEVER}"),
    (b"dex\n", f"an executable (Android DEX) {NEVER}"),
    (b"#!", f"a script (it starts with #!) {NEVER}"),
    (b"L\x00\x00\x00\x01\x14\x02\x00", f"a Windows shortcut (.lnk) {NEVER}"),
)

# Archives and compressed files, by their first bytes (ZIP has its own check, see _zip).
ARCHIVES = (
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"\x04\x22\x4d\x18", "LZ4"),
    (b"LZIP", "lzip"),
    (b"\x1f\x9d", "compress (.Z)"),
    (b"MSCF", "Microsoft Cabinet"),
    (b"xar!", "xar"),
    (b"!<arch>\n", "ar (or a Debian package)"),
    (b"\xed\xab\xee\xdb", "RPM package"),
)

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# ISO base media (MP4 family) brands. A file is taken as MP4 video when its major brand or
# one of its compatible brands is one of these; vendors' own major brands (Sony's XAVC,
# Canon's CAEP...) list one of them as compatible.
ISO_VIDEO_BRANDS = {b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"iso7", b"iso8",
                    b"iso9", b"mp41", b"mp42", b"avc1", b"M4V ", b"M4VH", b"M4VP", b"mmp4",
                    b"MSNV", b"dash", b"f4v "}
ISO_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"F4A ", b"F4B "}
ISO_IMAGE_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1",
                    b"avif", b"avis"}
# QuickTime files from before the ftyp box start with one of these atoms.
QUICKTIME_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}

# MPEG audio layer III: bit rates (kbit/s) by index, and sample rates (Hz), per version.
MP3_BITRATES = {
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
MP3_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def detect(head: bytes) -> MediaType:
    """The media type of a file from its first bytes (``HEAD_BYTES`` of them are enough).

    Raises ``Refused`` with a plain-English reason for an executable, an archive, a type not
    on the allowlist (``ACCEPTED``) or an empty file. The name of the file is never used.
    """
    if not head:
        raise Refused("the file is empty")
    for magic, reason in EXECUTABLES:
        if head.startswith(magic):
            raise Refused(reason)
    if head.startswith(ZIP_MAGIC):
        raise Refused(_zip(head))
    if head.startswith(OLE2):
        raise Refused("an old Microsoft Office or Windows Installer file (.doc, .xls, .ppt, "
                      f".msi) {AS_PDF}; it can carry macros")
    for magic, name in ARCHIVES:
        if head.startswith(magic):
            raise Refused(f"an archive or compressed file ({name}) {ARCHIVE}")
    if len(head) > 262 and head[257:262] == b"ustar":
        raise Refused(f"an archive (tar) {ARCHIVE}")
    if len(head) > 32774 and head[32769:32774] == b"CD001":
        raise Refused(f"a disc image (ISO 9660) {ARCHIVE}")
    found = _media(head)
    if found is not None:
        return found
    return _text(head)


def _media(head: bytes) -> MediaType | None:
    """The accepted binary types; None when the head is none of them."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head.startswith((b"RIFF", b"RF64", b"BW64")) and len(head) >= 12:
        return _riff(head)
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return _matroska(head)
    if head.startswith(b"OggS"):
        return _ogg(head)
    if head.startswith(b"fLaC"):
        return FLAC
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return _iso(head)
    if len(head) >= 8 and head[4:8] in QUICKTIME_ATOMS:
        return QUICKTIME
    if head.startswith(b"ID3"):
        return _id3(head)
    if _mp3_frames(head, 0):
        return MP3
    if _adts_frames(head, 0):
        return AAC
    return None


def _zip(head: bytes) -> str:
    """Why a ZIP file is refused, naming the containers people are likely to send.

    Office and OpenDocument files are ZIP containers: they are refused with the archives
    because they can carry macros and embedded objects, and we have no scrubber that makes
    a clean public copy of them; the message says to save them as PDF.
    """
    first = b""
    if head.startswith(b"PK\x03\x04") and len(head) >= 30:
        name_length = struct.unpack("<H", head[26:28])[0]
        first = head[30:30 + name_length]
    window = head[:4096]
    if first == b"mimetype":
        kind = head[30 + len(first):30 + len(first) + 80]
        if b"epub" in kind:
            return f"an e-book (EPUB, a ZIP container) {AS_PDF}"
        return f"an OpenDocument file (a ZIP container) {AS_PDF}"
    if b"[Content_Types].xml" in window or first.startswith((b"word/", b"xl/", b"ppt/")):
        return f"a Word, Excel or PowerPoint file (a ZIP container) {AS_PDF}"
    if b"AndroidManifest.xml" in window or b"classes.dex" in window:
        return f"an Android package (APK) {NEVER}"
    if first.startswith(b"META-INF/"):
        return f"a Java archive (JAR) {NEVER}"
    return f"an archive (ZIP) {ARCHIVE}"


def _riff(head: bytes) -> MediaType:
    form = head[8:12]
    if form == b"WAVE":
        return WAV
    if form == b"WEBP" and head.startswith(b"RIFF"):
        return WEBP
    if form == b"AVI ":
        raise Refused("an AVI video is not accepted: convert it to MP4 and upload that")
    raise Refused(_unknown())


def _matroska(head: bytes) -> MediaType:
    """WebM or Matroska, from the EBML header's DocType (element 0x4282)."""
    at = head.find(b"\x42\x82", 4, 64)
    if at < 0 or at + 3 > len(head):
        raise Refused(_unknown())
    first = head[at + 2]
    width = 8 - first.bit_length() + 1 if first else 9
    if width > 8 or at + 2 + width > len(head):
        raise Refused(_unknown())
    size = first & (0xFF >> width)
    for byte in head[at + 3:at + 2 + width]:
        size = (size << 8) | byte
    doctype = head[at + 2 + width:at + 2 + width + size]
    if doctype == b"webm":
        return WEBM
    if doctype == b"matroska":
        return MATROSKA
    raise Refused(_unknown())


def _ogg(head: bytes) -> MediaType:
    """Ogg carrying Opus, Vorbis or FLAC audio (the codec is named by the first packet)."""
    if len(head) < 28:
        raise Refused(_unknown())
    segments = head[26]
    packet = head[27 + segments:27 + segments + 8]
    if packet.startswith((b"OpusHead", b"\x01vorbis", b"\x7fFLAC")):
        return OGG
    raise Refused("an Ogg file of a kind not accepted (only Opus, Vorbis and FLAC audio are): "
                  "convert it to MP4 or Opus and upload that")


def _iso(head: bytes) -> MediaType:
    """The ISO base media family (MP4, M4A, QuickTime, HEIC...) by the ftyp box's brands."""
    size = struct.unpack(">I", head[:4])[0]
    major = head[8:12]
    compatible = {head[i:i + 4] for i in range(16, min(size, len(head), 256) - 3, 4)}
    brands = {major} | compatible
    if major == b"qt  ":
        return QUICKTIME
    if major in ISO_AUDIO_BRANDS:
        return M4A
    if major in ISO_IMAGE_BRANDS or (brands & ISO_IMAGE_BRANDS and not brands & ISO_VIDEO_BRANDS):
        raise Refused("a HEIC or AVIF image is not accepted: convert it to JPEG or PNG and "
                      "upload that")
    if brands & ISO_VIDEO_BRANDS:
        return MP4
    if b"qt  " in compatible:
        return QUICKTIME
    raise Refused(_unknown())


def _id3(head: bytes) -> MediaType:
    """An ID3v2 tag, then (usually) MP3 frames; what follows the tag decides when we see it."""
    if len(head) < 10:
        raise Refused(_unknown())
    size = 0
    for byte in head[6:10]:
        if byte & 0x80:
            raise Refused(_unknown())
        size = (size << 7) | byte
    end = 10 + size + (10 if head[5] & 0x10 else 0)
    if end + 4 > len(head):
        return MP3          # a long tag (cover art) hides the frames from the head: ffmpeg checks
    if head[end:end + 4] == b"fLaC":
        return FLAC
    if _adts_frames(head, end):
        return AAC
    if _mp3_frames(head, end) or _mp3_header(head, end):
        return MP3
    raise Refused(_unknown())


def _mp3_header(head: bytes, at: int) -> int:
    """The length of the MPEG audio layer III frame whose header is at ``at``, or 0."""
    if at + 4 > len(head) or head[at] != 0xFF or head[at + 1] & 0xE0 != 0xE0:
        return 0
    version = (head[at + 1] >> 3) & 3          # 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
    layer = (head[at + 1] >> 1) & 3            # 1: layer III
    bitrate_index, rate_index = head[at + 2] >> 4, (head[at + 2] >> 2) & 3
    if version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
        return 0
    bitrate = MP3_BITRATES[1 if version == 3 else 2][bitrate_index] * 1000
    rate = MP3_RATES[version][rate_index]
    padding = (head[at + 2] >> 1) & 1
    return (144 if version == 3 else 72) * bitrate // rate + padding


def _mp3_frames(head: bytes, at: int) -> bool:
    """Two MP3 frame headers in a row: one alone is too easily matched by chance."""
    length = _mp3_header(head, at)
    return bool(length) and bool(_mp3_header(head, at + length))


def _adts_header(head: bytes, at: int) -> int:
    """The length of the AAC ADTS frame whose header is at ``at``, or 0."""
    if at + 7 > len(head) or head[at] != 0xFF or head[at + 1] & 0xF6 != 0xF0:
        return 0
    if (head[at + 2] >> 2) & 0xF >= 13:        # sampling frequency index
        return 0
    length = ((head[at + 3] & 3) << 11) | (head[at + 4] << 3) | (head[at + 5] >> 5)
    return length if length >= 7 else 0


def _adts_frames(head: bytes, at: int) -> bool:
    length = _adts_header(head, at)
    return bool(length) and bool(_adts_header(head, at + length))


# Control characters that plain text may hold: tab, line feed, vertical tab, form feed, CR.
TEXT_CONTROLS = {9, 10, 11, 12, 13}
MARKUP = (b"<!doctype", b"<html", b"<?xml", b"<svg", b"<head", b"<body", b"<script")


def _text(head: bytes) -> MediaType:
    """UTF-8 plain text: valid UTF-8 (a character cut by the end of the head is fine), no
    control characters but whitespace. Markup and PostScript are programs or can carry
    scripts, and RTF can embed objects: they are refused with a way out."""
    body = head[3:] if head.startswith(codecs.BOM_UTF8) else head
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(body, final=False)
    except UnicodeDecodeError:
        raise Refused(_unknown()) from None
    if any(ord(c) < 32 and ord(c) not in TEXT_CONTROLS or ord(c) == 127 for c in text):
        raise Refused(_unknown())
    start = body.lstrip()[:16].lower()
    if start.startswith(MARKUP):
        raise Refused(f"HTML, XML or SVG markup {AS_PDF}; it can carry scripts")
    if start.startswith(b"%!"):
        raise Refused(f"a PostScript file {AS_PDF}; PostScript is a program")
    if start.startswith(b"{\\rtf"):
        raise Refused(f"a Rich Text (RTF) file {AS_PDF}")
    return TEXT


def _unknown() -> str:
    return f"the file's type is not recognised from its content; accepted are {ACCEPTED}"
