"""Controlled vocabularies, in English and Korean: the accessors.

The vocabularies themselves are data, with the rest of the model's one definition
(graph/model/vocabularies.yml). Everything that names a category, a kind or a status
reads it through here: the models validate against these keys, the loaders check
records against them, the API and the pages label facets with them. The FOOTPRINTS
lists are the starting point (victim categories, perpetrator bodies, forums).

Each vocabulary maps a stable key (stored in the graph) to its labels.
"""

from __future__ import annotations

from graph.model import MODEL

Labels = dict[str, str]

#: Every vocabulary by the name the API and loaders use for it (graph/model/vocabularies.yml):
#: key -> {"en": ..., "ko": ...}, in the declared order.
VOCABULARIES = MODEL.vocabularies
#: The roles of a person (sub-labels of Person), in their order.
PERSON_ROLES = tuple(VOCABULARIES["role"])


def label(vocabulary: str, key: str, lang: str = "en") -> str:
    """The label of ``key`` in ``vocabulary`` for ``lang`` (falls back to English, then the key)."""
    entry = VOCABULARIES[vocabulary].get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["en"]


def choices(vocabulary: str) -> tuple[str, ...]:
    """The allowed keys of a vocabulary, in their declared order."""
    return tuple(VOCABULARIES[vocabulary])


def age_group(age: int | None) -> str:
    """The age-group key for an age in years at the time of the event."""
    if age is None or age < 0:
        return "unknown"
    if age < 18:
        return "child"
    if age < 30:
        return "young_adult"
    if age < 60:
        return "adult"
    return "elderly"
