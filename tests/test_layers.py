"""Dependencies point down: press_core imports no plugin; no plugin imports one above it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PLUGINS = Path(__file__).resolve().parents[1] / "plugins"
# Each package and the packages below it that it may import (newer plugins may add a row).
# press_build, the engine, knows no release and no feature: they hook into its phases.
ENGINE = {"press_core", "press_build"}
LAYERS = {
    "press_core": set(),
    "press_build": {"press_core"},
    "press_content": ENGINE,
    "press_assets": ENGINE,
    "press_i18n": ENGINE | {"press_content"},
    "press_feeds": ENGINE | {"press_content", "press_i18n"},
    "press_pages": ENGINE | {"press_content", "press_i18n", "press_feeds"},
    "press_media": ENGINE | {"press_content", "press_i18n", "press_pages"},
    "press_events": ENGINE | {"press_content", "press_i18n"},
    "press_seo": ENGINE | {"press_content", "press_i18n"},
    "press_search": ENGINE | {"press_content", "press_i18n"},
}


def imported_packages(package: str) -> set[str]:
    """Return the press_* packages the modules of one package import."""
    found = set()
    for path in (PLUGINS / package).glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            found |= {n.split(".")[0] for n in names if n.startswith("press_")}
    return found - {package}


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_imports_point_down(package: str) -> None:
    assert imported_packages(package) <= LAYERS[package]


def test_every_plugin_package_has_a_layer() -> None:
    packages = {path.parent.name for path in PLUGINS.glob("press_*/__init__.py")}
    assert packages == set(LAYERS)


def test_the_engine_imports_no_domain_and_no_feature() -> None:
    features = set(LAYERS) - {"press_core", "press_build"}
    assert imported_packages("press_build") & features == set()
    assert "press_build" not in imported_packages("press_core")


# What a top-level name of the engine may be made by calling: values that never change.
CONSTANT_CALLS = {"TypeVar", "ContextVar", "signal", "frozenset", "compile", "getLogger"}


def mutable_globals(path: Path) -> list[str]:
    """Return the top-level names of a module bound to a value that can change in place."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if not isinstance(node, (ast.Assign, ast.AnnAssign)) or node.value is None:
            continue
        value, names = (
            node.value,
            ast.unparse(node.targets[0] if isinstance(node, ast.Assign) else node.target),
        )
        if names == "__all__":
            continue
        if isinstance(
            value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
        ):
            found.append(f"{path.name}: {names}")
        elif isinstance(value, ast.Call):
            called = (
                value.func.attr
                if isinstance(value.func, ast.Attribute)
                else ast.unparse(value.func)
            )
            if called not in CONSTANT_CALLS:
                found.append(f"{path.name}: {names}")
    return found


def test_the_engine_keeps_no_state_between_runs_but_in_its_build() -> None:
    # A run's state lives on its press_build.Build; a forked worker is handed its task.
    assert [
        line
        for path in sorted((PLUGINS / "press_build").glob("*.py"))
        for line in mutable_globals(path)
    ] == []


def test_the_check_finds_a_module_level_list(tmp_path: Path) -> None:
    module = tmp_path / "state.py"
    module.write_text("PENDING: list[int] = []\nSHARED = Cache()\nNAMES = ('a',)\n")
    assert mutable_globals(module) == ["state.py: PENDING", "state.py: SHARED"]
