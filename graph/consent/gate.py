"""The free-text gate: one check over every string that reaches the public graph.

Why: protecting text field by field, by hand, fails on the next field someone
adds, and real records name people everywhere (titles, summaries, captions,
document text, OCR). So publication hands every string property of every node
and relationship it is about to write to this module, which finds the names,
name variants, romanisations and uids of every person who is not public, all
of them, not only those linked to the record.

Matching (one Aho-Corasick automaton per script, over the names of every
person of the vault; which of them are public is looked up when a text is
checked, so the automaton only changes when names do):

- Latin script and uids: case-, accent-, spacing- and punctuation-insensitive,
  on whole words. ``Kim Chŏng-il``, ``KIM CHONG IL`` and ``kim chongil`` all
  fold to ``kimchongil``; a match must start and end at word boundaries, so
  ``p-1001`` does not match inside ``p-10010``.
- Hangul and other scripts: exact substrings, since Korean particles attach to
  names (``김철호씨``, ``김철호의``).
- A Korean name in Hangul also brings its common romanisations
  (``loaders.romanize``): a text may spell a name in a way no editor typed.

The homonym rule. A term that is the name of a hidden person *and* of a
public person is withheld when the record is linked (any relationship in the
vault) to a hidden bearer, or to no public bearer: the text may be about the
hidden person, and private is the default. It passes when the record is a
public bearer, or is linked to one and to no hidden bearer. A public
person's own name fields are that person's names and are not checked against
other people's names (a homonym is another person); a uid is never a homonym.

A field that names a hidden person is withheld: a list loses the items that
name one; a field that shows what a record is (a title, a name) is replaced
by a marker; any other field is left out. Each withheld field is a
:class:`Finding`, which publication keeps on the editors' review list.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import ahocorasick

#: Shown instead of a field that must be there for the record to make sense.
WITHHELD = "[withheld]"
WITHHELD_KO = "[비공개]"
#: Fields replaced by the marker rather than left out.
MARKED_FIELDS = frozenset({"title", "name_en", "name_ko", "reference"})
#: A person's own names: not checked against other people's names (see the homonym rule).
OWN_NAME_FIELDS = frozenset({"name_en", "name_ko", "name_variants", "search_keys"})
#: Identifiers, not text: a record's uid and the uids of the sources it cites.
IDENTIFIER_FIELDS = frozenset({"uid", "sources", "cleared_sources"})
#: Shortest folded Latin name matched (shorter ones are parts of too many words);
#: uids, which hold digits, may be shorter.
MIN_FOLDED, MIN_FOLDED_ID, MIN_EXACT = 4, 3, 2
#: Relationship types that do not say a record is about a person.
NOT_ABOUT = ("GAVE", "JUDGED")

_LATIN_WORD = re.compile(r"[0-9a-z\u00df-\u024f]+")
#: Hyphens and apostrophes inside a word join it (``Sang-soo``, ``Ch'ŏl``, ``p-1001``):
#: ``Kim Sang`` is not named by ``Kim Sang-soo``.
_POSSESSIVE = re.compile(r"(?<=[0-9a-z\u00df-\u024f])['\u2019\u02bc]s\b")
_JOINER = re.compile(r"(?<=[0-9a-z\u00df-\u024f])[-\u2010\u2011'\u2019\u02bc`](?=[0-9a-z\u00df-\u024f])")
_OTHER_SCRIPT = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f]")
_HANGUL_NAME = re.compile(r"^[\uac00-\ud7a3]{2,5}$")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> tuple[str, set[int], set[int]]:
    """The Latin words of ``text`` lower-cased, accents dropped and run together, with
    the offsets (in the folded string) where words start and end. Hangul and other
    scripts separate words here; they are matched exactly instead."""
    if not text.isascii():
        text = _strip_marks(text)
    text = _JOINER.sub("", _POSSESSIVE.sub("", text.casefold()))
    parts, starts, ends, at = [], set(), set(), 0
    for match in _LATIN_WORD.finditer(text):
        word = match.group()
        starts.add(at)
        parts.append(word)
        at += len(word)
        ends.add(at)
    return "".join(parts), starts, ends


_NOT_LATIN = re.compile(r"[^0-9a-z\u00df-\u024f]+")


def folded_key(name: str) -> str:
    """``fold(name)[0]`` without the word offsets (the form of a term)."""
    if not name.isascii():
        name = _strip_marks(name)
    return _NOT_LATIN.sub("", name.casefold())


def _exact(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def romanisations(name_ko: str | None) -> list[str]:
    """The common romanised spellings of a Korean name written in Hangul (none for other
    names: a Japanese name in Hangul transcription is not romanised as Korean)."""
    if not name_ko or not _HANGUL_NAME.match(name_ko.strip()):
        return []
    from loaders.romanize import name_variants, split_name

    surname, given = split_name(name_ko.strip())
    return name_variants(surname, given) if given else []


@lru_cache(maxsize=1 << 18)
def _romanised_keys(name_ko: str) -> frozenset[str]:
    return frozenset(k for k in map(folded_key, romanisations(name_ko)) if len(k) >= MIN_FOLDED)


@dataclass(frozen=True)
class Terms:
    """What identifies one person in text: folded Latin keys and exact strings."""

    uid: str
    folded: frozenset[str]
    exact: frozenset[str]

    def all(self) -> frozenset[str]:
        return self.folded | self.exact


def terms_of(person: Mapping) -> Terms:
    """The match terms of a person row (``uid``, ``name_en``, ``name_ko``, ``name_variants``)."""
    folded: set[str] = set()
    exact: set[str] = set()
    names = [person.get("name_en"), person.get("name_ko"), *(person.get("name_variants") or [])]
    name_ko = person.get("name_ko")
    if isinstance(name_ko, str):
        folded |= _romanised_keys(name_ko)
    for name in names:
        if not name or not isinstance(name, str):
            continue
        if _OTHER_SCRIPT.search(name):
            value = _exact(name.strip())
            if len(value) >= MIN_EXACT:
                exact.add(value)
        else:
            key = folded_key(name)
            if len(key) >= MIN_FOLDED:
                folded.add(key)
    uid_key = folded_key(person["uid"])
    if len(uid_key) >= MIN_FOLDED_ID:
        folded.add(uid_key)
    return Terms(person["uid"], frozenset(folded), frozenset(exact))


@dataclass(frozen=True)
class Match:
    term: str
    persons: tuple[str, ...]


class NameIndex:
    """Every person's terms in two automata (folded Latin, exact other scripts); each term
    leads to the persons who bear it. Built from person rows; public or not does not
    matter here (it is looked up when text is checked)."""

    def __init__(self, people: Iterable[Mapping]):
        folded: dict[str, set[str]] = defaultdict(set)
        exact: dict[str, set[str]] = defaultdict(set)
        self.uid_terms: set[str] = set()
        count = 0
        for person in people:
            terms = terms_of(person)
            count += 1
            for term in terms.folded:
                folded[term].add(terms.uid)
            for term in terms.exact:
                exact[term].add(terms.uid)
            self.uid_terms.add(folded_key(terms.uid))
        self.people = count
        self._folded = _automaton(folded)
        self._exact = _automaton(exact)
        self.terms = len(folded) + len(exact)
        # Short strings repeat (vocabulary values, years, common names): asked once each.
        self._find_short = lru_cache(maxsize=1 << 16)(self._find)

    def find(self, text: str) -> tuple[Match, ...]:
        """Every term of ``text`` (whole Latin words, exact other scripts), once each. A
        match inside a longer one is not counted: ``Kim Sang Soo`` names Kim Sang-soo,
        not Kim Sang, and ``김철호`` names 김철호, not 김철."""
        return self._find_short(text) if len(text) <= 40 else self._find(text)

    def _find(self, text: str) -> tuple[Match, ...]:
        spans: list[tuple[int, int, str, tuple[str, ...]]] = []
        if self._folded is not None:
            folded, starts, ends = fold(text)
            if folded:
                for end, (term, persons) in self._folded.iter(folded):
                    if end + 1 in ends and end + 1 - len(term) in starts:
                        spans.append((end + 1 - len(term), end + 1, term, persons))
        found = _outermost(spans)
        if self._exact is not None and not text.isascii():
            spans = [(end + 1 - len(term), end + 1, term, persons)
                     for end, (term, persons) in self._exact.iter(_exact(text))]
            for term, persons in _outermost(spans).items():
                found.setdefault(term, persons)
        return tuple(Match(term, persons) for term, persons in found.items())

    def is_uid(self, term: str) -> bool:
        return term in self.uid_terms


def _outermost(spans: list[tuple[int, int, str, tuple[str, ...]]]) -> dict[str, tuple[str, ...]]:
    """The terms of the spans that no longer span contains."""
    out: dict[str, tuple[str, ...]] = {}
    for start, end, term, persons in spans:
        if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _, _ in spans):
            out[term] = persons
    return out


def _automaton(terms: Mapping[str, set[str]]):
    if not terms:
        return None
    auto = ahocorasick.Automaton()
    for term, persons in terms.items():
        auto.add_word(term, (term, tuple(sorted(persons))))
    auto.make_automaton()
    return auto


# -- checking records -----------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    """A field withheld because it names people who are not public."""

    record: str
    field: str
    persons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return f"{self.field} names a non-public person: {', '.join(self.persons)}"


@dataclass
class Record:
    """A record about to be published: a node (``uid``) or a relationship (``ends``)."""

    key: str
    props: dict
    person_names: bool = False  # a Person: its own name fields are its own
    ends: tuple[str, ...] = ()  # a relationship's two ends
    about: str | None = None  # the node whose review list the record's findings go to


@dataclass
class _Hit:
    record: Record
    field: str
    item: int | None
    match: Match


@dataclass
class GateResult:
    findings: list[Finding] = field(default_factory=list)
    checked_fields: int = 0


def text_fields(props: Mapping) -> Iterator[tuple[str, int | None, str]]:
    """Every string of a record: ``(field, item index or None, text)``; identifiers left out."""
    for name, value in props.items():
        if name in IDENTIFIER_FIELDS:
            continue
        if isinstance(value, str):
            yield name, None, value
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    yield name, index, item


def check(records: list[Record], index: NameIndex, public_of, linked_of) -> GateResult:
    """Withhold, in place, every field of ``records`` that names a person who is not public.

    ``public_of(uids)`` answers which of the given persons are public now;
    ``linked_of(pairs)`` answers, for ``(record key, person uids)`` pairs, the persons each
    record is linked to in the vault (the homonym rule). Both are called once, with
    everything the texts matched, so a publication costs two lookups however large.
    """
    result = GateResult()
    hits: list[_Hit] = []
    for record in records:
        for name, item, text in text_fields(record.props):
            result.checked_fields += 1
            for match in index.find(text):
                if record.person_names and name in OWN_NAME_FIELDS and not index.is_uid(match.term):
                    continue
                hits.append(_Hit(record, name, item, match))
    if not hits:
        return result
    named = {p for hit in hits for p in hit.match.persons}
    public = set(public_of(sorted(named)))
    questions: dict[str, set[str]] = defaultdict(set)
    for hit in hits:
        hidden = [p for p in hit.match.persons if p not in public]
        if hidden and (len(hidden) > 1 or len(hidden) < len(hit.match.persons)) \
                and not hit.record.ends:
            questions[hit.record.key] |= set(hit.match.persons)
    links = linked_of({k: sorted(v) for k, v in questions.items()}) if questions else {}
    withheld: dict[tuple[str, str], set[str]] = defaultdict(set)
    items: dict[tuple[str, str], set[int]] = defaultdict(set)
    owner: dict[str, Record] = {}
    for hit in hits:
        hidden = _hidden_named(hit, public, links)
        if not hidden:
            continue
        key = (hit.record.key, hit.field)
        withheld[key] |= hidden
        owner[hit.record.key] = hit.record
        if hit.item is not None:
            items[key].add(hit.item)
    for (key, name), persons in withheld.items():
        record = owner[key]
        _withhold(record.props, name, items.get((key, name)))
        result.findings.append(Finding(record.about or key, _field_name(record, name),
                                       tuple(sorted(persons))))
    return result


def _hidden_named(hit: _Hit, public: set[str], links: Mapping[str, set[str]]) -> set[str]:
    """The hidden persons this hit names, after the homonym rule (empty: it passes)."""
    persons = set(hit.match.persons)
    hidden = {p for p in persons if p not in public}
    if not hidden:
        return hidden
    record = hit.record
    about = set(record.ends) if record.ends else set(links.get(record.key, ())) | {record.key}
    if about & hidden:
        return hidden & about  # about a hidden bearer: name only those it is linked to
    if about & (persons - hidden):
        return set()  # about a public bearer of the same name, and no hidden one
    return hidden


def _field_name(record: Record, name: str) -> str:
    return f"{record.key.split('|')[1]}.{name}" if record.ends else name


def _withhold(props: dict, name: str, items: set[int] | None) -> None:
    value = props.get(name)
    if isinstance(value, list | tuple) and items:
        kept = [v for i, v in enumerate(value) if i not in items]
        if kept:
            props[name] = kept
        else:
            props.pop(name, None)
    elif name in MARKED_FIELDS:
        props[name] = WITHHELD_KO if name.endswith("_ko") else WITHHELD
    else:
        props.pop(name, None)


def search_text(records: Iterable[Record]) -> str:
    """What the vault keeps of a published node's text (its own and its relationships') to
    find it again by a name (``PublicText``): the exact text and its folded form."""
    texts = [_exact(text) for record in records for name, _, text in text_fields(record.props)
             if not (record.person_names and name in OWN_NAME_FIELDS)]
    if not texts:
        return ""
    exact = "\n".join(texts)
    return exact + "\n" + "\n".join(folded_key(t) for t in texts)
