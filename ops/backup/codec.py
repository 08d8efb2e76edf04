"""Neo4j property values as JSON and back, their types kept.

JSON has strings, numbers, booleans and lists; a vault node's properties may also be dates,
datetimes (with a zone name or an offset), local datetimes, times, durations, points and
byte arrays. Those become one-key objects (``{"$date": "2024-01-02"}``): a property value
is never a map in Neo4j, so an object in a backup is always one of these tags. Integers and
floats stay apart (``1`` and ``1.0``), as Python's ``json`` keeps them.
"""

from __future__ import annotations

import base64
from datetime import timedelta, timezone
from typing import Any

import pytz
from neo4j.spatial import CartesianPoint, Point, WGS84Point
from neo4j.time import Date, DateTime, Duration, Time

#: Point classes by spatial reference id (2D and 3D of each).
_POINTS = {7203: CartesianPoint, 9157: CartesianPoint, 4326: WGS84Point, 4979: WGS84Point}


class CodecError(ValueError):
    """A value in a backup that is none of the tagged types."""


def encode(value: Any) -> Any:
    """A property value (as the driver returns it) as JSON-able data."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, bytes | bytearray):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, DateTime):
        naive = value.replace(tzinfo=None).iso_format()
        if value.tzinfo is None:
            return {"$localdatetime": naive}
        zone = getattr(value.tzinfo, "zone", None) or getattr(value.tzinfo, "key", None)
        offset = int(value.utcoffset().total_seconds())
        return {"$datetime": naive, "offset": offset, **({"zone": zone} if zone else {})}
    if isinstance(value, Date):
        return {"$date": value.iso_format()}
    if isinstance(value, Time):
        naive = value.replace(tzinfo=None).iso_format()
        if value.tzinfo is None:
            return {"$localtime": naive}
        return {"$time": naive, "offset": int(value.utcoffset().total_seconds())}
    if isinstance(value, Duration):
        return {"$duration": [value.months, value.days, value.seconds, value.nanoseconds]}
    if isinstance(value, Point):
        return {"$point": value.srid, "coordinates": list(value)}
    if isinstance(value, list | tuple):  # after Duration and Point, which are tuples too
        return [encode(v) for v in value]
    raise CodecError(f"a property value of an unknown type: {type(value).__name__}")


def decode(value: Any) -> Any:
    """The value :func:`encode` was given (a tuple comes back as a list, as Neo4j gives it)."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "$bytes" in value:
        return base64.b64decode(value["$bytes"])
    if "$localdatetime" in value:
        return DateTime.from_iso_format(value["$localdatetime"])
    if "$datetime" in value:
        naive = DateTime.from_iso_format(value["$datetime"])
        return _zoned(naive, value.get("zone"), value["offset"])
    if "$date" in value:
        return Date.from_iso_format(value["$date"])
    if "$localtime" in value:
        return Time.from_iso_format(value["$localtime"])
    if "$time" in value:
        return Time.from_iso_format(value["$time"]).replace(tzinfo=_offset(value["offset"]))
    if "$duration" in value:
        months, days, seconds, nanoseconds = value["$duration"]
        return Duration(months=months, days=days, seconds=seconds, nanoseconds=nanoseconds)
    if "$point" in value:
        cls = _POINTS.get(value["$point"])
        if cls is None:
            raise CodecError(f"a point of an unknown spatial reference: {value['$point']}")
        return cls(value["coordinates"])
    raise CodecError(f"not a tagged value: {sorted(value)}")


def _zoned(naive: DateTime, zone: str | None, offset: int) -> DateTime:
    """A datetime in its named zone (the offset picks the side of a daylight-saving change
    the original was on) or at its fixed offset."""
    if zone is None:
        return naive.replace(tzinfo=_offset(offset))
    tz = pytz.timezone(zone)
    for is_dst in (False, True):
        zoned = tz.localize(naive, is_dst=is_dst)
        if zoned.utcoffset() == timedelta(seconds=offset):
            return zoned
    return zoned


def _offset(seconds: int):
    """A fixed offset as the driver gives one (pytz's, in minutes, which the driver's
    packing of times needs); one with seconds as the standard library's."""
    if seconds % 60 == 0:
        return pytz.FixedOffset(seconds // 60)
    return timezone(timedelta(seconds=seconds))


def encode_props(props: dict) -> dict:
    return {key: encode(value) for key, value in props.items()}


def decode_props(props: dict) -> dict:
    return {key: decode(value) for key, value in props.items()}
