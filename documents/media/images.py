"""Images (JPEG, PNG, TIFF, WebP, GIF) with Pillow: public copies, metadata, size, thumbnails,
and the frames that OCR reads.

A public copy is re-encoded from the pixels alone. The orientation EXIF asked for is applied
to the pixels first (so the copy looks the same without EXIF), a colour profile is applied
and then dropped (ICC profiles carry device names and descriptions), and the pixels are
saved from a fresh image object that carries no ``info`` of the original: Pillow's savers
fall back on the source's ``info`` (a JPEG comment, an ICC profile) and the TIFF saver
copies XMP and IPTC from a source TIFF's tags, so a copy of the opened image would leak them.

Every file is opened with the one Pillow plugin of its detected format (``formats=``), never
by Pillow's own guess: a file cannot reach a plugin we did not choose (EPS, for one, runs
Ghostscript). Decompression bombs are refused before decoding (see limits.py).
"""

from __future__ import annotations

import contextlib
import io
import warnings
from collections.abc import Iterator
from pathlib import Path

from PIL import ExifTags, Image, ImageCms, ImageOps, ImageSequence, JpegImagePlugin, TiffTags

from documents.media import jpeg, limits
from documents.media.kinds import MediaType, Refused

#: Pillow's format names for the accepted image types.
FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/tiff": "TIFF",
           "image/webp": "WEBP", "image/gif": "GIF"}
NAMES = {"JPEG": "JPEG", "PNG": "PNG", "TIFF": "TIFF", "WEBP": "WebP", "GIF": "GIF"}
#: Pixels of an image handed to OCR (larger scans are scaled down; 300 dpi A4 is 8.7 million).
MAX_OCR_PIXELS = 20_000_000

# TIFF tags that describe the pixels' layout, not the picture's origin: a TIFF's first IFD
# holds these whatever wrote it. Every other tag of a TIFF is reported as metadata.
TIFF_STRUCTURE = {254, 255, 256, 257, 258, 259, 262, 263, 266, 273, 274, 277, 278, 279, 280,
                  281, 282, 283, 284, 290, 291, 292, 293, 296, 297, 317, 318, 319, 320, 322,
                  323, 324, 325, 332, 338, 339, 340, 341, 347, 529, 530, 531, 532}
EXIF_IFD, GPS_IFD, INTEROP_IFD = 0x8769, 0x8825, 0xA005
XMP_TAG, IPTC_TAG, PHOTOSHOP_TAG, ICC_TAG = 700, 33723, 34377, 34675
# JPEG application segments that say nothing about the picture's origin: JFIF's density
# and Adobe's colour transform flag (needed to decode CMYK JPEGs right).
JPEG_PLAIN = (("APP0", b"JFIF"), ("APP0", b"JFXX"), ("APP14", b"Adobe"))


@contextlib.contextmanager
def open_image(path: Path, media: MediaType) -> Iterator[Image.Image]:
    """The image at ``path`` opened with its detected format's plugin only, its size checked.

    Raises ``Refused`` when the file is not a readable image of that format or when a frame
    has more pixels than ``Image.MAX_IMAGE_PIXELS`` (a decompression bomb).
    """
    fmt = FORMATS.get(media.mime)
    if fmt is None:
        raise ValueError(f"not an image type: {media.mime}")
    try:
        with warnings.catch_warnings():
            # We refuse above the limit ourselves; Pillow only warns between 1x and 2x.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path, formats=[fmt])
    except Image.DecompressionBombError:
        raise Refused(_bomb()) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise Refused(f"this is not a readable {NAMES[fmt]} image ({error})") from None
    with image:
        _check_size(image)
        yield image


def _bomb() -> str:
    return (f"the image has more than {Image.MAX_IMAGE_PIXELS:,} pixels (a decompression bomb "
            "or a scan far larger than any page needs); it is not accepted")


