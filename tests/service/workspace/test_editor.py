"""Editors' pages: record forms from the model, the ETag conflict view, relationships, soft
delete, consent on a person's page, the review queue and its preview; with the roles
matrix, the organisation wall, CSRF and bad input (which writes nothing)."""

from __future__ import annotations

import re

import pytest

from graph.consent import policy
from service.vault import reads
from service.vault.accounts import User
from service.vault.visibility import visible
from tests.support.leaks import hidden_people, leaks
from tests.support.vault_api import audit_entries, public_uids
from tests.support.workspace import signed_in

OTHER_ORG = ("p-2001", "src-orgb", "Cho Hidden-orgb", "조숨김비")
BAD = {
    "empty": "",
    "too long": "x" * 60_000,
    "script": "<script>alert(1)</script>",
    "cypher": "'}) DETACH DELETE n //",
}


def counts(stores) -> tuple[int, int]:
    rows = stores.vault.execute_query(
        "MATCH (n) WHERE NOT n:AuditEntry AND NOT n:AuditHead AND NOT n:Session "
        "WITH count(n) AS nodes OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS rels",
        database_=stores.database("vault")).records[0]
    return rows["nodes"], rows["rels"]


def uid_of(response) -> str:
    return re.search(r"/workspace/edit/([^/?]+)", response.headers["Location"]).group(1)


def new_person(b, **fields) -> str:
    response = b.post("/workspace/edit/new/Person", {"roles": "Victim", "name_ko": "김영희",
                                                     "name_en": "Kim Yeong-hui", **fields})
    assert response.status_code == 303, response.get_data(as_text=True)
    return uid_of(response)


@pytest.fixture
def editor(browser, users):
    b = signed_in(browser, users["editor"])
    b.get("/workspace/edit")
    return b


def test_every_record_type_has_a_form_from_the_model(editor):
    from graph.model import MODEL
    from service.vault.edits import MODELS, UPLOADED

    for name in MODELS:
        if name in UPLOADED:  # made with its file: the upload form (test_documents.py)
            assert editor.get(f"/workspace/edit/new/{name}").status_code == 303
            continue
        page = editor.get(f"/workspace/edit/new/{name}").get_data(as_text=True)
        rtype = MODEL.records[name]
        for fname, spec in rtype.fields.items():
            shown = all(f'name="{n}"' in page for n in spec.interchange_names or (fname,))
            expected = (fname not in ("uid", "synthetic") and spec.interchange
                        and fname != rtype.owner
                        and (not spec.managed or fname in ("at_risk", "terms_of_use")))
            assert shown == expected, (name, fname)
    korean = editor.get("/workspace/edit/new/Person?lang=ko").get_data(as_text=True)
    assert "피해자" in korean and "성별" in korean  # role and field labels in Korean
    assert editor.get("/workspace/edit/new/Consent").status_code == 404
    assert editor.get("/workspace/edit/new/Nothing").status_code == 404


def test_create_with_hangul_name_and_suggested_romanisation(editor, stores):
    suggested = editor.post("/workspace/edit/new/Person", {"roles": "Victim", "name_ko": "김영희",
                                                           "action": "suggest"})
    page = suggested.get_data(as_text=True)
    assert suggested.status_code == 200 and 'id="romanisations"' in page
    assert 'name="name_en" value="Kim Young-hee"' in page  # the usual spelling, filled in
    assert "Gim Yeonghui" in page and "Kim Yŏng-hŭi" in page  # RR and McCune-Reischauer
    uid = new_person(editor, birth_year="1950", sex="female")
    record = stores.vault.execute_query("MATCH (p:Person {uid: $uid}) RETURN p",
                                        uid=uid, database_=stores.database("vault")).records[0]["p"]
    assert record["name_ko"] == "김영희" and record["birth_year"] == 1950
    assert record["owner"] == "org-0001"
    assert audit_entries(stores, "record.create", uid)


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_shows_the_field_and_writes_nothing(editor, stores, case):
    value = BAD[case]
    before = counts(stores)
    cases = [("/workspace/edit/new/Person", {"roles": "Victim", "name_en": value,
                                             "birth_year": value or "x"}),
             ("/workspace/edit/new/Person", {"roles": "Victim", "name_ko": value,
                                             "sex": value or "neither"}),
             ("/workspace/edit/new/Event", {"date_start": value or "yesterday"})]
    for path, form in cases:
        response = editor.post(path, form)
        page = response.get_data(as_text=True)
        assert response.status_code == 422, (case, form, page[-2000:])
        assert 'id="form-errors"' in page and 'class="error" id="error-' in page
        assert "<script>alert" not in page
    assert counts(stores) == before


