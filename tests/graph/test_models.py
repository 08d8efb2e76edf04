"""The neomodel models against the real vault: labels, properties, relationships, choices."""

from __future__ import annotations

from datetime import date

import pytest
from neomodel.exceptions import DeflateError

from graph import models


@pytest.fixture
def neomodel_vault(vault, stores):
    models.use_driver(vault, stores.database("vault"))
    return vault


def test_person_roles_are_labels_and_entity_is_shared(neomodel_vault):
    v = models.Victim(name_en="Synthetic Victim", name_ko="합성피해자", category="war_abductee",
                      sex="female", status="missing").save()
    records, _, _ = neomodel_vault.execute_query(
        "MATCH (n {uid: $uid}) RETURN labels(n) AS l", uid=v.uid)
    assert set(records[0]["l"]) == {"Entity", "Person", "Victim"}


def test_fact_relationships_carry_sources(neomodel_vault):
    v = models.Victim(name_en="Synthetic Victim").save()
    e = models.Event(kind="abduction", date_start=date(1977, 11, 15), date_end=date(1977, 11, 15),
                     date_precision="day", year=1977).save()
    rel = v.subjected_to.connect(e, {"sources": ["src-1", "src-2"]})
    assert rel.sources == ["src-1", "src-2"]
    records, _, _ = neomodel_vault.execute_query(
        "MATCH (:Victim)-[r:SUBJECTED_TO]->(:Event) RETURN r.sources AS s")
    assert records[0]["s"] == ["src-1", "src-2"]


def test_vocabulary_choices_are_enforced(neomodel_vault):
    with pytest.raises(DeflateError):
        models.Victim(name_en="X", sex="not-a-sex").save()


def test_location_point_and_hierarchy(neomodel_vault):
    from neomodel.contrib.spatial_properties import NeomodelPoint

    kp = models.Location(name_en="DPRK", kind="country").save()
    camp = models.Location(name_en="Synthetic camp", kind="facility",
                           facility_type="political_prison_camp",
                           coords=NeomodelPoint((126.85, 39.75), crs="wgs-84")).save()
    camp.within.connect(kp)
    assert camp.within.single().name_en == "DPRK"
    assert models.Location.nodes.get(uid=camp.uid).coords.latitude == pytest.approx(39.75)


def test_chain_of_command_is_dated(neomodel_vault):
    unit = models.PerpetratorBody(name_en="Synthetic bureau", perpetrator="mss",
                                  kind="security_unit").save()
    ministry = models.PerpetratorBody(name_en="Ministry of State Security", perpetrator="mss",
                                      kind="ministry").save()
    rel = unit.part_of.connect(ministry, {"date_from": date(1973, 5, 1), "sources": ["s"]})
    assert rel.date_from == date(1973, 5, 1)
