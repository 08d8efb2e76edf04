"""Images: public copies without EXIF (GPS, serials), XMP, IPTC, comments, text chunks and
ICC profiles, in every accepted format; orientation kept; bombs and broken files refused;
probe and thumbnails."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image, ImageCms, PngImagePlugin, TiffImagePlugin

from documents.media import Refused, probe, public_copy, read_metadata, samples, thumbnail
from tests.support.media import detected, sha256

SERIAL = "R58M12345AB"
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
       b'22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" '
       b'dc:creator="Kim Chol-su"/></rdf:RDF></x:xmpmeta>')


@pytest.fixture(scope="module")
def photo(write):
    """A phone photo: GPS in Pyongyang, a camera serial, turned (orientation 6), XMP, ICC."""
    return write("photo.jpg", samples.photo_jpeg(gps=samples.PYONGYANG, serial=SERIAL, seed=7,
                                                 orientation=6))


@pytest.fixture(scope="module")
def photo_copy(photo, folder):
    out = folder / "photo-public.jpg"
    before = sha256(photo)
    public_copy(photo, detected(photo), out)
    assert sha256(photo) == before, "the original was modified"
    return out


def test_the_original_carries_gps_and_the_serial(photo):
    found = read_metadata(photo, detected(photo))
    assert found["exif:BodySerialNumber"] == SERIAL
    assert found["exif:GPSInfo"]
    assert found["gps:GPSLatitudeRef"] == "N" and found["gps:GPSLongitudeRef"] == "E"
    assert "39.0" in found["gps:GPSLatitude"]
    assert found["exif:Make"] == "Samsung" and "exif:MakerNote" in found
    assert "Kim Chol-su" in found["xmp"] and found["comment"] == "taken by Kim Chol-su"
    assert "icc" in found


def test_the_public_copy_of_a_photo_has_no_exif_at_all(photo, photo_copy):
    assert detected(photo_copy).mime == "image/jpeg"
    assert read_metadata(photo_copy, detected(photo_copy)) == {}
    with Image.open(photo_copy) as image:
        assert len(image.getexif()) == 0
        assert image.getexif().get_ifd(0x8825) == {}
        for key in ("exif", "xmp", "icc_profile", "comment", "photoshop"):
            assert key not in image.info
        assert [marker for marker, _ in image.applist] == ["APP0"]    # JFIF alone
    data = photo_copy.read_bytes()
    for trace in (SERIAL.encode(), b"Kim Chol-su", b"Samsung", b"GPS", b"Exif"):
        assert trace not in data


def test_the_public_copy_keeps_the_orientation_and_the_quality(photo, photo_copy):
    with Image.open(photo) as original, Image.open(photo_copy) as copy:
        assert original.size == (640, 480)
        assert copy.size == (480, 640)                     # turned as EXIF said (orientation 6)
        red = copy.convert("RGB").getpixel((copy.size[0] - 10, 10))
        assert red[0] > 180 and red[1] < 80                # the top-left corner came to the right
        assert copy.quantization == original.quantization  # saved with the same tables


def png_with_everything() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Kim Chol-su")
    info.add_itxt("Description", "평양에서", lang="ko")
    info.add_text("XML:com.adobe.xmp", XMP.decode())
    out = io.BytesIO()
    Image.new("RGBA", (40, 30), (10, 200, 30, 128)).save(
        out, format="PNG", pnginfo=info, exif=samples.photo_exif(gps=samples.PYONGYANG,
                                                                 serial=SERIAL),
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    return out.getvalue()


def tiff_with_everything() -> bytes:
    tags = TiffImagePlugin.ImageFileDirectory_v2()
    tags[315] = "Kim Chol-su"          # Artist
    tags[271] = "Fujitsu"              # Make
    tags[305] = "PaperStream Capture"  # Software
    tags[700] = XMP                    # XMP
    tags[33432] = "(c) Kim Chol-su"    # Copyright
    pages = [Image.new("L", (60, 80), shade) for shade in (200, 120)]
    out = io.BytesIO()
    pages[0].save(out, format="TIFF", tiffinfo=tags, save_all=True, append_images=pages[1:])
    return out.getvalue()


def webp_with_everything() -> bytes:
    out = io.BytesIO()
    samples.photo_image(3, (64, 48)).save(
        out, format="WEBP", exif=samples.photo_exif(gps=samples.PYONGYANG, serial=SERIAL),
        xmp=XMP, icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    return out.getvalue()


def gif_with_everything() -> bytes:
    frames = [Image.new("P", (30, 20), index) for index in (1, 2, 3)]
    for frame in frames:
        frame.putpalette([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255] * 64)
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], duration=[100, 200,
                   300], loop=0, comment=b"by Kim Chol-su")
    return out.getvalue()


@pytest.mark.parametrize(("name", "make", "expected"), [
    ("everything.png", png_with_everything,
     {"png:Author", "png:Description", "xmp", "exif:BodySerialNumber", "gps:GPSLatitude", "icc"}),
    ("everything.tif", tiff_with_everything,
     {"tiff:Artist", "tiff:Make", "tiff:Software", "tiff:Copyright", "xmp"}),
    ("everything.webp", webp_with_everything,
     {"exif:BodySerialNumber", "gps:GPSLatitude", "xmp", "icc"}),
    ("everything.gif", gif_with_everything, {"comment"}),
])
def test_every_format_loses_its_metadata_and_keeps_its_frames(write, folder, name, make, expected):
    original = write(name, make())
    media = detected(original)
    assert expected <= set(read_metadata(original, media))
    out = folder / f"public-{name}"
    public_copy(original, media, out)
    assert detected(out) == media
    assert read_metadata(out, media) == {}
    assert b"Kim Chol-su" not in out.read_bytes()
    with Image.open(original) as before, Image.open(out) as after:
        assert after.size == before.size
        assert getattr(after, "n_frames", 1) == getattr(before, "n_frames", 1)
        if media.mime == "image/gif":
            durations = []
            for index in range(after.n_frames):
                after.seek(index)
                durations.append(after.info["duration"])
            assert durations == [100, 200, 300]


def bomb() -> bytes:
    """A real PNG header declaring 30,000 x 30,000 pixels (900 million) over a few bytes."""
    data = io.BytesIO()
    Image.new("L", (1, 1)).save(data, format="PNG")
    png = bytearray(data.getvalue())
    header = b"IHDR" + struct.pack(">II", 30000, 30000) + bytes(png[24:29])
    png[12:29] = header
    png[29:33] = struct.pack(">I", zlib.crc32(header))
    return bytes(png)


def test_a_decompression_bomb_is_refused_before_it_is_decoded(write, folder):
    path = write("bomb.png", bomb())
    media = detected(path)
    for action in (lambda: public_copy(path, media, folder / "bomb-public.png"),
                   lambda: read_metadata(path, media), lambda: probe(path, media),
                   lambda: thumbnail(path, media, folder / "bomb.jpg")):
        with pytest.raises(Refused, match="more than 89,478,485 pixels"):
            action()
    assert not (folder / "bomb-public.png").exists()


def test_a_file_that_only_starts_like_an_image_is_refused(write, folder):
    path = write("fake.jpg", b"\xff\xd8\xff\xe0" + b"not a picture" * 50)
    with pytest.raises(Refused, match="not a readable JPEG image"):
        public_copy(path, detected(path), folder / "fake-public.jpg")
    assert not (folder / "fake-public.jpg").exists()


def test_probe_gives_the_size_as_shown(photo, write):
    assert probe(photo, detected(photo)) == {"width": 480, "height": 640}
    scan = write("pages.tif", tiff_with_everything())
    assert probe(scan, detected(scan)) == {"width": 60, "height": 80, "pages": 2}


def test_a_thumbnail_is_a_small_jpeg_without_metadata(photo, folder):
    out = folder / "photo-thumb.jpg"
    assert thumbnail(photo, detected(photo), out, width=120) is True
    with Image.open(out) as small:
        assert small.format == "JPEG" and small.size == (120, 160)
        assert len(small.getexif()) == 0 and "icc_profile" not in small.info
    assert read_metadata(out, detected(out)) == {}
    with pytest.raises(ValueError, match="width"):
        thumbnail(photo, detected(photo), out, width=100_000)


def test_a_motion_photos_hidden_video_and_an_mpos_other_pictures_are_dropped(write, folder):
    photo = samples.photo_jpeg(seed=9)
    motion = write("motion.jpg", photo + samples.video_mp4(0.2))
    media = detected(motion)
    assert read_metadata(motion, media)["jpeg:trailer"].startswith(
        f"{len(motion.read_bytes()) - len(photo)} bytes after the picture")
    out = folder / "motion-public.jpg"
    public_copy(motion, media, out)
    assert read_metadata(out, media) == {} and b"ftyp" not in out.read_bytes()

    mpo = folder / "views.jpg"
    samples.photo_image(1).save(mpo, format="MPO", save_all=True,
                                append_images=[samples.photo_image(2)],
                                exif=samples.photo_exif(gps=samples.PYONGYANG, serial=SERIAL))
    media = detected(mpo)
    assert media.mime == "image/jpeg" and read_metadata(mpo, media)["jpeg:APP2"] == "MPF"
    out = folder / "views-public.jpg"
    public_copy(mpo, media, out)
    assert read_metadata(out, media) == {}
    with Image.open(out) as copy:
        assert copy.format == "JPEG" and getattr(copy, "n_frames", 1) == 1
