"""Lawyers' case files: what each role and organisation sees of a proceeding, the badges,
links made and removed through the page, and every way a form can be abused.

The vault holds the consent and second-organisation fixtures (tests/support/vault_api.py)
and tests/service/workspace/data/cases.jsonl: ``proc-case-a`` of org-0001 concerns a
victim with a Hangul name, a withdrawn victim and org-0002's confidential ``p-2001``;
``proc-case-b`` of org-0002 names ``p-2001`` in its title.
"""

from __future__ import annotations

import json
import re

import pytest

from service.vault import badges as badge_rules
from tests.support.leaks import leaks
from tests.support.vault_api import VAULT_ORGS, audit_entries
from tests.support.workspace import counts, signed_in

ORG_B_PEOPLE = {r["uid"]: r for r in map(json.loads, VAULT_ORGS.read_text("utf-8").splitlines())
                if r["record"] == "Person"}
PAGES = ("/workspace/cases", "/workspace/cases/proc-case-a",
         "/workspace/cases/proc-case-a/dossier", "/workspace/cases/proc-case-a/dossier.jsonl")


def text(response) -> str:
    return response.get_data(as_text=True)


def test_case_file_lists_the_proceedings_records_facts_and_badges(browser, users, cases, stores):
    lawyer = signed_in(browser, users["lawyer"])
    listing = lawyer.get("/workspace/cases")
    assert listing.status_code == 200 and listing.headers["Cache-Control"] == "no-store"
    assert "proc-case-a" in text(listing) and "proc-0001" in text(listing)
    page = lawyer.get("/workspace/cases/proc-case-a")
    body = text(page)
    assert page.status_code == 200, body
    assert "김하늘사건" in body and "Kim Haneul-case" in body  # the victim, in Hangul too
    assert "Synthetic court filing for Kim Haneul-case" in body  # a cited source
    assert "Ministry of State Security" in body and "International Covenant" in body
    assert "Abduction" in body  # the victim's event, by its kind
    assert 'badge-withdrawn' in body  # p-1004's publication consent was withdrawn
    assert 'badge-confidential' in body and 'badge-public' in body
    assert not leaks(body, ORG_B_PEOPLE)  # org-0002's confidential victim: not a trace
    assert "e-case-2" not in body and "src-orgb" not in body
    assert re.search(r'id="withheld"', body)  # counted, not named
    korean = text(lawyer.get("/workspace/cases/proc-case-a?lang=ko"))
    assert "유엔 강제실종 실무그룹" in korean and "관련 피해자" in korean  # the model's labels
    reads = {e["subject"] for e in audit_entries(stores, "vault.read")}
    assert {"proc-case-a", "p-case-1", "src-case"} <= reads


def download(b, path: str):
    """A binary download (the test browser reads text pages only)."""
    return b.client.get(path, base_url="https://localhost")


@pytest.mark.parametrize(("role", "status"), [
    ("researcher", 403), ("investigator", 403), ("lawyer", 200), ("editor", 200),
    ("admin", 200), ("lawyer-b", 200)])
def test_role_matrix(browser, users, cases, role, status):
    b = signed_in(browser, users[role])
    for path in PAGES:
        assert b.get(path).status_code == status, (role, path)
    assert download(b, "/workspace/cases/proc-case-a/dossier.pdf").status_code == status
    for path in ("/workspace/cases/proc-case-a/links", "/workspace/cases/proc-case-a/links/remove"):
        response = b.post(path, {"type": "CONCERNS", "target": "p-1001"})
        assert response.status_code in ((403,) if status == 403 else (302, 403, 422)), (role, path)


def test_no_page_without_a_session(browser, cases):
    anonymous = browser()
    for path in (*PAGES, "/workspace/cases/proc-case-a/dossier.pdf"):
        response = download(anonymous, path)
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"], path
        assert not leaks(response.get_data(), ORG_B_PEOPLE) and b"Kim Haneul" not in response.data
    refused = anonymous.post("/workspace/cases/proc-case-a/links",
                             {"type": "CONCERNS", "target": "p-1001"}, csrf=False)
    assert refused.status_code == 302


