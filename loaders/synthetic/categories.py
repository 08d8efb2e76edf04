"""The eight victim categories: how many of each, and how each is documented.

Weights (victims per category, from FOOTPRINTS' description citing the UN
Commission of Inquiry, 2014; the generator keeps these proportions at any
scale, with at least one victim of every category once a run has eight):

=======================  ========  ======  ==========================================
category                  weight    share   basis
=======================  ========  ======  ==========================================
war_abductee               90,000   23.9%  80,000-100,000 Korean War civilian abductees
war_pow                    50,000   13.3%  at least 50,000 unrepatriated ROK POWs
postwar_abductee            3,835    1.0%  3,835 abducted (3,319 returned, 516 remain)
japan_returnee             93,340   24.7%  93,340 "returnees" (6,730 Japanese nationals)
japanese_abductee             100   0.03%  17 recognised by Japan, ~100 probable (COI)
foreign_abductee               19  0.005%  a handful each from Lebanon, France, Italy, ...
internal_disappearance     80,000   21.2%  unknown; a large class (political prisoners)
forced_repatriation        60,000   15.9%  unknown; a large class (escapees from China)
=======================  ========  ======  ==========================================

The two classes whose size nobody knows get weights that make them large,
comparable to the historical classes, without drowning them, so that charts
show every kind of case the database holds.

Each profile also says who documents the category (owner organisations and
the kinds of source they hold), how often relatives and witnesses are on
record and how many of them live inside the DPRK, and how often a case has
reached a UN working group or a court. Every forum occurs even at demo scale,
the courts rarely: US suits come from families in the United States (an
abduction from China, like Rev. Kim Dong-shik's, or a detained escapee);
Chinese court cases are escapees tried for border crossing before repatriation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from loaders.synthetic.abroad import (
    foreign_abductee,
    japan_returnee,
    japanese_abductee,
    postwar_abductee,
)
from loaders.synthetic.cases import Case
from loaders.synthetic.context import Context, Weighted
from loaders.synthetic.dprk import forced_repatriation, internal_disappearance
from loaders.synthetic.war import war_abductee, war_pow

WEIGHTS: dict[str, float] = {
    "war_abductee": 90_000,
    "war_pow": 50_000,
    "postwar_abductee": 3_835,
    "japan_returnee": 93_340,
    "japanese_abductee": 100,
    "foreign_abductee": 19,
    "internal_disappearance": 80_000,
    "forced_repatriation": 60_000,
}


@dataclass(frozen=True)
class Profile:
    """How one category is generated and documented."""

    key: str
    scenario: Callable[[Context], Case]
    owners: Weighted  # owning organisation uids
    source_kinds: Weighted
    relatives: float  # share of victims with relatives on record
    relatives_in_dprk: float  # share of those relatives living inside the DPRK
    relations: Weighted
    witnesses: float  # chance that a victim's first event has a witness on record
    witnesses_in_dprk: float
    forums: dict[str, float]  # chance of a proceeding in each forum (WGAD: if detained)


def _w(**weights: float) -> Weighted:
    return Weighted(weights)


def _orgs(**weights: float) -> Weighted:
    return Weighted({f"org-{key[1:]}": weight for key, weight in weights.items()})


PROFILES: dict[str, Profile] = {
    "war_abductee": Profile(
        "war_abductee", war_abductee, _orgs(o001=60, o002=10, o004=20, o003=10),
        _w(official_document=35, testimony=30, letter=10, photo=15, news_article=5, video=5),
        0.35, 0.02, _w(child=40, grandchild=20, sibling=20, spouse=10, other=10),
        0.05, 0.0, {"un_wgeid": 0.12, "court_kr": 0.01}),
    "war_pow": Profile(
        "war_pow", war_pow, _orgs(o001=30, o002=30, o003=20, o004=20),
        _w(testimony=45, official_document=35, photo=10, news_article=5, letter=5),
        0.30, 0.20, _w(child=40, sibling=25, grandchild=15, spouse=10, other=10),
        0.05, 0.3, {"un_wgeid": 0.06, "court_kr": 0.015}),
    "postwar_abductee": Profile(
        "postwar_abductee", postwar_abductee, _orgs(o001=50, o002=20, o004=20, o003=10),
        _w(official_document=35, news_article=25, testimony=25, photo=10, letter=5),
        0.55, 0.03, _w(spouse=25, child=35, sibling=25, parent=10, other=5),
        0.05, 0.2, {"un_wgeid": 0.20, "un_wgad": 0.5, "court_kr": 0.02,
                    "court_us": 0.01}),
    "japan_returnee": Profile(
        "japan_returnee", japan_returnee, _orgs(o005=60, o003=20, o002=10, o004=10),
        _w(letter=35, testimony=30, photo=20, official_document=10, news_article=5),
        0.25, 0.45, _w(sibling=35, child=25, parent=10, spouse=10, grandchild=10, other=10),
        0.05, 0.3, {"un_wgeid": 0.06, "court_jp": 0.01}),
    "japanese_abductee": Profile(
        "japanese_abductee", japanese_abductee, _orgs(o005=50, o004=30, o002=20),
        _w(news_article=35, official_document=30, testimony=20, photo=15),
        0.90, 0.05, _w(parent=40, sibling=45, child=10, other=5),
        0.10, 0.2, {"un_wgeid": 0.35, "court_jp": 0.05}),
    "foreign_abductee": Profile(
        "foreign_abductee", foreign_abductee, _orgs(o004=60, o002=40),
        _w(news_article=40, official_document=30, testimony=20, photo=10),
        0.70, 0.0, _w(sibling=50, parent=30, child=10, other=10),
        0.10, 0.0, {"un_wgeid": 0.30, "court_us": 0.03}),
    "internal_disappearance": Profile(
        "internal_disappearance", internal_disappearance, _orgs(o002=60, o003=25, o004=15),
        _w(testimony=65, letter=5, official_document=5, news_article=10, video=5, photo=10),
        0.30, 0.55, _w(spouse=20, child=25, sibling=25, parent=20, other=10),
        0.12, 0.3, {"un_wgeid": 0.08, "un_wgad": 0.15}),
    "forced_repatriation": Profile(
        "forced_repatriation", forced_repatriation, _orgs(o002=50, o003=40, o004=10),
        _w(testimony=60, news_article=15, video=10, photo=10, official_document=5),
        0.30, 0.60, _w(child=30, parent=20, sibling=30, spouse=15, other=5),
        0.15, 0.3, {"un_wgeid": 0.05, "un_wgad": 0.2, "court_cn": 0.006,
                    "court_us": 0.006}),
}


def quotas(victims: int) -> dict[str, int]:
    """Victims per category for a run of ``victims``: proportional by largest remainder,
    at least one of each category once there are as many victims as categories."""
    total = sum(WEIGHTS.values())
    exact = {key: victims * weight / total for key, weight in WEIGHTS.items()}
    counts = {key: int(value) for key, value in exact.items()}
    if victims >= len(WEIGHTS):
        for key in counts:
            counts[key] = max(counts[key], 1)
    remainder = victims - sum(counts.values())
    by_fraction = sorted(WEIGHTS, key=lambda key: (exact[key] - int(exact[key]), key),
                         reverse=True)
    index = 0
    while remainder > 0:
        counts[by_fraction[index % len(by_fraction)]] += 1
        remainder -= 1
        index += 1
    while remainder < 0:  # minimums pushed us over: take from the largest categories
        largest = max(counts, key=lambda key: (counts[key], key))
        counts[largest] -= 1
        remainder += 1
    return counts


def schedule(victims: int):
    """Categories in generation order: interleaved (smooth weighted round robin) so
    that any stretch of the output has the overall mix, with exact totals."""
    counts = quotas(victims)
    keys = [key for key in WEIGHTS if counts[key] > 0]
    current = dict.fromkeys(keys, 0)
    for _ in range(victims):
        for key in keys:
            current[key] += counts[key]
        chosen = max(keys, key=lambda key: current[key])
        current[chosen] -= victims
        yield chosen
