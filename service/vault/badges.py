"""The visibility badge of a vault record: what a reader of the workspace is told about who
may read it now, in one word.

The consent policy (``graph.consent.policy``) labels each record Public, Restricted or
Confidential; a reader needs a little more than the label to know what to do with a
record, so the badge also tells the states that explain a label:

- **At risk**: a person inside the DPRK or marked at risk. Never published (rule 4),
  whatever else is true, so it comes first: a reader must not miss it.
- **Public**: on the public site now.
- **Withdrawn**: consent to publication was given and withdrawn, and none is active
  (rule 6): the record left, or will never reach, the public site.
- **Pending review**: waiting for an editor's approval -- a person only when they have an
  active consent to publication (otherwise approval would not make them public).
- **Restricted** / **Confidential**: the policy's label; a record without a label yet is
  Confidential (private by default).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graph import queries
from graph.connections import Stores
from graph.consent.policy import CONFIDENTIAL, LABELS, PUBLIC, RESTRICTED

AT_RISK, WITHDRAWN, PENDING = "at_risk", "withdrawn", "pending_review"
#: Every badge, in the order facets and legends list them.
STATES = ("public", "restricted", "confidential", AT_RISK, WITHDRAWN, PENDING)
_OF_LABEL = {PUBLIC: "public", RESTRICTED: "restricted", CONFIDENTIAL: "confidential"}


@dataclass(frozen=True)
class BadgeFacts:
    """What the badge rests on: the record's labels (its consent label among them), its
    review, its at-risk marks, and one flag per consent to publication it gave (True while
    the consent is active)."""

    labels: tuple[str, ...]
    review_status: str | None = None
    at_risk: bool = False
    in_dprk: bool = False
    publication_consents: tuple[bool, ...] = ()

    @classmethod
    def from_row(cls, row: dict) -> BadgeFacts:
        props = row.get("props") or row
        return cls(tuple(row["labels"]), props.get("review_status"), bool(props.get("at_risk")),
                   bool(props.get("in_dprk")), tuple(row.get("publication_consents") or ()))


def visibility_state(facts: BadgeFacts) -> str:
    """The badge of a record: one of ``STATES`` (see the module's docstring for the order)."""
    label = next((lbl for lbl in facts.labels if lbl in LABELS), CONFIDENTIAL)
    if facts.at_risk or facts.in_dprk:
        return AT_RISK
    if label == PUBLIC:
        return "public"
    consents = facts.publication_consents
    if consents and not any(consents):
        return WITHDRAWN
    if facts.review_status == "pending" and ("Person" not in facts.labels or any(consents)):
        return PENDING
    return _OF_LABEL[label]


def labels_and_states(stores: Stores, uids: Iterable[str]) -> dict[str, tuple[list[str], str]]:
    """The labels and the badge of each existing record of ``uids`` (callers pass uids the
    user may see)."""
    wanted: Sequence[str] = sorted({u for u in uids if u})
    if not wanted:
        return {}
    rows = queries.run(stores.vault, "vault/match_badge_facts", database=stores.database("vault"),
                       uids=list(wanted))
    return {r["uid"]: (r["labels"], visibility_state(BadgeFacts.from_row(r))) for r in rows}


def states_of(stores: Stores, uids: Iterable[str]) -> dict[str, str]:
    """The badge of each existing record of ``uids``."""
    return {uid: state for uid, (_, state) in labels_and_states(stores, uids).items()}


#: Each badge's name (English; pages translate it), by state.
NAMES = {"public": "Public", "restricted": "Restricted", "confidential": "Confidential",
         AT_RISK: "At risk", WITHDRAWN: "Withdrawn", PENDING: "Pending review"}
PUBLIC_BADGE, RESTRICTED_BADGE = NAMES["public"], NAMES["restricted"]
#: Every badge's name from the most open to the most guarded: a case file's fact takes the
#: most guarded badge of its ends (``service.vault.cases``).
BADGES = tuple(NAMES[s] for s in ("public", PENDING, "restricted", "confidential", AT_RISK,
                                  WITHDRAWN))
_STATE_OF_NAME = {name: state for state, name in NAMES.items()}


def badges(stores: Stores, uids: Iterable[str]) -> dict[str, str]:
    """The badge's name of each record of ``uids`` (records the caller may see; one not
    found is Confidential, private by default)."""
    wanted = list(uids)
    states = states_of(stores, wanted)
    return {uid: NAMES[states.get(uid, "confidential")] for uid in wanted}


def css_class(name: str) -> str:
    """``badge-pending_review`` for "Pending review": the class pages colour badges by."""
    return "badge-" + _STATE_OF_NAME.get(name, "confidential")
