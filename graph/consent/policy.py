"""The consent policy: the one place that decides what may be public.

Pure functions: facts about a record in, a :class:`Decision` (one consent
label and the reasons for it) out. ``graph.consent.apply`` gathers the facts
from the vault and writes the labels; ``graph.publication`` copies what is
``Public`` (and only the fields listed here) to the public graph.

The rules (docs/consent.md explains them):
1. Private by default: a person without a publication consent is not public.
2. Only consent *to publication* counts (UN-submission, internal or partner
   consent never does); family consent counts for the dead or disappeared.
3. A fact is publishable only if a supporting source permits public use.
4. Third parties at risk (inside the DPRK, or marked at risk) are never public.
5. Publication needs an editor's approval.
6. Withdrawal takes effect at once (see ``graph.consent.editor``).
7. A relationship is public only if both its ends are.
8. Aggregates that count non-public records never show a cell below 5, nor let one be
   worked out from what they do show (``suppress_counts``).
9. A deleted record (an editor's soft delete) is never public.
10. A document (a letter, photo, video, filing...) is public only when its own terms and
    its source permit it, every person, event and proceeding it is about is public, its
    text names no one who is not public, an editor approved it, and its public copy (the
    file without its metadata) has been made (``decide_document``).

A decision's reasons are :mod:`graph.messages` messages: English text to whatever stores,
serialises or prints them (the JSON API, the CLI), said in the page's language on a
workspace page. They are never stored: only the label is written to the vault.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from graph.messages import N_, Kind, Message, listing, term
from graph.model import MODEL

PUBLIC, RESTRICTED, CONFIDENTIAL = "Public", "Restricted", "Confidential"
LABELS = (PUBLIC, RESTRICTED, CONFIDENTIAL)
SMALL_CELL = 5

#: Statuses under which a family may consent for the person.
FAMILY_MAY_CONSENT = {"deceased", "missing", "detained"}

#: Reference records about institutions, places and law: no personal data.
REFERENCE_LABELS = tuple(r.name for r in MODEL.records.values() if r.visibility == "reference")

#: The fields of each node type that may reach the public graph, from the model's
#: ``public`` marks (graph/model). Anything not marked (contact details, notes, owners,
#: risk flags, review data) never does; consent records have none.
PUBLIC_FIELDS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    r.name: r.public_fields() for r in MODEL.records.values() if r.visibility != "consent"})
#: Free text about an event is published only when every person linked to it is public:
#: a summary may name anyone involved (``public: with_people``).
EVENT_TEXT_FIELDS = MODEL.records["Event"].conditional_fields()
#: Relationship properties that may be published (``sources`` is filtered to public sources).
PUBLIC_REL_FIELDS = ("key", *(n for n, p in MODEL.properties.items() if p.always_public),
                     "sources")
#: Relationship types that never reach the public graph.
#: ``JUDGED`` (an editor's duplicate judgement) carries who judged; ``SAME_AS`` is published
#: only by ``decide_merged_view`` for a whole cluster, never copied edge by edge.
PRIVATE_REL_TYPES = frozenset(r.name for r in MODEL.relationships.values() if r.private)
#: Relationship types that state a fact and so need a public supporting source (rule 3).
FACT_REL_TYPES = frozenset(r.name for r in MODEL.relationships.values() if r.fact)


@dataclass(frozen=True)
class Decision:
    label: str
    reasons: tuple[Message, ...]

    @property
    def public(self) -> bool:
        return self.label == PUBLIC


@dataclass(frozen=True)
class ConsentFacts:
    uid: str
    purpose: str
    given_on: date | None = None
    withdrawn_on: date | None = None
    by_family: bool = False
    partner: str | None = None

    @property
    def active(self) -> bool:
        return self.withdrawn_on is None


@dataclass(frozen=True)
class PersonFacts:
    uid: str
    roles: tuple[str, ...] = ()
    status: str | None = None
    deceased_or_disappeared: bool = False
    in_dprk: bool = False
    at_risk: bool = False
    review_status: str | None = None
    consents: tuple[ConsentFacts, ...] = ()
    source_terms: tuple[str, ...] = field(default=())  # terms of the sources that SUPPORT the person


def family_may_consent(person: PersonFacts) -> bool:
    return person.deceased_or_disappeared or (person.status in FAMILY_MAY_CONSENT)


def publication_consent(person: PersonFacts) -> ConsentFacts | None:
    """The active consent that counts as consent to publish, if any (rule 2)."""
    for consent in person.consents:
        if consent.purpose != "publication" or not consent.active:
            continue
        if consent.by_family and not family_may_consent(person):
            continue
        return consent
    return None


def decide_person(person: PersonFacts) -> Decision:
    """Public only if every rule allows it; the reasons say which rule decided."""
    if person.in_dprk or person.at_risk:
        why = N_("lives inside the DPRK") if person.in_dprk else N_("marked at risk")
        return Decision(CONFIDENTIAL, (N_("third party at risk (%(why)s): never published "
                                          "(rule 4)", why=why),))
    consent = publication_consent(person)
    reasons: list[Message] = []
    if consent is None:
        reasons.append(_why_no_publication_consent(person))
        withdrawn = any(c.purpose == "publication" and not c.active for c in person.consents)
        other_active = any(c.active for c in person.consents)
        label = RESTRICTED if other_active and not withdrawn else CONFIDENTIAL
        return Decision(label, tuple(reasons))
    if "public" not in person.source_terms:
        if person.source_terms:
            terms = listing(term("terms_of_use", t) for t in sorted(set(person.source_terms)))
            reasons.append(N_("no supporting source permits public use (rule 3); sources are "
                              "%(terms)s", terms=terms))
        else:
            reasons.append(N_("no supporting source permits public use (rule 3); no supporting "
                              "source"))
    if person.review_status != "approved":
        reasons.append(_awaiting(person.review_status))
    if reasons:
        return Decision(RESTRICTED, tuple(reasons))
    given = str(consent.given_on) if consent.given_on else N_("undated")
    by = (N_("consent to publication by the family (%(consent)s, given %(given)s)",
             consent=consent.uid, given=given) if consent.by_family else
          N_("consent to publication by the person (%(consent)s, given %(given)s)",
             consent=consent.uid, given=given))
    return Decision(PUBLIC, (by, N_("supported by a source that permits public use"),
                             N_("approved by an editor")))


def _why_no_publication_consent(person: PersonFacts) -> Message:
    if not person.consents:
        return N_("no consent recorded: private by default (rule 1)")
    purposes = sorted({c.purpose for c in person.consents if c.active})
    if any(c.purpose == "publication" and not c.active for c in person.consents):
        return N_("consent to publication was withdrawn (rule 6)")
    if any(c.purpose == "publication" and c.by_family for c in person.consents):
        return N_("family consent counts only for a dead or disappeared person (rule 2)")
    if not purposes:
        return N_("no consent to publication; consent only for nothing active does not count "
                  "(rule 2)")
    return N_("no consent to publication; consent only for %(purposes)s does not count (rule 2)",
              purposes=listing(term("consent_purpose", p) for p in purposes))


def decide_source(terms_of_use: str | None, review_status: str | None) -> Decision:
    """Public when its terms permit publication and an editor approved it (rules 3, 5)."""
    if terms_of_use in ("partners", "un_only"):
        return Decision(RESTRICTED, (N_("terms of use are %(terms)s: not for publication; being "
                                        "public elsewhere does not change that (rule 3)",
                                        terms=term("terms_of_use", terms_of_use)),))
    if terms_of_use != "public":
        return Decision(CONFIDENTIAL, (
            N_("terms of use are %(terms)s (rule 3)", terms=term("terms_of_use", terms_of_use))
            if terms_of_use else N_("terms of use are unknown (rule 3)"),))
    if review_status != "approved":
        return Decision(RESTRICTED, (_awaiting(review_status),))
    return Decision(PUBLIC, (N_("terms of use permit publication"), N_("approved by an editor")))


def _awaiting(review_status: str | None) -> Message:
    if not review_status:
        return N_("editor review is missing, not approved (rule 5)")
    return N_("editor review is %(status)s, not approved (rule 5)",
              status=term("review_status", review_status))


def decide_event(public_subjects: int, public_fact_sources: int) -> Decision:
    """An event is public when a public person was subjected to it, on a public source."""
    if public_subjects == 0:
        return Decision(RESTRICTED, (N_("no public person was subjected to it (rule 7)"),))
    if public_fact_sources == 0:
        return Decision(RESTRICTED, (N_("no source that permits public use supports it "
                                        "(rule 3)"),))
    return Decision(PUBLIC, (N_("%(count)s public person(s) subjected to it, with a public "
                                "supporting source", count=public_subjects),))


def decide_proceeding(public_concerned: int, non_public_concerned: int) -> Decision:
    """A proceeding's reference identifies everyone it concerns: all must be public."""
    if non_public_concerned:
        return Decision(RESTRICTED, (N_("it concerns %(count)s person(s) who are not public; its "
                                        "reference would identify them (rules 1, 7)",
                                        count=non_public_concerned),))
    if public_concerned == 0:
        return Decision(RESTRICTED, (N_("it concerns no public person"),))
    return Decision(PUBLIC, (N_("every person it concerns is public"),))


