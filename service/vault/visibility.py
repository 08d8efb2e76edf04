"""Who may see, and who may change, which vault record: the organisation rules, in one place.

Organisations are walls. A user sees and changes the confidential records of their own
organisation only; no role, admin included, moves a record across, creates users in, or
acts as a member of another organisation.

**Reading.** The consent policy (``graph.consent.policy``) labels each record Public,
Restricted or Confidential. Vault readers see Public and Restricted records.
Confidential records are for the users of the organisation that owns them,
whatever their role: an admin manages their own organisation's accounts and reads its
confidential records as its other users do, and another organisation's no more than
anyone else. A record with no consent label yet is treated as Confidential: private by
default. A record someone may not see is answered exactly like a record that does not
exist, so that neither its data nor its existence leaks.

**Owners.** A person is owned by ``Person.owner``; a source by ``Source.submitted_by``;
an event or a proceeding by its own ``owner`` (stamped with the creating editor's
organisation when made through the API; the interchange format carries it), and, for
one without (older imports), by the owners of the people linked to it. A consent belongs
to the owner of the person who gave it. Reference data (locations, perpetrator bodies,
instruments, resources) is owned by no one and shared by all.

**Writing is stricter than reading.** An editor (or admin) changes only what their
organisation owns: its people, sources, events and proceedings, the consents of its
people, and its own Organization record, plus the shared reference data. A record of
another organisation that they may read (a Restricted one) they may not change (403); one
they may not read is not there (404). A record that nothing owns and that is not
reference data (an event imported without an owner and linked to no one) is changed by
no one through the API: the platform operator re-imports it with an owner. A
relationship changes what becomes public about both its ends, so linking needs write
access to both (an Organization, such as the one that filed a proceeding, may be linked
to by anyone: it is reference data about an institution). Which organisation owns a
record is fixed when it is created; the API never moves a record across.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graph import queries
from graph.connections import Stores
from graph.consent.policy import CONFIDENTIAL, LABELS, PUBLIC
from graph.messages import N_, Message
from graph.model import MODEL
from service.vault.accounts import User

#: Shared reference data: owned by no organisation, changed by any editor (an
#: Organization record is its own: see ``owners_of``).
SHARED = frozenset(r.name for r in MODEL.records.values()
                   if r.visibility == "reference" and r.name != "Organization")
#: Record types whose owning organisation is their own field, and that field's name
#: (``owner`` in graph/model).
OWNER_FIELD = {r.name: r.owner for r in MODEL.records.values() if r.owner}


@dataclass(frozen=True)
class Access:
    """What visibility and write permission depend on: a record's type, consent label,
    its own owner field (``owner``) and the owners of the people linked to it (``linked``;
    only for events, proceedings and consents)."""

    uid: str
    label: str | None
    consent_label: str
    owner: str | None = None
    linked: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_row(cls, uid: str, labels: Iterable[str], primary: str | None,
                 owner: str | None = None, linked: Iterable[str | None] = ()) -> Access:
        labels = list(labels)
        consent = next((lbl for lbl in labels if lbl in LABELS), CONFIDENTIAL)
        return cls(uid, primary, consent, owner or None, frozenset(o for o in linked if o))

    @property
    def owners(self) -> frozenset[str]:
        """Every organisation whose users may read the record when it is Confidential."""
        return self.linked | ({self.owner} if self.owner else set())

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


def write_owner(access: Access) -> str | None:
    """The one organisation that may change the record, or None (shared reference data,
    and records nobody owns; :func:`may_write` tells them apart)."""
    if access.label == "Organization":
        return access.uid
    if access.owner:
        return access.owner
    if access.label in ("Event", "Proceeding", "Consent") and len(access.linked) == 1:
        return next(iter(access.linked))
    return None


def may_write(user: User, access: Access) -> bool:
    """Whether ``user`` may change the record (its fields, its review, at-risk mark or
    terms of use, its relationships): their organisation owns it, or it is shared
    reference data. Callers check :func:`may_see` first, so that a record the user may not
    read answers 404, not 403."""
    if user.organization is None:
        return False
    if access.label in SHARED:
        return True
    return write_owner(access) == user.organization


def may_link(user: User, access: Access) -> bool:
    """Whether ``user`` may make ``access`` one end of a relationship: as for writing,
    and any Organization (reference data about an institution) may be linked to."""
    return user.organization is not None and (access.label == "Organization"
                                              or may_write(user, access))


def refusal(access: Access) -> Message:
    """Why a visible record may not be changed, for the 403 message (a
    :mod:`graph.messages` message: the page's language on a workspace page)."""
    owner = write_owner(access)
    if owner is None and len(access.linked) > 1:
        return N_("%(uid)s is linked to the people of several organisations (%(owners)s), so "
                  "none of them changes it alone", uid=repr(access.uid),
                  owners=", ".join(sorted(access.linked)))
    if owner is None:
        return N_("%(uid)s belongs to no organisation, so it is not changed through the API (the "
                  "platform operator can import it with an owner)", uid=repr(access.uid))
    return N_("%(uid)s belongs to another organisation (%(owner)s): only its users may change it "
              "or link to it", uid=repr(access.uid), owner=owner)


def access_of(stores: Stores, uids: Iterable[str]) -> dict[str, Access]:
    """Access facts for each existing uid (missing uids are simply absent)."""
    wanted = sorted({u for u in uids if u})
    if not wanted:
        return {}
    rows = queries.run(stores.vault, "vault/match_access", database=stores.database("vault"),
                       uids=wanted)
    return {r["uid"]: Access.from_row(r["uid"], r["labels"], r["label"], r["owner"], r["linked"])
            for r in rows}


def visible(stores: Stores, user: User, uids: Iterable[str]) -> dict[str, Access]:
    """The subset of ``uids`` that exist and ``user`` may see."""
    return {uid: a for uid, a in access_of(stores, uids).items() if may_see(user, a)}
