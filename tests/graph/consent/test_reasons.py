"""The policy's reasons: English text (what the API, the CLI and the tests read), and
messages the catalogue translates, so that a workspace page says why (not) public in its
language. Every way of deciding is here, each with the reasons it gives."""

from __future__ import annotations

from datetime import date

import pytest

from graph.consent import policy
from graph.consent.policy import ConsentFacts, PersonFacts
from graph.messages import Message
from tests.support.catalogue import text

PUB = ConsentFacts("c1", "publication", date(2020, 1, 1))


def person(**kw) -> PersonFacts:
    base = dict(uid="p", roles=("Victim",), review_status="approved", consents=(PUB,),
                source_terms=("public",))
    return PersonFacts(**{**base, **kw})


#: Every branch of the policy, with the English it gives (as before it was translatable).
DECISIONS = {
    "in the DPRK": (policy.decide_person(person(in_dprk=True)),
                    ["third party at risk (lives inside the DPRK): never published (rule 4)"]),
    "at risk": (policy.decide_person(person(at_risk=True)),
                ["third party at risk (marked at risk): never published (rule 4)"]),
    "no consent": (policy.decide_person(person(consents=())),
                   ["no consent recorded: private by default (rule 1)"]),
    "other purposes": (policy.decide_person(person(consents=(
        ConsentFacts("c2", "un_submission"), ConsentFacts("c3", "internal")))),
        ["no consent to publication; consent only for internal, un_submission does not count "
         "(rule 2)"]),
    "nothing active": (policy.decide_person(person(consents=(
        ConsentFacts("c2", "internal", withdrawn_on=date(2021, 1, 1)),))),
        ["no consent to publication; consent only for nothing active does not count (rule 2)"]),
    "withdrawn": (policy.decide_person(person(consents=(
        ConsentFacts("c1", "publication", withdrawn_on=date(2021, 1, 1)),))),
        ["consent to publication was withdrawn (rule 6)"]),
    "family of the living": (policy.decide_person(person(consents=(
        ConsentFacts("c1", "publication", by_family=True),))),
        ["family consent counts only for a dead or disappeared person (rule 2)"]),
    "restricted sources, pending": (policy.decide_person(person(
        source_terms=("un_only", "partners", "un_only"), review_status="pending")),
        ["no supporting source permits public use (rule 3); sources are partners, un_only",
         "editor review is pending, not approved (rule 5)"]),
    "no source, no review": (policy.decide_person(person(source_terms=(), review_status=None)),
                             ["no supporting source permits public use (rule 3); no supporting "
                              "source", "editor review is missing, not approved (rule 5)"]),
    "public": (policy.decide_person(person()),
               ["consent to publication by the person (c1, given 2020-01-01)",
                "supported by a source that permits public use", "approved by an editor"]),
    "public by the family": (policy.decide_person(person(status="missing", consents=(
        ConsentFacts("c9", "publication", by_family=True),))),
        ["consent to publication by the family (c9, given undated)",
         "supported by a source that permits public use", "approved by an editor"]),
    "source for partners": (policy.decide_source("partners", "approved"),
                            ["terms of use are partners: not for publication; being public "
                             "elsewhere does not change that (rule 3)"]),
    "internal source": (policy.decide_source("internal", "approved"),
                        ["terms of use are internal (rule 3)"]),
    "source without terms": (policy.decide_source(None, "approved"),
                             ["terms of use are unknown (rule 3)"]),
    "source pending": (policy.decide_source("public", "rejected"),
                       ["editor review is rejected, not approved (rule 5)"]),
    "public source": (policy.decide_source("public", "approved"),
                      ["terms of use permit publication", "approved by an editor"]),
    "event of no one public": (policy.decide_event(0, 3),
                               ["no public person was subjected to it (rule 7)"]),
    "event without a source": (policy.decide_event(2, 0),
                               ["no source that permits public use supports it (rule 3)"]),
    "public event": (policy.decide_event(2, 1), ["2 public person(s) subjected to it, with a "
                                                 "public supporting source"]),
    "proceeding naming the hidden": (policy.decide_proceeding(1, 3), [
        "it concerns 3 person(s) who are not public; its reference would identify them "
        "(rules 1, 7)"]),
    "proceeding of no one": (policy.decide_proceeding(0, 0), ["it concerns no public person"]),
    "public proceeding": (policy.decide_proceeding(2, 0), ["every person it concerns is public"]),
    "reference pending": (policy.decide_reference("Location", None),
                          ["editor review is missing, not approved (rule 5)"]),
    "reference": (policy.decide_reference("Location", "approved"),
                  ["Location is reference data about institutions, places or law, with no "
                   "personal data", "approved by an editor"]),
    "deleted": (policy.decide_deleted(), ["deleted by an editor: kept in the vault for the "
                                          "audit log, shown to no one and never published"]),
    "consent record": (policy.decide_consent_record(), ["consent records stay in the vault"]),
    "empty merged view": (policy.decide_merged_view([]), ["a merged view of no records"]),
    "public merged view": (policy.decide_merged_view(["Public", "Public"]),
                           ["all 2 records of the merged view are public"]),
    "merged view with hidden": (policy.decide_merged_view(["Public", "Restricted", None]), [
        "2 of 3 records of the merged view are not public: it follows the strictest "
        "(rules 1, 7)"]),
}


def messages_in(message: Message) -> list[Message]:
    """The message and the messages among its values (a Term or Kind is the model's)."""
    from graph.messages import Listing, Term

    if isinstance(message, Listing):
        return [m for item in message.items if isinstance(item, Message)
                for m in messages_in(item)]
    if isinstance(message, Term):
        return []
    return [message, *(m for v in message.params.values() if isinstance(v, Message)
                       for m in messages_in(v))]


@pytest.mark.parametrize("case", DECISIONS)
def test_the_reasons_are_the_policys_english(case):
    decision, english = DECISIONS[case]
    assert list(decision.reasons) == english
    assert all(isinstance(r, Message) for r in decision.reasons)


@pytest.mark.parametrize("case", DECISIONS)
def test_every_reason_has_its_korean(case):
    decision, _english = DECISIONS[case]
    for reason in decision.reasons:
        for message in messages_in(reason):
            assert text(message.msgid, "ko") != message.msgid, message.msgid