def decide_reference(label: str, review_status: str | None) -> Decision:
    """Reference data about institutions, places or law: public once an editor approved it
    (an import's places, bodies and organisations wait for review like people do)."""
    if review_status != "approved":
        return Decision(RESTRICTED, (_awaiting(review_status),))
    return Decision(PUBLIC, (N_("%(kind)s is reference data about institutions, places or law, "
                                "with no personal data", kind=Kind(label)),
                             N_("approved by an editor")))


@dataclass(frozen=True)
class DocumentFacts:
    uid: str
    terms_of_use: str | None = None
    review_status: str | None = None
    #: The consent labels of the sources it belongs to (FROM_SOURCE).
    source_labels: tuple[str, ...] = ()
    #: The persons, events and proceedings it is about (ABOUT): how many are public, how many not.
    public_about: int = 0
    non_public_about: int = 0
    #: The persons who are not public whom its title or text names (the free-text gate).
    names_hidden: tuple[str, ...] = ()
    #: Whether the public copy (metadata stripped) exists.
    has_public_copy: bool = False


def decide_document(doc: DocumentFacts) -> Decision:
    """Rule 10. A document's file cannot be redacted the way a field can: if its text
    names someone who is not public, the whole document stays in the vault."""
    reasons: list[Message] = []
    if doc.terms_of_use != "public":
        reasons.append(N_("its terms of use are %(terms)s (rule 3)",
                          terms=term("terms_of_use", doc.terms_of_use) if doc.terms_of_use
                          else N_("unknown")))
    if not doc.source_labels:
        reasons.append(N_("it belongs to no source (rule 3)"))
    elif any(label != PUBLIC for label in doc.source_labels):
        reasons.append(N_("its source is not public (rule 3)"))
    if doc.non_public_about:
        reasons.append(N_("it is about %(count)s record(s) that are not public (rules 1, 7)",
                          count=doc.non_public_about))
    if doc.names_hidden:
        reasons.append(N_("its title or text names a person who is not public: %(persons)s "
                          "(rule 1)", persons=", ".join(doc.names_hidden)))
    if not doc.has_public_copy:
        reasons.append(N_("its public copy (the file without metadata) is not made yet"))
    if doc.review_status != "approved":
        reasons.append(_awaiting(doc.review_status))
    if reasons:
        # Confidential (its organisation's eyes only) when it is internal, or when the file
        # may show someone who is not public: another organisation's reader must not see it.
        hidden = doc.names_hidden or doc.non_public_about or doc.terms_of_use == "internal"
        return Decision(CONFIDENTIAL if hidden else RESTRICTED, tuple(reasons))
    return Decision(PUBLIC, (N_("its terms of use and its source permit publication"),
                             N_("every record it is about is public (%(count)s)",
                                count=doc.public_about),
                             N_("its text names no one who is not public"),
                             N_("approved by an editor")))


