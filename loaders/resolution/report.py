"""What ``footprints dedupe`` prints: candidates in the vault, judgements, and how well
the finder does on a labelled sample with planted duplicates.

Why the sample belongs in the report: a candidate list means little without knowing
how often the finder is right; the figures come from generated people, never real
ones, and are recomputed each time so that a change of thresholds shows at once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from neo4j import Driver

from graph import encryption, queries
from loaders.resolution.candidates import (
    HIGH,
    LOW,
    MEDIUM,
    Blocking,
    Candidate,
    features,
    find_candidates,
)
from loaders.resolution.evaluate import Evaluation, evaluate
from loaders.resolution.planted import generated_sample

LEVELS = (HIGH, MEDIUM, LOW)


@dataclass
class DedupeReport:
    people: int = 0
    candidates: list[Candidate] = field(default_factory=list)
    judged: dict[tuple[str, str], str] = field(default_factory=dict)
    blocking: Blocking = field(default_factory=Blocking)
    names: dict[str, str] = field(default_factory=dict)
    evaluation: Evaluation | None = None

    def open_candidates(self) -> list[Candidate]:
        return [c for c in self.candidates if c.pair not in self.judged]

    def lines(self, show: int = 20) -> list[str]:
        by_level = Counter(c.confidence for c in self.candidates)
        verdicts = Counter(self.judged.values())
        out = [f"vault: {self.people} people, {self.blocking.compared} pairs compared "
               f"({self.blocking.exact_blocks} name-key blocks, largest {self.blocking.largest_block})",
               "candidates: " + ", ".join(f"{lvl} {by_level.get(lvl, 0)}" for lvl in LEVELS)
               + f"; {len(self.candidates) - len(self.open_candidates())} already judged",
               "judged: " + (", ".join(f"{v} {n}" for v, n in sorted(verdicts.items())) or "none")]
        for c in self.open_candidates()[:show]:
            out.append(f"  {c.confidence:<6} {c.score:>5.1f}  {c.a} {self.names.get(c.a, '')!r} ~ "
                       f"{c.b} {self.names.get(c.b, '')!r}: {'; '.join(c.reasons)}")
        if len(self.open_candidates()) > show:
            out.append(f"  ... and {len(self.open_candidates()) - show} more")
        if self.evaluation:
            out += self.evaluation.lines()
        return out


def vault_people(vault: Driver, database: str = "neo4j") -> list[dict]:
    """Every person of the vault with what candidate matching compares; a witness's or
    relative's names, sealed in the vault, opened in memory only (graph/encryption.py)."""
    return [encryption.opened_names(r["uid"], r)
            for r in queries.run(vault, "resolution/stream_people", database=database)]


def dedupe_report(vault: Driver | None, database: str = "neo4j", min_confidence: str = LOW,
                  sample_victims: int = 1000, seed: int = 1) -> DedupeReport:
    """Candidates and judgements in the vault (if given), and the sample's figures
    (unless ``sample_victims`` is 0)."""
    report = DedupeReport()
    if vault is not None:
        rows = vault_people(vault, database)
        report.people = len(rows)
        report.names = {r["uid"]: r.get("name_en") or r.get("name_ko") or "" for r in rows}
        report.candidates = find_candidates([features(r) for r in rows], min_confidence,
                                            report.blocking)
        for row in queries.run(vault, "resolution/stream_judgements", database=database):
            report.judged[tuple(sorted((row["a"], row["b"])))] = row["verdict"]
    if sample_victims:
        report.evaluation = evaluate(generated_sample(sample_victims, seed=seed))
    return report
