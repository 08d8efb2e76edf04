"""Turn what a visitor types into a safe Lucene query for the full-text indexes.

The indexes (graph/schema.py) use the ``cjk`` analyzer: Hangul is indexed as
overlapping syllable bigrams, Latin text as lower-cased words, and persons also
carry compact romanised keys (``kimchulho``, ``chulho``). So:

* the input is split into words (letters, digits, inner apostrophes); every
  other character is dropped, so nothing a visitor types can become query
  syntax (quotes, brackets, ``*``, ``~``, ``:`` and the rest) and the boolean
  operators are lower-cased into plain words;
* a Hangul word of two or more syllables is a quoted phrase (its bigrams in
  order: a whole name or any part of it); a single syllable is a prefix
  (``김*``: a surname finds every name that starts with it);
* a Latin word matches itself or as a prefix (``chul`` finds ``Chul-ho``);
* every word must match, but for the English stop words the analyzer leaves out of
  the index (``of``, ``and``, ``the``...: "Ministry of State Security" has no word
  ``of`` to match), unless the input has nothing else;
* and the whole input squeezed into one compact word
  (``Kim Chulho`` -> ``kimchulho``) is an alternative, so spellings with and
  without spaces or hyphens meet.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
HANGUL = re.compile(r"^[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+$")
#: Characters with a meaning in Lucene's query syntax (kept out by WORD; escaped anyway).
SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
MAX_WORDS = 8
#: The stop words of Lucene's CJK analyzer (its English list): never in the index.
STOP_WORDS = frozenset({
    "a", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "s", "such", "t", "that", "the", "their", "then", "there",
    "these", "they", "this", "to", "was", "will", "with", "www"})
#: Longer words are cut: no name needs more, and a huge wildcard term is slow to expand.
MAX_WORD = 40


def escape(term: str) -> str:
    """Backslash-escape Lucene's special characters."""
    return SPECIAL.sub(r"\\\1", term)


def words(text: str | None) -> list[str]:
    return [w.lower()[:MAX_WORD] for w in WORD.findall(text or "")][:MAX_WORDS]


def to_query(text: str | None, prefix_fields: tuple[str, ...] | None = None) -> str | None:
    """The Lucene query for ``text``, or None when it has no searchable word.

    ``prefix_fields``: the index fields in which a Latin word may match as a prefix (None:
    every field). A word still matches itself in every field. The search over every
    record type (service/public/find.py) keeps persons' compact keys (one or two per
    person: ``kimchulho``) out of prefix matching: ``kim*`` over them would expand to a
    term per Kim, a cost that grows with the graph, for matches the names already give.
    """
    parts = words(text)
    if not parts:
        return None
    clauses = []
    for word in [w for w in parts if w not in STOP_WORDS] or parts:
        if HANGUL.match(word):
            clauses.append(f"{escape(word)}*" if len(word) == 1 else f'"{escape(word)}"')
        else:
            prefix = " OR ".join(f"{f}:{escape(word)}*" for f in prefix_fields) \
                if prefix_fields else f"{escape(word)}*"
            clauses.append(f"({escape(word)} OR {prefix})")
    query = " AND ".join(clauses)
    latin = [w for w in parts if not HANGUL.match(w)]
    if len(latin) > 1:
        compact = escape("".join(re.sub(r"['’]", "", w) for w in latin))
        query = f"({query}) OR {compact}"
    return query
