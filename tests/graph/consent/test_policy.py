"""The pure policy, case by case: one test per rule and per way of failing it."""

from __future__ import annotations

from datetime import date

from graph.consent.policy import (
    CONFIDENTIAL,
    PUBLIC,
    RESTRICTED,
    ConsentFacts,
    PersonFacts,
    decide_event,
    decide_person,
    decide_proceeding,
    decide_reference,
    decide_source,
    project_fields,
    public_relationship,
    suppress_counts,
)

PUB = ConsentFacts("c1", "publication", date(2020, 1, 1))


def person(**kw) -> PersonFacts:
    base = dict(uid="p", roles=("Victim",), review_status="approved", consents=(PUB,),
                source_terms=("public",))
    base.update(kw)
    return PersonFacts(**base)


def test_fully_cleared_person_is_public():
    d = decide_person(person())
    assert d.label == PUBLIC and any("approved" in r for r in d.reasons)


def test_no_consent_is_private_by_default():
    d = decide_person(person(consents=()))
    assert d.label == CONFIDENTIAL and "rule 1" in d.reasons[0]


def test_un_submission_consent_never_counts():
    d = decide_person(person(consents=(ConsentFacts("c", "un_submission"),)))
    assert d.label == RESTRICTED and "rule 2" in d.reasons[0]


def test_internal_and_partner_consent_never_count():
    for purpose in ("internal", "partner_sharing"):
        assert decide_person(person(consents=(ConsentFacts("c", purpose),))).label == RESTRICTED


def test_withdrawn_publication_consent():
    withdrawn = ConsentFacts("c", "publication", date(2020, 1, 1), withdrawn_on=date(2021, 1, 1))
    d = decide_person(person(consents=(withdrawn,)))
    assert d.label == CONFIDENTIAL and "withdrawn" in d.reasons[0]


def test_withdrawal_wins_over_remaining_un_consent():
    withdrawn = ConsentFacts("c", "publication", withdrawn_on=date(2021, 1, 1))
    d = decide_person(person(consents=(withdrawn, ConsentFacts("u", "un_submission"))))
    assert d.label == CONFIDENTIAL


def test_family_consent_counts_only_for_dead_or_disappeared():
    family = ConsentFacts("c", "publication", by_family=True)
    assert decide_person(person(consents=(family,), status="returned")).label != PUBLIC
    assert decide_person(person(consents=(family,), status="missing")).label == PUBLIC
    assert decide_person(person(consents=(family,), deceased_or_disappeared=True)).label == PUBLIC


def test_source_must_permit_public_use():
    d = decide_person(person(source_terms=("un_only", "partners")))
    assert d.label == RESTRICTED and "rule 3" in d.reasons[0]
    assert decide_person(person(source_terms=())).label == RESTRICTED


def test_at_risk_third_parties_are_never_public():
    assert decide_person(person(in_dprk=True)).label == CONFIDENTIAL
    assert decide_person(person(at_risk=True)).label == CONFIDENTIAL
    assert "rule 4" in decide_person(person(in_dprk=True, roles=("Relative",))).reasons[0]


def test_editor_review_required():
    for status in (None, "pending", "rejected"):
        d = decide_person(person(review_status=status))
        assert d.label == RESTRICTED and "rule 5" in " ".join(d.reasons)


def test_sources_by_terms_and_review():
    assert decide_source("public", "approved").label == PUBLIC
    assert decide_source("un_only", "approved").label == RESTRICTED
    assert decide_source("partners", "approved").label == RESTRICTED
    assert decide_source("internal", "approved").label == CONFIDENTIAL
    for status in (None, "pending", "rejected"):
        d = decide_source("public", status)
        assert d.label == RESTRICTED and "rule 5" in " ".join(d.reasons)


def test_reference_records_wait_for_review():
    assert decide_reference("Location", "approved").label == PUBLIC
    for status in (None, "pending", "rejected"):
        d = decide_reference("PerpetratorBody", status)
        assert d.label == RESTRICTED and "rule 5" in " ".join(d.reasons)


def test_events_and_proceedings():
    assert decide_event(1, 1).label == PUBLIC
    assert decide_event(0, 3).label == RESTRICTED
    assert decide_event(2, 0).label == RESTRICTED
    assert decide_proceeding(1, 0).label == PUBLIC
    assert decide_proceeding(3, 1).label == RESTRICTED  # its reference would identify the other
    assert decide_proceeding(0, 0).label == RESTRICTED


def test_relationships_need_both_ends_and_a_public_source():
    assert public_relationship("SUBJECTED_TO", True, True, ["public", "un_only"])
    assert not public_relationship("SUBJECTED_TO", True, False, ["public"])
    assert not public_relationship("SUBJECTED_TO", True, True, ["un_only"])
    assert public_relationship("WITHIN", True, True, [])  # not a fact about a person
    assert not public_relationship("GAVE", True, True, ["public"])


def test_field_level_projection_drops_private_fields():
    props = {"uid": "p", "name_en": "A", "contact": "x", "notes": "y", "in_dprk": False,
             "owner": "org", "review_status": "approved", "sex": "male"}
    assert project_fields("Person", props) == {"uid": "p", "name_en": "A", "sex": "male"}
    event = {"uid": "e", "kind": "abduction", "summary_en": "names someone"}
    assert "summary_en" not in project_fields("Event", event)
    assert project_fields("Event", event, include_event_text=True)["summary_en"]


def test_small_cells_are_suppressed_without_revealing_by_subtraction():
    """Rule 8; tests/graph/consent/test_suppression.py attacks it."""
    out = suppress_counts({"a": 120, "b": 3, "c": 40, "d": 0})
    assert out == {"total": 163, "by_category": {"a": None, "b": None, "c": None, "d": 0}}
    assert suppress_counts({"a": 120, "c": 40}) == {"total": 160,
                                                    "by_category": {"a": 120, "c": 40}}
    assert suppress_counts({"a": 4})["total"] is None
    assert suppress_counts({"a": 5}) == {"total": 5, "by_category": {"a": 5}}