def test_wrong_type_names_the_field(editor):
    page = editor.post("/workspace/edit/new/Person", {"roles": "Victim", "name_en": "A",
                                                      "birth_year": "nineteen"}).get_data(as_text=True)
    assert 'id="error-birth_year"' in page and "integer" in page.lower()


def test_concurrent_edit_shows_both_versions_and_overwrites_nothing(editor, browser, users, stores):
    uid = new_person(editor)
    other = signed_in(browser, users["admin"])  # the same organisation
    page = editor.get(f"/workspace/edit/{uid}").get_data(as_text=True)
    etag = re.search(r'name="etag" value="([^"]+)"', page).group(1)
    other.get(f"/workspace/edit/{uid}")
    first = other.post(f"/workspace/edit/{uid}", {
        "etag": etag, "roles": "Victim", "name_ko": "김영희", "name_en": "Kim Young-hee"})
    assert first.status_code == 303
    assert audit_entries(stores, "record.update", uid)[-1]["actor"] == users["admin"].email
    second = editor.post(f"/workspace/edit/{uid}", {
        "etag": etag, "roles": "Victim", "name_ko": "김영희", "name_en": "Gim Yeonghui"})
    page = second.get_data(as_text=True)
    assert second.status_code == 412 and 'id="conflict"' in page
    row = re.search(r'<tr class="differs" data-field="name_en">.*?</tr>', page, re.S).group(0)
    assert "Gim Yeonghui" in row and "Kim Young-hee" in row
    now = reads.read_record(stores, User("x", "x@example.org", "editor", organization="org-0001"), uid,
                            audited=False)
    assert now["record"]["name_en"] == "Kim Young-hee"  # nothing of the second was written
    fresh = re.search(r'name="etag" value="([^"]+)"', page).group(1)
    assert fresh == now["etag"]  # saving again from the form is a deliberate overwrite


def test_relationship_with_sources_and_bad_target(editor, stores):
    uid = new_person(editor)
    page = editor.get(f"/workspace/edit/{uid}/relationships/new").get_data(as_text=True)
    assert 'name="target"' in page and 'data-suggest="' in page
    assert 'data-suggest="Source"' in page and "out:SUBJECTED_TO" in page
    assert "out:PERPETRATED_BY" not in page  # an event's relationship, not a person's
    before = counts(stores)
    for target in ("", "p-2001", "'}) DETACH DELETE n //", "src-pub1"):
        bad = editor.post(f"/workspace/edit/{uid}/relationships/new",
                          {"relationship": "out:SUBJECTED_TO", "target": target,
                           "sources": "src-pub1"})
        text = bad.get_data(as_text=True)
        assert bad.status_code == 422 and 'data-field="target"' in text, target
        assert "Cho Hidden-orgb" not in text
    wrong = editor.post(f"/workspace/edit/{uid}/relationships/new",
                        {"relationship": "out:NOPE", "target": "e-1001"})
    assert wrong.status_code == 422
    assert counts(stores) == before
    done = editor.post(f"/workspace/edit/{uid}/relationships/new",
                       {"relationship": "out:SUBJECTED_TO", "target": "e-1001",
                        "sources": "src-pub1", "note": "synthetic"})
    assert done.status_code == 303
    rows = stores.vault.execute_query(
        "MATCH (:Person {uid: $uid})-[r:SUBJECTED_TO]->(:Event {uid: 'e-1001'}) RETURN r.sources AS s",
        uid=uid, database_=stores.database("vault")).records
    assert rows and rows[0]["s"] == ["src-pub1"]
    assert audit_entries(stores, "relationship.create", uid)


