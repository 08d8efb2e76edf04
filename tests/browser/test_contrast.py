"""Colour contrast as Chromium renders the pages: every visible piece of text, on the
background it is actually drawn on (the first opaque background among its ancestors, with
translucent ones composited), meets WCAG AA: 4.5:1, or 3:1 for large text (24px, or 18.66px
bold). This sees what reading site.css alone cannot: inherited colours, the vendored
stylesheets (Leaflet, vis-network) and the text that scripts add (map controls, the
explorer's panel).

The pages show the explorer fixture (tests/support/published.py), in both languages, on a
desktop and a phone screen.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import LiveServer, new_page
from tests.support.published import publish_fixtures

pytestmark = pytest.mark.browser
PAGES = ["/", "/search", "/search?view=table&category=postwar_abductee", "/browse/events",
         "/victims/p-x1", "/perpetrators/body-mss", "/locations/loc-camp22", "/events/e-x1",
         "/proceedings/proc-x1", "/network?focus=p-x1&hops=2", "/network?chain=p-x1",
         "/network?path_from=p-x1&path_to=body-mss", "/network?focus=p-nobody", "/map",
         "/researchers/console", "/researchers/downloads", "/about", "/no-such-page"]

#: Every visible text on the page whose contrast is below AA, with what it was measured on.
LOW_CONTRAST = """() => {
  const parse = (value) => {
    const m = /rgba?\\(([^)]*)\\)/.exec(value || "");
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const over = (top, bottom) => ({r: top.r * top.a + bottom.r * (1 - top.a),
                                  g: top.g * top.a + bottom.g * (1 - top.a),
                                  b: top.b * top.a + bottom.b * (1 - top.a), a: 1});
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
                            return (x + 0.05) / (y + 0.05); };
  const hex = (c) => "#" + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
  const backdrop = (el) => {
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.backgroundImage && s.backgroundImage !== "none") return null;  // not one colour
      const c = parse(s.backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let base = {r: 255, g: 255, b: 255, a: 1};
    for (let i = layers.length - 1; i >= 0; i--) base = over(layers[i], base);
    return base;
  };
  const shown = (el) => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === "none" || s.visibility === "hidden" || Number(s.opacity) === 0) return false;
      if (e.tagName === "DETAILS" && !e.open && e !== el &&
          !(el.closest("summary") && el.closest("summary").parentElement === e)) return false;
    }
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1;  // a visually-hidden label is 1px
  };
  const out = [];
  let measured = 0;
  for (const el of document.body.querySelectorAll("*")) {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own.length || ["SCRIPT", "STYLE", "TITLE", "OPTION", "DATALIST"].includes(el.tagName)) continue;
    if (el.closest("[disabled], [aria-hidden=true], svg title") || !shown(el)) continue;
    const s = getComputedStyle(el);
    const isSvg = el instanceof SVGElement;
    let fg = parse(isSvg ? s.fill : s.color);
    const bg = backdrop(el);
    if (!fg || !bg) continue;
    if (fg.a < 1) fg = over(fg, bg);
    const size = parseFloat(s.fontSize), bold = Number(s.fontWeight) >= 700;
    const need = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
    const r = ratio(fg, bg);
    measured += 1;
    if (r < need) out.push({tag: el.tagName.toLowerCase(), cls: String(el.className.baseVal ?? el.className),
                            text: own.map((n) => n.textContent.trim()).join(" ").slice(0, 40),
                            fg: hex(fg), bg: hex(bg), ratio: Math.round(r * 100) / 100, need});
  }
  return {measured, low: out};
}"""


@pytest.fixture(scope="module")
def server(stores, settings):
    publish_fixtures(stores)
    from service.app import create_app

    app = create_app(settings)
    with LiveServer(app) as live:
        yield live


@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_text_contrast_as_rendered(chromium, server, lang, viewport):
    ctx, page, rec = new_page(chromium, viewport=viewport)
    try:
        found, measured = {}, 0
        for path in PAGES:
            sep = "&" if "?" in path else "?"
            page.goto(f"{server.url}{path}{sep}lang={lang}")
            page.wait_for_load_state("load")
            result = page.evaluate(LOW_CONTRAST)
            measured += result["measured"]
            if result["low"]:
                found[path] = result["low"]
        # the scripts ran (the text they add was measured); the 404 page logs its status
        assert not [e for e in rec.errors if not e.startswith("console error")], rec.errors
        assert measured > 500
        assert not found, found
    finally:
        ctx.close()
