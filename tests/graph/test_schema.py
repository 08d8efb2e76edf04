"""Schema installation on a real Neo4j: idempotent, and the indexes do what they are for."""

from __future__ import annotations

import pytest
from neo4j.exceptions import ConstraintError

from graph.schema import install_schema, statements


def test_install_is_idempotent(stores):
    before = stores.vault.execute_query("SHOW INDEXES YIELD name RETURN count(*) AS n").records[0]["n"]
    install_schema(stores.vault)
    install_schema(stores.vault)
    after = stores.vault.execute_query("SHOW INDEXES YIELD name RETURN count(*) AS n").records[0]["n"]
    assert before == after
    assert after >= len([s for s in statements() if "INDEX" in s])


def test_both_stores_have_the_same_schema(stores):
    q = "SHOW INDEXES YIELD name, state RETURN name, state ORDER BY name"
    vault = [r.data() for r in stores.vault.execute_query(q).records]
    public = [r.data() for r in stores.public.execute_query(q).records]
    assert vault == public
    assert all(r["state"] == "ONLINE" for r in vault)


def test_uid_is_unique(vault):
    vault.execute_query("CREATE (:Entity:Person {uid: 'dup'})")
    with pytest.raises(ConstraintError):
        vault.execute_query("CREATE (:Entity:Person {uid: 'dup'})")


def search(driver, text):
    records, _, _ = driver.execute_query(
        "CALL db.index.fulltext.queryNodes('person_names', $q) YIELD node RETURN node.uid AS uid",
        q=text)
    return {r["uid"] for r in records}


def test_korean_search_finds_a_name_from_part_of_it(vault):
    vault.execute_query(
        "CREATE (:Entity:Person {uid: 'p1', name_ko: '김철호', name_en: 'Kim Chul-ho', "
        "name_variants: ['Gim Cheol-ho', 'Kim Ch\u014fl-ho'], search_keys: ['kimchulho', 'chulho']}), "
        "(:Entity:Person {uid: 'p2', name_ko: '박순자', name_en: 'Park Soon-ja'})")
    assert search(vault, "김철호") == {"p1"}
    assert search(vault, "철호") == {"p1"}       # the given name alone
    assert search(vault, "김*") == {"p1"}        # a surname, one syllable, as a prefix
    assert search(vault, "순자") == {"p2"}
    assert search(vault, "cheol") == {"p1"}      # a romanised variant
    assert search(vault, "kimchulho") == {"p1"}  # the compact key
    assert search(vault, "Park") == {"p2"}


def test_point_index_serves_distance_queries(vault):
    vault.execute_query(
        "CREATE (:Entity:Location {uid: 'l1', kind: 'city', coords: point({latitude: 39.0, "
        "longitude: 125.75})}), (:Entity:Location {uid: 'l2', kind: 'city', "
        "coords: point({latitude: 35.1, longitude: 129.0})})")
    records, _, _ = vault.execute_query(
        "MATCH (l:Location) WHERE point.distance(l.coords, point({latitude: 39.02, "
        "longitude: 125.74})) < 10000 RETURN l.uid AS uid")
    assert [r["uid"] for r in records] == ["l1"]
