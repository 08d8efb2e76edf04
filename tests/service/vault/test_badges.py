"""Visibility badges: the one decision every workspace page shows (service/vault/badges.py)."""

from __future__ import annotations

import pytest

from service.vault.badges import Facts, badge, css_class
from service.vault.visibility import Access


@pytest.mark.parametrize(("label", "consent", "facts", "expected"), [
    ("Person", "Public", Facts(withdrawn=True, at_risk=True), "Public"),
    ("Person", "Confidential", Facts(withdrawn=True, at_risk=True), "Withdrawn"),
    ("Person", "Confidential", Facts(at_risk=True, review_status="approved"), "At risk"),
    ("Person", "Confidential", Facts(review_status="pending"), "Confidential"),
    ("Person", "Restricted", Facts(review_status="pending"), "Pending review"),
    ("Person", "Restricted", Facts(review_status="approved"), "Restricted"),
    ("Proceeding", "Restricted", Facts(), "Restricted"),  # proceedings are not reviewed
    ("Source", "Restricted", None, "Pending review"),  # no facts: not known to be approved
])
def test_badge(label, consent, facts, expected):
    assert badge(Access("x-1", label, consent), facts) == expected


def test_css_class():
    assert css_class("Pending review") == "badge-pending-review"
