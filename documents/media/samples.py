"""Sample files for the tests and the synthetic demo: letters as PDFs with a real text layer,
scanned letters (pictures of text, for OCR), photos with EXIF GPS and a camera serial,
short videos and audio with identifying tags.

Each sample carries the metadata a real one would (an author and producer, GPS, serials,
a title and a location), so that the public copies can be shown to drop it. Every sample
is deterministic: the same arguments (and seed) give the same bytes. Hangul is drawn with
the Noto CJK fonts that ops/install-system-deps.sh installs; videos and audio are made by
Debian's ffmpeg from its test sources.
"""

from __future__ import annotations

import functools
import html
import io
import random
import subprocess
import tempfile
import zlib
from pathlib import Path

import pikepdf
from PIL import Image, ImageDraw, ImageFont, TiffImagePlugin

from documents.media import limits

#: Where the sample photos and videos claim to have been taken: central Pyongyang.
PYONGYANG = (39.0392, 125.7625)
# A few bytes of an ELF executable, the attachment of a PDF with extras.
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(56)


@functools.cache
def _font_file(family: str) -> tuple[str, int]:
    """The file and face index of a font family, from fontconfig."""
    done = subprocess.run(["fc-match", "-f", "%{file}|%{index}", family], capture_output=True,
                          text=True, timeout=30, check=True)
    name, _, index = done.stdout.partition("|")
    return name, int(index or 0)


def font(size: int, family: str = "Noto Sans CJK KR:style=Regular") -> ImageFont.FreeTypeFont:
    """A font that draws Hangul and Latin letters, ``size`` pixels high."""
    name, index = _font_file(family)
    return ImageFont.truetype(name, size, index=index)


def _html(text: str, *, title: str, author: str, lang: str, body: str | None = None) -> str:
    paragraphs = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>"
                         for p in text.split("\n\n") if p.strip())
    return (f'<!doctype html><html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title>"
            f'<meta name="author" content="{html.escape(author)}">'
            "<style>@page { size: A4; margin: 2cm } body { font-family: 'Noto Serif CJK KR', "
            "'Noto Sans CJK KR', serif; font-size: 13pt; line-height: 1.7 } img { width: 100% }"
            f"</style></head><body>{body if body is not None else paragraphs}</body></html>")


def _weasyprint(document: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=document).write_pdf()


def letter_pdf(text: str, *, title: str, author: str, lang: str, extras: bool = False) -> bytes:
    """A letter as a PDF with a real text layer (WeasyPrint), /Title and /Author set to
    ``title`` and ``author`` and /Producer to WeasyPrint's name.

    With ``extras`` it also carries everything a public copy must drop: an XMP packet naming
    the author, an embedded file (a small ELF executable, "payload.exe"), document-level
    JavaScript and a JavaScript /OpenAction, a file attachment annotation, a comment signed
    by the author, private application data (/PieceInfo) and XMP on the page.
    """
    pdf = _weasyprint(_html(text, title=title, author=author, lang=lang))
    return _with_extras(pdf, author) if extras else pdf


def _with_extras(data: bytes, author: str) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp["dc:creator"] = [author]
            xmp["xmp:CreatorTool"] = "Hangul Word Processor 2018 on DESKTOP-KIM"
        pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, ELF, filename="payload.exe")
        script = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript,
                                                      JS=pikepdf.String("app.alert('hi')")))
        pdf.Root.OpenAction = script
        pdf.Root.Names.JavaScript = pikepdf.Dictionary(Names=pikepdf.Array(
            [pikepdf.String("init"), script]))
        page = pdf.pages[0]
        attached = pikepdf.AttachedFileSpec(pdf, b"PK\x03\x04 an archive", filename="notes.zip")
        page.obj.Annots = pdf.make_indirect(pikepdf.Array([
            pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FileAttachment,
                Rect=pikepdf.Array([50, 50, 70, 70]), FS=attached.obj,
                T=pikepdf.String(author))),
            pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text,
                Rect=pikepdf.Array([100, 50, 120, 70]), Contents=pikepdf.String("확인 필요"),
                T=pikepdf.String(author), M=pikepdf.String("D:20200101120000+09'00'"))),
        ]))
        page.obj.PieceInfo = pikepdf.Dictionary(Illustrator=pikepdf.Dictionary(
            Private=pikepdf.String(f"{author}'s workstation")))
        page.obj.Metadata = pdf.make_stream(
            f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{html.escape(author)}'
            "</dc:creator></x:xmpmeta>".encode())
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def _wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """The text's lines broken (at spaces) to fit ``width`` pixels."""
    out = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}".strip()
            if line and face.getlength(candidate) > width:
                out.append(line)
                line = word
            else:
                line = candidate
        out.append(line)
    return out


