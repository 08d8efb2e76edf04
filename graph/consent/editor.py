"""Editor operations on consent, risk, sources and review.

Each operation validates its input first (bad input raises :class:`EditError`
and changes nothing), makes its change and its audit entry in one vault
transaction, then republishes the affected records synchronously: when the
call returns, the public graph already reflects it. A withdrawal also leaves a
tombstone (uid and time, no personal data) in the vault.

What an editor is told (an :class:`EditError`'s reason, an explanation's reasons) is a
:mod:`graph.messages` message: English for the CLI and the JSON API, the page's language
on a workspace page.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

from graph import audit, encryption, queries
from graph.connections import Stores
from graph.consent import apply, policy
from graph.messages import N_, Kind, Message, term
from graph.publication import PublishReport, publish_stores, republish_stores
from graph.vocabularies import choices


class EditError(ValueError):
    """Input an editor must correct; nothing was changed. ``field`` names the input to
    correct (None when it is no one input) and ``reason`` says why; the error's text is
    ``field: reason``."""

    def __init__(self, reason: str, field: str | None = None):
        super().__init__(f"{field}: {reason}" if field else reason)
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class Result:
    message: str
    publication: PublishReport | None = None


def _check_choice(vocabulary: str, value: str | None, field: str) -> None:
    if value is not None and value not in choices(vocabulary):
        raise EditError(N_("%(value)s is not one of %(choices)s", value=repr(value),
                           choices=", ".join(choices(vocabulary))), field)


def _label_of(stores: Stores, uid: str) -> str | None:
    rows = queries.run(stores.vault, "load/match_entity_labels", database=stores.database("vault"),
                       uids=[uid])
    return rows[0]["label"] if rows else None


def _need(stores: Stores, uid: str, label: str, field: str) -> None:
    found = _label_of(stores, uid)
    if found is None:
        raise EditError(N_("no record with uid %(uid)s", uid=repr(uid)), field)
    if found != label:
        raise EditError(N_("%(uid)s is a %(found)s, not a %(wanted)s", uid=repr(uid),
                           found=Kind(found), wanted=Kind(label)), field)


def _write(stores: Stores, fn) -> object:
    with stores.vault.session(database=stores.database("vault")) as session:
        return session.execute_write(fn)


def _republish(stores: Stores, uids: list[str], actor: str, reason: str) -> PublishReport:
    return republish_stores(stores, uids, actor=actor, reason=reason)


def record_consent(stores: Stores, person: str, purpose: str, given_on: date, obtained_by: str,
                   actor: str, method: str | None = None, evidence: str | None = None,
                   partner: str | None = None, by_family: bool = False) -> Result:
    _need(stores, person, "Person", "person")
    _check_choice("consent_purpose", purpose, "purpose")
    _check_choice("consent_method", method, "method")
    if purpose == "partner_sharing":
        if not partner:
            raise EditError(N_("consent to share with a partner names the partner"), "partner")
        _need(stores, partner, "Organization", "partner")
    if not obtained_by or not obtained_by.strip():
        raise EditError(N_("say who obtained the consent"), "obtained_by")
    if given_on > date.today():
        raise EditError(N_("%(date)s is in the future", date=str(given_on)), "given_on")
    uid = f"con-{secrets.token_hex(8)}"

    # Who obtained it and where the evidence is kept are sealed (graph/encryption.py), and
    # so kept out of the audit entry, which is plain text in the vault.
    sealed = encryption.active().seal_props(
        "Consent", uid, {"obtained_by": obtained_by, "evidence": evidence})

    def tx_fn(tx):
        queries.run_in(tx, "consent/create_consent", person=person, uid=uid, purpose=purpose,
                       partner=partner, given_on=given_on, obtained_by=sealed["obtained_by"],
                       method=method, evidence=sealed["evidence"], by_family=by_family,
                       sealed_with=sealed[encryption.SEALED_WITH])
        audit.append_in(tx, actor, "consent.record", person, consent=uid, purpose=purpose,
                        by_family=by_family, given_on=given_on)

    _write(stores, tx_fn)
    report = _republish(stores, [person], actor, "consent recorded")
    return Result(f"recorded {purpose} consent {uid} for {person}", report)


def withdraw_consent(stores: Stores, person: str, actor: str, consent: str | None = None,
                     purpose: str | None = "publication", on: date | None = None) -> Result:
    """Withdraw consent (by default every active publication consent) and take the person
    out of the public graph before returning."""
    _need(stores, person, "Person", "person")
    _check_choice("consent_purpose", purpose, "purpose")
    on = on or date.today()
    purpose = None if consent else purpose
    tomb = f"tomb-{secrets.token_hex(8)}"

    def tx_fn(tx):
        withdrawn = queries.run_in(tx, "consent/withdraw_consents", person=person, consent=consent,
                                   purpose=purpose, on=on)[0]["withdrawn"]
        if not withdrawn:
            raise EditError(_nothing_to_withdraw(person, consent, purpose))
        queries.run_in(tx, "consent/create_tombstone", uid=tomb, subject=person,
                       reason="consent withdrawn")
        audit.append_in(tx, actor, "consent.withdraw", person, consents=withdrawn, on=on,
                        tombstone=tomb)
        return withdrawn

    withdrawn = _write(stores, tx_fn)
    report = _republish(stores, [person], actor, "consent withdrawn")
    audit.append(stores.vault, actor, "publish.withdrawal", person, database=stores.database("vault"),
                 removed=len(report.removed), seconds=round(report.seconds, 3))
    return Result(f"withdrew {', '.join(withdrawn)} for {person}; removed {len(report.removed)} "
                  "record(s) from the public graph", report)


def _nothing_to_withdraw(person: str, consent: str | None, purpose: str | None) -> Message:
    if consent:
        return N_("%(person)s has no active consent %(consent)s to withdraw", person=person,
                  consent=repr(consent))
    return N_("%(person)s has no active consent for %(purpose)s to withdraw", person=person,
              purpose=term("consent_purpose", purpose))


def mark_at_risk(stores: Stores, person: str, actor: str, at_risk: bool = True) -> Result:
    _need(stores, person, "Person", "person")

    def tx_fn(tx):
        queries.run_in(tx, "consent/set_at_risk", person=person, at_risk=at_risk)
        audit.append_in(tx, actor, "person.at_risk", person, at_risk=at_risk)

    _write(stores, tx_fn)
    report = _republish(stores, [person], actor, "at-risk flag")
    return Result(f"{person} marked {'at risk' if at_risk else 'not at risk'}", report)


#: What an editor reviews for publication: people, sources, documents and reference records.
REVIEWED = ("Person", "Source", "Document", *policy.REFERENCE_LABELS)


def review(stores: Stores, uid: str, status: str, actor: str, on: date | None = None,
           reason: str | None = None) -> Result:
    """An editor's review for publication of a person, a source or a reference record;
    ``reason`` (why it was rejected, say) goes into the audit entry."""
    label = _label_of(stores, uid)
    if label is None:
        raise EditError(N_("no record with uid %(uid)s", uid=repr(uid)), "record")
    if label not in REVIEWED:
        raise EditError(N_("%(uid)s is a %(kind)s, which is not reviewed (it follows the people "
                           "it concerns)", uid=repr(uid), kind=Kind(label)), "record")
    _check_choice("review_status", status, "status")
    action = "person.review" if label == "Person" else "record.review"

    def tx_fn(tx):
        queries.run_in(tx, "consent/set_review", uid=uid, status=status, by=actor,
                       on=on or date.today())
        details = {"status": status, "type": label, **({"reason": reason} if reason else {})}
        audit.append_in(tx, actor, action, uid, **details)

    _write(stores, tx_fn)
    if label == "Source":  # any fact may cite a source: rebuilt whole, as for its terms
        report = publish_stores(stores, actor=actor)
    else:  # the record and what is linked to it (a place's people and events, ...)
        linked = [] if label == "Person" else [
            r["uid"] for r in queries.run(stores.vault, "consent/match_neighbours",
                                          database=stores.database("vault"), uid=uid)]
        report = _republish(stores, [uid, *linked], actor, "review")
    return Result(f"{uid} review: {status}", report)


def set_source_terms(stores: Stores, source: str, terms: str, actor: str) -> Result:
    """A change of terms can touch any fact citing the source, so the whole public graph
    is rebuilt (rare, and atomic)."""
    _need(stores, source, "Source", "source")
    _check_choice("terms_of_use", terms, "terms")

    def tx_fn(tx):
        old = queries.run_in(tx, "consent/set_source_terms", source=source, terms=terms)[0]["old"]
        audit.append_in(tx, actor, "source.terms", source, old=old, new=terms)
        return old

    old = _write(stores, tx_fn)
    report = publish_stores(stores, actor=actor)
    return Result(f"{source} terms of use: {old} -> {terms}", report)


def explain(stores: Stores, uid: str) -> dict:
    """Why a vault record is (or is not) public: the decision, its reasons and what it rests on."""
    label = _label_of(stores, uid)
    if label is None:
        raise EditError(N_("no record with uid %(uid)s", uid=repr(uid)), "uid")
    vault_db = stores.database("vault")
    decision = apply.decide(stores.vault, vault_db, label, [uid])[uid]
    facts = queries.run(stores.vault, "consent/match_explanation", database=vault_db, uid=uid)[0]
    current = next((lbl for lbl in facts["labels"] if lbl in policy.LABELS), None)
    return {"uid": uid, "type": label, "decision": decision.label, "current_label": current,
            "reasons": list(decision.reasons),
            "consents": [encryption.active().open_props("Consent", c) for c in facts["consents"]],
            "sources": facts["sources"], "review_status": facts["review_status"],
            "reviewed_by": facts["reviewed_by"], "reviewed_on": facts["reviewed_on"],
            "in_dprk": facts["in_dprk"], "at_risk": facts["at_risk"]}