def test_other_organisation_sees_restricted_cases_without_our_confidential_people(
        browser, users, cases, stores):
    other = signed_in(browser, users["lawyer-b"])
    page = text(other.get("/workspace/cases/proc-case-a"))
    # org-0002 reads org-0001's proceeding (Restricted) but not its confidential victim,
    # nor the title, which names her.
    assert "proc-case-a" in page and "Kim Haneul" not in page and "김하늘" not in page
    assert "p-case-1" not in page and "e-case-1" not in page
    assert "[withheld]" in page
    own = text(other.get("/workspace/cases/proc-case-b"))
    assert "Cho Hidden-orgb" in own  # their own confidential person, in their own case
    jsonl = text(other.get("/workspace/cases/proc-case-a/dossier.jsonl"))
    assert "Kim Haneul" not in jsonl and "p-case-1" not in jsonl
    # And the other way round: org-0001 reads org-0002's proceeding without its person.
    lawyer = signed_in(browser, users["lawyer"])
    for path in ("/workspace/cases", "/workspace/cases/proc-case-b",
                 "/workspace/cases/proc-case-b/dossier",
                 "/workspace/cases/proc-case-b/dossier.jsonl"):
        body = text(lawyer.get(path))
        assert not leaks(body, ORG_B_PEOPLE), (path, leaks(body, ORG_B_PEOPLE))
    pdf = download(lawyer, "/workspace/cases/proc-case-b/dossier.pdf").data
    assert b"%PDF" == pdf[:4] and "Cho Hidden" not in pdf_text(pdf)