def _scan(text: str, width: int) -> Image.Image:
    """A letter as a scanner sees it: grey paper, dark ink, a slight tilt, speckles. The
    noise is seeded by the text, so the same text gives the same picture."""
    size = max(18, width // 28)
    face = font(size)
    lines = _wrap(text, face, width - 2 * size * 2)
    height = max(width // 2, (len(lines) * size * 17) // 10 + 4 * size)
    page = Image.new("L", (width, height), 236)
    draw = ImageDraw.Draw(page)
    for number, line in enumerate(lines):
        draw.text((2 * size, 2 * size + number * (size * 17) // 10), line, font=face, fill=35)
    rng = random.Random(zlib.crc32(text.encode("utf-8")))
    page = page.rotate(rng.uniform(-0.8, 0.8), resample=Image.Resampling.BICUBIC, fillcolor=236)
    noise = Image.frombytes("L", page.size, rng.randbytes(page.size[0] * page.size[1]))
    return Image.blend(page, noise, 0.06)


def _scanner_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "CanoScan LiDE 300"
    exif[0x0131] = "ScanGear 4.1"
    return exif.tobytes()


def scanned_letter_jpeg(text: str, *, width: int = 1000) -> bytes:
    """A picture of a letter (no text layer), ``width`` pixels across, for OCR; its EXIF names
    the scanner."""
    out = io.BytesIO()
    _scan(text, width).save(out, format="JPEG", quality=85, exif=_scanner_exif())
    return out.getvalue()


def scanned_letter_pdf(text: str, *, width: int = 1000) -> bytes:
    """A PDF of one scanned page, as scanning software writes it: the page is the picture of
    ``scanned_letter_jpeg`` (at 150 dpi), placed as is (its JPEG bytes, the scanner's EXIF
    included), with no text layer."""
    jpeg = scanned_letter_jpeg(text, width=width)
    with Image.open(io.BytesIO(jpeg)) as picture:
        pixels_wide, pixels_high = picture.size
    page_width, page_height = pixels_wide * 72 / 150, pixels_high * 72 / 150
    pdf = pikepdf.new()
    image = pdf.make_stream(jpeg, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                            Width=pixels_wide, Height=pixels_high,
                            ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8,
                            Filter=pikepdf.Name.DCTDecode)
    content = pdf.make_stream(f"q {page_width:.2f} 0 0 {page_height:.2f} 0 0 cm /Scan Do Q".encode())
    pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=pikepdf.Array([0, 0, page_width, page_height]),
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Scan=image)),
        Contents=content)))
    pdf.docinfo["/Producer"] = "ScanGear 4.1"
    pdf.docinfo["/Creator"] = "CanoScan LiDE 300"
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _rational(value: float) -> tuple:
    """Degrees as EXIF's (degrees, minutes, seconds) rationals."""
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60 * 1000)
    return (TiffImagePlugin.IFDRational(degrees, 1), TiffImagePlugin.IFDRational(minutes, 1),
            TiffImagePlugin.IFDRational(seconds, 1000))


def photo_exif(*, gps: tuple[float, float] | None, serial: str | None,
               orientation: int = 1) -> Image.Exif:
    """A camera's EXIF: make, model, software, dates, owner, orientation, a maker note, and
    the GPS position and body serial number when given."""
    exif = Image.Exif()
    exif[0x010F] = "Samsung"                    # Make
    exif[0x0110] = "Galaxy S9"                  # Model
    exif[0x0131] = "G960FXXU9ETLJ"              # Software
    exif[0x0132] = "2019:05:04 10:11:12"        # DateTime
    exif[0x013B] = "Kim Chol-su"                # Artist
    exif[0x0112] = orientation                  # Orientation
    details = exif.get_ifd(0x8769)
    details[0x9003] = "2019:05:04 10:11:12"     # DateTimeOriginal
    details[0x927C] = b"SAMSUNG-MAKER-NOTE\x00\x01\x02"
    if serial:
        details[0xA431] = serial                # BodySerialNumber
        details[0xA435] = f"LENS-{serial}"      # LensSerialNumber
    if gps:
        lat, lon = gps
        exif.get_ifd(0x8825).update({
            0: b"\x02\x02\x00\x00", 1: "N" if lat >= 0 else "S", 2: _rational(lat),
            3: "E" if lon >= 0 else "W", 4: _rational(lon)})
    return exif


