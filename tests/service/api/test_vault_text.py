"""The free-text gate for vault readers (service/vault/text.py): another organisation's
confidential people are not named to a user in any text of the vault they may read, and
a record whose text names them is not theirs to rewrite."""

from __future__ import annotations

from tests.support.leaks import fixture_people, leaks

HIDDEN_SISTER = "p-1005"  # Ri Sunhui-indprk, org-0001's, inside the DPRK: Confidential


def sister() -> dict:
    return {HIDDEN_SISTER: fixture_people()[HIDDEN_SISTER]}


def test_a_title_naming_another_organisations_confidential_person_is_withheld(api, users):
    other = api.get("/api/v1/vault/records/src-pub2", headers=users["editor-b"].headers)
    assert other.status_code == 200
    assert other.get_json()["record"]["title"] == "[withheld]"
    assert leaks(other.get_data(as_text=True), sister()) == []
    own = api.get("/api/v1/vault/records/src-pub2", headers=users["editor"].headers)
    assert "Ri Sunhui-indprk" in own.get_json()["record"]["title"]


def test_dossier_sources_and_search_name_no_hidden_person(api, users):
    dossier = api.get("/api/v1/vault/persons/p-1007", headers=users["investigator-b"].headers)
    titles = {s["uid"]: s.get("title") for s in dossier.get_json()["sources"]}
    assert titles["src-pub2"] == "[withheld]"
    assert titles["src-pub1"] == "Synthetic public testimony"
    assert leaks(dossier.get_data(as_text=True), sister()) == []
    own = api.get("/api/v1/vault/persons/p-1007", headers=users["investigator"].headers)
    assert "Ri Sunhui-indprk" in own.get_data(as_text=True)


def test_a_shared_record_naming_a_hidden_person_is_not_rewritten_by_others(api, users):
    made = api.post("/api/v1/vault/records", headers=users["editor"].headers,
                    json={"record": "Location", "name_en": "Grave of Ri Sunhui-indprk",
                          "kind": "site"})
    assert made.status_code == 201, made.get_json()
    uid = made.get_json()["uid"]
    seen = api.get(f"/api/v1/vault/records/{uid}", headers=users["editor-b"].headers)
    assert seen.get_json()["record"]["name_en"] == "[withheld]"
    put = api.put(f"/api/v1/vault/records/{uid}", headers={
        **users["editor-b"].headers, "If-Match": seen.headers["ETag"]},
        json={**seen.get_json()["record"], "kind": "city"})
    assert put.status_code == 403, put.get_json()
    assert "names a person you may not see" in put.get_json()["message"]
    again = api.get(f"/api/v1/vault/records/{uid}", headers=users["editor"].headers)
    assert again.get_json()["record"]["name_en"] == "Grave of Ri Sunhui-indprk"


def test_the_review_list_names_only_people_the_editor_may_see(api, users):
    own = {e["uid"]: e for e in api.get("/api/v1/vault/withheld",
                                        headers=users["editor"].headers).get_json()}
    assert own["src-pub2#title"]["persons"] == ["p-1005"]
    assert own["src-pub2#title"]["reason"] == "title names a non-public person: p-1005"
    response = api.get("/api/v1/vault/withheld", headers=users["editor-b"].headers)
    other = {e["uid"]: e for e in response.get_json()}
    assert other["src-pub2#title"]["persons"] == []
    assert other["src-pub2#title"]["persons_not_shown"] == 1
    assert leaks(response.get_data(as_text=True), sister()) == []
    assert "p-1005" not in response.get_data(as_text=True)
    assert api.get("/api/v1/vault/withheld",
                   headers=users["investigator"].headers).status_code == 403
