"""Editors create and change records: validation naming the field, ETag / If-Match with two
concurrent editors, synchronous republication, audit entries, relationships."""

from __future__ import annotations

import threading

from graph import audit
from tests.support.vault_api import audit_entries, public_uids

RECORDS = "/api/v1/vault/records"


def create(api, who, body: dict):
    return api.post(RECORDS, headers=who.headers, json=body)


def labels_of(stores, uid: str) -> set[str]:
    records, _, _ = stores.vault.execute_query("MATCH (n {uid: $uid}) RETURN labels(n) AS l", uid=uid,
                                               database_=stores.database("vault"))
    return set(records[0]["l"])


def test_editor_creates_a_person_owned_by_their_organisation(api, users, stores):
    editor = users["editor"]
    response = create(api, editor, {"record": "Person", "roles": ["Victim", "Witness"],
                                    "name_en": "Kim Jong-su Newcase", "name_ko": "김종수신규",
                                    "sex": "female", "birth_year": 1961, "status": "missing",
                                    "notes": "Synthetic note"})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    uid = body["uid"]
    assert uid.startswith("p-") and response.headers["ETag"] == f'"{body["etag"]}"'
    assert response.headers["Location"].endswith(f"{RECORDS}/{uid}")
    assert body["record"]["owner"] == "org-0001" and body["record"]["review_status"] == "pending"
    assert body["consent_label"] == "Confidential"  # no consent yet: private by default
    assert labels_of(stores, uid) == {"Entity", "Person", "Victim", "Witness", "Confidential"}
    records, _, _ = stores.vault.execute_query("MATCH (p {uid: $uid}) RETURN p.search_keys AS k",
                                               uid=uid, database_=stores.database("vault"))
    assert "kimjongsunewcase" in records[0]["k"]  # searchable like an imported person
    [entry] = audit_entries(stores, "record.create", uid)
    assert entry["actor"] == editor.email
    assert uid not in public_uids(stores)
    found = api.get("/api/v1/vault/search", query_string={"q": "김종수"}, headers=editor.headers)
    assert [h["uid"] for h in found.get_json()] == [uid]


def test_other_record_types_are_created(api, users, stores):
    editor = users["editor"]
    cases = [
        ({"record": "Event", "kind": "abduction", "date_start": "1977-11-15",
          "date_end": "1977-11-15", "date_precision": "day"}, "Restricted"),
        ({"record": "Source", "kind": "letter", "terms_of_use": "partners", "title": "Letter"},
         "Restricted"),
        ({"record": "Location", "uid": "loc-new", "name_en": "Synthetic camp", "kind": "facility",
          "facility_type": "political_prison_camp", "lat": 40.1, "lon": 127.2}, "Restricted"),
        ({"record": "PerpetratorBody", "name_en": "Synthetic bureau", "perpetrator": "mss",
          "kind": "security_unit"}, "Restricted"),
        ({"record": "Proceeding", "forum": "un_wgeid", "reference": "WGEID synthetic 9"},
         "Restricted"),
    ]
    for body, label in cases:
        response = create(api, editor, body)
        assert response.status_code == 201, response.get_json()
        out = response.get_json()
        assert out["consent_label"] == label, out
    event = create(api, editor, cases[0][0]).get_json()["record"]
    assert event["year"] == 1977  # derived, as on import
    source = create(api, editor, cases[1][0]).get_json()["record"]
    assert source["submitted_by"] == "org-0001"
    # a new place waits for an editor's review, then is published at once
    assert "loc-new" not in public_uids(stores, "Location")
    reviewed = api.post("/api/v1/vault/records/loc-new/review", headers=editor.headers,
                        json={"status": "approved"})
    assert reviewed.status_code == 200, reviewed.get_json()
    assert "loc-new" in public_uids(stores, "Location")
    records, _, _ = stores.public.execute_query(
        "MATCH (l:Location {uid: 'loc-new'}) RETURN l.coords.y AS lat",
        database_=stores.database("public"))
    assert records[0]["lat"] == 40.1
    # events and proceedings are stamped with the creating editor's organisation too
    assert event["owner"] == "org-0001"
    # a record is never made for another organisation
    handed = create(api, editor, {"record": "Person", "roles": ["Relative"], "name_en": "Handed",
                                  "owner": "org-0002"})
    assert handed.status_code == 403 and "owner" in handed.get_json()["errors"]


