"""Search keys of records other than persons: their Hangul names, romanised.

Persons carry compact keys of their romanised names from the importer
(``loaders.importing.write.search_keys``) and spellings typed by editors
(``name_variants``). Places, bodies, laws and the rest have one English and one
Korean name, and the English name is often a translation ("Ministry of State
Security" for 국가보위성), so a visitor who types the Korean name in Latin
letters ("Yodeok", "Kwalliso") would not find them. The publication derives,
for every Hangul word of ``name_ko`` (and ``title_ko``), its spellings in the
systems the project uses (:mod:`loaders.romanize`: Revised Romanization,
McCune-Reischauer without breves or apostrophes, the North Korean style), each
as one lower-case word; and the compact form of the Latin name (``Kwan-li-so``
-> ``kwanliso``). The keys go into the ``record_names`` full-text index only;
pages, downloads and the API leave them out (``service.public.shape``).

Pure functions: no store, no environment.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from loaders.romanize import (
    dprk_syllables,
    mr_syllables,
    romanize_mr,
    romanize_rr,
    rr_syllables,
    strip_breves,
)

HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
_NON_LATIN = re.compile(r"[^0-9a-z]+")
#: The Hangul fields whose words are romanised, and the Latin ones made compact.
HANGUL_FIELDS = ("name_ko", "title_ko")
#: Only names: a title made compact (a source's, a proceeding's) is one long key per record,
#: which no one types and which would grow the index's terms with every record.
LATIN_FIELDS = ("name_en",)
#: No record needs more; a long title would otherwise make a long list.
MAX_KEYS = 64


def _plain(text: str) -> str:
    return _NON_LATIN.sub("", strip_breves(text).lower())


def hangul_word_keys(word: str) -> list[str]:
    """The romanised spellings of one Hangul word of two or more syllables, lower-case,
    letters only, most usual first: RR and MR of the whole word (with their sound changes at syllable joins:
    관리소 -> ``gwalliso``, ``kwalliso``), then syllable by syllable (``gwanriso``,
    ``kwanriso``, the North Korean style's ``kwanriso``)."""
    if len(word) < 2 or not HANGUL_WORD.fullmatch(word):
        return []  # one syllable (호 in 제15호) is too short to be worth a key
    forms = [romanize_rr(word), romanize_mr(word, apostrophes=False),
             "".join(rr_syllables(word)), "".join(mr_syllables(word)),
             "".join(dprk_syllables(word))]
    return list(dict.fromkeys(k for k in (_plain(f) for f in forms) if k))


def hangul_keys(text: str | None) -> dict[str, str]:
    """Every key of every Hangul word in ``text``, mapped to the word it spells."""
    out: dict[str, str] = {}
    for word in HANGUL_WORD.findall(text or ""):
        for key in hangul_word_keys(word):
            out.setdefault(key, word)
    return out


def record_search_keys(props: Mapping) -> list[str]:
    """The search keys of a non-person record's public properties (sorted, at most
    ``MAX_KEYS``): the romanised Hangul words of its Korean name or title, and the
    compact form of its Latin name if it has more than one word."""
    keys: set[str] = set()
    for name in HANGUL_FIELDS:
        keys.update(hangul_keys(props.get(name)))
    for name in LATIN_FIELDS:
        value = props.get(name)
        if isinstance(value, str) and value.isascii():
            words = [w for w in _NON_LATIN.split(value.lower()) if w]
            if len(words) > 1:
                keys.add("".join(words))
    return sorted(keys)[:MAX_KEYS]
