"""Leak check for the vault endpoints: a user who may not see a confidential record never
gets its data, whatever endpoint, input or error they try.

Org-0002's users may not see org-0001's confidential people (no consent, consent
withdrawn, living in the DPRK, an unconsented witness); org-0001's users may not see
org-0002's relative in the DPRK. Every response body (successes and errors alike) is
scanned for their names, name variants, contact details and notes; and for their uids
too, except where the caller sent the uid themselves.
"""

from __future__ import annotations

import json

from tests.support.leaks import fixture_people, leaks
from tests.support.vault_api import VAULT_ORGS

HIDDEN_FROM_B = ("p-1001", "p-1004", "p-1005", "p-1006")


def people_hidden_from(org: str) -> dict[str, dict]:
    if org == "b":
        everyone = fixture_people()
        return {uid: everyone[uid] for uid in HIDDEN_FROM_B}
    rows = [json.loads(line) for line in VAULT_ORGS.read_text(encoding="utf-8").splitlines()]
    return {r["uid"]: r for r in rows if r["record"] == "Person"}


def without_uid(people: dict[str, dict]) -> dict[str, dict]:
    """The same people, but a uid that the caller sent is allowed back (their own input)."""
    return {uid: {**person, "uid": "\0"} for uid, person in people.items()}


def probes(uid: str, person: dict) -> list[tuple[str, str, object, dict]]:
    """(method, path, body, headers) aimed at one hidden person."""
    names = [person["name_en"], person["name_ko"], *person["name_variants"]]
    bogus_etag = {"If-Match": '"0000"'}
    return [
        ("GET", f"/api/v1/vault/records/{uid}", None, {}),
        ("GET", f"/api/v1/vault/persons/{uid}", None, {}),
        ("GET", f"/api/v1/vault/records/{uid}/explanation", None, {}),
        ("PATCH", f"/api/v1/vault/records/{uid}", {"notes": "x"}, {}),  # no If-Match either
        ("PATCH", f"/api/v1/vault/records/{uid}", {"sex": "nonsense"}, bogus_etag),
        ("PUT", f"/api/v1/vault/records/{uid}", {"record": "Person"}, bogus_etag),
        ("POST", f"/api/v1/vault/persons/{uid}/consents",
         {"purpose": "publication", "given_on": "2024-01-01", "obtained_by": "x"}, {}),
        ("POST", f"/api/v1/vault/persons/{uid}/consents/withdraw", {}, {}),
        ("POST", f"/api/v1/vault/persons/{uid}/at-risk", {}, {}),
        ("POST", f"/api/v1/vault/persons/{uid}/review", {"status": "approved"}, {}),
        ("POST", "/api/v1/vault/relationships",
         {"type": "RELATIVE_OF", "from": "p-1002", "to": uid, "props": {"relation": "sibling"}}, {}),
        ("POST", "/api/v1/vault/relationships",
         {"type": "SUBJECTED_TO", "from": uid, "to": "e-1002", "sources": ["src-pub1"]}, {}),
        *(("GET", f"/api/v1/vault/search?q={name}", None, {}) for name in names),
    ]


def check(api, caller, hidden: dict[str, dict]) -> list[str]:
    problems = []
    for uid, person in hidden.items():
        for method, path, body, headers in probes(uid, person):
            response = api.open(path, method=method, json=body,
                                headers={**caller.headers, **headers})
            text = response.get_data(as_text=True)
            if "search" in path:
                hits = {h["uid"] for h in response.get_json() or []}
                if response.status_code != 200 or hits & set(hidden):
                    problems.append(f"{method} {path}: {response.status_code} {text[:200]}")
                found = leaks(text, hidden)
            else:
                if response.status_code not in (403, 404, 422):  # 403: not their role
                    problems.append(f"{method} {path}: {response.status_code} {text[:200]}")
                found = leaks(text, without_uid(hidden))
            if found:
                problems.append(f"{method} {path} leaked {found}")
    return problems


def test_other_organisations_confidential_people_never_leak(api, users):
    hidden = people_hidden_from("b")
    for name in ("investigator-b", "lawyer-b", "editor-b"):
        assert check(api, users[name], hidden) == [], name
    hidden_a = people_hidden_from("a")
    for name in ("investigator", "editor"):
        assert check(api, users[name], hidden_a) == [], name


def test_dossiers_and_lists_of_visible_records_leak_no_hidden_neighbour(api, users, stores):
    """Public and restricted people whose relatives or sources are confidential elsewhere."""
    hidden_b, hidden_a = people_hidden_from("b"), people_hidden_from("a")
    cases = [(users["editor-b"], hidden_b, ("p-1007", "p-1010", "p-1002", "p-1003")),
             (users["editor"], hidden_a, ("p-1002",))]
    for caller, hidden, uids in cases:
        for uid in uids:
            for path in (f"/api/v1/vault/persons/{uid}", f"/api/v1/vault/records/{uid}",
                         f"/api/v1/vault/records/{uid}/explanation"):
                response = api.get(path, headers=caller.headers)
                assert response.status_code == 200, path
                assert leaks(response.get_data(as_text=True), hidden) == [], (caller.name, path)
        for q in ("Synthetic", "Victim", "Hidden", "KR", "*", "a*"):
            response = api.get("/api/v1/vault/search", query_string={"q": q, "limit": 100},
                               headers=caller.headers)
            assert leaks(response.get_data(as_text=True), hidden) == [], (caller.name, q)
    # the withheld neighbours are counted, never described
    body = api.get("/api/v1/vault/persons/p-1007", headers=users["editor-b"].headers).get_json()
    assert body["withheld"] >= 1 and body["consents_withheld"] is True
