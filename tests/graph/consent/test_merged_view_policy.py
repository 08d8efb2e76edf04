"""The policy's decision on merged views: the strictest label among the records wins."""

from __future__ import annotations

from graph.consent import policy


def test_a_merged_view_is_public_only_if_every_record_is():
    assert policy.decide_merged_view(["Public", "Public"]).public
    assert policy.decide_merged_view(["Public", "Restricted"]).label == "Restricted"
    assert policy.decide_merged_view(["Restricted", "Public", "Confidential"]).label == "Confidential"
    assert policy.decide_merged_view(["Public", None]).label == "Confidential"  # unlabelled: hidden
    assert policy.decide_merged_view([]).label == "Confidential"
    assert "1 of 2 records" in policy.decide_merged_view(["Public", "Restricted"]).reasons[0]


def test_judgements_and_same_as_never_pass_as_ordinary_relationships():
    for rtype in ("JUDGED", "SAME_AS"):
        assert rtype in policy.PRIVATE_REL_TYPES
        assert not policy.public_relationship(rtype, True, True, ["public"])
