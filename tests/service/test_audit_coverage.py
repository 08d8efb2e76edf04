"""Every write leaves a trace: each `footprints` command and each API route that changes a
store appends hash-chained audit entries naming who, what and how many, and the chain still
verifies afterwards (issue 13).

The commands and routes are enumerated from the CLI and the app themselves, so a new one
fails ``test_every_*_is_classified`` until it is put in one of the tables below: writes with
the actions they append, or the reason it writes nothing to either store.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from graph import audit
from loaders.synthetic import write_jsonl
from loaders.synthetic.reference import reference_records
from service.cli import main
from service.cli.context import login_actor
from tests.support.documents import samples
from tests.support.leaks import CONSENT_STATES, SMALL

ROOT = Path(__file__).resolve().parents[2]

#: Commands that write records, and the audit actions each appends, in order.
CLI_WRITES = {
    "load": ("import.started", "import.finished"),
    "import-uwazi": ("import.started", "import.finished"),
    "publish": ("publish.full",),
    "consent record": ("consent.record",),
    "consent withdraw": ("consent.withdraw", "publish.withdrawal"),
    "at-risk": ("person.at_risk",),
    "review": ("person.review",),
    "source-terms": ("source.terms", "publish.full"),
    "judge": ("resolution.judge",),  # ("resolution.retract",) with --retract
    "documents ingest": ("document.ingest", "document.processed"),  # the first only with --later
    "documents process": ("document.processed",),
    # one victim's two letters: each kept, the editor's approval, each read
    "documents demo": ("document.ingest", "document.ingest", "document.review",
                       "document.processed", "document.processed"),
    # the entry before the snapshot is in the backup; the one after names its SHA-256
    "backup": ("backup.started", "backup.finished"),
    # into an empty vault: the restore appended to the restored chain, then the publication
    "restore": ("backup.restore", "publish.full"),
    # every sealed value re-sealed under the new key, the canary switched last
    "keys rotate": ("keys.rotate.started", "keys.rotate.finished"),
}
#: Accounts and tokens: their entries come with the organisation walls (service/vault/accounts.py).
CLI_ACCOUNTS = {"users add", "users revoke", "users token", "users demo"}
#: Commands that write no record, and why.
CLI_NO_RECORDS = {
    "neo4j start": "starts the servers", "neo4j stop": "stops them",
    "neo4j status": "reads", "neo4j wait": "waits", "neo4j logs": "reads log files",
    "neo4j provision": "fetches jars",
    "redis start": "starts the shared Redis (no records)", "redis stop": "stops it",
    "keys generate": "writes a key file, not a store",
    "db init": "constraints and indexes only: no record, nothing to attribute",
    "generate": "writes a file, not a store", "export": "reads a store",
    "explain": "reads", "withheld": "reads the review list", "audit verify": "reads the log",
    "serve": "serves the app",
    "users list": "reads", "export-uwazi": "reads the public graph",
    "export-ftm": "reads the public graph", "export-graph": "reads the public graph",
    "dedupe": "reads the vault; its labelled sample is generated in memory",
    "merged-view": "reads",
    "documents verify": "reads both stores and re-hashes the file store's files",
    "backup keygen": "writes a key file", "backup verify": "reads a backup file",
    "backup prune": "removes old backup files, not records",
}

#: API routes that write records, and the audit actions each appends.
API_WRITES = {
    ("POST", "/api/v1/vault/records"): ("record.create",),
    ("PUT", "/api/v1/vault/records/<string:uid>"): ("record.update",),
    ("PATCH", "/api/v1/vault/records/<string:uid>"): ("record.update",),
    ("POST", "/api/v1/vault/relationships"): ("relationship.create",),
    ("POST", "/api/v1/vault/persons/<string:uid>/consents"): ("consent.record",),
    ("POST", "/api/v1/vault/persons/<string:uid>/consents/withdraw"): ("consent.withdraw",
                                                                        "publish.withdrawal"),
    ("POST", "/api/v1/vault/persons/<string:uid>/at-risk"): ("person.at_risk",),
    ("POST", "/api/v1/vault/persons/<string:uid>/review"): ("person.review",),
    ("POST", "/api/v1/vault/records/<string:uid>/review"): ("record.review",),
    ("POST", "/api/v1/vault/sources/<string:uid>/terms"): ("source.terms", "publish.full"),
    ("POST", "/api/v1/vault/publication"): ("publish.full",),
    ("POST", "/api/v1/vault/documents"): ("document.ingest",),
    ("POST", "/api/v1/vault/documents/<string:uid>/process"): ("document.requeue",),
}
API_ACCOUNTS = {("POST", "/api/v1/auth/login"), ("POST", "/api/v1/auth/logout"),
                ("POST", "/api/v1/users"), ("POST", "/api/v1/users/<string:uid>/revoke"),
                ("POST", "/api/v1/users/<string:uid>/invitation"),
                ("POST", "/api/v1/auth/invitations/accept")}
API_NO_RECORDS = {
    ("POST", "/api/v1/cypher"): "a read-only console on the public graph (the run goes into "
                                "the account's own console history, not a record)",
    ("POST", "/workspace/console"): "the same console, from the signed-in page",
    ("POST", "/workspace/console/result.csv"): "the same console, its result as CSV",
    ("POST", "/workspace/console/saved"): "a researcher's own saved query, not a record",
    ("POST", "/workspace/console/saved/<string:uid>/delete"): "deletes one's own saved query",
}
#: The workspace's forms that write accounts, sessions or requests, and the entries they
#: append (tests/service/workspace checks each).
WORKSPACE_ACCOUNTS = {
    ("POST", "/sign-in"): ("auth.login", "auth.login_failed"),
    ("POST", "/sign-in/code"): ("auth.second_factor", "auth.second_factor_failed"),
    ("POST", "/account/two-factor"): ("twofactor.enable", "twofactor.enrol_failed"),
    ("POST", "/account/two-factor/off"): ("twofactor.reset", "twofactor.disable_failed"),
    ("POST", "/sign-out"): ("auth.logout",),
    ("POST", "/invitation"): ("account.accept",),
    ("POST", "/account/tokens"): ("token.issue",),
    ("POST", "/account/tokens/<string:token_uid>/revoke"): ("token.revoke",),
    ("POST", "/workspace/admin/users"): ("account.create",),
    ("POST", "/workspace/admin/users/<string:uid>/role"): ("account.role",),
    ("POST", "/workspace/admin/users/<string:uid>/disable"): ("account.revoke",),
    ("POST", "/workspace/admin/users/<string:uid>/reset-two-factor"): ("twofactor.reset",),
    ("POST", "/workspace/admin/users/<string:uid>/invitation"): ("account.invite",),
    ("POST", "/workspace/admin/requests/<string:uid>"): ("access.approve", "access.decline"),
    ("POST", "/researchers/request-access"): ("access.request",),
}
#: The workspace's forms that write records of the vault, and the entries they append
#: (tests/service/workspace checks each).
WORKSPACE_WRITES = {
    ("POST", "/workspace/cases/<string:uid>/links"): ("relationship.create",),
    ("POST", "/workspace/cases/<string:uid>/links/remove"): ("relationship.delete",),
    ("POST", "/workspace/edit/new/<string:type_name>"): ("record.create",),
    ("POST", "/workspace/edit/<string:uid>"): ("record.update",),
    ("POST", "/workspace/edit/<string:uid>/delete"): ("record.delete",),
    ("POST", "/workspace/edit/<string:uid>/undelete"): ("record.undelete",),
    ("POST", "/workspace/edit/<string:uid>/relationships/new"): ("relationship.create",),
    ("POST", "/workspace/edit/<string:uid>/consents"): ("consent.record",),
    ("POST", "/workspace/edit/<string:uid>/consents/withdraw"): ("consent.withdraw",),
    ("POST", "/workspace/edit/<string:uid>/at-risk"): ("person.at_risk",),
    ("POST", "/workspace/edit/<string:uid>/terms"): ("source.terms",),
    ("POST", "/workspace/review/<string:uid>"): ("person.review", "record.review"),
    ("POST", "/workspace/review/publish"): ("publish.full",),
    ("POST", "/workspace/boards"): ("board.create",),
    ("POST", "/workspace/boards/<string:uid>/pins"): ("board.pin",),
    ("POST", "/workspace/boards/<string:uid>/pins/<string:record>/remove"): ("board.unpin",),
    ("POST", "/workspace/boards/<string:uid>/notes"): ("board.note",),
    ("POST", "/workspace/documents/new"): ("document.ingest",),
    ("POST", "/workspace/documents/<string:uid>/process"): ("document.requeue",),
}
#: Reads that are custody entries (issue 16): each route of a document's fields, text or
#: files, and the entry one read of a non-public document appends (an original's download
#: is audited even for a public document: the original is never public). The documents'
#: lists are audited as other vault lists are (``vault.read`` of each non-public one shown)
#: and their text searches as views of each hit's text.
DOCUMENT_READS = {
    ("GET", "/api/v1/vault/documents"): ("vault.read",),
    ("GET", "/api/v1/vault/documents/search"): ("document.view",),
    ("GET", "/api/v1/vault/documents/<string:uid>"): ("document.view",),
    ("GET", "/api/v1/vault/documents/<string:uid>/file"): ("document.download",),
    ("GET", "/api/v1/vault/documents/<string:uid>/public-copy"): ("document.download",),
    ("GET", "/api/v1/vault/documents/<string:uid>/thumbnail"): ("document.view",),
    ("GET", "/api/v1/vault/documents/<string:uid>/pages/<string:number>.png"): ("document.view",),
    ("GET", "/workspace/documents"): ("vault.read",),
    ("GET", "/workspace/documents/<string:uid>"): ("document.view",),
    ("GET", "/workspace/documents/<string:uid>/file"): ("document.download",),
    ("GET", "/workspace/documents/<string:uid>/public-copy"): ("document.download",),
    ("GET", "/workspace/documents/<string:uid>/thumbnail"): ("document.view",),
    ("GET", "/workspace/documents/<string:uid>/pages/<string:number>.png"): ("document.view",),
}
#: Document routes that read nothing of a document (the upload form).
DOCUMENT_NO_READS = {("GET", "/workspace/documents/new")}


def cli_commands(group: click.Group, prefix: str = "") -> set[str]:
    out = set()
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            out |= cli_commands(command, f"{prefix}{name} ")
            if command.invoke_without_command:  # a group that is a command itself too
                out.add(f"{prefix}{name}")
        else:
            out.add(f"{prefix}{name}")
    return out


def test_every_command_is_classified():
    classified = [set(CLI_WRITES), CLI_ACCOUNTS, set(CLI_NO_RECORDS)]
    assert set.union(*classified) == cli_commands(main)
    assert sum(map(len, classified)) == len(cli_commands(main))  # each in one table


def test_every_write_route_is_classified(vault_app):
    routes = {(method, rule.rule) for rule in vault_app.url_map.iter_rules()
              for method in rule.methods - {"GET", "HEAD", "OPTIONS"}}
    assert routes == (set(API_WRITES) | API_ACCOUNTS | set(API_NO_RECORDS)
                      | set(WORKSPACE_ACCOUNTS) | set(WORKSPACE_WRITES))


class Log:
    """The entries appended since the last look."""

    def __init__(self, stores):
        self.stores = stores
        self.seen = self.head()

    def head(self) -> int:
        rows = self.stores.vault.execute_query(
            "OPTIONAL MATCH (h:AuditHead) RETURN h.seq AS seq",
            database_=self.stores.database("vault")).records
        return rows[0]["seq"] or 0

    def new(self) -> list[dict]:
        entries = [e for e in audit.entries(self.stores.vault, self.stores.database("vault"))
                   if e["seq"] > self.seen]
        self.seen = self.head()
        return [{**e, "details": json.loads(e["details"])} for e in entries]

    def expect(self, actions: tuple[str, ...], actor: str, subject: str | None) -> list[dict]:
        entries = self.new()
        assert tuple(e["action"] for e in entries) == actions
        assert all(e["actor"] == actor for e in entries), entries
        assert entries[0]["subject"] == subject
        assert all(e["details"] for e in entries)  # what, and how many
        return entries


@pytest.fixture
def run(settings):
    runner = CliRunner()

    def invoke(*args: str, **kwargs):
        result = runner.invoke(main, [str(a) for a in args], catch_exceptions=False,
                               obj=settings, **kwargs)
        assert result.exit_code == 0, (args, result.output)
        return result

    return invoke


def test_every_command_that_writes_leaves_its_entries(run, stores, vault, public, tmp_path):
    log, done = Log(stores), set()
    reference = tmp_path / "reference.jsonl"  # places and bodies the Uwazi example names
    write_jsonl(reference_records(), reference)

    def check(command: str, *args, actor: str = "editor@test", subject: str | None = None,
              actions: tuple[str, ...] | None = None, generated: bool = False) -> list[dict]:
        """Run the command; its entries (``generated``: the subject is a new uid)."""
        run(*command.split(), *args, *(["--by", actor] if actor != login_actor() else []))
        done.add(command)
        if generated:
            entries = log.new()
            assert tuple(e["action"] for e in entries) == (actions or CLI_WRITES[command])
            assert all(e["actor"] == actor and e["details"] for e in entries), entries
            return entries
        return log.expect(actions or CLI_WRITES[command], actor, subject)

    started, finished = check("load", reference, actor=login_actor(), subject="reference.jsonl")
    assert login_actor().startswith("cli:")
    assert started["details"]["records"]["nodes"]["Location"] > 0
    assert finished["details"]["nodes_created"] == started["details"]["records"]["nodes"]
    started, finished = check("import-uwazi", ROOT / "examples/uwazi/victims.csv",
                              actor="uwazi@test", subject="victims.csv")
    assert started["details"]["format"] == "uwazi csv"
    assert started["details"]["mapping"] and len(started["details"]["sha256"]) == 64
    assert finished["details"]["nodes_created"]["Person"] == 5
    started, finished = check("load", CONSENT_STATES, actor="loader@test",
                              subject=CONSENT_STATES.name)
    assert started["details"]["records"]["nodes"]["Person"] == 10
    assert finished["details"]["nodes_created"]["Person"] == 10
    check("load", SMALL, actor="loader@test", subject=SMALL.name)
    [full] = check("publish")
    assert full["details"]["nodes"] > 0
    check("consent record", "p-1001", "--purpose", "publication", "--obtained-by", "Synthetic",
          "--date", "2024-01-01", subject="p-1001")
    withdrawal = check("consent withdraw", "p-1007", subject="p-1007")
    assert withdrawal[1]["details"]["removed"] >= 1
    check("at-risk", "p-1009", subject="p-1009")
    check("review", "p-1009", "approved", subject="p-1009")
    check("source-terms", "src-partner", "public", subject="src-partner")
    check("judge", "p-1001", "p-1002", "same", subject="p-1001")
    check("judge", "p-1001", "p-1002", "--retract", subject="p-1001",
          actions=("resolution.retract",))
    check_documents(run, log, done, tmp_path)
    check_backup(run, log, done, stores, tmp_path)
    result = run("audit", "verify")
    assert "audit log intact" in result.output and "warning" not in result.output
    check_rotation(run, log, done, stores, tmp_path)  # last: the vault's key changes
    assert done == set(CLI_WRITES)


def check_rotation(run, log: Log, done: set, stores, tmp_path: Path) -> None:
    from graph import encryption
    from tests.support.stores import wipe

    new_key = encryption.write_key_file(tmp_path / "new.key")
    try:
        run("keys", "rotate", "--new-key-file", new_key, "--by", "operator@test")
        done.add("keys rotate")
        log.expect(CLI_WRITES["keys rotate"], "operator@test", None)
    finally:  # the vault back to the session's key, as the other tests expect
        wipe(stores, "vault")
        stores.unlock()


def check_documents(run, log: Log, done: set, tmp_path: Path) -> None:
    from documents.media import samples

    letter = tmp_path / "letter.pdf"
    letter.write_bytes(samples.letter_pdf("A letter.", title="A letter", author="A", lang="en"))
    ingest = ("documents", "ingest", letter, "--kind", "letter", "--source", "src-pub1",
              "--terms", "public", "--organization", "org-0001", "--title-en", "A letter",
              "--about", "p-1010", "--no-ocr", "--by", "editor@test")
    uid = run(*ingest).output.split(":")[0]
    log.expect(CLI_WRITES["documents ingest"], "editor@test", uid)
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(samples.photo_jpeg(seed=2))
    later = run(*(a if a != letter else scan for a in ingest), "--later").output.split(":")[0]
    log.expect(("document.ingest",), "editor@test", later)
    run("documents", "process", "--no-ocr", "--by", "editor@test")
    log.expect(CLI_WRITES["documents process"], "editor@test", later)
    run("documents", "demo", "--victims", "1", "--no-ocr", "--by", "editor@test")
    entries = log.new()
    assert tuple(e["action"] for e in entries) == CLI_WRITES["documents demo"]
    assert all(e["actor"] == "editor@test" for e in entries)
    done.update({"documents ingest", "documents process", "documents demo"})


def check_backup(run, log: Log, done: set, stores, tmp_path: Path) -> None:
    from ops.backup.keys import generate
    from tests.support.stores import wipe

    key = tmp_path / "backup-key.txt"
    recipient = generate(key)
    backup = tmp_path / "vault.age"
    run("backup", "-o", backup, "--recipient", recipient, "--by", "ops@test")
    started, finished = log.expect(CLI_WRITES["backup"], "ops@test", backup.name)
    assert finished["details"]["sha256"] == hashlib.sha256(backup.read_bytes()).hexdigest()
    assert finished["details"]["nodes"] > 0
    wipe(stores, "vault")
    run("restore", backup, "--identity", key, "--by", "ops@test")
    log.seen = started["seq"]  # the restored chain: the backup's entries up to its first
    restored, published = log.expect(CLI_WRITES["restore"], "ops@test", backup.name)
    assert restored["details"]["sha256"] == finished["details"]["sha256"]
    assert restored["seq"] == started["seq"] + 1
    done.update({"backup", "restore"})


def test_account_commands_leave_entries(run, stores, vault):
    run("load", CONSENT_STATES)  # the organisations
    log = Log(stores)
    run("users", "add", "new@example.org", "--role", "admin", "--organization", "org-0001",
        "--password-stdin", input="correct horse battery staple\n")
    run("users", "token", "new@example.org")
    run("users", "revoke", "new@example.org")
    actions = [e["action"] for e in log.new()]
    assert len(actions) >= 3, actions


def test_every_route_that_writes_leaves_its_entries(api, users, stores):
    editor = users["editor"]
    log, done = Log(stores), set()

    def check(method: str, rule: str, path: str, subject: str | None, body=None,
              headers: dict | None = None) -> list[dict]:
        log.new()  # a read before the write (an ETag) may be audited too: not this write's
        response = api.open(path, method=method, json=body,
                            headers={**editor.headers, **(headers or {})})
        assert response.status_code in (200, 201), (path, response.get_json())
        done.add((method, rule))
        return log.expect(API_WRITES[method, rule], editor.email,
                          subject or response.get_json().get("uid"))

    created = check("POST", "/api/v1/vault/records", "/api/v1/vault/records", None, body={
        "record": "Person", "roles": ["Victim"], "name_en": "Synthetic Newcase"})
    uid = created[0]["subject"]
    assert uid.startswith("p-") and created[0]["details"]["type"] == "Person"
    record_rule = "/api/v1/vault/records/<string:uid>"
    got = api.get(f"/api/v1/vault/records/{uid}", headers=editor.headers)
    patched = check("PATCH", record_rule, f"/api/v1/vault/records/{uid}", uid,
                    body={"birth_year": 1950}, headers={"If-Match": got.headers["ETag"]})
    assert "birth_year" in json.dumps(patched[0]["details"])
    got = api.get(f"/api/v1/vault/records/{uid}", headers=editor.headers)
    record = {**got.get_json()["record"], "birth_year": 1951}
    check("PUT", record_rule, f"/api/v1/vault/records/{uid}", uid, body=record,
          headers={"If-Match": got.headers["ETag"]})
    check("POST", "/api/v1/vault/relationships", "/api/v1/vault/relationships", "p-1007",
          body={"type": "SUBJECTED_TO", "from": "p-1007", "to": "e-1010",
                "sources": ["src-pub1"]})
    persons = "/api/v1/vault/persons"
    check("POST", f"{persons}/<string:uid>/consents", f"{persons}/p-1001/consents", "p-1001",
          body={"purpose": "publication", "given_on": "2024-02-01",
                "obtained_by": "Synthetic editor"})
    check("POST", f"{persons}/<string:uid>/consents/withdraw",
          f"{persons}/p-1010/consents/withdraw", "p-1010", body={})
    check("POST", f"{persons}/<string:uid>/at-risk", f"{persons}/p-1009/at-risk", "p-1009",
          body={})
    check("POST", f"{persons}/<string:uid>/review", f"{persons}/p-1009/review", "p-1009",
          body={"status": "approved"})
    check("POST", "/api/v1/vault/records/<string:uid>/review",
          "/api/v1/vault/records/loc-seoul/review", "loc-seoul", body={"status": "approved"})
    check("POST", "/api/v1/vault/sources/<string:uid>/terms",
          "/api/v1/vault/sources/src-partner/terms", "src-partner", body={"terms": "public"})
    check("POST", "/api/v1/vault/publication", "/api/v1/vault/publication", None)
    letter = samples()["letter-partners"]
    response = api.post("/api/v1/vault/documents", headers=editor.headers,
                        content_type="multipart/form-data",
                        data={"file": (io.BytesIO(letter), "letter.pdf"), "kind": "letter",
                              "terms_of_use": "partners", "source": "src-pub1",
                              "title_en": "A letter", "about": ["p-1007"]})
    assert response.status_code == 202, response.get_json()
    done.add(("POST", "/api/v1/vault/documents"))
    [ingested] = log.expect(API_WRITES["POST", "/api/v1/vault/documents"], editor.email,
                            response.get_json()["uid"])
    assert ingested["details"]["sha256"] == hashlib.sha256(letter).hexdigest()
    document = response.get_json()["uid"]
    process_rule = "/api/v1/vault/documents/<string:uid>/process"
    response = api.post(f"/api/v1/vault/documents/{document}/process", headers=editor.headers)
    assert response.status_code == 202, response.get_json()
    done.add(("POST", process_rule))
    [requeued] = log.expect(API_WRITES["POST", process_rule], editor.email, document)
    assert requeued["details"] == {"was": "pending"}
    assert done == set(API_WRITES)
    assert audit.verify(stores.vault, stores.database("vault")).ok


def test_every_document_route_is_classified(vault_app):
    routes = {(method, rule.rule) for rule in vault_app.url_map.iter_rules()
              if rule.rule.startswith(("/api/v1/vault/documents", "/workspace/documents"))
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    writes = {r for r in set(API_WRITES) | set(WORKSPACE_WRITES) if "/documents" in r[1]}
    assert routes == set(DOCUMENT_READS) | DOCUMENT_NO_READS | writes


def test_every_read_of_a_non_public_document_leaves_its_entry(vault_app, api, users, stores):
    """Each route of DOCUMENT_READS, called once on org-0001's restricted letter (partners'
    terms): exactly its entries, naming the reader, the document and what was read."""
    from tests.support.documents import add_documents, empty_files
    from tests.support.workspace import Browser, signed_in

    empty_files(stores)
    uid = add_documents(stores, names=("letter-partners",))["letter-partners"]
    reader = users["lawyer"]
    page = signed_in(lambda: Browser(vault_app), reader)
    log, done = Log(stores), set()
    for method, rule in DOCUMENT_READS:
        path = rule.replace("<string:uid>", uid).replace("<string:number>", "1")
        path += "?q=partners" if path.endswith("/search") else ""
        client = api if rule.startswith("/api") else page
        response = api.get(path, headers=reader.headers) if client is api else \
            page.client.get(path, base_url="https://localhost")
        assert response.status_code == 200, (path, response.status_code)
        entries = log.new()
        assert tuple(e["action"] for e in entries) == DOCUMENT_READS[method, rule], (path, entries)
        assert all(e["actor"] == reader.email and e["subject"] == uid for e in entries), entries
        assert all(e["details"]["label"] == "Restricted" for e in entries), entries
        done.add((method, rule))
    assert done == set(DOCUMENT_READS)
    assert audit.verify(stores.vault, stores.database("vault")).ok