def _check_size(frame: Image.Image) -> None:
    width, height = frame.size
    if Image.MAX_IMAGE_PIXELS and width * height > Image.MAX_IMAGE_PIXELS:
        raise Refused(_bomb())


def frames(image: Image.Image) -> Iterator[Image.Image]:
    """Each frame (or TIFF page) of an open image, decoded, its orientation applied.

    Refuses an animation or multi-page file whose frames together pass ``MAX_TOTAL_PIXELS``.
    """
    total = 0
    try:
        for frame in ImageSequence.Iterator(image):
            _check_size(frame)
            total += frame.size[0] * frame.size[1]
            if total > limits.MAX_TOTAL_PIXELS:
                raise Refused(f"the image's frames have more than {limits.MAX_TOTAL_PIXELS:,} "
                              "pixels together; it is not accepted")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                frame.load()
                yield ImageOps.exif_transpose(frame)
    except Image.DecompressionBombError:
        raise Refused(_bomb()) from None
    except (OSError, SyntaxError, EOFError) as error:
        raise Refused(f"the image cannot be decoded ({error})") from None


def _fresh(frame: Image.Image) -> Image.Image:
    """The pixels (and palette and transparency) of a frame in an image that carries nothing
    else: no ``info``, no cached EXIF, no TIFF tags."""
    clean = Image.new(frame.mode, frame.size)
    if frame.mode in ("P", "PA") and frame.palette is not None:
        clean.putpalette(frame.palette.tobytes(), frame.palette.mode)
    clean.paste(frame, (0, 0))
    if "transparency" in frame.info and frame.mode in ("P", "L", "RGB", "1"):
        clean.info["transparency"] = frame.info["transparency"]
    return clean