def test_soft_delete_needs_a_reason_hides_the_record_and_unpublishes_it(editor, stores):
    before = counts(stores)
    refused = editor.post("/workspace/edit/p-1007/delete", {"reason": "  "})
    assert refused.status_code == 422 and 'id="error-reason"' in refused.get_data(as_text=True)
    assert counts(stores) == before and "p-1007" in public_uids(stores)
    done = editor.post("/workspace/edit/p-1007/delete", {"reason": "entered twice"})
    assert done.status_code == 200
    assert "p-1007" not in public_uids(stores)  # out of the public graph when it answers
    assert editor.get("/workspace/edit/p-1007").status_code == 404
    me = User("x", "x@example.org", "editor", organization="org-0001")
    with pytest.raises(reads.NotVisible):
        reads.read_record(stores, me, "p-1007", audited=False)
    assert all(h["uid"] != "p-1007" for h in reads.search_people(stores, me, "p-1007 OR Park"))
    entry = audit_entries(stores, "record.delete", "p-1007")[-1]
    assert "entered twice" in entry["details"]
    from graph.consent import editor as consent_editor
    assert consent_editor.explain(stores, "p-1007")["decision"] == "Confidential"
    restored = editor.post("/workspace/edit/p-1007/undelete")
    assert restored.status_code == 303 and "p-1007" in public_uids(stores)
    assert audit_entries(stores, "record.undelete", "p-1007")


def test_policy_never_publishes_a_deleted_record():
    assert policy.decide_deleted().label == policy.CONFIDENTIAL
    assert not policy.decide_deleted().public


def test_consent_review_preview_publish_and_synchronous_withdrawal(editor, stores, users):
    editor_email = users["editor"].email
    uid = new_person(editor, status="missing")
    editor.post(f"/workspace/edit/{uid}/relationships/new",
                {"relationship": "in:SUPPORTS", "target": "src-pub1"})
    queue = editor.get("/workspace/review").get_data(as_text=True)
    assert f'data-uid="{uid}"' in queue
    before = counts(stores)
    bad = editor.post(f"/workspace/edit/{uid}/consents",
                      {"purpose": "<script>", "given_on": "tomorrow", "obtained_by": ""})
    text = bad.get_data(as_text=True)
    assert bad.status_code == 422 and 'id="error-c-given_on"' in text
    assert 'id="error-c-purpose"' in text and 'id="error-c-obtained_by"' in text
    assert counts(stores) == before
    done = editor.post(f"/workspace/edit/{uid}/consents",
                       {"purpose": "publication", "given_on": "2024-05-01",
                        "obtained_by": "Field worker", "method": "written"})
    assert done.status_code == 303
    preview = editor.get(f"/workspace/review/{uid}").get_data(as_text=True)
    assert 'id="preview-fields"' in preview and "Kim Yeong-hui" in preview
    assert 'data-field="contact"' not in preview  # never-public fields are not previewed
    assert "pending" in preview and uid not in public_uids(stores)
    rejected = editor.post(f"/workspace/review/{uid}", {"decision": "reject", "reason": ""})
    assert rejected.status_code == 422
    approved = editor.post(f"/workspace/review/{uid}", {"decision": "approve"})
    assert approved.status_code == 303 and uid in public_uids(stores)
    assert editor.post("/workspace/review/publish").status_code == 303
    assert audit_entries(stores, "publish.full")[-1]["actor"] == editor_email
    assert uid in public_uids(stores)
    consent = re.search(r'name="consent" value="([^"]+)"',
                        editor.get(f"/workspace/edit/{uid}").get_data(as_text=True)).group(1)
    withdrawn = editor.post(f"/workspace/edit/{uid}/consents/withdraw",
                            {"consent": consent, "purpose": "publication"})
    assert withdrawn.status_code == 303
    assert uid not in public_uids(stores)  # synchronous, like the CLI
    actions = [e["action"] for e in audit_entries(stores, subject=uid)]
    assert {"consent.record", "person.review", "consent.withdraw"} <= set(actions)


def test_at_risk_and_source_terms(editor, stores):
    assert editor.post("/workspace/edit/p-1007/at-risk", {"at_risk": "true"}).status_code == 303
    assert "p-1007" not in public_uids(stores)
    assert audit_entries(stores, "person.at_risk", "p-1007")
    assert editor.post("/workspace/edit/p-1007/at-risk", {"at_risk": "maybe"}).status_code == 422
    assert editor.post("/workspace/edit/src-internal/terms", {"terms": "nope"}).status_code == 422
    assert editor.post("/workspace/edit/src-internal/terms",
                       {"terms": "partners"}).status_code == 303
    assert audit_entries(stores, "source.terms", "src-internal")