def test_missing_and_non_proceeding_uids_answer_404(browser, users, cases):
    lawyer = signed_in(browser, users["lawyer"])
    for uid in ("proc-nope", "p-case-1", "p-2001", "'})%20DETACH%20DELETE%20n%20--"):
        assert lawyer.get(f"/workspace/cases/{uid}").status_code == 404, uid
        assert lawyer.get(f"/workspace/cases/{uid}/dossier.jsonl").status_code == 404, uid


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_dossier_pdf_html_and_jsonl_list_every_fact_with_sources_and_visibility(
        browser, users, cases, stores):
    lawyer = signed_in(browser, users["lawyer"])
    case = text(lawyer.get("/workspace/cases/proc-case-a"))
    facts = len(re.findall(r"<tr>\s*<td>", case.split('id="facts"')[1].split("</table>")[0]))
    response = download(lawyer, "/workspace/cases/proc-case-a/dossier.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    found = pdf_text(response.data)
    assert "김하늘사건" in found  # Hangul drawn with a real font, and extractable
    assert "Synthetic court filing for Kim Haneul-case" in found
    assert "Withdrawn" in found and "Confidential" in found
    assert not leaks(found, ORG_B_PEOPLE) and "Hyesan" not in found
    html = text(lawyer.get("/workspace/cases/proc-case-a/dossier"))
    assert "@media print" not in html and "dossier.css" in html  # the print sheet is linked
    assert "김하늘사건" in html and not leaks(html, ORG_B_PEOPLE)
    bundle = [json.loads(line) for line in
              text(lawyer.get("/workspace/cases/proc-case-a/dossier.jsonl")).splitlines()]
    header, lines = bundle[0], bundle[1:]
    assert header["bundle"] == "case-file" and header["proceeding"] == "proc-case-a"
    assert all(line["visibility"] in badge_rules.BADGES for line in lines)
    rels = [line for line in lines if line["data"]["record"] == "rel"]
    assert len(rels) == facts  # the same facts as the page
    concerns = [r for r in rels if r["data"]["type"] == "CONCERNS"
                and r["data"]["to"] == "p-case-1"][0]
    assert concerns["data"]["sources"] == ["src-case"]
    assert concerns["sources_visibility"] == {"src-case": "Restricted"}
    assert not leaks(json.dumps(bundle, ensure_ascii=False), ORG_B_PEOPLE)
    exports = [e for e in audit_entries(stores, "dossier.export") if e["subject"] == "proc-case-a"]
    assert [json.loads(e["details"])["format"] for e in exports] == ["pdf", "html", "jsonl"]


def test_pdf_renderer_fetches_nothing_but_static_files():
    from service.workspace.dossier import STYLESHEET, local_fetcher

    fetcher = local_fetcher()
    assert fetcher.fetch(STYLESHEET.as_uri()).read().startswith(b"/*")
    for url in ("https://example.org/x.css", "http://127.0.0.1:7474/", "file:///etc/passwd",
                STYLESHEET.as_uri().replace("dossier.css", "../../vault/accounts.py"),
                "data:text/css,body{}", "ftp://example.org/x"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_lawyer_links_and_unlinks_a_victim_audited(browser, users, cases, stores):
    lawyer = signed_in(browser, users["lawyer"])
    lawyer.get("/workspace/cases/proc-case-a")
    added = lawyer.post("/workspace/cases/proc-case-a/links",
                        {"type": "CONCERNS", "target": "p-1001", "sources": "src-case"})
    assert added.status_code == 302, text(added)
    page = text(lawyer.get(added.headers["Location"]))
    assert "Hwang Ilsu-none" in page and 'id="done"' in page
    entry = audit_entries(stores, "relationship.create")[-1]
    assert entry["actor"] == users["lawyer"].email and entry["subject"] == "proc-case-a"
    removed = lawyer.post("/workspace/cases/proc-case-a/links/remove",
                          {"type": "CONCERNS", "target": "p-1001", "key": ""})
    assert removed.status_code == 302
    assert "Hwang Ilsu-none" not in text(lawyer.get("/workspace/cases/proc-case-a"))
    entry = audit_entries(stores, "relationship.delete")[-1]
    assert entry["actor"] == users["lawyer"].email and json.loads(entry["details"])["to"] == "p-1001"
    again = lawyer.post("/workspace/cases/proc-case-a/links/remove",
                        {"type": "CONCERNS", "target": "p-1001"})
    assert again.status_code == 422 and "no such link" in text(again)


def test_links_need_the_csrf_token(browser, users, cases, stores):
    lawyer = signed_in(browser, users["lawyer"])
    lawyer.get("/workspace/cases/proc-case-a")
    before = counts(stores)
    for path in ("/workspace/cases/proc-case-a/links", "/workspace/cases/proc-case-a/links/remove"):
        for token in (None, "forged"):
            data = {"type": "CONCERNS", "target": "p-case-1"}
            if token:
                data["csrf_token"] = token
            assert lawyer.post(path, data, csrf=False).status_code == 403
    assert counts(stores) == before


def test_other_organisation_cannot_link_or_unlink_our_proceeding(browser, users, cases, stores):
    other = signed_in(browser, users["lawyer-b"])
    other.get("/workspace/cases/proc-case-a")
    before = counts(stores)
    refused = other.post("/workspace/cases/proc-case-a/links",
                         {"type": "CONCERNS", "target": "p-2001"})
    assert refused.status_code == 403 and "another organisation" in text(refused)
    unlink = other.post("/workspace/cases/proc-case-a/links/remove",
                        {"type": "NAMES", "target": "body-mss"})
    assert unlink.status_code == 403
    hidden_to_them = other.post("/workspace/cases/proc-case-a/links/remove",
                                {"type": "CONCERNS", "target": "p-1004"})
    assert hidden_to_them.status_code == 422  # withdrawn, so confidential: not theirs to see
    # org-0001 cannot link org-0002's confidential person: for them it does not exist.
    lawyer = signed_in(browser, users["lawyer"])
    lawyer.get("/workspace/cases/proc-case-a")
    hidden = lawyer.post("/workspace/cases/proc-case-a/links",
                         {"type": "CONCERNS", "target": "p-2001"})
    assert hidden.status_code == 422 and "no record with uid" in text(hidden)
    nobody = lawyer.post("/workspace/cases/proc-case-a/links",
                         {"type": "CONCERNS", "target": "p-2009"})
    # Only what was typed comes back, exactly as for a uid that does not exist.
    errors = re.compile(r'<div class="error".*?</div>', re.S)
    assert errors.search(text(hidden)).group(0).replace("p-2001", "p-2009") == \
        errors.search(text(nobody)).group(0)
    assert "Cho Hidden" not in text(hidden) and "조숨김" not in text(hidden)
    assert counts(stores) == before


@pytest.mark.parametrize(("form", "field", "reason"), [
    ({"type": "CONCERNS", "target": ""}, "target", "Choose a record"),
    ({"type": "", "target": "p-1001"}, "type", "Choose one of"),
    ({"type": "FILED_BY", "target": "org-0001"}, "type", "Choose one of"),
    ({"type": "GAVE", "target": "p-1001"}, "type", "Choose one of"),
    ({"type": "CONCERNS", "target": "p" * 201}, "target", "not a record"),
    ({"type": "CONCERNS", "target": "<script>alert(1)</script>"}, "target", "not a record"),
    ({"type": "CONCERNS", "target": "'}) DETACH DELETE n //"}, "target", "not a record"),
    ({"type": "CONCERNS", "target": "p-1001", "sources": "src-case '}) DETACH DELETE n //"},
     "sources", "uids"),
    ({"type": "CONCERNS", "target": "p-1001", "sources": " ".join(["src-case"] * 21)},
     "sources", "At most"),
    ({"type": "CONCERNS", "target": "ins-iccpr"}, "target", "expected Person"),
    ({"type": "CONCERNS", "target": "p-1001", "sources": "p-1002"}, "sources", "expected Source"),
    ({"type": "CONCERNS", "target": "p-nobody"}, "target", "no record with uid"),
])
def test_bad_links_show_the_field_and_reason_and_write_nothing(
        browser, users, cases, stores, form, field, reason):
    editor = signed_in(browser, users["editor"])
    editor.get("/workspace/cases/proc-case-a")
    before = counts(stores)
    writes = len(audit_entries(stores, "relationship.create"))
    response = editor.post("/workspace/cases/proc-case-a/links", form)
    body = text(response)
    assert response.status_code == 422, body
    assert f"<strong>{field}</strong>" in body and reason in body
    assert "<script>alert(1)</script>" not in body  # escaped where it is shown back
    assert counts(stores) == before
    assert len(audit_entries(stores, "relationship.create")) == writes


def test_wrong_types_and_repeated_fields(browser, users, cases, stores):
    lawyer = signed_in(browser, users["lawyer"])
    lawyer.get("/workspace/cases/proc-case-a")
    before = counts(stores)
    for form, field in (({"type": "CONCERNS", "target": "12345"}, "target"),
                        ({"type": "CONCERNS", "target": "p-1001", "sources": "42"}, "sources"),
                        ({"type": "CONCERNS", "target": "body-mss"}, "target"),
                        ({"type": "NAMES", "target": "src-case"}, "target")):
        response = lawyer.post("/workspace/cases/proc-case-a/links", form)
        assert response.status_code == 422 and f"<strong>{field}</strong>" in text(response), form
    long_key = lawyer.post("/workspace/cases/proc-case-a/links/remove",
                           {"type": "CONCERNS", "target": "p-1004", "key": "k" * 201})
    assert long_key.status_code == 422 and "<strong>key</strong>" in text(long_key)
    assert counts(stores) == before
    # A field sent twice: the first value counts, as for any form.
    twice = lawyer.client.post("/workspace/cases/proc-case-a/links", base_url="https://localhost",
                               data={"csrf_token": lawyer.csrf, "type": ["CONCERNS", "NAMES"],
                                     "target": ["p-1001", "p-1002"]})
    assert twice.status_code == 302
    linked = stores.vault.execute_query(
        "MATCH (:Proceeding {uid: 'proc-case-a'})-[r]->(p:Person) WHERE p.uid IN ['p-1001', "
        "'p-1002'] RETURN type(r) AS type, p.uid AS uid", database_=stores.database("vault"))
    assert [(r["type"], r["uid"]) for r in linked.records] == [("CONCERNS", "p-1001")]
