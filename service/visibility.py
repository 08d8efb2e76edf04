"""Who may see which vault record: the confidential-record rule, in one place.

The consent policy (``graph.consent.policy``) labels each record Public,
Restricted or Confidential; this module decides what that means for a
signed-in user. Vault readers see Public and Restricted records.
Confidential records are for the users of the organisation that owns them,
whatever their role: an admin manages accounts, and reads another organisation's
confidential records no more than anyone else does (an admin who belongs to the
owning organisation reads them as its users do). The owner of a person is ``Person.owner``; of a source,
``Source.submitted_by``; of any other record (a consent, an event), the
owners of the people linked to it. A record with no consent label yet is
treated as Confidential: private by default.

A record someone may not see is answered exactly like a record that does not
exist, so that neither its data nor its existence leaks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph import queries
from graph.connections import Stores
from graph.consent.policy import CONFIDENTIAL, LABELS, PUBLIC
from service.accounts import User


@dataclass(frozen=True)
class Access:
    """What visibility depends on: a record's type, consent label and owners."""

    uid: str
    label: str | None
    consent_label: str
    owners: frozenset[str]

    @classmethod
    def from_row(cls, uid: str, labels: Iterable[str], primary: str | None,
                 owners: Iterable[str | None]) -> Access:
        labels = list(labels)
        consent = next((lbl for lbl in labels if lbl in LABELS), CONFIDENTIAL)
        return cls(uid, primary, consent, frozenset(o for o in owners if o))

    @property
    def audited(self) -> bool:
        """A read of anything but a Public record goes to the audit log."""
        return self.consent_label != PUBLIC


def may_see(user: User, access: Access) -> bool:
    if access.consent_label != CONFIDENTIAL:
        return True
    return user.organization is not None and user.organization in access.owners


def may_manage_consent(user: User, person: Access) -> bool:
    """Consent records are confidential to the organisation that owns the person: only its
    users read, record or withdraw them, whatever their role."""
    return user.organization is not None and user.organization in person.owners


def access_of(stores: Stores, uids: Iterable[str]) -> dict[str, Access]:
    """Access facts for each existing uid (missing uids are simply absent)."""
    wanted = sorted({u for u in uids if u})
    if not wanted:
        return {}
    rows = queries.run(stores.vault, "vault/match_access", database=stores.database("vault"),
                       uids=wanted)
    return {r["uid"]: Access.from_row(r["uid"], r["labels"], r["label"], r["owners"]) for r in rows}


def visible(stores: Stores, user: User, uids: Iterable[str]) -> dict[str, Access]:
    """The subset of ``uids`` that exist and ``user`` may see."""
    return {uid: a for uid, a in access_of(stores, uids).items() if may_see(user, a)}
