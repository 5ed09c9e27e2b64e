"""Dependencies point down: press_core imports no plugin; no plugin imports one above it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PLUGINS = Path(__file__).resolve().parents[1] / "plugins"
# Each package and the packages below it that it may import (newer plugins may add a row).
LAYERS = {
    "press_core": set(),
    "press_content": {"press_core"},
    "press_assets": {"press_core"},
    "press_i18n": {"press_core", "press_content"},
    "press_feeds": {"press_core", "press_content", "press_i18n"},
    "press_pages": {"press_core", "press_content", "press_i18n", "press_feeds"},
    "press_media": {"press_core", "press_content", "press_i18n", "press_pages"},
    "press_events": {"press_core", "press_content", "press_i18n"},
    "press_seo": {"press_core", "press_content", "press_i18n"},
    "press_search": {"press_core", "press_content", "press_i18n"},
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
