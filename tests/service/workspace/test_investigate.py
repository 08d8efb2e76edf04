"""The investigators' network over the vault and their case boards: who may open them,
organisation walls (boards and confidential records), colours by visibility, audit of
reads and writes, CSRF, and refused input that writes nothing."""

from __future__ import annotations

import json
import re

import pytest

from tests.service.test_audit_coverage import WORKSPACE_WRITES
from tests.support.leaks import leaks
from tests.support.vault_api import ORG_A, ORG_B, audit_entries
from tests.support.workspace import confidential_people, counts, signed_in
from visualizations.network import STATE_COLOURS

CHAIN = "/workspace/network?tool=chain&victim=p-1001"


def network_data(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="vault-network-data">(.*?)</script>',
                      page, re.S)
    return json.loads(found.group(1))


def new_board(b, title="Yodok 1990s") -> str:
    b.get("/workspace/boards")
    response = b.post("/workspace/boards", {"title": title, "investigation": "Kwanliso 15"})
    assert response.status_code == 303, response.get_data(as_text=True)
    return response.headers["Location"].rsplit("/", 1)[1]


@pytest.mark.parametrize("role", ["researcher", "investigator", "lawyer", "editor", "admin"])
def test_role_matrix(browser, users, role):
    b = signed_in(browser, users[role])
    allowed = role in ("investigator", "editor", "admin")
    for path in (CHAIN, "/workspace/network", "/workspace/boards"):
        response = b.get(path)
        assert response.status_code == (200 if allowed else 403), (role, path)
        assert response.headers["Cache-Control"] == "no-store"
    if allowed:
        uid = new_board(b)
        assert b.get(f"/workspace/boards/{uid}").status_code == 200
    else:
        assert b.post("/workspace/boards", {"title": "x"}).status_code == 403


def test_no_page_without_a_session(browser, users):
    anonymous = browser()
    for path in (CHAIN, "/workspace/boards", "/workspace/boards/board-0"):
        response = anonymous.get(path)
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    assert anonymous.post("/workspace/boards", {"title": "x"}, csrf=False).status_code == 302


def test_chain_of_responsibility_over_the_vault_includes_own_confidential_victim(browser, users,
                                                                                   stores):
    b = signed_in(browser, users["investigator"])
    response = b.get(CHAIN)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    data = network_data(page)
    ids = {n["id"] for n in data["nodes"]}
    assert {"p-1001", "e-1001", "e-1010", "body-mss"} <= ids
    colours = {n["id"]: n["color"] for n in data["nodes"]}
    assert colours["p-1001"] == STATE_COLOURS["confidential"]
    assert "Confidential" in page and "Hwang Ilsu-none" in page
    reads = audit_entries(stores, "vault.read", "p-1001")
    assert json.loads(reads[-1]["details"])["via"] == "network/chain/p-1001"
    assert "/api/v1/graphs" not in page  # no expansion from the public API


def test_other_organisation_sees_neither_the_victim_nor_its_network(browser, users, stores):
    hidden = confidential_people(stores, ORG_A)
    b = signed_in(browser, users["investigator-b"])
    refused = b.get(CHAIN)
    assert refused.status_code == 422 and leaks(refused.get_data(as_text=True).replace(
        "p-1001", ""), hidden) == []  # the uid it typed comes back in the form only
    for path in ("/workspace/network?tool=neighbourhood&uid=loc-yodok&hops=2",
                 "/workspace/network?tool=neighbourhood&uid=body-mss&hops=3",
                 "/workspace/network?tool=path&from=p-1007&to=p-1010",
                 "/workspace/network?tool=chain&victim=p-1007"):
        response = b.get(path)
        assert response.status_code == 200, path
        assert leaks(response.get_data(as_text=True), hidden) == [], path
    path = b.get("/workspace/network?tool=path&from=p-1007&to=p-1005")
    assert path.status_code == 422
    a = signed_in(browser, users["investigator"])
    own = a.get("/workspace/network?tool=neighbourhood&uid=p-1007").get_data(as_text=True)
    assert "p-1005" in {n["id"] for n in network_data(own)["nodes"]}  # at risk, their own
    assert leaks(own, confidential_people(stores, ORG_B)) == []


def test_witnesses_are_in_the_vault_network(browser, users):
    a = signed_in(browser, users["investigator"])
    page = a.get("/workspace/network?tool=neighbourhood&uid=e-1007").get_data(as_text=True)
    assert "p-1006" in {n["id"] for n in network_data(page)["nodes"]}


