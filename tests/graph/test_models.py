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


def test_source_supports_a_record(neomodel_vault):
    org = models.Organization(name_en="Synthetic association", kind="family_association",
                              synthetic=True).save()
    src = models.Source(kind="petition", title="Synthetic petition", terms_of_use="un_only",
                        submitted_by=org.uid, submitted_on=date(2016, 1, 10), synthetic=True).save()
    victim = models.Victim(name_en="Synthetic Victim").save()
    src.supports.connect(victim)
    found = models.Source.nodes.get(uid=src.uid)
    assert (found.kind, found.terms_of_use, found.submitted_on) == ("petition", "un_only",
                                                                    date(2016, 1, 10))
    assert found.supports.single().uid == victim.uid
    with pytest.raises(DeflateError):
        models.Source(kind="petition", terms_of_use="anyone").save()


def test_proceeding_links_carry_sources(neomodel_vault):
    org = models.Organization(name_en="Synthetic association").save()
    src = models.Source(kind="un_communication", terms_of_use="un_only").save()
    victim = models.Victim(name_en="Synthetic Victim", category="postwar_abductee").save()
    body = models.PerpetratorBody(name_en="Synthetic unit", perpetrator="mss").save()
    iccpr = models.Instrument(key="iccpr", name_en="ICCPR", kind="treaty", year=1966).save()
    law = models.Resource(name_en="Criminal Law of the DPRK", kind="law", year=1950).save()
    proc = models.Proceeding(forum="un_wgeid", reference="WGEID case no. 10010001",
                             date_filed=date(2012, 3, 1), status="transmitted",
                             outcome="case_outstanding").save()
    cited = {"sources": [src.uid]}
    links = [proc.concerns.connect(victim, cited), proc.names.connect(body, cited),
             proc.invokes.connect(iccpr, cited), proc.invokes.connect(law, cited),
             proc.filed_by.connect(org, cited)]
    assert all(link.sources == [src.uid] for link in links)
    records, _, _ = neomodel_vault.execute_query(
        "MATCH (:Proceeding {uid: $uid})-[r]->(n) RETURN type(r) AS t, r.sources AS s, "
        "n.uid AS to ORDER BY t, to", uid=proc.uid)
    assert sorted((r["t"], r["to"]) for r in records) == sorted([
        ("CONCERNS", victim.uid), ("NAMES", body.uid), ("INVOKES", iccpr.uid),
        ("INVOKES", law.uid), ("FILED_BY", org.uid)])
    assert all(r["s"] == [src.uid] for r in records)
    assert proc.concerns.relationship(victim).sources == [src.uid]
    with pytest.raises(DeflateError):
        models.Proceeding(forum="court_of_opinion").save()


def test_within_carries_sources(neomodel_vault):
    country = models.Location(name_en="DPRK", kind="country").save()
    province = models.Location(name_en="South Hamgyong", kind="province").save()
    assert province.within.connect(country, {"sources": ["src-ref-gazetteer"]}).sources == [
        "src-ref-gazetteer"]


def test_third_parties_and_officials(neomodel_vault):
    victim = models.Victim(name_en="Synthetic Victim", status="missing").save()
    relative = models.Relative(name_en="Synthetic Relative", in_dprk=True).save()
    witness = models.Witness(name_en="Synthetic Witness", at_risk=True).save()
    official = models.Official(name_en="Synthetic Official", sex="male").save()
    event = models.Event(kind="enforced_disappearance", year=1999).save()
    unit = models.PerpetratorBody(name_en="Synthetic bureau", perpetrator="mss").save()
    rel = relative.relative_of.connect(victim, {"relation": "sibling", "sources": ["s-1"]})
    assert (rel.relation, rel.sources) == ("sibling", ["s-1"])
    witness.witnessed.connect(event, {"sources": ["s-2"]})
    member = official.member_of.connect(unit, {"date_from": date(1990, 1, 1), "role": "chief",
                                               "sources": ["s-3"]})
    assert (member.role, member.date_from) == ("chief", date(1990, 1, 1))
    records, _, _ = neomodel_vault.execute_query(
        "MATCH (n:Person) RETURN n.uid AS uid, labels(n) AS l")
    labels = {r["uid"]: set(r["l"]) for r in records}
    assert labels[relative.uid] == {"Entity", "Person", "Relative"}
    assert labels[witness.uid] == {"Entity", "Person", "Witness"}
    assert labels[official.uid] == {"Entity", "Person", "Official"}
    assert models.Relative.nodes.get(uid=relative.uid).in_dprk is True
    assert models.Witness.nodes.get(uid=witness.uid).witnessed.single().uid == event.uid
    assert models.Official.nodes.get(uid=official.uid).member_of.single().uid == unit.uid
    with pytest.raises(DeflateError):
        relative.relative_of.connect(victim, {"relation": "pen-pal"})


def test_consent_record(neomodel_vault):
    victim = models.Victim(name_en="Synthetic Victim", status="missing",
                           deceased_or_disappeared=True).save()
    consent = models.Consent(purpose="publication", given_on=date(2019, 5, 2),
                             obtained_by="org-1", method="written",
                             evidence="Synthetic consent form", by_family=True,
                             synthetic=True).save()
    victim.gave.connect(consent)
    found = models.Consent.nodes.get(uid=consent.uid)
    assert (found.purpose, found.given_on, found.by_family, found.withdrawn_on) == (
        "publication", date(2019, 5, 2), True, None)
    assert found.given_by.single().uid == victim.uid
    found.withdrawn_on = date(2021, 1, 4)
    found.save()
    records, _, _ = neomodel_vault.execute_query(
        "MATCH (:Victim {uid: $v})-[:GAVE]->(c:Consent) RETURN c.uid AS uid", v=victim.uid)
    assert records[0]["uid"] == consent.uid
    assert models.Consent.nodes.get(uid=consent.uid).withdrawn_on == date(2021, 1, 4)
    with pytest.raises(DeflateError):
        models.Consent(purpose="gossip", given_on=date(2019, 5, 2)).save()
