"""The dashboard's counters and breakdowns, all counted on the public graph.

A full publish counts them in its transaction and stores them on ``PublicMeta``;
an incremental change recounts them once changes have paused after its commit
(graph/recount.py). Until then, or without stored counts, they
are counted live, once per revision (service/public/cache.py).
Only the "held confidentially" figures count anything else, and those were
computed by the publication pipeline with small-cell suppression
(graph/consent/policy.py) and stored on the public graph's ``PublicMeta``
node; a hidden figure arrives here as null (or, for a withheld breakdown, not at
all) and stays so.
"""

from __future__ import annotations

import json

from graph.vocabularies import label as vocab_label
from service.public import shape
from service.public.cache import cached
from service.stores import public_query

#: chart -> vocabulary labelling its keys (None: keys are years or labels).
CHARTS = {
    "victims_by_year": None,
    "victims_by_category": "victim_category",
    "victims_by_sex": "sex",
    "victims_by_age_group": "age_group",
    "victims_by_occupation": "occupation",
    "victims_by_status": "status",
    "victims_by_perpetrator": "perpetrator",
    "perpetrators_by_type": "perpetrator",
    "perpetrators_by_kind": "body_kind",
    "proceedings_by_forum": "forum",
}
TOTALS = {"Victim": "victims", "Official": "officials", "PerpetratorBody": "perpetrators",
          "Location": "locations", "Event": "events", "Proceeding": "proceedings",
          "Instrument": "instruments", "Resource": "resources", "Source": "sources",
          "Organization": "organizations", "synthetic": "synthetic_victims"}


def dashboard(lang: str = "en") -> dict:
    """Every dashboard figure: ``{"totals": {kind: n}, "charts": {chart: [{"key", "label",
    "count"}]}, "held_confidentially": {"total", "by_category": [...], "threshold", "withheld"},
    "generation", "published_at"}``.

    ``victims_by_year`` counts each victim once, in the year of their first event;
    a victim linked to several perpetrators counts once under each.
    """
    charts: dict[str, list[dict]] = {name: [] for name in CHARTS}
    totals = {name: 0 for name in TOTALS.values()}
    meta = public_query("public/match_public_meta")[0]
    for row in _counts(meta["statistics"]):
        if row["chart"] == "totals":
            totals[TOTALS[row["key"]]] = row["n"]
        elif row["chart"] in charts:
            vocabulary = CHARTS[row["chart"]]
            text = vocab_label(vocabulary, row["key"], lang) if vocabulary else row["key"]
            charts[row["chart"]].append({"key": row["key"], "label": text, "count": row["n"]})
    for name, values in charts.items():
        values.sort(key=(lambda v: v["key"]) if name == "victims_by_year"
                    else (lambda v: (-v["count"], v["key"])))
    return {"totals": totals, "charts": charts,
            "held_confidentially": held_confidentially(meta["held_confidentially"], lang),
            "generation": meta["generation"], "published_at": shape.plain(meta["published_at"])}


def _counts(stored: str | None) -> list[dict]:
    """The rows of public/count_statistics: as the last publication stored them, else
    counted now, once per revision of the public graph."""
    if stored:
        return json.loads(stored)
    return cached("count_statistics", lambda: public_query("public/count_statistics"))


def held_confidentially(raw: str | None, lang: str = "en") -> dict:
    """The suppressed counts of victims not published, as the pipeline stored them.
    ``withheld``: something is held but no breakdown by category is published (see
    ``graph.consent.policy.suppress_counts``)."""
    held = json.loads(raw) if raw else {}
    by_category = [{"key": k, "label": vocab_label("victim_category", k, lang), "count": v}
                   for k, v in sorted((held.get("by_category") or {}).items())]
    total = held.get("total")
    return {"total": total, "by_category": by_category, "threshold": held.get("threshold"),
            "withheld": bool(held) and not by_category and total != 0}