def test_case_board_pins_notes_and_walls(browser, users, stores):
    a = signed_in(browser, users["investigator"])
    uid = new_board(a)
    assert audit_entries(stores, "board.create", uid)
    a.get(f"/workspace/boards/{uid}")
    assert a.post(f"/workspace/boards/{uid}/pins", {"record": "p-1001",
                                                    "note": "taken 1978"}).status_code == 303
    assert a.post(f"/workspace/boards/{uid}/notes", {"text": "Ask Cha Dongsu-witness"}
                  ).status_code == 303
    page = a.get(f"/workspace/boards/{uid}").get_data(as_text=True)
    assert "Hwang Ilsu-none" in page and "taken 1978" in page and "badge-confidential" in page
    assert "Ask Cha Dongsu-witness" in page
    for action in ("board.pin", "board.note"):
        assert audit_entries(stores, action, uid)[-1]["actor"] == users["investigator"].email
    # the same organisation shares it
    colleague = signed_in(browser, users["editor"])
    assert "Hwang Ilsu-none" in colleague.get(f"/workspace/boards/{uid}").get_data(as_text=True)
    # another organisation: not there, not listed, not writable
    b = signed_in(browser, users["investigator-b"])
    assert b.get(f"/workspace/boards/{uid}").status_code == 404
    listing = b.get("/workspace/boards").get_data(as_text=True)
    assert uid not in listing and "Yodok 1990s" not in listing
    before = counts(stores)
    assert b.post(f"/workspace/boards/{uid}/pins", {"record": "p-2001"}).status_code == 404
    assert b.post(f"/workspace/boards/{uid}/notes", {"text": "x"}).status_code == 404
    assert b.post(f"/workspace/boards/{uid}/pins/p-1001/remove").status_code == 404
    assert counts(stores) == before
    # unpinning
    a.get(f"/workspace/boards/{uid}")
    assert a.post(f"/workspace/boards/{uid}/pins/p-1001/remove").status_code == 303
    assert audit_entries(stores, "board.unpin", uid)
    assert 'data-uid="p-1001"' not in a.get(f"/workspace/boards/{uid}").get_data(as_text=True)


def test_pinning_a_record_one_may_not_see_is_refused_like_a_missing_one(browser, users, stores):
    a = signed_in(browser, users["investigator"])
    uid = new_board(a)
    a.get(f"/workspace/boards/{uid}")
    before = counts(stores)
    hidden = a.post(f"/workspace/boards/{uid}/pins", {"record": "p-2001"})
    missing = a.post(f"/workspace/boards/{uid}/pins", {"record": "p-9999"})
    assert hidden.status_code == missing.status_code == 422
    strip = lambda r, u: re.sub(r'name="csrf_token" value="[^"]+"', "", r.get_data(as_text=True)  # noqa: E731
                                ).replace(u, "UID")
    assert strip(hidden, "p-2001") == strip(missing, "p-9999")
    assert "Cho Hidden" not in hidden.get_data(as_text=True)
    assert counts(stores) == before


def test_board_writes_need_the_csrf_token(browser, users, stores):
    a = signed_in(browser, users["investigator"])
    uid = new_board(a)
    before = counts(stores)
    assert a.post("/workspace/boards", {"title": "x"}, csrf=False).status_code == 403
    assert a.post(f"/workspace/boards/{uid}/pins", {"record": "p-1001"}, csrf=False
                  ).status_code == 403
    assert a.post(f"/workspace/boards/{uid}/notes", {"text": "x"}, csrf=False).status_code == 403
    assert counts(stores) == before


@pytest.mark.parametrize(("field", "value", "reason"), [
    ("title", "", "must not be empty"), ("title", "x" * 201, "at most 200"),
    ("text", "   ", "must not be empty"), ("text", "x" * 5001, "at most 5000"),
    ("record", "", "must not be empty"), ("record", "'}) DETACH DELETE n //", "no record"),
    ("record", "<script>alert(1)</script>", "no record"), ("note", "x" * 1001, "at most 1000"),
])
def test_bad_board_input_shows_the_field_and_writes_nothing(browser, users, stores, field, value,
                                                            reason):
    a = signed_in(browser, users["investigator"])
    uid = new_board(a)
    a.get(f"/workspace/boards/{uid}")
    before = counts(stores)
    path, data = {"title": ("/workspace/boards", {"title": value}),
                  "text": (f"/workspace/boards/{uid}/notes", {"text": value}),
                  "record": (f"/workspace/boards/{uid}/pins", {"record": value}),
                  "note": (f"/workspace/boards/{uid}/pins", {"record": "p-1001", "note": value})
                  }[field]
    response = a.post(path, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and f"“{field}”" in page and reason in page
    assert "<script>alert" not in page
    assert counts(stores) == before


def test_board_titles_and_notes_with_script_are_text(browser, users):
    a = signed_in(browser, users["investigator"])
    uid = new_board(a, "<script>alert(1)</script> 요덕")
    a.get(f"/workspace/boards/{uid}")
    a.post(f"/workspace/boards/{uid}/notes", {"text": "<img src=x onerror=alert(1)>"})
    page = a.get(f"/workspace/boards/{uid}").get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page and "요덕" in page


def test_every_board_write_is_in_the_audit_table():
    assert {a for actions in WORKSPACE_WRITES.values() for a in actions} >= {
        "board.create", "board.pin", "board.unpin", "board.note"}


def test_a_record_page_pins_to_the_organisations_boards(browser, users, stores):
    a = signed_in(browser, users["investigator"])
    uid = new_board(a, "Ministry")
    page = a.get("/workspace/records/body-mss").get_data(as_text=True)
    assert f'action="/workspace/boards/{uid}/pins"' in page
    assert a.post(f"/workspace/boards/{uid}/pins", {"record": "body-mss"}).status_code == 303
    assert 'data-uid="body-mss"' in a.get(f"/workspace/boards/{uid}").get_data(as_text=True)
    lawyer = signed_in(browser, users["lawyer"]).get("/workspace/records/body-mss")
    assert "/pins" not in lawyer.get_data(as_text=True)  # boards are the investigators'
    other = signed_in(browser, users["investigator-b"]).get("/workspace/records/body-mss")
    assert uid not in other.get_data(as_text=True)
