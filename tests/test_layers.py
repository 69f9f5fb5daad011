"""The project's own imports form layers without cycles, and an import inside a function is there for cold start.

Layer order: text/model/numbers → lexicons → engines (translate, entities, timeline; none imports another's
engine) → pipeline → store/cli/ui. The graph is read from the source with ``ast``: one edge per import of a
module of ``khabar`` at module level (``if TYPE_CHECKING:`` blocks excluded), and importing ``a.b.c`` also
imports the packages ``a`` and ``a.b``.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Every import of the project's own code inside a function, with why it is not at the top. Each must be there
# for the cold start of a path most runs never take; none may hide a cycle (the test below adds them to the
# graph too). A new one fails test_every_in_function_import_is_listed until it is listed here with its reason.
CLI = "each command imports what it runs, so `khabar --help`, `engines` or `library` load no engine or database"
ALLOWED_LAZY: dict[tuple[str, str], str] = {
    ("khabar.cli", "khabar.engines"): CLI,
    ("khabar.cli", "khabar.pipeline"): CLI,
    ("khabar.cli", "khabar.translate.base"): CLI,
    ("khabar.cli", "khabar.export"): CLI,
    ("khabar.cli", "khabar.entities.stanza_backend"): CLI,
    ("khabar.cli", "khabar.batch"): CLI,
    ("khabar.cli", "khabar.store"): CLI,
    ("khabar.engines", "khabar.translate.gloss"): "built when first used, so importing the pipeline or the "
                                                   "library (a page's start, `khabar library`) loads no lexicon",
    ("khabar.engines", "khabar.entities.offline"): "built when first used: numpy and the taggers load only when "
                                                    "entities are found",
    ("khabar.engines", "khabar.translate.online"): "the HTTP clients take a quarter of a second to import; only "
                                                    "a full listing of the engines or an online run needs them",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _sources(*folders: str) -> dict[str, Path]:
    found = {}
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            found[_module_name(path)] = path
    return found


KHABAR = _sources("khabar")
UI = {**_sources("components"), **_sources("pages"), "app": ROOT / "app.py"}


def _target(module: str, node: ast.Import | ast.ImportFrom, is_package: bool) -> list[str]:
    """The project modules an import statement loads (the module itself, or ``from package import module``)."""
    names = []
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = module.split(".") if is_package else module.split(".")[:-1]
            package = package[: len(package) - node.level + 1]
            base = ".".join([*package, base] if base else package)
        names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in KHABAR else base for alias in node.names]
    out = []
    for name in names:
        while name and name not in KHABAR:
            name = name.rpartition(".")[0]
        if name and name != module:
            out.append(name)
    return out


class _Imports(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool) -> None:
        self.module, self.is_package = module, is_package
        self.depth = 0
        self.top: set[str] = set()
        self.lazy: list[tuple[str, int]] = []

    def visit_FunctionDef(self, node) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef
    visit_Lambda = visit_FunctionDef

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        if (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
                isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def _record(self, node) -> None:
        for target in _target(self.module, node, self.is_package):
            # Indented: inside a function, or in a page's block (a branch, a try) that runs it later or not at all.
            if self.depth or node.col_offset:
                self.lazy.append((target, node.lineno))
            else:
                self.top.add(target)

    visit_Import = _record
    visit_ImportFrom = _record


def _imports(sources: dict[str, Path]) -> tuple[dict[str, set[str]], list[tuple[str, str, int]]]:
    graph: dict[str, set[str]] = defaultdict(set)
    lazy = []
    for module, path in sources.items():
        visitor = _Imports(module, path.name == "__init__.py")
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        for target in visitor.top:
            graph[module].add(target)
            # Importing khabar.a.b runs khabar/a/__init__.py first (but a package's own modules do not
            # import it again).
            parents = target.split(".")
            for end in range(2, len(parents)):
                parent = ".".join(parents[:end])
                if parent in KHABAR and not module.startswith(parent + ".") and parent != module:
                    graph[module].add(parent)
        lazy.extend((module, target, line) for target, line in visitor.lazy)
    return graph, lazy


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a path (first node repeated at the end), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_module_level_imports_of_khabar_have_no_cycle():
    graph, _ = _imports(KHABAR)
    cycle = _cycle(graph)
    assert cycle is None, "import cycle: " + " → ".join(cycle)


def test_the_in_function_imports_hide_no_cycle():
    graph, lazy = _imports(KHABAR)
    for module, target, _ in lazy:
        graph[module].add(target)
    cycle = _cycle(graph)
    assert cycle is None, "a lazy import closes a cycle: " + " → ".join(cycle)


def test_every_in_function_import_is_listed():
    _, lazy = _imports({**KHABAR, **UI})
    unlisted = sorted({f"{module} imports {target} inside a function (line {line})"
                       for module, target, line in lazy if (module, target) not in ALLOWED_LAZY})
    assert not unlisted, ("move these imports to the top of the module, or (only for the cold start of a heavy "
                          "optional path) list them in ALLOWED_LAZY with the reason:\n" + "\n".join(unlisted))
    stale = set(ALLOWED_LAZY) - {(module, target) for module, target, _ in lazy}
    assert not stale, f"ALLOWED_LAZY lists imports that are no longer lazy: {sorted(stale)}"


ENGINE_PACKAGES = ("khabar.translate", "khabar.entities", "khabar.timeline")


def _package(module: str) -> str | None:
    return next((p for p in ENGINE_PACKAGES if module == p or module.startswith(p + ".")), None)


def test_no_engine_package_imports_the_registries_the_pipeline_or_the_store():
    graph, _ = _imports(KHABAR)
    above = {"khabar.engines", "khabar.pipeline", "khabar.store", "khabar.cli", "khabar.batch", "khabar.stories",
             "khabar.export"}
    upward = sorted(f"{m} → {t}" for m, targets in graph.items() if _package(m) and m != "khabar.timeline.chart"
                    for t in targets if t in above)
    assert not upward, "an engine module imports a layer above it: " + ", ".join(upward)


@pytest.mark.parametrize("module", ["khabar.text", "khabar.model", "khabar.numbers"])
def test_the_bottom_layer_imports_only_itself(module):
    graph, _ = _imports(KHABAR)
    allowed = {"khabar.text", "khabar.model", "khabar.numbers", "khabar.registry", "khabar.hygiene"}
    assert graph.get(module, set()) <= allowed, sorted(graph[module] - allowed)


def test_the_graph_reader_sees_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
