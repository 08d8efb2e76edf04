"""The visibility badge: one decision, every state, and the order in which they win."""

from __future__ import annotations

import pytest

from service.vault.badges import BadgeFacts, visibility_state


@pytest.mark.parametrize(("facts", "state"), [
    (BadgeFacts(("Entity", "Person", "Public"), "approved", publication_consents=(True,)), "public"),
    (BadgeFacts(("Entity", "Location", "Restricted")), "restricted"),
    (BadgeFacts(("Entity", "Person", "Confidential")), "confidential"),
    (BadgeFacts(("Entity", "Person")), "confidential"),  # no label yet: private by default
    (BadgeFacts(("Person", "Restricted"), at_risk=True, publication_consents=(True,)), "at_risk"),
    (BadgeFacts(("Person", "Public"), in_dprk=True), "at_risk"),  # a stale label never hides risk
    (BadgeFacts(("Person", "Confidential"), "approved", publication_consents=(False,)),
     "withdrawn"),
    (BadgeFacts(("Person", "Restricted"), "approved", publication_consents=(False, True)),
     "restricted"),  # an active consent besides the withdrawn one
    (BadgeFacts(("Person", "Restricted"), "pending", publication_consents=(True,)),
     "pending_review"),
    (BadgeFacts(("Person", "Confidential"), "pending"), "confidential"),  # approval would not help
    (BadgeFacts(("Source", "Restricted"), "pending"), "pending_review"),
    (BadgeFacts(("Person", "Confidential"), "pending", in_dprk=True, publication_consents=(False,)),
     "at_risk"),
])
def test_visibility_state(facts, state):
    assert visibility_state(facts) == state


def test_badge_facts_from_a_search_row():
    row = {"labels": ["Entity", "Person", "Victim", "Restricted"],
           "props": {"review_status": "pending", "at_risk": None},
           "publication_consents": [True]}
    assert visibility_state(BadgeFacts.from_row(row)) == "pending_review"


def test_badge_names_and_classes():
    from service.vault.badges import BADGES, NAMES, STATES, css_class

    assert set(NAMES) == set(STATES) and set(BADGES) == set(NAMES.values())
    assert css_class("Pending review") == "badge-pending_review"
    assert css_class("At risk") == "badge-at_risk"
    assert BADGES[0] == "Public" and BADGES[-1] == "Withdrawn"
