"""The shape of the code, read from its imports: no cycles, storage a leaf, the runtime above
the policy and the policy above the core, the homeserver test helper off the run path, and
the layout left to `ruff format`. Fails on a deliberate cycle (below)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "storage", "synapse_module")

#: The runtime: wiring, workers and tools. Only these of `bot` may import `handlers`.
RUNTIME = frozenset(
    {"bot.app", "bot.cli", "bot.demo", "bot.guard_api", "bot.judge_eval", "bot.media_worker"}
    | {"bot.reports", "bot.digest", "bot.portfolio_export"}
)
#: What only the demo and the tests need: never imported on the production run path.
TEST_AND_DEMO = frozenset({"bot.homeserver", "bot.synapse_workers"})


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported(tree: ast.AST) -> set[str]:
    """Every module name imported at run time (function bodies included, `if TYPE_CHECKING:`
    blocks left out), with `from a import b` also giving `a.b` in case b is a module."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph(root: Path, packages: tuple[str, ...]) -> dict[str, set[str]]:
    """Module → the project's modules it imports, for the packages under `root`."""
    modules = {}
    for package in packages:
        for path in (root / package).rglob("*.py"):
            name = ".".join(path.relative_to(root).with_suffix("").parts)
            modules[name.removesuffix(".__init__")] = path
    return {
        name: {m for m in _imported(ast.parse(path.read_text())) if m in modules and m != name}
        for name, path in modules.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                connect(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


GRAPH = import_graph(REPO, PACKAGES)


def test_no_module_imports_itself_round_a_cycle() -> None:
    assert cycles(GRAPH) == []


def test_the_check_finds_a_deliberate_cycle(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg.b import thing\n")
    (package / "b.py").write_text("def thing():\n    from pkg import a\n")
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import a\n"
    )  # a type hint only: no cycle
    (package / "d.py").write_text("import pkg.c\n")
    assert cycles(import_graph(tmp_path, ("pkg",))) == [["pkg.a", "pkg.b"]]


def test_storage_is_a_leaf() -> None:
    for module, imported in GRAPH.items():
        if module.startswith("storage"):
            assert {m for m in imported if not m.startswith("storage")} == set(), module


def test_only_the_runtime_imports_the_policy() -> None:
    for module, imported in GRAPH.items():
        if module.startswith(("bot.", "storage", "synapse_module")) and module not in RUNTIME:
            assert not {m for m in imported if m.startswith("handlers")}, module


def test_the_policy_never_imports_the_runtime() -> None:
    for module, imported in GRAPH.items():
        if module.startswith("handlers"):
            assert not imported & (RUNTIME | TEST_AND_DEMO), module


def test_the_run_path_does_not_import_the_test_homeserver() -> None:
    run_path = {"bot.cli"}
    seen: set[str] = set()
    while run_path - seen:
        module = (run_path - seen).pop()
        seen.add(module)
        run_path |= GRAPH[module] - {"bot.demo"}  # imported only for `conductbot demo`
    assert "bot.app" in seen and not seen & TEST_AND_DEMO


def test_ruff_format_owns_the_layout() -> None:
    skipped = [
        f"{path.relative_to(REPO)}:{number}"
        for package in (*PACKAGES, "tests", "bench")
        for path in (REPO / package).rglob("*.py")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if line.rstrip().endswith("# fmt" + ": skip")
    ]
    assert skipped == []


_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "executemany", "executescript")


def _writers() -> dict[str, set[str]]:
    """For each part of the store (`store.story`, …), the methods that change the database."""
    from typing import get_type_hints

    import storage.store

    writers: dict[str, set[str]] = {}
    for attribute, kind in get_type_hints(storage.store.Store).items():
        if not isinstance(kind, type) or kind.__module__ == "aiosqlite.core":
            continue
        tree = ast.parse(Path(sys.modules[kind.__module__].__file__ or "").read_text())
        [found] = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == kind.__name__]
        writers[attribute] = {
            method.name
            for method in found.body
            if isinstance(method, ast.AsyncFunctionDef | ast.FunctionDef)
            and any(word in ast.unparse(method) for word in _WRITES)
        }
    return writers


def test_handlers_only_read_the_store() -> None:
    """Handlers decide: every change to the database is an action the executor performs."""
    from typing import get_type_hints

    import storage.store

    writers = _writers()
    assert "remember" in writers["story"] and "get" not in writers["story"]  # the check works
    readers = get_type_hints(storage.store.Reader)
    found = []
    for path in (REPO / "handlers").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            chain = node.func if isinstance(node, ast.Call) else None
            if not isinstance(chain, ast.Attribute) or not isinstance(chain.value, ast.Attribute):
                continue
            part, store = chain.value, chain.value.value
            if isinstance(store, ast.Attribute) and store.attr == "store":
                if chain.attr in writers.get(part.attr, ()) or part.attr == "db":
                    found.append(f"{path.name}:{node.lineno} {ast.unparse(chain)}")
                elif not hasattr(readers.get(part.attr), chain.attr):  # not a query either
                    found.append(f"{path.name}:{node.lineno} {ast.unparse(chain)} (unknown)")
    assert found == []


def test_handlers_are_given_a_reader_whose_parts_cannot_write() -> None:
    """`Context.store` is the query half of the store: no part of it has a method that
    changes the database, and each is the reading half of the part the executor writes with."""
    from typing import get_type_hints

    import handlers
    import storage.store

    assert get_type_hints(handlers.Context)["store"] is storage.store.Reader
    readers = get_type_hints(storage.store.Reader)
    whole = get_type_hints(storage.store.Store)
    writing = []
    for attribute, kind in readers.items():
        assert issubclass(whole[attribute], kind), attribute
        for klass in kind.__mro__[:-1]:
            tree = ast.parse(Path(sys.modules[klass.__module__].__file__ or "").read_text())
            [found] = [
                n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == klass.__name__
            ]
            writing += [
                f"{klass.__name__}.{method.name}"
                for method in found.body
                if isinstance(method, ast.AsyncFunctionDef | ast.FunctionDef)
                and any(word in ast.unparse(method) for word in _WRITES)
            ]
    assert "story" in readers and writing == []
