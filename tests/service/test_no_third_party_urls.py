"""Served files name no third party: every file under service/static and every template is
free of http(s) URLs, but for namespace identifiers that are compared, never fetched."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVED = [ROOT / "service" / "static", ROOT / "service" / "templates",
          ROOT / "visualizations" / "templates"]
URL = re.compile(rb"https?://[^\s\"'`()<>\\]+")
IDENTIFIER = re.compile(rb"https?://(www\.w3\.org/|json-schema\.org/|spec\.openapis\.org/)")


def test_served_files_reference_no_third_party_url():
    offenders = []
    for folder in SERVED:
        for path in folder.rglob("*"):
            if path.is_file():
                for url in URL.findall(path.read_bytes()):
                    if not IDENTIFIER.match(url):
                        offenders.append(f"{path.relative_to(ROOT)}: {url[:80]!r}")
    assert not offenders, "\n".join(offenders[:20])
