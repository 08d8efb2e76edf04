"""The audit log over HTTP (admins): verifying the hash chain, listing the latest entries."""

from __future__ import annotations

from graph import audit

VERIFY = "/api/v1/vault/audit/verify"
ENTRIES = "/api/v1/vault/audit/entries"


def reads(api, who, uids) -> None:
    for uid in uids:
        assert api.get(f"/api/v1/vault/records/{uid}", headers=who.headers).status_code == 200


def test_verify_reports_an_intact_chain(api, users, stores):
    reads(api, users["investigator"], ["p-1002", "p-1001", "proc-0001"])
    response = api.get(VERIFY, headers=users["admin"].headers)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    cli = audit.verify(stores.vault, stores.database("vault"))
    assert body["ok"] is True and cli.ok
    assert body["entries"] == cli.entries >= 3  # the load's publication is in the log too
    assert body["head_seq"] == body["entries"] and len(body["head_hash"]) == 64
    assert body["problem"] is None and body["seq"] is None
    assert body["unfinished_imports"] == []


def test_verify_lists_an_import_cut_short(api, users, stores):
    """An ``import.started`` without its end (a crash): listed until the same input is
    imported to the end (docs/consent.md, "Audit log")."""
    db = stores.database("vault")
    seq = audit.append(stores.vault, "importer@test", "import.started", "cut.jsonl", database=db,
                       file="cut.jsonl", sha256="0" * 64)
    body = api.get(VERIFY, headers=users["admin"].headers).get_json()
    assert body["ok"] is True and body["unfinished_imports"] == [{"seq": seq, "file": "cut.jsonl"}]
    audit.append(stores.vault, "importer@test", "import.finished", "cut.jsonl", database=db,
                 started=seq + 5, sha256="0" * 64)  # a later run of the same file
    assert api.get(VERIFY, headers=users["admin"].headers).get_json()["unfinished_imports"] == []


def test_verify_names_the_first_altered_and_the_removed_entry(api, users, stores):
    reads(api, users["lawyer"], ["p-1002", "proc-0001"])
    db = stores.database("vault")
    [first] = [e for e in audit.entries(stores.vault, db) if e["action"] == "vault.read"][:1]
    stores.vault.execute_query("MATCH (e:AuditEntry {seq: $seq}) SET e.actor = 'someone-else'",
                               seq=first["seq"], database_=db)
    body = api.get(VERIFY, headers=users["admin"].headers).get_json()
    assert body["ok"] is False and body["seq"] == first["seq"]
    assert "altered" in body["problem"]
    stores.vault.execute_query("MATCH (e:AuditEntry {seq: $seq}) SET e.actor = $actor",
                               seq=first["seq"], actor=first["actor"], database_=db)
    assert api.get(VERIFY, headers=users["admin"].headers).get_json()["ok"] is True
    # the last entry removed: the chain itself still fits, the head says it is cut short
    stores.vault.execute_query("MATCH (e:AuditEntry) WITH e ORDER BY e.seq DESC LIMIT 1 "
                               "DETACH DELETE e", database_=db)
    body = api.get(VERIFY, headers=users["admin"].headers).get_json()
    assert body["ok"] is False and "removed from the end" in body["problem"]


def org_entries(stores, organization: str) -> list[dict]:
    """The audit entries an admin of ``organization`` is shown, worked out here from the
    whole log: made by its users, or about its users, itself, or the records it owns."""
    db = stores.database("vault")
    records, _, _ = stores.vault.execute_query(
        "MATCH (u:User {organization: $org}) RETURN collect(u.email) AS emails, "
        "collect(u.uid) AS uids", org=organization, database_=db)
    emails, uids = set(records[0]["emails"]), set(records[0]["uids"])
    records, _, _ = stores.vault.execute_query(
        "MATCH (n:Entity) WHERE n.owner = $org OR n.submitted_by = $org "
        "RETURN collect(n.uid) AS uids", org=organization, database_=db)
    owned = set(records[0]["uids"]) | {organization}
    return [e for e in audit.entries(stores.vault, db)
            if e["actor"] in emails or e["subject"] in uids | owned]


