"""The import contract (issue 13): no cycles between conductbot's modules, storage a leaf,
handlers below the runtime, and the embedded homeserver kept to the demo and the tests.

Read from the source with `ast`, so a new import breaks the contract before anything runs.
Imports under `if TYPE_CHECKING:` are not counted: they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "storage", "synapse_module")
#: Only the demo and the test fixtures start a homeserver of their own.
HOMESERVER_MODULES = {"bot.homeserver", "bot.synapse_workers", "bot.demo"}
RUNTIME_ONLY = {"bot.app", "bot.cli", "bot.demo"}


def modules(root: Path, packages: tuple[str, ...]) -> dict[str, Path]:
    """Every module of the packages, by dotted name."""
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported(path: Path, known: set[str]) -> set[str]:
    """The known modules a file imports when it runs (a name imported from a package counts
    as its submodule when there is one)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking_only(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                if submodule in known:
                    found.add(submodule)
                elif node.module in known:
                    found.add(node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return found


def import_graph(root: Path, packages: tuple[str, ...]) -> dict[str, set[str]]:
    known = modules(root, packages)
    names = set(known)
    return {name: imported(path, names) - {name} for name, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or round a loop (Tarjan)."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = lowest[module] = len(index)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                lowest[module] = min(lowest[module], lowest[other])
            elif other in stack:
                lowest[module] = min(lowest[module], index[other])
        if lowest[module] == index[module]:
            group = []
            while (member := stack.pop()) != module:
                group.append(member)
            group.append(module)
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_itself_round_a_loop() -> None:
    assert cycles(import_graph(ROOT, PACKAGES)) == []


def test_a_deliberate_cycle_is_caught(tmp_path: Path) -> None:
    package = tmp_path / "school"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "story.py").write_text("from school.relay import release\n")
    (package / "relay.py").write_text("def release():\n    from school import story\n")
    (package / "leaf.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from school.story import x\n"
    )
    assert cycles(import_graph(tmp_path, ("school",))) == [["school.relay", "school.story"]]


def test_storage_is_a_leaf() -> None:
    graph = import_graph(ROOT, PACKAGES)
    outside = {
        f"{module} imports {other}"
        for module, others in graph.items()
        if module.startswith("storage")
        for other in others
        if not other.startswith("storage")
    }
    assert outside == set()


def test_handlers_sit_below_the_runtime() -> None:
    graph = import_graph(ROOT, PACKAGES)
    upward = {
        f"{module} imports {other}"
        for module, others in graph.items()
        if module.startswith("handlers")
        for other in others & (RUNTIME_ONLY | HOMESERVER_MODULES)
    }
    assert upward == set()


def test_only_the_demo_starts_a_homeserver() -> None:
    graph = import_graph(ROOT, PACKAGES)
    production = {name: others for name, others in graph.items() if name not in HOMESERVER_MODULES}
    reaching = {
        f"{module} imports {other}"
        for module, others in production.items()
        for other in others & HOMESERVER_MODULES
        if not (module == "bot.cli" and other == "bot.demo")  # `conductbot demo` itself
    }
    assert reaching == set()