def test_bad_records_are_refused_naming_the_field(api, users, stores):
    editor = users["editor"]
    person = {"record": "Person", "roles": ["Victim"], "name_en": "Synthetic"}
    cases = [
        ({**person, "sex": "other-thing"}, 422, "sex"),
        ({k: v for k, v in person.items() if k != "roles"}, 422, "roles"),
        ({**person, "favourite_colour": "blue"}, 422, "favourite_colour"),
        ({**person, "birth_year": "nineteen"}, 422, "birth_year"),
        ({"record": "Person", "roles": ["Victim"]}, 422, "name_en"),
        ({**person, "review_status": "approved"}, 422, "review_status"),
        ({**person, "owner": "org-nope"}, 403, "owner"),
        ({"record": "Consent", "purpose": "publication"}, 422, "record"),
        ({"record": "Spaceship"}, 422, "record"),
        ({"record": "Event", "kind": "abduction", "date_start": "1980-01-02",
          "date_end": "1980-01-01"}, 422, "date_end"),
        ({**person, "uid": "p-1001"}, 409, None),
    ]
    before = audit.verify(stores.vault, stores.database("vault")).entries
    for body, status, field in cases:
        response = create(api, editor, body)
        assert response.status_code == status, (body, response.get_json())
        out = response.get_json()
        assert out["message"] and set(out) <= {"code", "status", "message", "errors"}
        if field:
            assert field in out["errors"], out
            assert field in out["message"]
    assert audit.verify(stores.vault, stores.database("vault")).entries == before  # nothing written
    assert create(api, editor, []).status_code == 422


def test_if_match_is_required_and_checked(api, users, stores):
    editor = users["editor"]
    url = f"{RECORDS}/p-1009"
    got = api.get(url, headers=editor.headers)
    etag = got.headers["ETag"]
    missing = api.patch(url, headers=editor.headers, json={"birth_year": 1960})
    assert missing.status_code == 428 and "If-Match" in missing.get_json()["message"]
    star = api.patch(url, headers={**editor.headers, "If-Match": "*"}, json={"birth_year": 1960})
    assert star.status_code == 428
    wrong = api.patch(url, headers={**editor.headers, "If-Match": '"0123"'}, json={"birth_year": 1960})
    assert wrong.status_code == 412 and wrong.headers["ETag"] == etag
    ok = api.patch(url, headers={**editor.headers, "If-Match": etag}, json={"birth_year": 1960})
    assert ok.status_code == 200, ok.get_json()
    assert ok.headers["ETag"] != etag and ok.get_json()["record"]["birth_year"] == 1960
    assert api.get(url, headers=editor.headers).headers["ETag"] == ok.headers["ETag"]
    [entry] = audit_entries(stores, "record.update", "p-1009")
    assert '"birth_year"' in entry["details"] and entry["actor"] == editor.email


def test_two_editors_one_wins_the_other_gets_412_and_nothing_is_lost(api, users):
    alice, admin = users["editor"], users["admin"]
    url = f"{RECORDS}/p-1008"
    tag_a = api.get(url, headers=alice.headers).headers["ETag"]
    tag_b = api.get(url, headers=admin.headers).headers["ETag"]
    assert tag_a == tag_b
    first = api.patch(url, headers={**alice.headers, "If-Match": tag_a},
                      json={"notes": "Alice's correction"})
    assert first.status_code == 200
    second = api.patch(url, headers={**admin.headers, "If-Match": tag_b},
                       json={"birth_year": 1940})
    assert second.status_code == 412
    # the loser reads again, reapplies, and wins this time: both changes are kept
    fresh = api.get(url, headers=admin.headers)
    assert fresh.get_json()["record"]["notes"] == "Alice's correction"
    retry = api.patch(url, headers={**admin.headers, "If-Match": fresh.headers["ETag"]},
                      json={"birth_year": 1940})
    assert retry.status_code == 200
    record = retry.get_json()["record"]
    assert record["notes"] == "Alice's correction" and record["birth_year"] == 1940


def test_concurrent_edits_on_one_version_let_exactly_one_through(vault_app, users, stores):
    editor = users["editor"]
    url = f"{RECORDS}/p-1003"
    etag = vault_app.test_client().get(url, headers=editor.headers).headers["ETag"]
    barrier = threading.Barrier(4)
    statuses: list[int] = []

    def edit(n: int) -> None:
        client = vault_app.test_client()
        barrier.wait()
        response = client.patch(url, headers={**editor.headers, "If-Match": etag},
                                json={"notes": f"edit {n}"})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(statuses) == [200, 412, 412, 412]
    assert len(audit_entries(stores, "record.update", "p-1003")) == 1
    assert audit.verify(stores.vault, stores.database("vault")).ok


