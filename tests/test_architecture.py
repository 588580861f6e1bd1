"""The folder tree is the architecture: imports go down the layers only, and no module imports itself back.

Layers, from the bottom: the shared base (settings, documents, prompts, offline), then knowledge, then
answering, then learning, then the centre (accounts, groups), then the wiring (façade, set-up), then the interfaces. `gcode` and `shop` stand
alone on the base: any layer above may use them, they use no other package.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TUTOR = Path(__file__).resolve().parent.parent / "tutor"

BASE = {"tutor.settings", "tutor.documents", "tutor.prompts", "tutor.offline"}
WIRING = {"tutor.facade", "tutor.provision", "tutor.backends"}
# What each layer may import besides itself; a module's layer is its package (or the sets above).
ALLOWED = {
    "base": {"base"},
    "gcode": {"base"},
    "shop": {"base"},
    "knowledge": {"base"},
    "answering": {"base", "knowledge", "gcode", "shop"},
    "learning": {"base", "knowledge", "answering", "gcode", "shop"},
    "centre": {"base", "knowledge", "answering", "learning", "gcode", "shop"},
    "wiring": {"base", "knowledge", "answering", "learning", "centre", "gcode", "shop", "wiring"},
    "ui": {"base", "knowledge", "answering", "learning", "centre", "gcode", "shop", "wiring"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(TUTOR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    if module in BASE or module == "tutor":
        return "base"
    if module in WIRING:
        return "wiring"
    return module.split(".")[1]


def imports() -> dict[str, set[str]]:
    """Every tutor module -> the tutor modules it imports (type-checking-only imports included: a circle in
    the types is a circle in the design)."""
    known = {module_name(p) for p in TUTOR.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in TUTOR.rglob("*.py"):
        name, found = module_name(path), set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tutor"):
                for alias in node.names:  # `from tutor.shop import calc` imports the module tutor.shop.calc
                    sub = f"{node.module}.{alias.name}"
                    found.add(sub if sub in known else node.module)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("tutor"))
        graph[name] = {m for m in found if m != name and not name.startswith(m + ".")}
    return graph


def test_no_package_imports_upward():
    wrong = [
        f"{module} ({layer(module)}) imports {target} ({layer(target)})"
        for module, targets in imports().items()
        for target in targets
        if layer(target) != layer(module) and layer(target) not in ALLOWED[layer(module)]
    ]
    assert wrong == []


def test_no_import_circles():
    graph, circles = imports(), []

    def visit(module: str, path: list[str]) -> None:
        for target in sorted(graph.get(module, ())):
            if target in path:
                circles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in done:
                visit(target, [*path, target])
        done.add(module)

    done: set[str] = set()
    for module in sorted(graph):
        if module not in done:
            visit(module, [module])
    assert circles == []


def test_few_modules_at_the_top_and_none_too_long():
    top = sorted(p.name for p in TUTOR.glob("*.py") if p.name != "__init__.py")
    assert len(top) <= 10, top
    long = {str(p.relative_to(TUTOR)): n for p in TUTOR.rglob("*.py") if (n := len(p.read_text().splitlines())) > 500}
    assert long == {}


@pytest.mark.parametrize("package", ["knowledge", "answering", "gcode", "shop", "learning", "ui"])
def test_each_package_says_what_it_is_for(package):
    assert ast.get_docstring(ast.parse((TUTOR / package / "__init__.py").read_text(encoding="utf-8")))
