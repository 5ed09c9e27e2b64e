"""Plugins stop a build with typed exceptions; only the edges turn them into exit codes."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

import pytest
from press_build import edges as pipeline
from press_core.errors import BuildStopped, UpToDate

PLUGINS = Path(__file__).resolve().parents[1] / "plugins"

# The `pelican` command's edge: the one function under plugins/ allowed to exit.
EDGE = ("press_build/edges.py", "exits")
# os._exit is not here: a forked child (staging's background removal) must end with it.
EXITS = {("sys", "exit"), ("", "exit"), ("", "quit")}


def exits_in(tree: ast.AST) -> list[int]:
    """Return the lines of a module that raise SystemExit or call an exit function."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(raised, ast.Name) and raised.id == "SystemExit":
                found.append(node.lineno)
        elif isinstance(node, ast.Call) and called(node.func) in EXITS:
            found.append(node.lineno)
    return found


def called(func: ast.expr) -> tuple[str, str]:
    """Return (module, name) of a called name: ("sys", "exit") for sys.exit, ("", "exit")."""
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return func.value.id, func.attr
    return ("", func.id) if isinstance(func, ast.Name) else ("", "")


def edge_lines(tree: ast.AST) -> set[int]:
    """Return the lines of the edge function in its module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == EDGE[1]:
            return set(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return set()


def test_no_plugin_exits_but_the_command_line_edge() -> None:
    found = []
    for path in sorted(PLUGINS.rglob("*.py")):
        name = path.relative_to(PLUGINS).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        allowed = edge_lines(tree) if name == EDGE[0] else set()
        found += [f"{name}:{line}" for line in exits_in(tree) if line not in allowed]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        "raise SystemExit(1)",
        "raise SystemExit",
        "import sys\nsys.exit(0)",
        "quit()",
        "exit(2)",
        "def f():\n    if True:\n        raise SystemExit(1) from None",
    ],
)
def test_every_way_to_exit_is_found(source: str) -> None:
    assert exits_in(ast.parse(source)) != []


def test_a_stop_keeps_its_lines_through_a_worker_process() -> None:
    stop = pickle.loads(pickle.dumps(BuildStopped(["a.md: title: is missing", "1 problem found"])))
    assert stop.lines == ["a.md: title: is missing", "1 problem found"]
    assert str(stop) == "a.md: title: is missing\n1 problem found"


def test_the_edge_prints_the_lines_and_exits_with_the_code(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as stopped, pipeline.exits():
        raise BuildStopped(["a.md: title: is missing"])
    assert stopped.value.code == 1
    with pytest.raises(SystemExit) as done, pipeline.exits():
        raise UpToDate("Nothing changed since the last build: output is up to date.")
    assert done.value.code == 0
    out, err = capsys.readouterr()
    assert err == "a.md: title: is missing\n"
    assert out == "Nothing changed since the last build: output is up to date.\n"


def test_the_live_preview_gets_the_lines_without_exiting(capsys: pytest.CaptureFixture) -> None:
    with pipeline.reported() as outcome:
        raise BuildStopped(["a.md: title: is missing"])
    assert outcome.code == 1
    assert capsys.readouterr().err == "a.md: title: is missing\n"
