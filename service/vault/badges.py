"""The visibility badge of a vault record: one word that tells a signed-in reader where the
record stands with publication.

The consent label (``graph.consent.policy``) says Public, Restricted or Confidential;
readers also need to know *why* a non-public record is not public when the reason calls
for care: consent to publication was withdrawn (rule 6), the person is a third party at
risk (rule 4), or the record waits for an editor's review (rule 5). The badge is the
first of these that holds:

1. **Public**: the consent label is Public (the public graph shows it).
2. **Withdrawn**: consent to publication was given and withdrawn, and none is active.
3. **At risk**: marked at risk, or living inside the DPRK.
4. **Confidential**: any other Confidential record.
5. **Pending review**: Restricted, of a reviewed type, and not approved yet.
6. **Restricted**: any other Restricted record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph import queries
from graph.connections import Stores
from graph.consent.policy import CONFIDENTIAL, PUBLIC
from graph.model import MODEL
from service.vault.visibility import Access

PUBLIC_BADGE, RESTRICTED_BADGE, CONFIDENTIAL_BADGE = "Public", "Restricted", "Confidential"
AT_RISK, WITHDRAWN, PENDING_REVIEW = "At risk", "Withdrawn", "Pending review"
#: Every badge, from the most open to the most guarded (the order a legend shows them in).
BADGES = (PUBLIC_BADGE, PENDING_REVIEW, RESTRICTED_BADGE, CONFIDENTIAL_BADGE, AT_RISK, WITHDRAWN)
#: Record types that wait for an editor's review before publication.
REVIEWED = frozenset(r.name for r in MODEL.records.values() if r.reviewed)


@dataclass(frozen=True)
class Facts:
    """What the badge needs besides the consent label."""

    review_status: str | None = None
    at_risk: bool = False
    withdrawn: bool = False


def badge(access: Access, facts: Facts | None = None) -> str:
    """The badge of a record (module docstring); without ``facts``, from its consent label
    alone."""
    if access.consent_label == PUBLIC:
        return PUBLIC_BADGE
    facts = facts or Facts()
    if facts.withdrawn:
        return WITHDRAWN
    if facts.at_risk:
        return AT_RISK
    if access.consent_label == CONFIDENTIAL:
        return CONFIDENTIAL_BADGE
    if access.label in REVIEWED and facts.review_status != "approved":
        return PENDING_REVIEW
    return RESTRICTED_BADGE


def facts_of(stores: Stores, uids: Iterable[str]) -> dict[str, Facts]:
    """Badge facts of each existing uid, in one query."""
    wanted = sorted(set(uids))
    if not wanted:
        return {}
    rows = queries.run(stores.vault, "vault/match_badge_facts", database=stores.database("vault"),
                       uids=wanted)
    return {r["uid"]: Facts(r["review_status"], bool(r["at_risk"]),
                            bool(r["publication_withdrawn"]) and all(r["publication_withdrawn"]))
            for r in rows}


def badges(stores: Stores, accesses: dict[str, Access]) -> dict[str, str]:
    """The badge of each record of ``accesses`` (records the caller may see)."""
    facts = facts_of(stores, [uid for uid, a in accesses.items() if a.consent_label != PUBLIC])
    return {uid: badge(access, facts.get(uid)) for uid, access in accesses.items()}


def css_class(name: str) -> str:
    """``badge-pending-review`` for "Pending review": the class pages colour badges by."""
    return "badge-" + name.lower().replace(" ", "-")
