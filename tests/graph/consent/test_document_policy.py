"""Rule 10: when a document may be public (graph.consent.policy.decide_document)."""

from dataclasses import replace

import pytest

from graph.consent.policy import CONFIDENTIAL, PUBLIC, RESTRICTED, DocumentFacts, decide_document

CLEARED = DocumentFacts(uid="doc-1", terms_of_use="public", review_status="approved",
                        source_labels=("Public",), public_about=2, non_public_about=0,
                        names_hidden=(), has_public_copy=True)


def test_a_cleared_document_is_public():
    decision = decide_document(CLEARED)
    assert decision.label == PUBLIC
    assert any("approved by an editor" in r for r in decision.reasons)


@pytest.mark.parametrize("change, label, reason", [
    ({"terms_of_use": "partners"}, RESTRICTED, "terms of use are partners"),
    ({"terms_of_use": "internal"}, CONFIDENTIAL, "terms of use are internal"),
    ({"source_labels": ()}, RESTRICTED, "belongs to no source"),
    ({"source_labels": ("Restricted",)}, RESTRICTED, "source is not public"),
    ({"source_labels": ("Public", "Confidential")}, RESTRICTED, "source is not public"),
    ({"non_public_about": 1}, CONFIDENTIAL, "1 record(s) that are not public"),
    ({"names_hidden": ("p-9",)}, CONFIDENTIAL, "names a person who is not public: p-9"),
    ({"has_public_copy": False}, RESTRICTED, "public copy"),
    ({"review_status": "pending"}, RESTRICTED, "editor review is pending"),
    ({"review_status": None}, RESTRICTED, "editor review is missing"),
])
def test_each_condition_alone_keeps_it_out(change, label, reason):
    decision = decide_document(replace(CLEARED, **change))
    assert decision.label == label
    assert any(reason in r for r in decision.reasons), decision.reasons


def test_every_reason_is_given_at_once():
    decision = decide_document(DocumentFacts(uid="doc-2"))
    assert decision.label == RESTRICTED
    assert len(decision.reasons) == 4  # terms, no source, no public copy, no review
