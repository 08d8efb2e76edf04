"""What a scenario decides about one victim, before it becomes records.

Why a plain intermediate: the eight category scenarios only describe a case
(who, what happened where and when, by whom, where they were held or last
seen); turning a case into nodes, relationships, sources and consent is done
once, in ``victims``. Group events (a fishing boat, a repatriation voyage, a
handover at the border) are shared between the victims of one group.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from loaders.synthetic.context import Context, Weighted
from loaders.synthetic.dates import describe
from loaders.synthetic.names import Name
from loaders.synthetic.places import NAMES as PLACE_NAMES


@dataclass(slots=True)
class Incident:
    """One event: kind, date fields, place, perpetrators and a short description."""

    kind: str
    when: dict[str, Any]
    place: str
    perpetrators: list[tuple[str, str]]  # (body or official uid, role)
    what_en: str
    what_ko: str
    uid: str | None = None  # set once the event record is written
    status: str | None = None  # shared outcome for a group (a boat's crew)

    def summary(self) -> tuple[str, str]:
        """English and Korean summaries that say the record is synthetic."""
        when_en, when_ko = describe(self.when)
        place_en, place_ko = PLACE_NAMES[self.place]
        return (f"Synthetic record: {self.what_en} ({place_en}, {when_en}).",
                f"가상 기록: {self.what_ko} ({place_ko}, {when_ko}).")

    @property
    def start(self) -> date:
        return date.fromisoformat(self.when["date_start"])

    @property
    def end(self) -> date:
        return date.fromisoformat(self.when["date_end"])


@dataclass(slots=True)
class Case:
    """A victim as a scenario sees them."""

    name: Name
    sex: str
    birth_year: int
    nationality: str
    occupation: str
    status: str
    age: int
    incidents: list[Incident]
    # (relationship type, location uid, props) from the victim
    places: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    #: Where relatives inside the DPRK would live (a DPRK city), if anywhere.
    dprk_home: str | None = None
    #: Culture of relatives' names: "korean", "north", "japanese" or a nationality code.
    family_names: str = "korean"


def join_group(ctx: Context, key: Hashable, low: int, high: int,
               factory: Callable[[], Incident]) -> Incident:
    """The open group event under ``key``, or a new one of ``low``..``high`` members."""
    state = ctx.groups.get(key)
    if state is not None and state[1] > 0 and state[0].uid is not None:
        state[1] -= 1
        return state[0]
    incident = factory()
    ctx.groups[key] = [incident, ctx.between(low, high) - 1]
    return incident


def age_in(ctx: Context, bands: Weighted) -> int:
    """An age drawn from weighted (low, high) bands."""
    low, high = ctx.pick(bands)
    return ctx.between(low, high)


def held(start: date, end: date | None = None) -> dict[str, str]:
    """HELD_AT props: the dates a person was held."""
    props = {"date_from": start.isoformat()}
    if end is not None:
        props["date_to"] = end.isoformat()
    return props