def decide_deleted() -> Decision:
    """A record an editor deleted (soft delete) is never public, whatever else holds."""
    return Decision(CONFIDENTIAL, (N_("deleted by an editor: kept in the vault for the audit "
                                      "log, shown to no one and never published"),))


def decide_consent_record() -> Decision:
    return Decision(CONFIDENTIAL, (N_("consent records stay in the vault"),))


_STRICTNESS = {PUBLIC: 0, RESTRICTED: 1, CONFIDENTIAL: 2}


def decide_merged_view(member_labels: Iterable[str | None]) -> Decision:
    """A merged view (records judged to be one person) is as public as its least public
    record: publishing that two public records are one person must not reveal, or
    lean on, a third that is not public (rules 1 and 7). No label counts as Confidential."""
    labels = [lbl if lbl in _STRICTNESS else CONFIDENTIAL for lbl in member_labels]
    if not labels:
        return Decision(CONFIDENTIAL, (N_("a merged view of no records"),))
    strictest = max(labels, key=_STRICTNESS.__getitem__)
    if strictest == PUBLIC:
        return Decision(PUBLIC, (N_("all %(count)s records of the merged view are public",
                                    count=len(labels)),))
    hidden = sum(1 for lbl in labels if lbl != PUBLIC)
    return Decision(strictest, (N_("%(hidden)s of %(count)s records of the merged view are not "
                                   "public: it follows the strictest (rules 1, 7)",
                                   hidden=hidden, count=len(labels)),))


