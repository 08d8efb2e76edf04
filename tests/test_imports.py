"""The modules' imports: no cycles, and no module borrowing another's private names.

Every import counts, those inside functions too: an import put in a function to
break a cycle still ties the two modules together. A helper two modules share lives
in a module both import (e.g. ``service.cli.context``), not in one of them.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("graph", "loaders", "service", "visualizations", "ops", "bench", "documents")


def modules(root: Path) -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in (root / package).rglob("*.py"):
            parts = path.relative_to(root).with_suffix("").parts
            out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def imports(root: Path) -> tuple[dict[str, set[str]], list[str]]:
    """Each module's imports of the project's modules, and the private names imported."""
    known = modules(root)

    def owner(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {name: set() for name in known}
    private = []
    for name, path in known.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [owner(alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in known
                           else owner(node.module) for alias in node.names]
                private += [f"{name} imports {node.module}.{alias.name}" for alias in node.names
                            if alias.name.startswith("_") and not alias.name.startswith("__")
                            and owner(node.module)]
            else:
                continue
            graph[name] |= {t for t in targets if t and t != name}
    return graph, private


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while not component or component[-1] != v:
                component.append(stack.pop())
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_module_imports_a_module_that_imports_it_back():
    graph, _ = imports(ROOT)
    assert cycles(graph) == []


def test_no_module_imports_another_modules_private_names():
    _, private = imports(ROOT)
    assert private == []


def test_the_checks_see_a_cycle_and_a_private_import(tmp_path):
    (tmp_path / "service").mkdir()
    (tmp_path / "service" / "a.py").write_text("from service.b import _helper\n")
    (tmp_path / "service" / "b.py").write_text("def f():\n    from service import a\n")
    graph, private = imports(tmp_path)
    assert cycles(graph) == [["service.a", "service.b"]]
    assert private == ["service.a imports service.b._helper"]