# -- roles, organisations, CSRF, leaks ---------------------------------------------------

GETS = ("/workspace/edit", "/workspace/edit/new/Person", "/workspace/edit/p-1001",
        "/workspace/edit/p-1001/relationships/new", "/workspace/review",
        "/workspace/review/p-1001", "/workspace/edit/open?uid=p-1001")
POSTS = ("/workspace/edit/new/Person", "/workspace/edit/p-1001", "/workspace/edit/p-1001/delete",
         "/workspace/edit/p-1001/undelete", "/workspace/edit/p-1001/relationships/new",
         "/workspace/edit/p-1001/consents", "/workspace/edit/p-1001/consents/withdraw",
         "/workspace/edit/p-1001/at-risk", "/workspace/edit/src-internal/terms",
         "/workspace/review/p-1001", "/workspace/review/publish")


@pytest.mark.parametrize("role", ["researcher", "investigator", "lawyer", "editor", "admin"])
def test_roles_matrix(browser, users, stores, role):
    b = signed_in(browser, users[role])
    b.get("/workspace")
    before = counts(stores)
    for path in GETS:
        status = b.get(path).status_code
        assert status == ({"editor": 200, "admin": 200}.get(role, 403)
                          if "open" not in path else {"editor": 303, "admin": 303}.get(role, 403)), path
    for path in POSTS:
        if role in ("editor", "admin"):
            continue  # their writes are the other tests'
        assert b.post(path, {"reason": "x"}).status_code == 403, path
    assert counts(stores) == before


def test_anonymous_gets_no_page_and_writes_nothing(browser, stores):
    b = browser()
    before = counts(stores)
    for path in GETS:
        response = b.get(path)
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"], path
    for path in POSTS:
        response = b.post(path, {"reason": "x"}, csrf=False)
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"], path
        assert not leaks(response.get_data())
    assert counts(stores) == before


def test_csrf_refused_without_token(editor, stores):
    before = counts(stores)
    for path in POSTS:
        assert editor.post(path, {"reason": "x", "decision": "approve"},
                           csrf=False).status_code == 403, path
    assert counts(stores) == before


def test_other_organisation_sees_nothing_of_ours_and_we_nothing_of_theirs(browser, users, stores):
    ours = signed_in(browser, users["editor"])
    for path in ("/workspace/review", "/workspace/edit/p-1002", "/workspace/review/p-1002",
                 "/workspace/edit/p-1002/relationships/new", "/workspace/edit"):
        page = ours.get(path).get_data(as_text=True)
        for needle in OTHER_ORG:
            assert needle not in page, (path, needle)
    for uid in ("p-2001", "src-orgb"):
        assert ours.get(f"/workspace/edit/{uid}").status_code == 404
        assert ours.get(f"/workspace/review/{uid}").status_code == 404
        assert ours.post(f"/workspace/edit/{uid}/delete", {"reason": "x"}).status_code == 404
        assert ours.post(f"/workspace/edit/{uid}/undelete").status_code == 404
    theirs = signed_in(browser, users["editor-b"])
    b = User(users["editor-b"].uid, users["editor-b"].email, "editor", organization="org-0002")
    confidential = {uid: p for uid, p in hidden_people().items()
                    if uid not in visible(stores, b, [uid])}
    assert confidential  # org-0001's confidential people: org-0002 may not see them
    pages = [theirs.get("/workspace/review"), theirs.get("/workspace/edit")]
    for uid in confidential:
        response = theirs.get(f"/workspace/edit/{uid}")
        assert response.status_code == 404
        assert theirs.get(f"/workspace/review/{uid}").status_code == 404
        pages += [response, theirs.get(f"/workspace/edit/{uid}/relationships/new")]
    for uid in ("p-1007", "p-1009", "e-1009"):  # visible to them, but not theirs
        pages.append(theirs.get(f"/workspace/review/{uid}"))
    for response in pages:
        assert not leaks(response.get_data(), confidential), response.request.path
    restricted = theirs.post("/workspace/edit/p-1007/consents",
                             {"purpose": "publication", "given_on": "2024-01-01",
                              "obtained_by": "x"})
    assert restricted.status_code == 403  # a public person of org-0001: not theirs to change
    assert theirs.post("/workspace/edit/p-1007/delete", {"reason": "x"}).status_code == 403