def _to_srgb(frame: Image.Image, icc: bytes | None) -> Image.Image:
    """The frame's pixels converted from its embedded profile to sRGB, so that the profile
    can be dropped without changing the colours; unchanged when there is none, when it is a
    grey profile (grey stays grey) or when the conversion fails."""
    if not icc or frame.mode not in ("RGB", "RGBA", "CMYK"):
        return frame
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(frame, source, ImageCms.createProfile("sRGB"),
                                         outputMode="RGB" if frame.mode == "CMYK" else frame.mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return frame


def _for_format(frame: Image.Image, fmt: str) -> Image.Image:
    """The frame in a mode its format can store."""
    mode = frame.mode
    if fmt == "JPEG" and mode not in ("L", "RGB"):
        return frame.convert("L" if mode in ("1", "I", "I;16", "F", "LA") else "RGB")
    if fmt == "WEBP" and mode not in ("RGB", "RGBA"):
        return frame.convert("RGBA" if "A" in mode or "transparency" in frame.info else "RGB")
    if fmt == "PNG" and mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
        return frame.convert("RGBA" if "A" in mode else "RGB")
    if fmt == "TIFF" and mode in ("PA",):
        return frame.convert("RGBA")
    return frame


def _webp_lossless(path: Path) -> bool:
    """Whether a WebP file holds lossless (VP8L) data, from its first chunks."""
    with open(path, "rb") as f:
        head = f.read(4096)
    return b"VP8L" in head[12:] and b"VP8 " not in head[12:]


def public_copy(src: Path, media: MediaType, dst: Path) -> None:
    """Write the image at ``src`` to ``dst`` in the same format, from its pixels only.

    The copy carries no EXIF (so no GPS position, camera serial or maker notes), no XMP, no
    IPTC, no comments, no text chunks and no ICC profile; the orientation is applied to the
    pixels and a profile's colours are converted to sRGB. Animations and multi-page TIFFs
    keep every frame and their timing; of a JPEG only the picture itself is kept (not an
    MPO's depth or gain maps, nor anything appended after its end). A JPEG is saved with
    the original's quantisation tables, so the copy keeps its quality (and roughly its size).
    """
    fmt = FORMATS[media.mime]
    with open_image(src, media) as image:
        icc = image.info.get("icc_profile")
        durations, out = [], []
        for frame in frames(image):
            if out and fmt == "JPEG":
                break        # an MPO's other pictures (depth maps, gain maps) are not copied
            durations.append(frame.info.get("duration", image.info.get("duration", 100)))
            out.append(_fresh(_for_format(_to_srgb(frame, icc), fmt)))
        options: dict = {}
        if fmt == "JPEG":
            options = {"quality": 90, "optimize": True}
            if getattr(image, "quantization", None):
                options = {"qtables": image.quantization, "optimize": True}
                sampling = JpegImagePlugin.get_sampling(image)
                if sampling >= 0:
                    options["subsampling"] = sampling
        elif fmt == "TIFF":
            options = {"compression": "group4" if out[0].mode == "1" else "tiff_adobe_deflate"}
        elif fmt == "WEBP":
            options = {"lossless": True} if _webp_lossless(src) else {"quality": 90}
        elif fmt == "PNG":
            options = {"compress_level": 6}
        if len(out) > 1:
            options.update(save_all=True, append_images=out[1:])
            if fmt in ("GIF", "WEBP"):
                options.update(duration=durations, loop=image.info.get("loop", 0))
    try:
        out[0].save(dst, format=fmt, **options)
    except (OSError, ValueError) as error:
        Path(dst).unlink(missing_ok=True)
        raise Refused(f"a clean copy of the image could not be written ({error})") from None


def _text(value: object, limit: int = 200) -> str:
    """A metadata value as a short line of text (bytes described, not dumped)."""
    if isinstance(value, bytes):
        stripped = value.rstrip(b"\x00")
        try:
            text = stripped.decode("utf-8")
        except UnicodeDecodeError:
            return f"<{len(value)} bytes>"
        if not text.isprintable():
            return f"<{len(value)} bytes>"
        value = text
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _tag_name(tag: int, ifd: int | None = None) -> str:
    if ifd == GPS_IFD:
        return ExifTags.GPSTAGS.get(tag, f"0x{tag:04x}")
    return ExifTags.TAGS.get(tag) or TiffTags.lookup(tag).name or f"0x{tag:04x}"


def _icc_description(icc: bytes) -> str:
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        parts = [ImageCms.getProfileDescription(profile), ImageCms.getProfileManufacturer(profile),
                 ImageCms.getProfileModel(profile)]
        return _text(" / ".join(p.strip() for p in parts if p and p.strip()) or f"<{len(icc)} bytes>")
    except (ImageCms.PyCMSError, OSError, ValueError):
        return f"<{len(icc)} bytes>"


def read_metadata(path: Path, media: MediaType) -> dict[str, str]:
    """Every piece of metadata the image carries beyond its pixels, by a readable key:
    ``exif:<tag>`` (every tag of IFD0 and the Exif IFD: Make, Model, BodySerialNumber,
    MakerNote, GPSInfo...), ``gps:<tag>``, ``xmp``, ``iptc``, ``comment``, ``png:<keyword>``,
    ``icc`` (the profile's description), ``tiff:<tag>`` (a TIFF's tags other than its
    layout), ``jpeg:<segment>`` (other application segments, e.g. MPF depth maps),
    ``jpeg:trailer`` (data after the picture's end, e.g. a motion photo's video)."""
    out: dict[str, str] = {}
    with open_image(path, media) as image:
        fmt, info = image.format, image.info
        exif = image.getexif()
        for tag, value in exif.items():
            if fmt == "TIFF":
                if tag in TIFF_STRUCTURE or tag in (XMP_TAG, IPTC_TAG, PHOTOSHOP_TAG, ICC_TAG):
                    continue
                out[f"tiff:{_tag_name(tag)}"] = _text(value)
            else:
                out[f"exif:{_tag_name(tag)}"] = _text(value)
        for ifd, prefix in ((EXIF_IFD, "exif"), (GPS_IFD, "gps"), (INTEROP_IFD, "interop")):
            for tag, value in exif.get_ifd(ifd).items():
                out[f"{prefix}:{_tag_name(tag, ifd)}"] = _text(value)
        tags = getattr(image, "tag_v2", {})
        xmp = info.get("xmp") or info.get("XML:com.adobe.xmp") or tags.get(XMP_TAG)
        if xmp:
            out["xmp"] = _text(xmp)
        if info.get("photoshop") or tags.get(IPTC_TAG) or tags.get(PHOTOSHOP_TAG):
            out["iptc"] = "Photoshop/IPTC resources"
        if info.get("comment"):
            out["comment"] = _text(info["comment"])
        if info.get("icc_profile"):
            out["icc"] = _icc_description(info["icc_profile"])
        if fmt == "PNG":
            for key, value in image.text.items():
                if key != "XML:com.adobe.xmp":
                    out[f"png:{key}"] = _text(value)
        extension = info.get("extension") if fmt == "GIF" else None
        if extension and not extension[0].startswith((b"NETSCAPE2.0", b"ANIMEXTS1.0")):
            out["gif:extension"] = _text(extension[0])      # (the loop count is no metadata)
        for marker, data in getattr(image, "applist", []):
            if marker == "COM":
                continue                        # the comment, reported above
            if any(marker == m and data.startswith(p) for m, p in JPEG_PLAIN):
                continue
            if data.startswith((b"Exif", b"http://ns.adobe.com/xap/1.0/", b"ICC_PROFILE",
                                b"Photoshop 3.0")):
                continue
            out[f"jpeg:{marker}"] = _text(data[:40].split(b"\x00")[0])
    if media.mime == "image/jpeg":
        hidden = jpeg.trailer(Path(path).read_bytes())
        if hidden:
            out["jpeg:trailer"] = f"{hidden} bytes after the picture (a motion photo's video?)"
    return out


def probe(path: Path, media: MediaType) -> dict:
    """``{"width", "height"}`` as the image is shown (its orientation applied), and
    ``"pages"`` for a TIFF of more than one page."""
    with open_image(path, media) as image:
        width, height = image.size
        if image.getexif().get(ExifTags.Base.Orientation) in (5, 6, 7, 8):
            width, height = height, width
        out = {"width": width, "height": height}
        count = getattr(image, "n_frames", 1)
        if media.mime == "image/tiff" and count > 1:
            out["pages"] = count
        return out


def save_thumbnail(image: Image.Image, dst: Path, width: int) -> None:
    """A JPEG of ``width`` pixels across (never wider than the picture, never taller than
    three widths), transparency flattened on white, with no metadata."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    elif image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    small = image.copy()
    small.thumbnail((min(width, image.size[0]), 3 * width), Image.Resampling.LANCZOS)
    _fresh(small).save(dst, format="JPEG", quality=82, optimize=True)


def thumbnail(path: Path, media: MediaType, dst: Path, width: int) -> bool:
    """The first frame, oriented, as a JPEG thumbnail (see ``save_thumbnail``)."""
    with open_image(path, media) as image:
        if image.format == "JPEG":
            image.draft("RGB", (width, width))     # decode at 1/2, 1/4 or 1/8 when it can
        save_thumbnail(next(frames(image)), dst, width)
    return True


def ocr_pages(path: Path, media: MediaType) -> Iterator[Image.Image]:
    """Each frame (a TIFF's pages), oriented, grey, at most ``MAX_OCR_PIXELS``, for OCR."""
    with open_image(path, media) as image:
        for frame in frames(image):
            grey = frame.convert("L")
            pixels = grey.size[0] * grey.size[1]
            if pixels > MAX_OCR_PIXELS:
                scale = (MAX_OCR_PIXELS / pixels) ** 0.5
                grey = grey.resize((int(grey.size[0] * scale), int(grey.size[1] * scale)),
                                   Image.Resampling.LANCZOS)
            yield grey
