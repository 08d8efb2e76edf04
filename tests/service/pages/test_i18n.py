"""Every interface string and every vocabulary label exists in English and Korean, and every
key a template or a view asks for is in the catalogue."""

from __future__ import annotations

import re
import string
from pathlib import Path

from graph.consent.policy import PUBLIC_FIELDS
from graph.vocabularies import VOCABULARIES
from service import i18n
from service.i18n import LANGS, MESSAGES

ROOT = Path(__file__).resolve().parents[3]
HANGUL = re.compile(r"[\uac00-\ud7a3]")
#: t('key') or t("key", ...): a whole key (keys built with ~ or f-strings are checked below).
LITERAL_KEY = re.compile(r"""\bt\(\s*f?['"]([a-z][\w.]*\w)['"]\s*[,)]""")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_both_languages():
    for key, entry in MESSAGES.items():
        assert set(entry) == set(LANGS), key
        assert all(entry[lang].strip() for lang in LANGS), key


def test_korean_strings_are_korean():
    not_korean = {k for k, e in MESSAGES.items() if not HANGUL.search(e["ko"])}
    # names and technical words that read the same in both languages
    allowed = {"lang.en", "console.title", "nav.console", "dl.api"}
    assert not_korean <= allowed, sorted(not_korean - allowed)


def test_placeholders_match_between_languages():
    for key, entry in MESSAGES.items():
        assert fields(entry["en"]) == fields(entry["ko"]), key


def test_every_literal_key_used_exists():
    sources = list((ROOT / "service" / "templates").glob("*.html"))
    sources += list((ROOT / "service" / "pages").glob("*.py"))
    used = set()
    for path in sources:
        used |= set(LITERAL_KEY.findall(path.read_text(encoding="utf-8")))
    assert used, "no t('...') calls found"
    missing = {k for k in used if not i18n.known(k)}
    assert not missing, sorted(missing)


def test_every_key_built_at_run_time_exists():
    from service.pages import browse, dashboard, researchers
    from service.pages.examples import EXAMPLES
    from service.public import downloads, graphs, maps, search
    from visualizations.network import KIND_ORDER

    families = {
        "kind": KIND_ORDER, "totals": dashboard.TOTALS, "browse.kind": browse.KINDS,
        "layer": maps.LAYERS, "dl.table": downloads.CSV_TABLES,
        "dl.format": [name for name, _ in researchers.BULK], "console.example": EXAMPLES,
        "console.js": researchers.CONSOLE_STRINGS, "search.facet": [*search.FACETS, *search.FILTERS],
        "net.mode": ("neighbourhood", "path", "chain", "empty", "not_found"),
        "nav": ("dashboard", "search", "browse", "map", "network", "console", "downloads", "about"),
        "lang": LANGS, "map.popup": ("victims", "more", "profile", "all"),
        "field": sorted({f for fs in PUBLIC_FIELDS.values() for f in fs}),
        "rel": graphs.REL_TYPES, "chart": dashboard.CHARTS,
    }
    keys = [f"{prefix}.{name}" for prefix, names in families.items() for name in names]
    keys += [f"rel.{t}.{d}" for t in graphs.REL_TYPES for d in ("in", "out")]
    keys += [f"chart.{c}.{part}" for c in dashboard.CHARTS for part in ("desc", "key")]
    keys += [f"about.consent.rule{n}" for n in range(1, 9)]
    keys += [f"provenance.{k}" for k in ("Event", "Proceeding", "Source", "reference")]
    missing = [k for k in keys if not i18n.known(k)]
    assert not missing, missing
    for key in keys:  # from the model or the catalogue: both languages, Korean in Korean
        assert i18n.t(key, "ko") != key and i18n.t(key, "en") != key, key


def test_every_vocabulary_label_has_both_languages():
    for name, vocabulary in VOCABULARIES.items():
        for key, labels in vocabulary.items():
            assert labels.get("en") and labels.get("ko"), (name, key)


def test_t_formats_and_falls_back():
    assert i18n.t("search.results_count", "ko", n=3) == "피해자 3명"
    assert i18n.t("search.results_count", "fr", n=3) == "3 victims"
    assert i18n.t("no.such.key", "ko") == "no.such.key"
