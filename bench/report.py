"""The benchmark report: Markdown and JSON, and an SVG plot of latency against scale."""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape

TARGETS = {
    "load": "importer >= 0.8x the raw UNWIND baseline",
    "api": "API p95 <= 1.5x raw Cypher",
    "fast": "search, neighbourhood and path p95 <= 50 ms at 250k",
    "stats": "statistics <= 100 ms",
    "withdraw": "withdrawal <= 1 s at 250k",
    "errors": "zero errors at 64 clients",
}


def _row(cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _met(ok: bool, figure: str) -> str:
    return f"{'met' if ok else 'NOT met'} ({figure})"


def targets(scale: dict) -> dict[str, str]:
    """Each target against the figures of one scale (the largest)."""
    out: dict[str, str] = {}
    ratio = scale["load"]["importer_over_baseline"]
    out["load"] = _met(ratio >= 0.8, f"{ratio}x")
    lat = scale.get("latency", {})
    ratios = {n: round(v["api"]["p95_ms"] / v["raw"]["p95_ms"], 2) for n, v in lat.items()
              if (v.get("raw") or {}).get("p95_ms")}
    if ratios:
        worst = max(ratios, key=ratios.get)
        out["api"] = _met(ratios[worst] <= 1.5, f"worst: {worst} {ratios[worst]}x")
    fast = {n: lat[n]["api"]["p95_ms"] for n in ("search", "neighbourhood (2 hops)",
                                                  "shortest path") if n in lat}
    if fast:
        cached = {n: (lat[n].get("cached") or {}).get("p95_ms") for n in fast}
        first = {n: (lat[n].get("first") or {}).get("p95_ms") for n in fast}
        out["fast"] = _met(max(fast.values()) <= 50,
                           ", ".join(f"{n} {v} ms" for n, v in fast.items())
                           + "; first request: " + ", ".join(f"{n} {v} ms" for n, v in first.items())
                           + "; repeated: " + ", ".join(f"{n} {v} ms" for n, v in cached.items()))
    if "statistics" in lat:
        p95 = lat["statistics"]["api"]["p95_ms"]
        out["stats"] = _met(p95 <= 100, f"p95 {p95} ms")
    wd = scale["withdrawal"].get("p95_ms")
    if wd is not None:
        out["withdraw"] = _met(wd <= 1000, f"p95 {wd} ms")
    at64 = [c for c in scale.get("concurrency", []) if c["clients"] == 64]
    if at64:
        c = at64[0]
        out["errors"] = ("NOT measured (" + c["failed"][:80] + ")" if "failed" in c
                         else _met(c["errors"] == 0, f"{c['errors']} errors in {c['requests']:,} requests"))
    return out


def markdown(report: dict) -> str:
    m = report["machine"]
    out = ["# Footprints Graph benchmark", "",
           f"Run {report['started']}, {report.get('total_s', '…')} s in all.", "",
           f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; {m['os']}; "
           f"Python {m['python']}; {m['java']}; Neo4j {m['neo4j']}.", "",
           "## Loading and publication", "",
           _row(["victims", "records", "raw UNWIND rec/s", "importer rec/s", "ratio",
                 "re-run rec/s", "neomodel saves/s", "publish s", "withdrawal p50 / p95 ms"]),
           _row(["---"] * 9)]
    for s in report["scales"]:
        load, pub, wd = s["load"], s["publish"], s["withdrawal"]
        out.append(_row([f"{s['victims']:,}", f"{s['records']:,}",
                         f"{load['baseline']['records_per_s']:,}",
                         f"{load['importer']['records_per_s']:,}", load["importer_over_baseline"],
                         f"{load['rerun']['records_per_s']:,}" if load.get("rerun") else "not run",
                         f"{load['neomodel']['neomodel_saves_per_s']:,}", pub["seconds"],
                         f"{wd.get('p50_ms')} / {wd.get('p95_ms')}"]))
    out += ["", "## The free-text gate", "",
            "Every string of every published node and relationship checked for the names of "
            "every non-public person (graph/consent/gate.py); its seconds are part of the "
            "publish time above. The leak scan is the test suite's own scanner "
            "(tests/support/textscan.py) over the whole public graph.", "",
            _row(["victims", "people indexed", "name terms", "gate s", "publish s",
                  "fields withheld", "records withheld", "leak scan after publish / withdrawals"]),
            _row(["---"] * 8)]
    for s in report["scales"]:
        pub, scan = s["publish"], s.get("leak_scan") or {}
        index = pub.get("name_index") or {}
        found = (f"{scan['after_publish']['hidden_names_found']} / "
                 f"{scan.get('after_withdrawals', {}).get('hidden_names_found', '—')} hidden names"
                 if scan else "not run")
        out.append(_row([f"{s['victims']:,}", f"{index.get('people', 0):,}",
                         f"{index.get('terms', 0):,}", pub.get("gate_s", "—"), pub["seconds"],
                         f"{pub.get('withheld_fields', 0):,}", f"{pub.get('withheld_records', 0):,}",
                         found]))
    latency_rows = [(s["victims"], name, v) for s in report["scales"]
                    for name, v in s.get("latency", {}).items()]
    if latency_rows:
        out += ["", "## Latency (single client)", "",
                "API: the app's cache emptied before every request (a new query), timed after "
                "a first request of the same URL, like the raw Cypher replay of its queries. "
                "First: that first request, with Neo4j cold for its data. Cached: the same "
                "requests again, as repeats are served until the next publication. "
                "Statistics are counted by every publication; their raw Cypher is the live "
                "count.", "",
                _row(["victims", "request", "API p50 ms", "API p95 ms", "raw Cypher p50 ms",
                      "raw Cypher p95 ms", "p95 ratio", "first p95 ms", "cached p95 ms"]),
                _row(["---"] * 9)]
        for victims, name, v in latency_rows:
            api, raw = v["api"], v.get("raw") or {}
            ratio = round(api["p95_ms"] / raw["p95_ms"], 2) if raw.get("p95_ms") else "—"
            out.append(_row([f"{victims:,}", name, api["p50_ms"], api["p95_ms"],
                             raw.get("p50_ms", "—"), raw.get("p95_ms", "—"), ratio,
                             (v.get("first") or {}).get("p95_ms", "—"),
                             (v.get("cached") or {}).get("p95_ms", "—")]))
    ws_rows = [(s["victims"], name, v) for s in report["scales"]
               for name, v in (s.get("workspace") or {}).items() if isinstance(v, dict)]
    if ws_rows:
        out += ["", "## The workspace's vault reads (single client)", "",
                "As a signed-in investigator of the organisation with the most confidential "
                "victims: the service functions the pages call (visibility checks, badges, the "
                "free-text gate and the audit of reads included) against the raw driver time "
                "of the named queries they ran (bench/workspace.py).", "",
                _row(["victims", "read", "workspace p50 ms", "workspace p95 ms",
                      "raw p50 ms", "raw p95 ms", "p95 ratio"]), _row(["---"] * 7)]
        for victims, name, v in ws_rows:
            own, raw = v["workspace"], v.get("raw") or {}
            ratio = round(own["p95_ms"] / raw["p95_ms"], 2) if raw.get("p95_ms") else "—"
            out.append(_row([f"{victims:,}", name, own.get("p50_ms"), own.get("p95_ms"),
                             raw.get("p50_ms", "—"), raw.get("p95_ms", "—"), ratio]))
    conc = [(s["victims"], c) for s in report["scales"] for c in s.get("concurrency", [])]
    if conc:
        out += ["", "## Concurrent clients (public endpoints, real HTTP)", "",
                _row(["victims", "clients", "requests/s", "p50 ms", "p95 ms", "errors"]),
                _row(["---"] * 6)]
        for victims, c in conc:
            if "failed" in c:
                out.append(_row([f"{victims:,}", c["clients"], "failed: " + c["failed"][:80],
                                 "—", "—", "—"]))
                continue
            out.append(_row([f"{victims:,}", c["clients"], c["requests_per_s"], c["p50_ms"],
                             c["p95_ms"], c["errors"]]))
    out += ["", "## Memory", ""]
    for s in report["scales"]:
        mem = s.get("memory", {})
        out.append(f"- {s['victims']:,} victims: {json.dumps(mem, ensure_ascii=False)}")
    out += ["", f"## Targets (at {report['scales'][-1]['victims']:,} victims)", ""]
    out += [f"- {TARGETS[key]}: {verdict}" for key, verdict in targets(report["scales"][-1]).items()]
    out += ["", "![p95 latency against scale](latency.svg)", ""]
    return "\n".join(out)


def latency_plot(report: dict, width: int = 640, height: int = 360) -> str:
    """p95 API latency (ms) of each request against the number of victims (log scale x)."""
    import math

    series: dict[str, list[tuple[int, float]]] = {}
    for s in report["scales"]:
        for name, v in s.get("latency", {}).items():
            series.setdefault(name, []).append((s["victims"], v["api"]["p95_ms"]))
    pad = 50
    xs = [x for pts in series.values() for x, _ in pts] or [1, 10]
    ys = [y for pts in series.values() for _, y in pts] or [1]
    x0, x1 = math.log10(min(xs)), math.log10(max(xs)) + 1e-9
    y1 = max(ys) * 1.1 or 1

    def px(x: float) -> float:
        return pad + (math.log10(x) - x0) / (x1 - x0 or 1) * (width - 2 * pad)

    def py(y: float) -> float:
        return height - pad - y / y1 * (height - 2 * pad)

    colours = ["#1b6ca8", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#2c3e50",
               "#b7950b", "#7f8c8d", "#e84393"]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 20 * len(series)}" '
             'font-family="sans-serif" font-size="11" role="img" '
             'aria-label="p95 latency against number of victims">',
             f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#333"/>',
             f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{height - pad}" stroke="#333"/>',
             f'<text x="{width / 2}" y="{height - 15}" text-anchor="middle">victims (log scale)</text>',
             f'<text x="12" y="{pad - 10}">p95 ms</text>']
    for x in sorted(set(xs)):
        parts.append(f'<text x="{px(x):.0f}" y="{height - pad + 14}" text-anchor="middle">{x:,}</text>')
    for i, (name, pts) in enumerate(sorted(series.items())):
        colour = colours[i % len(colours)]
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in sorted(pts))
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>')
        parts.append(f'<text x="{pad}" y="{height + 14 + 20 * i}" fill="{colour}">'
                     f'{escape(name)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def write_report(report: dict, folder: Path) -> Path:
    (folder / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    (folder / "latency.svg").write_text(latency_plot(report))
    path = folder / "report.md"
    path.write_text(markdown(report))
    return path
