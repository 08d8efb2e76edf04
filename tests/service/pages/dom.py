"""A small element tree of a rendered page, for tests that check what a page says section by
section (the standard library's HTML parser; the project has no other HTML parser).

Good enough for the app's own templates: void elements have no children, an end tag closes
the nearest open element of its name (elements left open inside it are closed with it), and
an end tag that matches nothing open is ignored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
_SPACE = re.compile(r"\s+")


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Element | None = None):
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Element | str] = []

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    def iter(self) -> Iterator[Element]:
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, where: Callable[[Element], bool] | None = None,
                 **attrs: str) -> list[Element]:
        """Elements inside (and including) this one by tag and exact attribute values
        (``class_`` matches one of the classes)."""
        out = []
        for el in self.iter():
            if tag is not None and el.tag != tag:
                continue
            if "class_" in attrs and attrs["class_"] not in (el.get("class") or "").split():
                continue
            if any(el.get(k) != v for k, v in attrs.items() if k != "class_"):
                continue
            if where is not None and not where(el):
                continue
            out.append(el)
        return out

    def find(self, tag: str | None = None, **attrs: str) -> Element | None:
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def one(self, tag: str | None = None, **attrs: str) -> Element:
        found = self.find_all(tag, **attrs)
        assert len(found) == 1, f"expected one <{tag} {attrs}>, found {len(found)}"
        return found[0]

    def by_id(self, element_id: str) -> Element:
        return self.one(id=element_id)

    def labelled_by(self, heading_id: str) -> Element:
        """The region whose ``aria-labelledby`` is ``heading_id`` (a page's sections)."""
        return self.one(**{"aria-labelledby": heading_id})

    def text(self) -> str:
        """The element's text, whitespace collapsed (scripts and styles left out)."""
        parts: list[str] = []

        def walk(el: Element) -> None:
            for child in el.children:
                if isinstance(child, str):
                    parts.append(child)
                elif child.tag not in ("script", "style"):
                    walk(child)

        walk(self)
        return _SPACE.sub(" ", "".join(parts)).strip()

    def direct(self, tag: str) -> list[Element]:
        return [c for c in self.children if isinstance(c, Element) and c.tag == tag]

    def links(self) -> list[tuple[str, str]]:
        """``(href, text)`` of every link inside."""
        return [(a.get("href") or "", a.text()) for a in self.find_all("a")]

    def definitions(self) -> dict[str, str]:
        """A ``<dl>``'s terms and descriptions (the app wraps each pair in a ``<div>``)."""
        return {dt.text(): dt.parent.one("dd").text() for dt in self.find_all("dt")}

    def json(self) -> object:
        """The parsed content of a ``<script type="application/json">``."""
        return json.loads("".join(c for c in self.children if isinstance(c, str)))


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        el = Element(tag, dict(attrs), self.stack[-1])
        self.stack[-1].children.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        el = Element(tag, dict(attrs), self.stack[-1])
        self.stack[-1].children.append(el)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str | bytes) -> Element:
    """The document's tree; its root is a ``#document`` element."""
    builder = _Builder()
    builder.feed(html.decode("utf-8") if isinstance(html, bytes) else html)
    builder.close()
    return builder.root