def test_put_replaces_but_keeps_workflow_fields(api, users):
    editor = users["editor"]
    url = f"{RECORDS}/p-1002"
    got = api.get(url, headers=editor.headers)
    record = got.get_json()["record"]
    record.pop("notes")
    record["name_variants"] = ["Seo Yong-jin Renamed"]
    headers = {**editor.headers, "If-Match": got.headers["ETag"]}
    review = api.put(url, headers=headers, json={**record, "review_status": "rejected"})
    assert review.status_code == 422 and "review_status" in review.get_json()["errors"]
    changed_uid = api.put(url, headers=headers, json={**record, "uid": "p-other"})
    assert changed_uid.status_code == 422 and "uid" in changed_uid.get_json()["errors"]
    put = api.put(url, headers=headers, json=record)
    assert put.status_code == 200, put.get_json()
    out = put.get_json()["record"]
    assert "notes" not in out and out["name_variants"] == ["Seo Yong-jin Renamed"]
    assert out["review_status"] == "approved"  # kept: review has its own endpoint
    bad = api.patch(url, headers={**editor.headers, "If-Match": put.headers["ETag"]},
                    json={"status": "vanished"})
    assert bad.status_code == 422 and "status" in bad.get_json()["errors"]


def test_editing_a_public_person_republishes_before_the_response(api, users, stores):
    editor = users["editor"]
    url = f"{RECORDS}/p-1007"
    etag = api.get(url, headers=editor.headers).headers["ETag"]
    response = api.patch(url, headers={**editor.headers, "If-Match": etag},
                         json={"name_en": "Nam Gyeongho-renamed"})
    assert response.status_code == 200
    records, _, _ = stores.public.execute_query(
        "MATCH (p:Person {uid: 'p-1007'}) RETURN p.name_en AS name",
        database_=stores.database("public"))
    assert records[0]["name"] == "Nam Gyeongho-renamed"
    etag = response.headers["ETag"]
    moved = api.patch(url, headers={**editor.headers, "If-Match": etag}, json={"in_dprk": True})
    assert moved.status_code == 200 and moved.get_json()["consent_label"] == "Confidential"
    assert "p-1007" not in public_uids(stores)


def test_relationships_link_records_and_republish_both_ends(api, users, stores):
    editor = users["editor"]
    body = {"type": "SUBJECTED_TO", "from": "p-1007", "to": "e-1010", "sources": ["src-pub1"]}
    response = api.post("/api/v1/vault/relationships", headers=editor.headers, json=body)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["from"] == "p-1007"
    records, _, _ = stores.public.execute_query(
        "MATCH (:Person {uid: 'p-1007'})-[r:SUBJECTED_TO]->(:Event {uid: 'e-1010'}) "
        "RETURN r.sources AS s", database_=stores.database("public"))
    assert records and records[0]["s"] == ["src-pub1"]
    assert api.post("/api/v1/vault/relationships", headers=editor.headers,
                    json=body).status_code == 201  # merged: sending it again changes nothing
    assert [e["subject"] for e in audit_entries(stores, "relationship.create")] == ["p-1007"] * 2
    cases = [
        ({**body, "type": "LIKES"}, "type"),
        ({**body, "to": "loc-seoul"}, "to"),
        ({**body, "from": "p-nope"}, "from"),
        ({**body, "sources": ["e-1010"]}, "sources"),
        ({"type": "GAVE", "from": "p-1007", "to": "con-1007-0"}, "type"),
        ({"type": "RELATIVE_OF", "from": "p-1007", "to": "p-1010"}, "props.relation"),
    ]
    for bad, field in cases:
        response = api.post("/api/v1/vault/relationships", headers=editor.headers, json=bad)
        assert response.status_code == 422, bad
        assert field in response.get_json()["errors"], response.get_json()


def patch(api, who, uid: str, change: dict):
    """PATCH with the ETag the caller reads (a made-up one for a record they cannot read)."""
    etag = api.get(f"{RECORDS}/{uid}", headers=who.headers).headers.get("ETag", '"none"')
    return api.patch(f"{RECORDS}/{uid}", headers={**who.headers, "If-Match": etag}, json=change)


def test_the_owning_organisation_is_fixed(api, users, stores):
    """No PUT or PATCH changes who owns a record, not even the owner's; a PUT that leaves the
    field out keeps it."""
    editor = users["editor"]
    event = create(api, editor, {"record": "Event", "kind": "abduction"}).get_json()["uid"]
    for uid, field in (("p-1002", "owner"), ("src-pub1", "submitted_by"), (event, "owner")):
        for value in ("org-0002", None, "org-nope"):
            response = patch(api, editor, uid, {field: value})
            assert response.status_code == 422, (uid, value, response.get_json())
            assert field in response.get_json()["errors"]
            assert "moved between organisations" in response.get_json()["message"]
        got = api.get(f"{RECORDS}/{uid}", headers=editor.headers)
        record = {k: v for k, v in got.get_json()["record"].items() if k != field}
        for k in ("review_status", "reviewed_by", "reviewed_on", "at_risk", "terms_of_use"):
            record.pop(k, None)
        if uid == "src-pub1":
            record["terms_of_use"] = "public"
        put = api.put(f"{RECORDS}/{uid}", json=record,
                      headers={**editor.headers, "If-Match": got.headers["ETag"]})
        assert put.status_code == 200, put.get_json()
        assert put.get_json()["record"][field] == "org-0001"
    assert patch(api, editor, "p-1002", {"owner": "org-0001"}).status_code == 200  # unchanged


