"""documents.verify against both backends: a store that matches its documents is all ok;
a flipped byte, a lost byte, a lost file and a file nobody names are each found, by hash."""

from __future__ import annotations

import hashlib

from documents.store import open_store
from documents.verify import verify
from tests.support.files import damage


def filled(settings, count: int = 4):
    store = open_store(settings, "originals")
    stored = [store.put_bytes(f"letter {i} ".encode() * (1000 + i)) for i in range(count)]
    return store, {s.sha256: s.size for s in stored}


def test_a_store_that_matches_is_all_ok(files_settings):
    store, expected = filled(files_settings)
    seen = []
    report = verify(store, expected, progress=seen.append)
    assert (report.ok, report.missing, report.corrupt, report.orphans) == (4, [], [], [])
    assert report.problems == 0
    assert sorted(seen) == sorted(expected.values())  # every file's bytes counted


def test_each_problem_is_named_by_its_hash(files_settings):
    store, expected = filled(files_settings, 5)
    flipped, truncated, deleted, *fine = sorted(expected)
    damage(files_settings, "originals", flipped, "flip")
    damage(files_settings, "originals", truncated, "truncate")
    damage(files_settings, "originals", deleted, "delete")
    orphan = store.put_bytes(b"a file no document names").sha256
    report = verify(store, expected)
    assert report.ok == len(fine) == 2
    assert report.missing == [deleted]
    assert report.corrupt == sorted([flipped, truncated])
    assert report.orphans == [orphan]
    assert report.problems == 4
    size = expected[truncated]
    assert report.reasons[truncated] == f"{size - 1} bytes stored, {size} recorded"
    assert report.reasons[flipped].startswith("the stored bytes hash to ")
    assert flipped not in report.reasons[flipped]


def test_a_flipped_byte_is_found_even_without_a_recorded_size(files_settings):
    store, expected = filled(files_settings, 1)
    (name,) = expected
    damage(files_settings, "originals", name, "flip")
    assert verify(store, {name: None}).corrupt == [name]


def test_an_expected_name_that_is_no_hash_is_missing(files_settings):
    store, expected = filled(files_settings, 1)
    bogus = hashlib.sha256(b"x").hexdigest().upper()
    report = verify(store, {**expected, bogus: 3})
    assert report.missing == [bogus] and report.ok == 1
