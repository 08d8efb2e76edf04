"""Counts of non-public records (rule 8): nothing published, alone or together, pins down a
hidden cell or shows one to be below the threshold.

Two attackers. The first solves the published figures as integer constraints (each
hidden cell at least 1, the total their sum: tests/support/solver.py). The second also
knows the rule itself (docs/consent.md publishes it): it tries every count vector, keeps
those that the rule turns into exactly what was published, and reads off what each hidden
cell can be. Both are run against the rule, and against the earlier rules to show they
have teeth.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.consent.policy import SMALL_CELL, suppress_counts
from graph.vocabularies import choices
from tests.support.solver import disclosures, feasible_values

T = SMALL_CELL
CATEGORIES = [*choices("victim_category"), "unknown"]


def solve(published: dict) -> dict[str, str]:
    """What the first attacker finds: hidden cells pinned down or provably small."""
    cells = published["by_category"]
    hidden = [k for k, v in cells.items() if v is None]
    known = {k: v for k, v in cells.items() if v is not None}
    equations = [(list(cells), published["total"])] if published["total"] is not None else []
    return disclosures(feasible_values(hidden, known, equations), T)


# -- the earlier rules, kept here as the attacks' targets ----------------------------------
def rule_before_issue_13(counts: dict) -> dict:
    """Cells below 5 hidden, one more if only one was; the total shown whenever >= 5."""
    out = {k: (v if v >= T or v == 0 else None) for k, v in counts.items()}
    if sum(v is None for v in out.values()) == 1:
        shown = sorted((v, k) for k, v in out.items() if v)
        if shown:
            out[shown[0][1]] = None
    total = sum(counts.values())
    return {"total": total if total >= T or total == 0 else None, "by_category": out}


def rule_smallest_first(counts: dict) -> dict:
    """Hide the smallest shown cells until at least two are hidden and their sum reaches
    ``T + k - 1``, else hide the total: safe against the first attacker only."""
    hidden = {k for k, v in counts.items() if 0 < v < T}
    candidates = sorted((v, k) for k, v in counts.items() if v >= T)

    def safe() -> bool:
        return len(hidden) >= 2 and sum(counts[k] for k in hidden) >= T + len(hidden) - 1

    while hidden and not safe() and candidates:
        hidden.add(candidates.pop(0)[1])
    return {"total": None if hidden and not safe() else sum(counts.values()),
            "by_category": {k: None if k in hidden else v for k, v in counts.items()}}


# -- the first attacker ----------------------------------------------------------------------
def test_issue_13_example_is_solved_exactly_under_the_old_rule():
    """The demo's figure: 1,757 held, 1,755 in the cells shown, two cells hidden: 1 and 1."""
    counts = {"war_pow": 412, "war_abductee": 655, "postwar_abductee": 240, "japan_returnee": 103,
              "japanese_abductee": 1, "foreign_abductee": 1, "internal_disappearance": 345}
    old = rule_before_issue_13(counts)
    assert old["total"] == 1757
    assert sum(v for v in old["by_category"].values() if v) == 1755
    assert solve(old) == {"japanese_abductee": "determined: exactly 1",
                          "foreign_abductee": "determined: exactly 1"}
    new = suppress_counts(counts)
    assert new == {"total": 1757, "by_category": {k: None for k in counts}}
    assert solve(new) == {}
    assert feasible_values(list(counts), {}, [(list(counts), 1757)])["japanese_abductee"] == \
        set(range(1, 1757 - 6 + 1))


@pytest.mark.parametrize("counts", [
    {"a": 120, "b": 3, "c": 40, "d": 0},
    {"a": 10, "b": 2, "c": 1},
    {"a": 4, "b": 1},                   # sum 5 over two cells: each below 5, whatever it is
    {"a": 1, "b": 1, "c": 4},           # sum 6 over three cells: likewise
    {"a": 3},
    {"a": 30, "b": 20},
    {"a": 0, "b": 0},
])
def test_examples(counts):
    out = suppress_counts(counts)
    assert solve(out) == {}
    assert out["total"] in (sum(counts.values()), None)
    if out["by_category"]:
        assert set(out["by_category"]) == set(counts)
        shown = [v for v in out["by_category"].values() if v is not None]
        assert all(v >= T or v == 0 for v in shown)


def test_the_four_levels():
    assert suppress_counts({"a": 30, "b": 0}) == {"total": 30, "by_category": {"a": 30, "b": 0}}
    assert suppress_counts({"a": 30, "b": 2, "c": 0}) == \
        {"total": 32, "by_category": {"a": None, "b": None, "c": 0}}
    assert suppress_counts({"a": 4, "b": 1}) == {"total": 5, "by_category": {}}
    assert suppress_counts({"a": 3, "b": 1}) == {"total": None, "by_category": {}}
    assert suppress_counts({}) == {"total": 0, "by_category": {}}
    with pytest.raises(ValueError):
        suppress_counts({"a": -1})


#: Count vectors like a vault's: mostly large cells, some small, some empty.
counts_strategy = st.fixed_dictionaries({c: st.one_of(
    st.integers(0, 4), st.integers(5, 12), st.integers(13, 5000)) for c in CATEGORIES})


