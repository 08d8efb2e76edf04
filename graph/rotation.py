"""Key rotation: every sealed value of the vault re-sealed under a new data key.

Why it is built this way: a vault may be large, and a rotation may be cut short (a crash,
a killed process, a lost connection). So records are re-sealed in batches, each batch one
transaction; every record says which key sealed it (``sealed_with``), so a rerun picks up
exactly the records still under another key, and a record is never half rotated. The
canary switches last: until every record is done, the vault's canary still opens with
the old key, which the rerun needs (``FOOTPRINTS_DATA_KEY`` stays the old key until the
rotation says it finished). Values a vault held in plain text from before encryption
(records without ``sealed_with``), and records whose fields sealed for some roles only are
not in the form their roles say (a witness's names stored before they were sealed), are
sealed by the same pass, with their keyed-hash lookups (``name_hmacs``) computed under the
new key.

Start and end are in the audit log (``keys.rotate.started`` / ``.finished``, with both key
ids and the count): the log never holds a key or a value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from neo4j import Driver

from graph import audit, encryption, queries
from graph.encryption import DataKey, Keyring
from graph.model import MODEL

#: Fields of the record types that have encrypted ones, for the queries.
FIELDS = tuple(sorted({f for names in encryption.SEALABLE.values() for f in names}))


def _params(key_id: str) -> dict:
    """What the rotation's queries select by: records of these labels sealed with another
    key, never sealed, or whose role-sealed fields are not in the form their roles say."""
    return {"labels": list(encryption.SEALABLE), "fields": list(FIELDS), "key_id": key_id,
            "prefix": encryption.PREFIX,
            "role_sealed": [{"label": label, "roles": list(s.roles), "fields": list(s.fields),
                             "all_roles": list(MODEL.records[label].roles)}
                            for label, s in encryption.ROLE_SEALED.items()]}


@dataclass
class RotationReport:
    old_key: str
    new_key: str
    records: int = 0
    finished: bool = False

    def summary(self) -> str:
        return (f"re-sealed {self.records} record(s) under key {self.new_key} (was "
                f"{self.old_key}); the canary now opens with the new key: set "
                "FOOTPRINTS_DATA_KEY / FOOTPRINTS_DATA_KEY_FILE to it")


def to_rotate(driver: Driver, database: str, new: DataKey) -> int:
    """Records still sealed with another key (or never sealed)."""
    return queries.run(driver, "keys/count_to_rotate", database=database,
                       **_params(new.id))[0]["records"]


def rotate(driver: Driver, database: str, old: Keyring, new: DataKey, actor: str,
           batch_size: int = 500, progress: Callable[[int], None] | None = None) -> RotationReport:
    """Re-seal every record under ``new``; ``old`` must open the vault (its canary is checked
    first, with both keys, so a rerun after a crash passes). Resumable: run it again."""
    ring = Keyring(new).with_key(old.current)
    for other_id in old.ids:
        if other_id != old.current.id:
            raise encryption.KeyInvalid("rotate from one key at a time")
    canary = encryption.check_canary(driver, database, ring)
    report = RotationReport(old.current.id, new.id)
    if canary == new.id and not to_rotate(driver, database, new):
        report.finished = True
        return report  # done before
    audit.append(driver, actor, "keys.rotate.started", None, database=database,
                 old_key=old.current.id, new_key=new.id, records=to_rotate(driver, database, new))
    while True:
        rows = queries.run(driver, "keys/match_to_rotate", database=database,
                           limit=batch_size, **_params(new.id))
        if not rows:
            break
        batch = [_resealed(ring, row) for row in rows]
        with driver.session(database=database) as session:
            session.execute_write(lambda tx, b=batch: queries.run_in(
                tx, "keys/set_resealed", rows=b))
        report.records += len(batch)
        if progress is not None:
            progress(len(batch))
    queries.run(driver, "keys/merge_canary", database=database,
                token=ring.seal(encryption.CANARY_TEXT, encryption.CANARY_UID, "canary"),
                key_id=new.id)
    audit.append(driver, actor, "keys.rotate.finished", None, database=database,
                 old_key=old.current.id, new_key=new.id, records=report.records)
    report.finished = True
    return report


def _resealed(ring: Keyring, row: dict) -> dict:
    """One record's values opened (with whichever key sealed them; plain text as it is, for a
    record never sealed) and sealed with the ring's current key, in the form its roles say
    (a witness's names sealed, with their lookups under the new key; a victim's open)."""
    label = next(lbl for lbl in row["labels"] if lbl in encryption.SEALABLE)
    values = dict(zip(FIELDS, row["values"], strict=True))
    own = {name: values.get(name) for name in encryption.SEALABLE[label]}
    if row["sealed_with"] is not None:
        own = ring.open_props(label, {"uid": row["uid"], **own})
        own.pop("uid")
    sealed = ring.seal_props(label, row["uid"], own, roles=row["labels"])
    return {"uid": row["uid"], "was": row["sealed_with"], "props": sealed}
