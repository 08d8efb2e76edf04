"""Precision and recall of the candidate finder against a labelled sample.

Why a separate step: the thresholds in ``candidates`` are a judgement call; these
figures (printed by ``footprints dedupe`` and asserted by the tests) keep them honest.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from loaders.resolution.candidates import HIGH, LOW, MEDIUM, Blocking, features, find_candidates
from loaders.resolution.planted import PlantedSample

LEVELS = (HIGH, MEDIUM, LOW)


@dataclass
class Scores:
    level: str
    proposed: int
    true_positives: int
    truth: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.truth if self.truth else 1.0

    def line(self) -> str:
        return (f"  at >= {self.level:<6}: proposed {self.proposed:>6}, correct {self.true_positives:>6} "
                f"of {self.truth}: precision {self.precision:.3f}, recall {self.recall:.3f}")


@dataclass
class Evaluation:
    people: int
    copies: int
    kinds: dict
    scores: dict[str, Scores] = field(default_factory=dict)
    blocking: Blocking = field(default_factory=Blocking)
    seconds: float = 0.0
    false_positives: list = field(default_factory=list)
    missed: list = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"labelled sample: {self.people} people, {self.copies} planted copies "
               f"({', '.join(f'{k} {v}' for k, v in sorted(self.kinds.items()))}); "
               f"{self.blocking.compared} pairs compared in {self.seconds:.1f} s"]
        out += [self.scores[level].line() for level in LEVELS]
        return out


def evaluate(sample: PlantedSample) -> Evaluation:
    """Run the finder on ``sample`` and score it at each confidence level."""
    started = time.monotonic()
    people = [features(p) for p in sample.people]
    stats = Blocking()
    found = find_candidates(people, min_confidence=LOW, stats=stats)
    result = Evaluation(len(sample.people), sample.copies, dict(sample.kinds), blocking=stats,
                        seconds=time.monotonic() - started)
    for level in LEVELS:
        rank = LEVELS.index(level)
        proposed = [c for c in found if LEVELS.index(c.confidence) <= rank]
        correct = sum(1 for c in proposed if c.pair in sample.truth)
        result.scores[level] = Scores(level, len(proposed), correct, len(sample.truth))
    medium = {c.pair for c in found if c.confidence in (HIGH, MEDIUM)}
    result.false_positives = [c for c in found if c.confidence in (HIGH, MEDIUM)
                              and c.pair not in sample.truth]
    result.missed = sorted(sample.truth - medium)
    return result
