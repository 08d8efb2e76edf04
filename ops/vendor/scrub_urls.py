"""Take third-party URLs out of the vendored front-end files.

Vendored libraries carry links in licence banners, attribution controls, error
messages and link-makers (leafletjs.com, github.com, twitter.com, ...). None is
needed for the app to work, and a served page must point visitors at no third
party, so each is replaced by an inert ``about:blank``. What stays are XML and
JSON-Schema namespace identifiers (``http://www.w3.org/2000/svg``,
``https://json-schema.org/...``, ``https://spec.openapis.org/...``): browsers
and libraries compare them as names and never fetch them. Licence texts remain
in each folder's LICENSE file. Run after re-vendoring:

    python ops/vendor/scrub_urls.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[2] / "service" / "static" / "vendor"
URL = re.compile(r"https?://[^\s\"'`()<>\\]+")
IDENTIFIERS = re.compile(r"https?://(www\.w3\.org/|json-schema\.org/|spec\.openapis\.org/)")
SERVED = {".js", ".css", ".json", ".html", ".svg"}


def scrub(text: str) -> tuple[str, int]:
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        if IDENTIFIERS.match(match.group(0)):
            return match.group(0)
        count += 1
        return "about:blank"

    return URL.sub(replace, text), count


def main(folder: Path = VENDOR) -> int:
    total = 0
    for path in sorted(folder.rglob("*")):
        if path.suffix not in SERVED or not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8")  # bytes: keep line endings as shipped
        new, count = scrub(text)
        if count:
            path.write_bytes(new.encode("utf-8"))
            print(f"{path.relative_to(folder)}: {count} URL(s) removed")
            total += count
    return total


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else VENDOR)