def test_shared_reference_data_is_changed_by_any_editor_and_owned_records_by_their_own(
        api, users, stores):
    editor, editor_b = users["editor"], users["editor-b"]
    for who, year in ((editor, 1960), (editor_b, 1961)):
        assert patch(api, who, "body-mss", {"founded": year}).status_code == 200
    assert patch(api, editor_b, "loc-yodok", {"name_ko": "요덕"}).status_code == 200
    # each organisation changes its own Organization record only
    assert patch(api, editor_b, "org-0002", {"name_en": "Synthetic B"}).status_code == 200
    assert patch(api, editor_b, "org-0001", {"name_en": "Taken"}).status_code == 403
    # B's own records, and A's the other way round
    assert patch(api, editor_b, "p-2001", {"notes": "B's note"}).status_code == 200
    assert patch(api, editor, "p-2001", {"notes": "A's note"}).status_code == 404  # confidential
    assert patch(api, editor, "src-orgb", {"title": "A's"}).status_code == 404  # internal


def test_an_event_without_an_owner_is_owned_through_its_people(api, users, stores):
    """Imported events carry no owner: the organisation of the people linked to it owns it;
    one linked to several organisations' people, or to no one, is changed by no one here."""
    editor, editor_b = users["editor"], users["editor-b"]
    assert patch(api, editor, "e-1002", {"summary_en": "Synthetic: amended"}).status_code == 200
    assert patch(api, editor_b, "e-1002", {"summary_en": "B's"}).status_code == 403
    db = stores.database("vault")
    stores.vault.execute_query(
        "MATCH (p:Person {uid: 'p-2001'}), (e:Event {uid: 'e-1002'}) "
        "CREATE (p)-[:WITNESSED {key: '', sources: []}]->(e) "
        "CREATE (:Entity:Event:Restricted {uid: 'e-orphan', kind: 'abduction'})", database_=db)
    for who in (editor, editor_b):
        shared = patch(api, who, "e-1002", {"summary_en": "either"})
        assert shared.status_code == 403 and "several organisations" in shared.get_json()["message"]
        orphan = patch(api, who, "e-orphan", {"kind": "arrest"})
        assert orphan.status_code == 403 and "no organisation" in orphan.get_json()["message"]


def test_links_need_both_ends_to_be_the_callers(api, users, stores):
    editor, editor_b = users["editor"], users["editor-b"]
    event = create(api, editor, {"record": "Event", "kind": "abduction"}).get_json()["uid"]
    proc = create(api, editor, {"record": "Proceeding", "forum": "un_wgeid"}).get_json()["uid"]
    allowed = [
        {"type": "SUBJECTED_TO", "from": "p-1002", "to": event, "sources": ["src-pub1"]},
        {"type": "OCCURRED_AT", "from": event, "to": "loc-yodok"},
        {"type": "CONCERNS", "from": proc, "to": "p-1002"},
        {"type": "FILED_BY", "from": proc, "to": "org-0002"},  # an institution, reference data
    ]
    for body in allowed:
        response = api.post("/api/v1/vault/relationships", headers=editor.headers, json=body)
        assert response.status_code == 201, (body, response.get_json())
    refused = [  # B's person to A's event: refused to either organisation
        ({"type": "SUBJECTED_TO", "from": "p-2001", "to": event}, editor_b, "to", 403),
        ({"type": "SUBJECTED_TO", "from": "p-2001", "to": event}, editor, "from", 422),  # unseen
        ({"type": "CONCERNS", "from": proc, "to": "p-2001"}, editor_b, "from", 403),
        ({"type": "OCCURRED_AT", "from": "e-1002", "to": "loc-seoul"}, editor_b, "from", 403),
    ]
    for body, who, field, status in refused:
        response = api.post("/api/v1/vault/relationships", headers=who.headers, json=body)
        assert response.status_code == status, (body, response.get_json())
        assert field in response.get_json()["errors"], response.get_json()
    assert len(audit_entries(stores, "relationship.create")) == len(allowed)
