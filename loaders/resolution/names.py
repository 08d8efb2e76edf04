"""Name keys: one comparable form for every spelling of a Korean name.

Why: 김정일 is written "Kim Jong-il" (North Korean style), "Kim Jongil", "Kim Jong Il",
"Gim Jeong-il" (Revised Romanization) and "Kim Chŏng-il" (McCune–Reischauer). Those
spellings differ in predictable ways -- voiced or unvoiced consonants (g/k, d/t, b/p,
j/ch), ㅓ and ㅡ written eo/ŏ/o/u and eu/ŭ/u, aspiration marks, hyphens and spaces --
so :func:`fold` erases exactly those differences, and a Hangul name is romanised
(``loaders.romanize``, RR syllable by syllable) and folded the same way. Surnames are
looked up in the table of conventional spellings (Lee/Yi/Rhee/Ri -> 이, Park/Pak/Bak ->
박), North Korean initial-sound spellings (리, 림, 류, ...) counting as their Southern
forms.

A key is ``<surname>|<folded given name>``; names that are not Korean get an
order-insensitive key (``Hayashi Kazuko`` = ``Kazuko Hayashi``). Folding is deliberately
coarse (정, 종 and 중 share ``jong``): a key only brings records together, and the
scorer (``candidates``) lets the Hangul, birth year, sex and places decide.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from loaders.romanize import (
    CONVENTIONAL_SURNAMES,
    is_hangul_syllable,
    romanize_rr,
    split_name,
    surname_forms,
)

#: North Korean spellings of surnames that keep the initial ㄹ/ㄴ, and their Southern forms.
SOUTHERN_SURNAME = {"리": "이", "림": "임", "로": "노", "류": "유", "라": "나", "량": "양",
                    "렴": "염", "려": "여"}

_NON_LETTERS = re.compile(r"[^a-z]")
_DOUBLES = re.compile(r"(.)\1+")
# An "h" closing a syllable after a vowel is silent in popular spellings (Ahn, Oh, Sohn).
_SILENT_H = re.compile(r"(?<=[aeiou])h(?=[^aeiouyw]|$)")
#: Ordered rewrites; earlier ones protect what later ones would break.
_FOLDS = (
    ("woo", "u"), ("eui", "i"), ("ui", "i"), ("ee", "i"),
    ("tch", "j"), ("ch", "j"), ("sh", "s"), ("kh", "k"), ("th", "t"), ("ph", "p"),
    ("ng", "N"), ("g", "k"), ("d", "t"), ("b", "p"), ("r", "l"), ("c", "k"), ("f", "p"),
    ("wae", "we"), ("oe", "we"), ("ae", "e"),
    ("eo", "o"), ("eu", "o"), ("oo", "o"), ("ou", "o"), ("u", "o"),
    ("N", "ng"),
)


def strip_accents(text: str) -> str:
    """``Chŏng`` -> ``Chong``: decompose and drop combining marks."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """The spelling-insensitive form of romanised Korean: ``Jeong-il``, ``Chŏng-il``,
    ``Jung Il`` and ``Jong-il`` all give ``jongil``."""
    s = _NON_LETTERS.sub("", strip_accents(text.lower()))
    s = _SILENT_H.sub("", s)
    for old, new in _FOLDS:
        s = s.replace(old, new)
    return _DOUBLES.sub(r"\1", s)


def is_hangul(text: str) -> bool:
    letters = [c for c in text if not c.isspace()]
    return bool(letters) and all(is_hangul_syllable(c) for c in letters)


def southern(surname: str) -> str:
    return SOUTHERN_SURNAME.get(surname, surname)


@lru_cache(maxsize=1)
def _surname_table() -> dict[str, frozenset[str]]:
    """Folded spelling -> the Hangul surnames it may stand for."""
    table: dict[str, set[str]] = {}
    for hangul in CONVENTIONAL_SURNAMES:
        for spelling in (*CONVENTIONAL_SURNAMES[hangul], *surname_forms(hangul)):
            table.setdefault(fold(spelling), set()).add(southern(hangul))
    return {k: frozenset(v) for k, v in table.items()}


def surnames_of(token: str) -> frozenset[str]:
    """The Hangul surnames a romanised surname may be (empty if it is not a known one)."""
    return _surname_table().get(fold(token), frozenset())


@dataclass(frozen=True)
class NameForm:
    """One name reduced to what matching needs."""

    surnames: frozenset[str]  # Hangul surnames (Southern forms), or {"~<folded>"} if unknown
    given: str                # folded given name
    hangul: str | None = None  # the whole name in Hangul, surname in its Southern form

    def keys(self) -> set[str]:
        return {f"{s}|{self.given}" for s in self.surnames}


@lru_cache(maxsize=1 << 18)
def hangul_form(name: str) -> NameForm | None:
    """A Hangul name: surname (Southern form) and the RR syllables of the given name, folded."""
    if not is_hangul(name):
        return None
    surname, given = split_name(name)
    if not given:
        return None
    roman = romanize_rr(f"{surname} {given}", person=True)
    roman_given = roman.split(" ", 1)[1] if " " in roman else roman
    canon = southern(surname)
    return NameForm(frozenset({canon}), fold(roman_given), canon + given.replace(" ", ""))


@lru_cache(maxsize=1 << 18)
def latin_forms(name: str) -> tuple[NameForm, ...]:
    """A romanised name: Korean order (surname first) if the first word is a known
    surname, else Western order if the last word is; always also an order-insensitive
    form, so ``Hayashi Kazuko`` meets ``Kazuko Hayashi``."""
    words = [w for w in re.split(r"[\s,]+", strip_accents(name).strip()) if fold(w)]
    if not words:
        return ()
    out: list[NameForm] = []
    if len(words) > 1:
        first, last = surnames_of(words[0]), surnames_of(words[-1])
        if first:
            out.append(NameForm(first, fold("".join(words[1:]))))
        elif last:
            out.append(NameForm(last, fold("".join(words[:-1]))))
    tokens = sorted(fold(w) for w in words)
    out.append(NameForm(frozenset({"~"}), " ".join(tokens)))
    return tuple(out)


@lru_cache(maxsize=1 << 18)
def _name_forms(name: str) -> tuple[NameForm, ...]:
    form = hangul_form(name.strip())
    if form is not None:
        return (form,)
    if strip_accents(name).isascii():
        return latin_forms(name)
    compact = "".join(unicodedata.normalize("NFKC", name).split())
    return (NameForm(frozenset({"="}), compact),)


def name_forms(name: str | None) -> tuple[NameForm, ...]:
    """Every form of one written name (Hangul, Latin, or any other script verbatim)."""
    if not name or not name.strip():
        return ()
    return _name_forms(name)


def name_keys(*names: str | None) -> set[str]:
    """The blocking keys of a person's names: records that share one may be the same person."""
    keys: set[str] = set()
    for name in names:
        for form in name_forms(name):
            keys |= form.keys()
    return keys
