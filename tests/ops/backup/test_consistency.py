"""A backup is one consistent snapshot while the vault changes (issue 18).

Neo4j's read committed isolation alone would not give one: a writer moves an amount from
a node the backup reads early to one it reads late, committing in between, so a plain read
transaction would see the amount on both and the total wrong. The backup pauses audited
writes while it reads (cypher/backup/lock_vault_writes), so the move lands wholly after the
snapshot; the restored vault keeps the invariant and its
audit log verifies, while the live vault has the move and its entry."""

from __future__ import annotations

import threading

from click.testing import CliRunner

from graph import audit
from ops.backup import keys
from ops.backup.snapshot import backup
from service.cli import main
from tests.support.stores import wipe

TOTAL = 100
#: Accounts; the two the money moves between are far apart in the order the backup reads
#: nodes in: the first within its first frame, the second thousands of records later,
#: well past the 1,000 records the driver fetches at once.
ACCOUNTS = 5000


def move(stores, source: str, target: str, amount: int) -> None:
    """An audited change, as the app makes them: the move and its entry in one transaction."""
    def work(tx):
        tx.run("MATCH (a:Account {uid: $a}), (b:Account {uid: $b}) "
               "SET a.balance = a.balance - $n, b.balance = b.balance + $n",
               a=source, b=target, n=amount).consume()
        audit.append_in(tx, "writer@test", "test.move", source, amount=amount)

    with stores.vault.session(database=stores.database("vault")) as session:
        session.execute_write(work)


def test_writes_during_a_backup_land_after_its_snapshot(stores, vault, public, tmp_path,
                                                        settings):
    db = stores.database("vault")
    audit.append(stores.vault, "writer@test", "test.opened", None, database=db, total=TOTAL)
    stores.vault.execute_query("UNWIND range(1, $n) AS i "
                               "CREATE (:Account {uid: 'acct-' + i, balance: 0})",
                               n=ACCOUNTS, database_=db)
    order = [r["uid"] for r in stores.vault.execute_query(  # the backup's own scan order
        "MATCH (n) RETURN n.uid AS uid", database_=db).records if r["uid"].startswith("acct-")]
    early, late = order[100], order[-100]
    stores.vault.execute_query("MATCH (a:Account {uid: $uid}) SET a.balance = $total",
                               uid=early, total=TOTAL, database_=db)
    key = tmp_path / "id.txt"
    recipient = keys.recipient(keys.generate(key))
    writers: list[threading.Thread] = []
    moved = threading.Event()

    def while_reading(part: str, count: int) -> None:
        """After the first frame of nodes (the early account read): a move of 40 to the
        late one, and a few more audited writes, from another thread; time to commit."""
        if part == "nodes" and not writers:
            def write():
                move(stores, early, late, 40)
                moved.set()
                for n in range(3):
                    audit.append(stores.vault, "writer@test", "test.note", None, database=db, n=n)

            writers.append(threading.Thread(target=write))
            writers[0].start()
            moved.wait(3)  # with writes paused it does not commit: the wait runs out

    result = backup(stores, tmp_path / "b.age", [recipient], "ops@test",
                    on_record=while_reading)
    writers[0].join(30)
    assert moved.is_set() and not writers[0].is_alive()
    live = {r["uid"]: r["balance"] for r in stores.vault.execute_query(
        "MATCH (a:Account) WHERE a.balance > 0 RETURN a.uid AS uid, a.balance AS balance",
        database_=db).records}
    assert live == {early: 60, late: 40}  # the writer's change went in, after

    wipe(stores, "vault")
    wipe(stores, "public")
    out = CliRunner().invoke(main, ["restore", str(result.path), "--identity", str(key),
                                    "--no-publish"], obj=settings)
    assert out.exit_code == 0, out.output
    restored = {r["uid"]: r["balance"] for r in stores.vault.execute_query(
        "MATCH (a:Account) WHERE a.balance > 0 RETURN a.uid AS uid, a.balance AS balance",
        database_=db).records}
    assert restored == {early: TOTAL}  # the total, all of it before the move
    assert audit.verify(stores.vault, db).ok
    actions = [e["action"] for e in audit.entries(stores.vault, db)]
    assert "test.move" not in actions and "test.note" not in actions
    assert actions[-2:] == ["backup.started", "backup.restore"]
