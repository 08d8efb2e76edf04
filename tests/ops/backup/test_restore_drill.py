"""The restore drill (issue 18): a vault with data, edits, consents, withdrawals, judgements,
documents and values of every Neo4j type → backup → everything wiped → restore → every
node, relationship and property equal, the audit log intact, the public graph equal to
before, the documents' files the same; and the refusals: a wrong identity, a cut-short or
tampered file, a vault that is not empty — each a clear error, nothing written."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import audit, queries
from graph.consent import editor
from graph.publication import publish_stores
from graph.resolution import judgements
from loaders.importer import import_file
from ops.backup import keys
from service.cli import main
from tests.support.documents import add_documents, empty_files
from tests.support.leaks import CONSENT_STATES, SMALL
from tests.support.stores import wipe

#: Properties of every type Neo4j stores, on a node and a relationship of the vault.
EXOTIC = """
CREATE (a:BackupProbe:Extra {uid: 'probe-a', d: date('1978-06-28'),
  dt: datetime('1977-11-15T19:30:00.123456789[Asia/Tokyo]'), dto: datetime('2001-02-03T04:05:06-02:30'),
  ldt: localdatetime('1980-01-02T03:04:05.5'), t: time('12:34:56.789+09:00'), lt: localtime('23:59'),
  du: duration('P1Y2M3DT4H5M6.000000007S'), p: point({x: 1.5, y: -2}),
  p3: point({longitude: 125.75, latitude: 39.03, height: 12}), b: $blob, i: 1, f: 1.0,
  s: '평양 \\u0000 "quoted"', yes: true, li: [1, 2, 3], lf: [0.5], ls: ['a', '$date'],
  ld: [date('2020-01-01'), date('2020-01-02')], lb: [true, false]})
CREATE (b:BackupProbe {uid: 'probe-b'})
CREATE (a)-[:PROBED {at: datetime('2024-03-10T12:00:00Z'), n: 7, span: duration('PT1S')}]->(b)
CREATE (a)-[:PROBED {n: 8}]->(b)
"""


def canonical(value):
    """A property value as its exact type and its repr (not through the codec under test):
    a date is not a string, 1 is not 1.0, a zone is not an offset."""
    if isinstance(value, list):
        return ["list", [canonical(v) for v in value]]
    return [type(value).__name__, repr(value)]


def props_of(props: dict) -> dict:
    return {k: canonical(v) for k, v in props.items()}


def full_dump(driver, database: str) -> tuple[Counter, Counter]:
    """Every node (labels and properties) and relationship (type, properties, and its ends'
    labels and properties), as multisets of canonical JSON: equal dumps are equal graphs,
    whatever their element ids."""
    nodes, keys_of = Counter(), {}
    with driver.session(database=database) as session:
        for r in session.run("MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, "
                             "properties(n) AS props"):
            key = json.dumps([sorted(r["labels"]), props_of(r["props"])],
                             sort_keys=True, ensure_ascii=False)
            keys_of[r["id"]] = key
            nodes[key] += 1
        rels = Counter(json.dumps([keys_of[r["a"]], r["type"], props_of(r["props"]),
                                   keys_of[r["b"]]], sort_keys=True, ensure_ascii=False)
                       for r in session.run("MATCH (a)-[r]->(b) RETURN elementId(a) AS a, "
                                            "type(r) AS type, properties(r) AS props, "
                                            "elementId(b) AS b"))
    return nodes, rels


def without(dump: tuple[Counter, Counter], drop) -> Counter:
    """A dump's nodes with those ``drop`` says (by labels and properties) taken out or
    changed."""
    nodes = Counter()
    for key, n in dump[0].items():
        labels, props = json.loads(key)
        changed = drop(labels, props)
        if changed is not None:
            nodes[json.dumps(changed, sort_keys=True, ensure_ascii=False)] += n
    return nodes


def vault_without_log_after(dump, seq: int):
    """The vault's dump without the audit entries after ``seq`` and the head's position
    (which they moved): the audit log is compared by verifying its chain instead."""
    def drop(labels, props):
        if "AuditEntry" in labels and int(props["seq"][1]) > seq:
            return None
        if "AuditHead" in labels or "PublicationLock" in labels:
            return [labels, {"uid": props["uid"]}]
        return [labels, props]

    return without(dump, drop)


def public_without_generation(dump):
    """The public graph's dump without what a new generation changes by itself: the
    generation stamped on each record, and the meta node's revision and publication time."""
    def strip(props):
        return {k: v for k, v in props.items()
                if k not in ("generation", "revision", "published_at")}

    nodes = Counter()
    for key, n in dump[0].items():
        labels, props = json.loads(key)
        nodes[json.dumps([labels, strip(props)], sort_keys=True, ensure_ascii=False)] += n
    rels = Counter()
    for key, n in dump[1].items():
        a, rel_type, props, b = json.loads(key)
        a, b = (json.dumps([json.loads(k)[0], strip(json.loads(k)[1])], sort_keys=True,
                           ensure_ascii=False) for k in (a, b))
        rels[json.dumps([a, rel_type, strip(props), b], sort_keys=True,
                        ensure_ascii=False)] += n
    return nodes, rels


