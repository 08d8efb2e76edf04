"""Why a record matched a search: which of its names, spellings, references or titles
matched what the visitor typed, and which part of it, for highlighting.

The full-text index says only *that* a record matched (and how well); a visitor who
typed "Kim Jong-ho" and got "Kim Chong-ho" wants to see that a spelling of the name
matched. :func:`explain` reads the query the way :mod:`service.public.lucene` builds
it (every word must match: a Latin word as itself or a prefix of a word, a Hangul word
anywhere in a Hangul run; or all Latin words squeezed into one compact word) and finds,
among the fields the caller passes in order of preference, the one that accounts for
the most of the query, with the matching spans. A Latin word that matches none of them
may match a romanised spelling of a Hangul word (graph/search_keys.py): that Hangul
word is highlighted and the spelling given as ``via``.

It reads only what it is given (public properties already shown on a profile), so it
cannot say more than the record itself; pure, no store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from graph.search_keys import hangul_keys
from service.public.lucene import HANGUL, words

#: Fields that may explain a match, in order of preference (the name in the page's language
#: is put first by :func:`candidate_fields`).
NAME_FIELDS = ("name_en", "name_ko", "name_variants", "reference", "title", "title_en",
               "title_ko", "summary_en", "summary_ko")
#: Long texts are cut to a window around the first highlight.
BEFORE, AFTER = 40, 80
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_LETTER = re.compile(r"[0-9a-z]")


def candidate_fields(props: Mapping, lang: str = "en") -> list[tuple[str, str]]:
    """The ``(field, text)`` pairs of a record's public properties that may explain a match:
    its name in ``lang`` first, then the other fields of ``NAME_FIELDS`` (each spelling of
    ``name_variants`` on its own)."""
    order = list(NAME_FIELDS)
    if lang == "ko":
        order.remove("name_ko")
        order.insert(0, "name_ko")
    out: list[tuple[str, str]] = []
    for name in order:
        value = props.get(name)
        for text in value if isinstance(value, list | tuple) else [value]:
            if isinstance(text, str) and text.strip():
                out.append((name, text))
    return out


def _word_spans(word: str, text: str) -> list[tuple[int, int]]:
    """Where one query word matches ``text``: a Hangul word anywhere in it; a Latin word at
    the start of one of its words (as itself or as a prefix), ignoring case."""
    lower = text.lower()
    if HANGUL.match(word):
        return [(m.start(), m.start() + len(word)) for m in re.finditer(re.escape(word), lower)]
    return [(m.start(), m.start() + len(word)) for m in _TOKEN.finditer(lower)
            if m.group().startswith(word)]


def _compact_span(compact: str, text: str) -> tuple[int, int] | None:
    """Where ``compact`` (Latin words squeezed into one) matches ``text`` read without spaces,
    hyphens or apostrophes, starting at one of its words (``kimchulho`` in ``Kim Chul-ho``)."""
    lower = text.lower()
    letters = [(i, c) for i, c in enumerate(lower) if _LETTER.match(c)]
    squeezed = "".join(c for _, c in letters)
    starts = {m.start() for m in _TOKEN.finditer(lower)}
    at = squeezed.find(compact)
    while at >= 0:
        if letters[at][0] in starts:
            return letters[at][0], letters[at + len(compact) - 1][0] + 1
        at = squeezed.find(compact, at + 1)
    return None


def _romanised_spans(word: str, text: str) -> tuple[list[tuple[int, int]], str | None]:
    """Where a Latin ``word`` is the start of a romanised spelling of a Hangul word of
    ``text``: the spans of that Hangul word, and the spelling."""
    for key, hangul in hangul_keys(text).items():
        if key.startswith(word):
            return [(m.start(), m.end()) for m in re.finditer(re.escape(hangul), text)], key
    return [], None


def parts(text: str, spans: Iterable[tuple[int, int]]) -> list[dict]:
    """``text`` cut into ``[{"text", "mark"}]`` runs, ``mark`` true inside any span; a long
    text is cut to a window around the first marked run (``…`` where it was cut)."""
    mask = [False] * len(text)
    for start, end in spans:
        for i in range(max(start, 0), min(end, len(text))):
            mask[i] = True
    lo, hi = 0, len(text)
    if True in mask and len(text) > BEFORE + AFTER:
        first = mask.index(True)
        lo, hi = max(0, first - BEFORE), min(len(text), first + AFTER)
    out: list[dict] = []
    for i in range(lo, hi):
        if out and out[-1]["mark"] == mask[i]:
            out[-1]["text"] += text[i]
        else:
            out.append({"text": text[i], "mark": mask[i]})
    if lo > 0:
        out.insert(0, {"text": "…", "mark": False})
    if hi < len(text):
        out.append({"text": "…", "mark": False})
    return out


def explain(query: str | None, fields: Iterable[tuple[str, str]]) -> dict | None:
    """Why a record with these ``(field, text)`` pairs matched ``query``.

    Returns ``{"field", "text", "parts", "via"}`` for the field that matches the most words
    of the query (the first such field on a tie): ``parts`` are the runs of ``text`` with
    the matching ones marked (see :func:`parts`); ``via`` is the romanised spelling of a
    Hangul word that matched, else None. None when nothing in ``fields`` matches.
    """
    typed = words(query)
    if not typed:
        return None
    latin = [w for w in typed if not HANGUL.match(w)]
    compact = "".join(re.sub(r"['’]", "", w) for w in latin)
    best, best_score = None, (0, 0)
    for field, text in fields:
        spans: list[tuple[int, int]] = []
        via = None
        score = direct = 0
        for word in typed:
            found = _word_spans(word, text)
            direct += bool(found)
            if not found and not HANGUL.match(word):
                found, key = _romanised_spans(word, text)
                via = via or key
            if found:
                score += 1
                spans += found
        if direct < len(typed) and latin:
            span = _compact_span(compact, text)
            if span:
                hangul = [_word_spans(w, text) for w in typed if HANGUL.match(w)]
                spans, via = [span, *(s for found in hangul for s in found)], None
                score = direct = len(latin) + sum(1 for found in hangul if found)
        # The most words; on a tie, the most matched as typed rather than through a
        # romanised spelling; on a tie again, the earlier field.
        if (score, direct) > best_score:
            best, best_score = {"field": field, "text": text, "parts": parts(text, spans),
                                "via": via}, (score, direct)
            if direct == len(typed):
                break
    return best
