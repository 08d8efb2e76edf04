"""An attacker's solver for suppressed counts: what can be worked out about the hidden cells
from everything published.

The published figures become integer constraints: each hidden cell is an unknown of at
least 1 (a cell is hidden only when it holds someone; an empty one is shown as 0 or left
out), and each published sum over cells (the total, or any subtotal a page or chart
shows) is an equation. :func:`feasible_values` then gives, for every unknown, every value
it can take in some solution of the whole system: exact, by dynamic programming over the
equations' remainders (no sampling, no rounding), which is quick for the handful of cells
and equations a dashboard publishes, and immediate when no unknown is in two equations.
An unknown that appears in no equation is unbounded: ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def feasible_values(unknowns: Sequence[str], known: Mapping[str, int],
                    equations: Sequence[tuple[Sequence[str], int]]) -> dict[str, set[int] | None]:
    """Every value each unknown takes in some solution of ``sum(cells) == value`` for each
    equation, with the ``known`` cells fixed and every unknown an integer >= 1."""
    rows = []
    for cells, value in equations:
        rest = value - sum(known[c] for c in cells if c not in unknowns)
        rows.append((frozenset(c for c in cells if c in unknowns), rest))
    bounded = [u for u in unknowns if any(u in cells for cells, _ in rows)]
    out: dict[str, set[int] | None] = {u: None for u in unknowns if u not in bounded}
    if not bounded:
        return out
    if all(sum(u in cells for cells, _ in rows) == 1 for u in bounded):
        # Each unknown in one equation only: n unknowns of at least 1 summing to r have a
        # solution if r >= n (r = 0 for none); one is then r, and each of n >= 2 any value
        # from 1 to r - (n - 1). One equation without a solution leaves the system none.
        solvable = all(rest >= len(cells) if cells else rest == 0 for cells, rest in rows)
        for cells, rest in rows:
            for u in cells:
                out[u] = set() if not solvable else {rest} if len(cells) == 1 else \
                    set(range(1, rest - len(cells) + 2))
        return out
    caps = {u: min(rest for cells, rest in rows if u in cells) for u in bounded}
    start = tuple(rest for _, rest in rows)

    def step(state: tuple[int, ...], unknown: str, value: int) -> tuple[int, ...]:
        return tuple(r - value if unknown in cells else r
                     for (cells, _), r in zip(rows, state, strict=True))

    # forward: the remainders reachable after choosing the first i unknowns
    layers = [{start}]
    for u in bounded:
        layers.append({step(s, u, v) for s in layers[-1] for v in range(1, caps[u] + 1)
                       if min(step(s, u, v)) >= 0})
    # backward: from which remainders the rest of the unknowns can reach all zeros
    finish = {tuple(0 for _ in rows)}
    good = [set() for _ in bounded] + [finish]
    for i in range(len(bounded) - 1, -1, -1):
        good[i] = {s for s in layers[i]
                   if any(step(s, bounded[i], v) in good[i + 1]
                          for v in range(1, caps[bounded[i]] + 1))}
    for i, u in enumerate(bounded):
        out[u] = {v for s in layers[i] & good[i] for v in range(1, caps[u] + 1)
                  if step(s, u, v) in good[i + 1]}
    return out


def disclosures(values: Mapping[str, set[int] | None], threshold: int) -> dict[str, str]:
    """The hidden cells the solver pins down or shows to be below ``threshold``, and how."""
    found = {}
    for cell, options in values.items():
        if options is None:
            continue  # no equation bounds it: anything from 1 up
        if not options:
            found[cell] = "no solution: the published figures contradict each other"
        elif len(options) == 1:
            found[cell] = f"determined: exactly {next(iter(options))}"
        elif max(options) < threshold:
            found[cell] = f"provably below {threshold}: between {min(options)} and {max(options)}"
    return found
