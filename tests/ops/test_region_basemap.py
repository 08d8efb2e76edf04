"""The map's Natural Earth overlay: the builder's shapefile, dBASE, clipping and
simplification on small inputs, and the vendored file it wrote (small, the region's
province boundaries, country names in Korean)."""

from __future__ import annotations

import json
import struct

from ops.vendor import region_basemap as rb


def shp_with(parts: list[list[tuple[float, float]]]) -> bytes:
    points = [p for part in parts for p in part]
    starts, at = [], 0
    for part in parts:
        starts.append(at)
        at += len(part)
    body = struct.pack("<i4d", 3, 0, 0, 0, 0) + struct.pack("<ii", len(parts), len(points))
    body += struct.pack(f"<{len(parts)}i", *starts)
    body += b"".join(struct.pack("<2d", x, y) for x, y in points)
    return b"\0" * 100 + struct.pack(">ii", 1, len(body) // 2) + body


def test_polylines_are_read_part_by_part():
    parts = [[(125.0, 40.0), (126.0, 41.0)], [(127.0, 39.0), (127.5, 39.5), (128.0, 40.0)]]
    assert rb.polylines(shp_with(parts)) == [parts]


def test_dbf_rows_strip_padding():
    fields = [("NAME", 8), ("NAME_KO", 12)]
    header = 32 + 32 * len(fields) + 1
    size = 1 + sum(w for _, w in fields)
    head = struct.pack("<BBBBIHH", 3, 0, 0, 0, 1, header, size) + b"\0" * 20
    for name, width in fields:
        head += name.encode().ljust(11, b"\0") + b"C" + b"\0" * 4 + bytes([width]) + b"\0" * 15
    head += b"\r"
    record = b" " + b"Japan".ljust(8, b"\0") + "일본".encode().ljust(12, b" ")
    assert rb.dbf_rows(head + record) == [{"NAME": "Japan", "NAME_KO": "일본"}]


def test_clip_cuts_lines_at_the_box_and_simplify_keeps_the_shape():
    line = [(100.0, 40.0), (120.0, 40.0), (121.0, 40.0), (160.0, 40.0), (130.0, 40.0),
            (131.0, 40.0)]
    assert rb.clip(line) == [[(120.0, 40.0), (121.0, 40.0)], [(130.0, 40.0), (131.0, 40.0)]]
    wiggle = [(125.0, 40.0), (125.5, 40.001), (126.0, 40.0), (126.5, 41.0), (127.0, 40.0)]
    assert rb.simplify(wiggle, 0.01) == [(125.0, 40.0), (126.0, 40.0), (126.5, 41.0),
                                         (127.0, 40.0)]


def test_the_vendored_overlay_is_small_and_covers_the_region():
    size = rb.OUT.stat().st_size
    assert size < 400_000
    collection = json.loads(rb.OUT.read_text(encoding="utf-8"))
    lines = [f for f in collection["features"] if f["properties"]["kind"] == "province_line"]
    in_dprk = [f for f in lines if any(124.5 < x < 130.5 and 38.0 < y < 42.5
                                       for part in f["geometry"]["coordinates"] for x, y in part)]
    assert len(in_dprk) >= 8  # the DPRK's provinces have boundaries
    for feature in lines:
        for part in feature["geometry"]["coordinates"]:
            assert all(rb.WEST <= x <= rb.EAST and rb.SOUTH <= y <= rb.NORTH for x, y in part)
    names = {f["properties"]["name_en"]: f["properties"]["name_ko"]
             for f in collection["features"] if f["properties"]["kind"] == "country"}
    assert names["North Korea"] == "조선민주주의인민공화국"
    assert names["South Korea"] == "대한민국" and names["Japan"] == "일본"
