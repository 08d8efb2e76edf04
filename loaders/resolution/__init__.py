"""Entity resolution: finding records of one person kept under different spellings.

Why: organisations record the same victim as 김정일, "Kim Jong-il", "Kim Jongil" or
"Gim Jeong-il". ``names`` turns every spelling into comparable keys, ``candidates``
blocks and scores pairs, ``planted`` makes a labelled sample with known duplicates
and ``report`` prints what ``footprints dedupe`` shows. Judgements (same /
different / unsure) and merged views live with the vault in ``graph.resolution``:
nothing here writes anything.
"""