def file_hashes(stores) -> dict[str, set[str]]:
    return {area: set(getattr(stores.files, area).hashes()) for area in ("originals", "public")}


@pytest.fixture
def cli(settings):
    runner = CliRunner()

    def invoke(*args, ok: bool = True):
        result = runner.invoke(main, [str(a) for a in args], obj=settings)
        if ok:
            assert result.exit_code == 0, (args, result.output, result.exception)
        return result

    return invoke


@pytest.fixture
def identity(tmp_path) -> tuple[Path, str]:
    path = tmp_path / "identity.txt"
    return path, keys.generate(path)


def drill_vault(stores) -> None:
    """Demo-like data with an editor's changes of every kind, documents, and a published
    public graph."""
    db = stores.database("vault")
    for path in (CONSENT_STATES, SMALL):
        import_file(stores.vault, path, database=db, actor="loader@test")
    publish_stores(stores, actor="tests")
    editor.record_consent(stores, "p-1001", "publication", date(2024, 1, 1), "Synthetic",
                          actor="editor@test")
    editor.withdraw_consent(stores, "p-1010", actor="editor@test")
    editor.mark_at_risk(stores, "p-1009", actor="editor@test")
    editor.review(stores, "p-1009", "approved", actor="editor@test")
    editor.set_source_terms(stores, "src-partner", "public", actor="editor@test")
    judgements.judge(stores, "p-1001", "p-1002", "same", actor="editor@test", note="same face")
    judgements.judge(stores, "p-1003", "p-1004", "different", actor="editor@test")
    add_documents(stores, names=("letter-public", "photo-public", "letter-partners"))
    stores.vault.execute_query(EXOTIC, blob=bytes(range(256)), database_=db)
    publish_stores(stores, actor="tests")


def test_restore_drill(cli, stores, vault, public, identity, tmp_path):
    empty_files(stores)
    drill_vault(stores)
    key, recipient = identity
    out = tmp_path / "backups"
    made = cli("backup", "-o", f"{out}/", "--recipient", recipient, "--by", "ops@test")
    [backup] = list(out.iterdir())
    assert backup.name.startswith("footprints-backup-") and backup.name in made.output
    assert b"Hwang" not in backup.read_bytes() and b"AuditEntry" not in backup.read_bytes()
    entries = list(audit.entries(stores.vault, stores.database("vault")))
    started = next(e for e in entries if e["action"] == "backup.started")
    assert entries[-1]["action"] == "backup.finished" and entries[-1]["actor"] == "ops@test"
    before = full_dump(stores.vault, stores.database("vault"))
    public_before = full_dump(stores.public, stores.database("public"))
    files_before = file_hashes(stores)
    assert files_before["originals"] and files_before["public"]
    checked = cli("backup", "verify", backup, "--identity", key)
    assert "intact" in checked.output

    # The disks are lost: both stores and the file store empty.
    wipe(stores, "vault")
    wipe(stores, "public")
    empty_files(stores)
    cli("restore", backup, "--identity", key, "--no-publish", "--by", "ops@test")
    after = full_dump(stores.vault, stores.database("vault"))
    assert vault_without_log_after(after, started["seq"]) == \
        vault_without_log_after(before, started["seq"])
    assert after[1] == before[1]  # every relationship, its properties and its ends
    probe = stores.vault.execute_query(
        "MATCH (a:BackupProbe {uid: 'probe-a'}) RETURN properties(a) AS p",
        database_=stores.database("vault")).records[0]["p"]
    assert probe["b"] == bytes(range(256)) and probe["dt"].tzinfo.zone == "Asia/Tokyo"
    assert probe["du"].nanoseconds == 7 and isinstance(probe["f"], float)
    log = list(audit.entries(stores.vault, stores.database("vault")))
    assert [e["action"] for e in log if e["seq"] > started["seq"]] == ["backup.restore"]
    assert file_hashes(stores)["originals"] == files_before["originals"]
    assert "audit log intact" in cli("audit", "verify").output

    cli("publish", "--by", "ops@test")
    assert public_without_generation(full_dump(stores.public, stores.database("public"))) == \
        public_without_generation(public_before)
    assert file_hashes(stores) == files_before
    assert cli("documents", "verify").exit_code == 0


