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