@settings(max_examples=400, deadline=None, database=None)
@given(counts_strategy)
def test_no_published_combination_reveals_a_hidden_cell(counts):
    out = suppress_counts(counts)
    assert solve(out) == {}
    cells = out["by_category"]
    assert all(v is None or v == counts[k] for k, v in cells.items())  # nothing made up
    assert out["total"] is None or out["total"] == sum(counts.values())
    assert all(v is None or v == 0 or v >= T for v in cells.values())
    if out["total"] is None:
        assert cells == {}
    if any(0 < v < T for v in counts.values()):
        assert all(v is None or v == 0 for v in cells.values())


@settings(max_examples=200, deadline=None, database=None)
@given(counts_strategy)
def test_the_solver_catches_the_old_rule_whenever_it_leaks(counts):
    """The old rule's output, solved: whenever a hidden cell is pinned down, the solver
    says so and is right; a check that the first attacker is not toothless."""
    old = rule_before_issue_13(counts)
    for cell, finding in solve(old).items():
        if finding.startswith("determined"):
            assert finding == f"determined: exactly {counts[cell]}"
        else:
            assert counts[cell] < T


# -- the second attacker: knows the rule --------------------------------------------------------
def vectors(n: int, most: int) -> Iterator[tuple[int, ...]]:
    """Every vector of ``n`` counts >= 0 with sum at most ``most``."""
    if n == 0:
        yield ()
        return
    for first in range(most + 1):
        for rest in vectors(n - 1, most - first):
            yield (first, *rest)


def rule_aware_attack(rule: Callable[[dict], dict], n: int, most: int) -> list[str]:
    """Publish every vector of ``n`` cells with sum <= ``most``; group the vectors by what was
    published and report each hidden cell whose value the group pins down (or, with the
    total and the cells listed, shows below the threshold). A group is complete, so the
    findings are sound, when its total is published (<= ``most``) or when the rule hides
    the total only for sums below ``T + n - 1 <= most``."""
    keys = "abcdefgh"[:n]
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for values in vectors(n, most):
        counts = dict(zip(keys, values, strict=True))
        out = rule(counts)
        groups[(out["total"], tuple(sorted(out["by_category"].items())))].append(counts)
    findings = []
    for (total, cells), members in groups.items():
        listed = dict(cells)
        for key in keys:
            if listed and listed.get(key) is not None:
                continue  # shown
            seen = {m[key] for m in members}
            if len(seen) == 1:
                findings.append(f"{key} = {seen.pop()} when {total=}, {cells=}")
            elif total is not None and listed and max(seen) < T:
                findings.append(f"{key} in {sorted(seen)} when {total=}, {cells=}")
    return findings


@pytest.mark.parametrize(("n", "most"), [(2, 40), (3, 30), (4, 22)])
def test_knowing_the_rule_pins_down_no_hidden_cell(n, most):
    assert T + n - 1 <= most
    assert rule_aware_attack(suppress_counts, n, most) == []


def test_knowing_the_rule_breaks_the_smallest_first_rule():
    """Hiding the smallest cells until the hidden sum is large enough is safe against the
    solver, but not against someone who knows it: with a=5 shown and b, c hidden summing to
    8, neither can be 5 (a would have been hidden first), so both are 4."""
    assert rule_smallest_first({"a": 5, "b": 4, "c": 4}) == \
        {"total": 13, "by_category": {"a": 5, "b": None, "c": None}}
    assert solve(rule_smallest_first({"a": 5, "b": 4, "c": 4})) == {}
    findings = rule_aware_attack(rule_smallest_first, 3, 30)
    assert "b = 4 when total=13, cells=(('a', 5), ('b', None), ('c', None))" in findings
    assert rule_aware_attack(rule_before_issue_13, 3, 30)


# -- the solver itself ---------------------------------------------------------------------------
def brute_force(unknowns: list[str], known: dict, equations: list) -> dict[str, set[int]]:
    cap = max(value for _, value in equations)
    found: dict[str, set[int]] = {u: set() for u in unknowns}
    for values in itertools.product(range(1, cap + 1), repeat=len(unknowns)):
        cells = {**known, **dict(zip(unknowns, values, strict=True))}
        if all(sum(cells[c] for c in subset) == value for subset, value in equations):
            for u, v in zip(unknowns, values, strict=True):
                found[u].add(v)
    return found


def test_solver_uses_every_equation():
    """A subtotal beside the total (as a chart grouping categories would publish) pins
    down the cell outside it."""
    values = feasible_values(["a", "b", "c"], {"d": 20}, [(["a", "b", "c", "d"], 30),
                                                          (["a", "b"], 3)])
    assert values == {"a": {1, 2}, "b": {1, 2}, "c": {7}}
    assert disclosures(values, T) == {"a": "provably below 5: between 1 and 2",
                                      "b": "provably below 5: between 1 and 2",
                                      "c": "determined: exactly 7"}
    assert feasible_values(["a", "b"], {}, [(["a"], 3)]) == {"a": {3}, "b": None}


@settings(max_examples=150, deadline=None, database=None)
@given(st.lists(st.tuples(st.sets(st.sampled_from("abcd"), min_size=1), st.integers(1, 9)),
                min_size=1, max_size=3), st.integers(0, 4))
def test_solver_agrees_with_brute_force(equations, e_value):
    unknowns = sorted({c for subset, _ in equations for c in subset} - {"e"})
    equations = [(sorted(subset), value) for subset, value in equations]
    equations.append((["a", "e"], 4 + e_value))  # a known cell in one of them
    unknowns = sorted(set(unknowns) | {"a"})
    solved = feasible_values(unknowns, {"e": e_value}, equations)
    assert solved == brute_force(unknowns, {"e": e_value}, equations)
