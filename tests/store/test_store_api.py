"""The store's public API, held by reading the source: outside ``store/``, code imports only
``licscreen.store``, ``licscreen.store.events`` and ``licscreen.store.models`` (and only the
names the first two export); nobody uses another module's private names; the store's modules
import each other without a cycle.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import licscreen.store
import licscreen.store.events

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "licscreen"
STORE = SRC / "store"
PUBLIC = {"licscreen.store": set(licscreen.store.__all__),
          "licscreen.store.events": set(licscreen.store.events.__all__),
          "licscreen.store.models": None}  # None: any of its names
PRIVATE_PATH = re.compile(r"^licscreen(\.\w+)*\._[a-z]\w*$")  # as monkeypatch takes one


def python_files(*folders: Path) -> Iterator[Path]:
    for folder in folders:
        yield from sorted(folder.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> Iterator[tuple[int, str, list[str]]]:
    """Every import in a file, top level or in a function: (line, module, names imported)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module, [alias.name for alias in node.names]


def test_outside_the_store_only_its_public_api_is_imported():
    wrong = []
    for path in python_files(SRC):
        if path.is_relative_to(STORE):
            continue
        for line, module, names in imports(path):
            if module != "licscreen.store" and not module.startswith("licscreen.store."):
                continue
            if module not in PUBLIC:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {module}")
                continue
            exported = PUBLIC[module]
            hidden = [n for n in names if exported is not None and n not in exported]
            if hidden:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {module}: {', '.join(hidden)}")
    assert not wrong, "import these from licscreen.store or licscreen.store.events"


def test_the_exported_names_are_there():
    for package in (licscreen.store, licscreen.store.events):
        assert sorted(name for name in package.__all__ if not hasattr(package, name)) == []


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__") and name != "_"


def licscreen_names(tree: ast.Module) -> Iterator[str]:
    """The names a file binds to licscreen's modules and what they define."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.asname or a.name for a in node.names if a.name.startswith("licscreen"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("licscreen"):
            yield from (a.asname or a.name for a in node.names)


@pytest.mark.parametrize("folder", ["src", "tests", "benchmarks"])
def test_no_module_uses_another_modules_private_names(folder: str):
    """``from module import _name``, ``module._name`` and ``"licscreen.module._name"``."""
    wrong = []
    for path in python_files(ROOT / folder):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        ours = set(licscreen_names(tree))
        for node in ast.walk(tree):
            found = None
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("licscreen"):
                found = ", ".join(a.name for a in node.names if is_private(a.name)) or None
            elif (isinstance(node, ast.Attribute) and is_private(node.attr)
                  and isinstance(node.value, ast.Name) and node.value.id in ours):
                found = f"{node.value.id}.{node.attr}"
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                found = node.value if PRIVATE_PATH.match(node.value) else None
            if found:
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: {found}")
    assert not wrong


def test_the_stores_modules_import_each_other_without_a_cycle():
    """Function-level imports count: a cycle through one is still a cycle. A package's
    ``__init__`` is left out, as it imports its modules to export their names."""
    graph = {module_name(path): {module for _line, module, _names in imports(path)}
             for path in python_files(STORE) if path.name != "__init__.py"}
    graph = {name: {m for m in targets if m in graph and m != name}
             for name, targets in graph.items()}
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path[path.index(name):], name))
        if name not in done:
            for target in sorted(graph[name]):
                visit(target, (*path, name))
            done.add(name)

    for name in sorted(graph):
        visit(name, ())
