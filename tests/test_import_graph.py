"""No import cycles in engine/ and simulator/, and the engine stands on its own.

Every module's imports are read with ``ast`` — at the top of the module and inside its
functions alike (a function-local import is still an arrow, only a later one); imports
under ``if TYPE_CHECKING:`` never run and are left out. ``from package import name``
counts as an arrow to ``package/__init__.py`` unless every name is a submodule.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("engine", "simulator")

def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _type_checking_only(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(inner) for statement in node.body for inner in ast.walk(statement)}
    return skipped


def imported(name: str, path: Path, known: dict[str, Path], typing: bool = False) -> set[str]:
    """The modules of ``known`` that the module ``name`` (at ``path``) imports (``typing``: also
    those it imports only for type hints, under ``if TYPE_CHECKING:``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    skipped = set() if typing else _type_checking_only(tree)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    targets: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            targets |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            subs = {f"{module}.{alias.name}" for alias in node.names if f"{module}.{alias.name}" in known}
            targets |= subs if len(subs) == len(node.names) else subs | {module}
    out = set()
    for target in targets:
        while target not in known and "." in target:
            target = target.rsplit(".", 1)[0]
        if target in known and target != name:
            out.add(target)
    return out


def graph(typing: bool = False) -> dict[str, set[str]]:
    known = modules()
    return {name: imported(name, path, known, typing) for name, path in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected parts of more than one module (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                part = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    part.add(member)
                    if member == node:
                        break
                if len(part) > 1:
                    found.append(frozenset(part))
    return found


def _describe(part: frozenset[str], edges: dict[str, set[str]]) -> str:
    return "; ".join(f"{m} -> {', '.join(sorted(edges[m] & part))}" for m in sorted(part))


def test_cycles_are_found_and_named():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [frozenset({"a", "b", "c"})]
    assert "c -> a" in _describe(frozenset({"a", "b", "c"}), edges)


def test_no_import_cycles():
    edges = graph()
    assert len(edges) > 150  # every module was read
    found = cycles(edges)
    assert not found, "import cycle: " + " | ".join(_describe(part, edges) for part in found)


# The window's frame: a scene is drawn on its app and its components, and names them in type
# hints (``self.app: App``); the app and hot reload hold scenes. Those hints are the one loop
# left when type-only imports count too; no module outside the frame may join it.
WINDOW_FRAME = {"simulator.window.app", "simulator.window.scene", "simulator.window.navigation",
                "simulator.window.hotreload", "simulator.window.components", "simulator.window.scenes.common",
                "simulator.window.scenes.coach_hint"}


def test_type_hints_close_no_loop_outside_the_windows_frame():
    edges = graph(typing=True)
    wider = [part for part in cycles(edges) if not part <= WINDOW_FRAME]
    assert not wider, "import cycle through type hints: " + " | ".join(_describe(p, edges) for p in wider)


def test_the_engine_never_imports_pygame_or_the_simulator():
    known = modules()
    for name, path in known.items():
        if not name.startswith("engine"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        names |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and not node.level}
        wrong = {n for n in names if n.split(".")[0] in ("pygame", "pygame_gui", "simulator")}
        assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"


def test_the_command_line_and_the_terminal_session_do_not_import_each_other():
    edges = graph()
    assert "simulator.cli.main" not in edges["simulator.terminal.session"]
    assert not any(m.startswith("simulator.cli") for m in edges["simulator.terminal.session"])


# Modules that import inside a function on purpose, each a start-up boundary that says why in
# its own docstring or comment; everywhere else an import stands at the top of its module.
LATE_IMPORTS = {
    "simulator.window": "the title card is on screen before pygame_gui, the app and the journal load",
    "simulator.catalog": "the start screen lists scenario files; a warm start parses no YAML",
    "engine.play.machine": "transitions loads when a session first plays, not for listing or the start screen",
    "simulator.a11y.speech": "pyttsx3 loads in the speech process only, and may be missing",
    "simulator.journal_waiting": "a parked session needs the loader; a warm start opens the journal before any "
                                 "scenario is read",
}


def function_local_imports(path: Path) -> list[int]:
    """The lines of the imports inside functions (``TYPE_CHECKING`` blocks are at module level)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    lines: list[int] = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines += [inner.lineno for inner in ast.walk(node) if isinstance(inner, (ast.Import, ast.ImportFrom))]
    return sorted(set(lines))


def test_imports_stand_at_the_top_of_their_module_outside_the_start_up_boundaries():
    known = modules()
    late = {name: function_local_imports(path) for name, path in known.items() if name not in LATE_IMPORTS}
    wrong = [f"{known[name].relative_to(ROOT)}:{lines[0]}" for name, lines in sorted(late.items()) if lines]
    assert not wrong, f"a function-local import outside LATE_IMPORTS: {', '.join(wrong)}"
    for name in LATE_IMPORTS:  # each boundary still is one
        assert function_local_imports(known[name]), f"{name} imports nothing late: take it off LATE_IMPORTS"