def photo_image(seed: int, size: tuple[int, int] = (640, 480)) -> Image.Image:
    """A picture for a seed: a gradient with shapes, and a red block in the top-left corner
    (so a test can tell which way up a copy is)."""
    rng = random.Random(seed)
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(10, max(11, min(size) // 4))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in "rgb"))
    draw.rectangle((0, 0, width // 8, height // 8), fill=(220, 20, 20))
    return image


def photo_jpeg(*, gps: tuple[float, float] | None = PYONGYANG, serial: str | None = "R58M12345AB",
               seed: int = 1, size: tuple[int, int] = (640, 480), orientation: int = 1,
               quality: int = 90) -> bytes:
    """A photo as a phone saves it: EXIF (with a GPS IFD for ``gps`` and the camera's
    ``serial`` as BodySerialNumber), an XMP packet, a comment and an ICC profile."""
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
           b'02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"'
           b' dc:creator="Kim Chol-su"/></rdf:RDF></x:xmpmeta>')
    from PIL import ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    photo_image(seed, size).save(out, format="JPEG", quality=quality,
                                 exif=photo_exif(gps=gps, serial=serial, orientation=orientation),
                                 xmp=xmp, comment=b"taken by Kim Chol-su", icc_profile=icc)
    return out.getvalue()


def _ffmpeg(arguments: list[str], suffix: str) -> bytes:
    """Run ffmpeg to write a file and return its bytes (muxers like MP4's need a seekable file)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"sample{suffix}"
        done = limits.run(["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                           *arguments, "-fflags", "+bitexact", "-flags:v", "+bitexact",
                           "-flags:a", "+bitexact", str(path)], timeout=120,
                          what="making a sample")
        if done.returncode != 0:
            raise RuntimeError(f"ffmpeg failed: {limits.last_line(done.stderr)}")
        return path.read_bytes()


def _tags(title: str | None) -> list[str]:
    tags = {"comment": "filmed by Kim Chol-su", "artist": "Kim Chol-su",
            "location": f"+{PYONGYANG[0]:.4f}+{PYONGYANG[1]:.4f}/",
            "creation_time": "2019-05-04T10:11:12Z"}
    if title:
        tags["title"] = title
    return [arg for key, value in tags.items() for arg in ("-metadata", f"{key}={value}")]


def video_mp4(seconds: float = 1.0, *, title: str | None = "Footage", size: str = "320x240"
              ) -> bytes:
    """A short MP4 (ffmpeg's test pattern and a tone; H.264 and AAC) with identifying tags:
    title, comment, artist, GPS location (©xyz), creation time, an iPhone-like handler name
    on the video stream, a subtitle track giving the position (as drones write it) and a
    chapter."""
    with tempfile.TemporaryDirectory() as folder:
        track = Path(folder) / "gps.srt"
        track.write_text(f"1\n00:00:00,000 --> 00:00:{max(1, int(seconds)):02d},000\n"
                         f"GPS {PYONGYANG[0]} {PYONGYANG[1]}\n", encoding="utf-8")
        chapters = Path(folder) / "chapters.txt"
        chapters.write_text(f";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\n"
                            f"END={int(seconds * 1000)}\ntitle=At the border\n", encoding="utf-8")
        return _ffmpeg([
            "-f", "lavfi", "-i", f"testsrc=duration={seconds}:size={size}:rate=25",
            "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
            "-i", str(track), "-i", str(chapters),
            "-map", "0", "-map", "1", "-map", "2", "-map_chapters", "3",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-threads", "1",
            "-c:a", "aac", "-c:s", "mov_text", *_tags(title),
            "-metadata:s:v:0", "handler_name=Core Media Video",
            "-metadata:s:a:0", "handler_name=Core Media Audio"], ".mp4")


def audio_m4a(seconds: float = 1.0, *, title: str | None = "Recording") -> bytes:
    """A short M4A (a tone, AAC) with title, comment, artist, location and creation time."""
    return _ffmpeg(["-f", "lavfi", "-i", f"sine=frequency=330:duration={seconds}",
                    "-c:a", "aac", *_tags(title), "-f", "ipod"], ".m4a")
