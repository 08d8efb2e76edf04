"""Reading colours out of service/static/css/site.css for the contrast tests: the rules, their
declarations with ``var(--name)`` resolved from ``:root``, and WCAG 2 contrast ratios.

Only what the stylesheet uses is understood: ``#rgb`` / ``#rrggbb`` colours and a few
keywords; a background that is not one plain colour (an image, a gradient) is no colour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SITE_CSS = Path(__file__).resolve().parents[3] / "service" / "static" / "css" / "site.css"
KEYWORDS = {"white": "#ffffff", "black": "#000000", "transparent": None, "none": None}
_HEX = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
_VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,\s*([^)]*))?\)")


@dataclass(frozen=True)
class Rule:
    selectors: tuple[str, ...]
    declarations: dict[str, str]
    media: str | None = None

    @property
    def color(self) -> str | None:
        return colour(self.declarations.get("color"))

    @property
    def background(self) -> str | None:
        """The rule's background colour (``background-color`` or the ``background``
        shorthand), or None if it sets none or a transparent one."""
        for prop in ("background-color", "background"):
            if prop in self.declarations:
                return colour(self.declarations[prop])
        return None


def _blocks(text: str) -> list[tuple[str, str]]:
    """Top-level ``prelude { body }`` pairs (bodies may nest, as in @media)."""
    out, depth, start, prelude_start = [], 0, 0, 0
    for i, ch in enumerate(text):
        if ch == "{":
            if depth == 0:
                prelude, start = text[prelude_start:i].strip(), i + 1
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                out.append((prelude, text[start:i]))
                prelude_start = i + 1
    assert depth == 0, "unbalanced braces in the stylesheet"
    return out


def _declarations(body: str) -> dict[str, str]:
    out = {}
    for part in body.split(";"):
        if ":" in part:
            name, value = part.split(":", 1)
            out[name.strip().lower()] = " ".join(value.split())
    return out


def rules(text: str | None = None) -> list[Rule]:
    """Every style rule, custom properties resolved (rules inside @media carry the query)."""
    text = re.sub(r"/\*.*?\*/", "", SITE_CSS.read_text(encoding="utf-8") if text is None else text,
                  flags=re.S)
    raw: list[tuple[str | None, str, str]] = []
    for prelude, body in _blocks(text):
        if prelude.startswith("@media"):
            raw += [(prelude, p, b) for p, b in _blocks(body)]
        elif not prelude.startswith("@"):
            raw.append((None, prelude, body))
    props: dict[str, str] = {}
    for media, prelude, body in raw:
        if media is None and prelude == ":root":
            props.update({k: v for k, v in _declarations(body).items() if k.startswith("--")})

    def resolve(value: str, depth: int = 0) -> str:
        assert depth < 10, f"custom properties refer to each other in a loop: {value}"

        def one(m: re.Match) -> str:
            if m.group(1) in props:
                return resolve(props[m.group(1)], depth + 1)
            assert m.group(2) is not None, f"undefined custom property {m.group(1)}"
            return m.group(2)

        return _VAR.sub(one, value)

    return [Rule(tuple(" ".join(s.split()) for s in prelude.split(",")),
                 {k: resolve(v) for k, v in _declarations(body).items()}, media)
            for media, prelude, body in raw]


def custom_properties(text: str | None = None) -> dict[str, str]:
    """``:root``'s custom properties, resolved."""
    return {k: v for r in rules(text) if r.selectors == (":root",)
            for k, v in r.declarations.items() if k.startswith("--")}


def colour(value: str | None) -> str | None:
    """The one colour a declaration value states, as ``#rrggbb`` (None: none or transparent)."""
    if value is None:
        return None
    value = value.strip().lower()
    if value in KEYWORDS:
        return KEYWORDS[value]
    if "url(" in value or "gradient(" in value:
        return None
    found = _HEX.findall(value) or [KEYWORDS[w] for w in value.split() if KEYWORDS.get(w)]
    if not found:
        return None
    hex_ = found[0].lstrip("#")
    if len(hex_) == 3:
        hex_ = "".join(c * 2 for c in hex_)
    return "#" + hex_.lower()


def luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