def test_entries_are_listed_newest_first_paginated_and_filtered(api, users, stores):
    investigator, admin = users["investigator"], users["admin"]
    reads(api, investigator, ["p-1002", "p-1001", "proc-0001"])
    everything = org_entries(stores, admin.organization)
    assert len(everything) < len(list(audit.entries(stores.vault, stores.database("vault"))))
    first = api.get(ENTRIES, query_string={"per_page": 2}, headers=admin.headers)
    assert first.status_code == 200 and first.headers["Cache-Control"] == "no-store"
    page1 = first.get_json()
    assert page1["total"] == len(everything) and page1["head_seq"] >= page1["total"]
    assert (page1["page"], page1["per_page"]) == (1, 2)
    assert [e["seq"] for e in page1["items"]] == [everything[-1]["seq"], everything[-2]["seq"]]
    newest = page1["items"][0]
    assert newest["action"] == "vault.read" and newest["subject"] == "proc-0001"
    assert newest["actor"] == investigator.email
    assert newest["details"]["label"] == "Restricted" and newest["details"]["via"] == "record"
    assert newest["hash"] == everything[-1]["hash"]
    page2 = api.get(ENTRIES, query_string={"per_page": 2, "page": 2}, headers=admin.headers)
    assert [e["seq"] for e in page2.get_json()["items"]] == [everything[-3]["seq"],
                                                             everything[-4]["seq"]]
    beyond = api.get(ENTRIES, query_string={"page": 1000}, headers=admin.headers).get_json()
    assert beyond["items"] == [] and beyond["total"] == len(everything)
    only = api.get(ENTRIES, query_string={"action": "vault.read"}, headers=admin.headers).get_json()
    assert only["total"] == 3 and {e["action"] for e in only["items"]} == {"vault.read"}
    assert [e["subject"] for e in only["items"]] == ["proc-0001", "p-1001", "p-1002"]


def test_an_admin_lists_only_their_own_organisations_entries(api, users, stores):
    """Another organisation's reads of its own confidential records, and its accounts, do
    not reach this admin: the entries would tell that those records exist."""
    reads(api, users["investigator"], ["p-1001", "p-1005"])  # org-0001's confidential people
    reads(api, users["investigator-b"], ["p-2001", "p-1002"])  # org-0002's own, and a restricted
    mine = api.get(ENTRIES, query_string={"per_page": 200}, headers=users["admin-b"].headers)
    items = mine.get_json()["items"]
    assert [e["seq"] for e in items] == [e["seq"] for e in reversed(org_entries(stores, "org-0002"))]
    text = mine.get_data(as_text=True)
    for secret in ("p-1001", "p-1005", users["investigator"].email, users["investigator"].uid):
        assert secret not in text
    assert {e["subject"] for e in items if e["action"] == "vault.read"} == {"p-2001", "p-1002"}
    assert any(e["action"] == "account.create" and e["subject"] == users["editor-b"].uid
               for e in items)

def test_entries_arguments_are_checked(api, users):
    headers = users["admin"].headers
    for query in ({"per_page": 0}, {"per_page": 201}, {"page": 0}, {"page": "x"},
                  {"action": ""}, {"colour": "red"}):
        response = api.get(ENTRIES, query_string=query, headers=headers)
        assert response.status_code == 422, query
        assert response.get_json()["message"].startswith("invalid input: ")


def test_only_admins_verify_or_list(api, users):
    for path in (VERIFY, ENTRIES):
        assert api.get(path).status_code == 401
        for role in ("researcher", "investigator", "lawyer", "editor", "editor-b"):
            assert api.get(path, headers=users[role].headers).status_code == 403, (path, role)
        assert api.get(path, headers=users["admin"].headers).status_code == 200