def test_restore_publishes_and_refuses_a_vault_that_is_not_empty(cli, stores, vault, public,
                                                                 identity, tmp_path):
    empty_files(stores)
    import_file(stores.vault, CONSENT_STATES, database=stores.database("vault"), actor="t")
    publish_stores(stores)
    public_before = public_without_generation(full_dump(stores.public, "neo4j"))
    key, recipient = identity
    backup = tmp_path / "one.age"
    cli("backup", "-o", backup, "--recipient", recipient)
    refused = cli("restore", backup, "--identity", key, ok=False)
    assert refused.exit_code == 1 and "the vault is not empty" in refused.output
    assert "empty it" in refused.output
    wipe(stores, "vault")
    wipe(stores, "public")
    done = cli("restore", backup, "--identity", key)
    assert "published generation" in done.output
    assert public_without_generation(full_dump(stores.public, "neo4j")) == public_before
    again = cli("backup", "-o", backup, "--recipient", recipient, ok=False)
    assert again.exit_code == 1 and "never overwritten" in again.output


def test_bad_backups_are_refused_and_nothing_is_written(cli, stores, vault, public, identity,
                                                        tmp_path):
    empty_files(stores)
    import_file(stores.vault, CONSENT_STATES, database=stores.database("vault"), actor="t")
    add_documents(stores, names=("letter-public",))
    key, recipient = identity
    good = tmp_path / "good.age"
    cli("backup", "-o", good, "--recipient", recipient)
    data = good.read_bytes()
    other, _ = tmp_path / "other.txt", keys.generate(tmp_path / "other.txt")
    cut = tmp_path / "cut.age"
    cut.write_bytes(data[: len(data) // 2])
    tampered = tmp_path / "tampered.age"
    tampered.write_bytes(data[:-200] + bytes([data[-200] ^ 1]) + data[-199:])
    not_age = tmp_path / "notes.age"
    not_age.write_bytes(b"just some text\n")
    wipe(stores, "vault")
    wipe(stores, "public")
    empty_files(stores)
    cases = [(good, other, "identity one of its recipients"), (cut, key, "damaged or cut short"),
             (tampered, key, "damaged or cut short"), (not_age, key, "is it a backup"),
             (tmp_path / "missing.age", key, "no such backup")]
    for path, ident, message in cases:
        for command in (("restore", path, "--identity", ident),
                        ("backup", "verify", path, "--identity", ident)):
            result = cli(*command, ok=False)
            assert result.exit_code == 1, (command, result.output)
            assert message in result.output and "Traceback" not in result.output, result.output
    # nothing written: the vault holds at most the canary of the key the command opened it with
    assert queries.run(stores.vault, "backup/count_records")[0]["nodes"] == 0
    assert file_hashes(stores) == {"originals": set(), "public": set()}
    cli("restore", good, "--identity", key, "--no-publish")
    assert audit.verify(stores.vault).ok


def test_keys_and_recipients_are_checked(tmp_path, cli):
    path = tmp_path / "id.txt"
    made = cli("backup", "keygen", "-o", path)
    recipient = made.output.split("public key: ")[1].strip()
    assert recipient.startswith("age1") and oct(path.stat().st_mode & 0o777) == "0o600"
    assert "AGE-SECRET-KEY-1" in path.read_text()
    again = cli("backup", "keygen", "-o", path, ok=False)
    assert again.exit_code == 1 and "never overwritten" in again.output
    bad = cli("backup", "-o", tmp_path / "x.age", "--recipient", "age1nonsense", ok=False)
    assert bad.exit_code == 1 and "not a valid recipient" in bad.output
    none = cli("backup", "-o", tmp_path / "x.age", ok=False)
    assert none.exit_code == 1 and "no recipient" in none.output
    listed = tmp_path / "recipients.txt"
    listed.write_text(f"# the office's key\n{recipient}\n")
    assert len(keys.recipients([], [listed])) == 1
    blank = tmp_path / "blank.txt"
    blank.write_text("# nothing\n")
    result = cli("backup", "verify", tmp_path / "x.age", "--identity", blank, ok=False)
    assert result.exit_code == 1 and "holds no identity" in result.output