def public_relationship(rel_type: str, start_public: bool, end_public: bool,
                        source_terms: Iterable[str]) -> bool:
    """Rule 7 (both ends public) and, for facts, rule 3 (a public supporting source)."""
    if rel_type in PRIVATE_REL_TYPES or not (start_public and end_public):
        return False
    if rel_type in FACT_REL_TYPES:
        return "public" in set(source_terms)
    return True


def project_fields(label: str, props: Mapping, include_event_text: bool = False) -> dict:
    """Only the fields cleared for the public, for a node with primary ``label``."""
    allowed = PUBLIC_FIELDS[label] + (EVENT_TEXT_FIELDS if include_event_text else ())
    return {k: props[k] for k in allowed if props.get(k) is not None}


def suppress_counts(counts: Mapping[str, int], threshold: int = SMALL_CELL) -> dict:
    """Counts of records that are not public, made safe to publish (rule 8): ``{"total":
    int | None, "by_category": {category: int | None}}``, None marking a hidden figure.

    Nothing published, alone or in any combination, may pin down a cell below
    ``threshold`` or show that a given cell is below it, even to someone who knows
    this rule (it is in docs/consent.md). Hiding small cells one by one does not do
    that: a published total minus the shown cells is the sum of the hidden ones, and
    "the smallest cells hidden until the sum is large enough" tells the reader that
    every hidden cell is at most the smallest one shown, which with the sum can
    single one out. So the figure is all or nothing per level:

    1. no cell from 1 to ``threshold - 1``: every cell and the total are shown;
    2. else, with ``k`` non-zero cells summing to ``total``: if ``k >= 2`` and
       ``total >= threshold + k - 1``, the total is shown and *every* non-zero cell
       hidden. A hidden cell can then be anything from 1 to ``total - (k - 1)``, which
       reaches the threshold, whichever cell the reader picks;
    3. else, if ``total >= threshold``, the total alone (no categories: which ones are
       non-zero would bound each of them below the threshold);
    4. else nothing but the fact that the figure is withheld.

    Zero cells stay 0 where categories are shown: nothing is held there to protect.
    """
    if any(v < 0 for v in counts.values()):
        raise ValueError("counts cannot be negative")
    total = sum(counts.values())
    nonzero = [k for k, v in counts.items() if v]
    if all(counts[k] >= threshold for k in nonzero):
        return {"total": total, "by_category": dict(counts)}
    if len(nonzero) >= 2 and total >= threshold + len(nonzero) - 1:
        return {"total": total,
                "by_category": {k: (None if v else 0) for k, v in counts.items()}}
    if total >= threshold:
        return {"total": total, "by_category": {}}
    return {"total": None, "by_category": {}}
