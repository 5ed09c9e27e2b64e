"""Dependencies point down: press_core imports no plugin; no plugin imports one above it."""

from __future__ import annotations

import ast
import dataclasses
import re
import typing
from pathlib import Path
from typing import Any

import pytest
from press_core import facets
from press_events.view import EventView
from press_i18n.dates import Moment
from press_i18n.release_view import ReleaseView
from press_media.view import MediaView, Picture, Size
from press_search.fields import SearchFields
from press_seo.meta import PageSeo

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


# Templates read views (article.view and its facets), never a release's raw metadata:
# `article.press`, `press.meta`, or either reached by subscript or the attr filter.
RAW_METADATA = re.compile(
    r"""\.press\b|\bpress\.meta\b|\[\s*["']press["']\s*\]|\battr\(\s*["']press["']\s*\)"""
)
TEMPLATES = Path(__file__).resolve().parents[1] / "theme" / "templates"


def raw_metadata_reads(folder: Path) -> list[str]:
    """Return `file:line: text` of every read of a release's raw metadata in a template folder."""
    return [
        f"{path.relative_to(folder).as_posix()}:{number}: {line.strip()}"
        for path in sorted(folder.rglob("*.*"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if RAW_METADATA.search(line)
    ]


def test_templates_read_views_only() -> None:
    assert sorted(TEMPLATES.rglob("*.html"))  # the scan sees the theme
    assert raw_metadata_reads(TEMPLATES) == []


@pytest.mark.parametrize(
    "line",
    [
        "<h2>{{ article.press.meta.title }}</h2>",
        "{% set meta = article.press.meta %}",
        "{% if item.press.is_due(now) %}",
        "{{ press.meta.summary }}",
        "{{ article['press'].meta.title }}",
        '{{ (article|attr("press")).meta }}',
    ],
)
def test_the_scan_finds_a_raw_metadata_read(tmp_path: Path, line: str) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "x.html").write_text(f"<p>\n{line}\n", encoding="utf-8")
    assert raw_metadata_reads(tmp_path) == [f"partials/x.html:2: {line}"]


def test_the_scan_leaves_the_site_and_the_views_alone(tmp_path: Path) -> None:
    text = "{{ press.settings.brand.name }} {{ article.view.title }} {{ press_seo().description }}"
    (tmp_path / "x.html").write_text(text, encoding="utf-8")
    assert raw_metadata_reads(tmp_path) == []


# Each facet protocol of press_core and the class of the feature that owns and fills it.
FACET_OWNERS = {
    facets.EventFacet: EventView,
    facets.Instant: Moment,
    facets.MediaFacet: MediaView,
    facets.Photo: Picture,
    facets.Sized: Size,
    facets.SearchFacet: SearchFields,
    facets.SeoFacet: PageSeo,
}
VIEW_FACETS = {
    "event": facets.EventFacet,
    "media": facets.MediaFacet,
    "search": facets.SearchFacet,
    "seo": facets.SeoFacet,
}


def mentions_any(hint: object) -> bool:
    """Tell whether a type hint is Any or holds it (list[Any], Any | None...)."""
    return hint is Any or any(map(mentions_any, typing.get_args(hint)))


def is_facet(hint: object) -> bool:
    """Tell whether a type hint names a facet protocol (alone, optional, or in a container)."""
    return hint in FACET_OWNERS or any(map(is_facet, typing.get_args(hint)))


def unmet(owner: type, protocol: type) -> list[str]:
    """Return each member of a facet protocol that the owner's class lacks or types otherwise.

    A member typed by another facet protocol is checked by that protocol's own row.
    """
    offered = typing.get_type_hints(owner)
    found = []
    for name, member in vars(protocol).items():
        if isinstance(member, property):
            wanted = typing.get_type_hints(member.fget)["return"]
            if name not in offered:
                found.append(f"{name}: missing")
            elif not is_facet(wanted) and offered[name] != wanted:
                found.append(f"{name}: {offered[name]} instead of {wanted}")
        elif (
            callable(member)
            and not name.startswith("_")
            and not callable(getattr(owner, name, None))
        ):
            found.append(f"{name}(): missing")
    return found


def test_the_release_view_holds_no_any() -> None:
    hints = typing.get_type_hints(ReleaseView)
    assert [name for name, hint in hints.items() if mentions_any(hint)] == []


def test_the_release_view_holds_each_facet_by_its_protocol() -> None:
    hints = typing.get_type_hints(ReleaseView)
    assert {name: hints[name] for name in VIEW_FACETS} == {
        name: protocol | None for name, protocol in VIEW_FACETS.items()
    }
    defaults = {f.name: f.default for f in dataclasses.fields(ReleaseView)}
    assert {name: defaults[name] for name in VIEW_FACETS} == dict.fromkeys(VIEW_FACETS)


@pytest.mark.parametrize("protocol", FACET_OWNERS, ids=lambda p: p.__name__)
def test_each_owner_offers_its_facet(protocol: type) -> None:
    assert unmet(FACET_OWNERS[protocol], protocol) == []


def test_the_facet_check_finds_a_missing_or_retyped_member() -> None:
    @dataclasses.dataclass(frozen=True)
    class Partial:
        meta: tuple[tuple[str, str], ...]
        filters: list[str]

    assert unmet(Partial, facets.SearchFacet) == [
        "filters: list[str] instead of tuple[tuple[str, str], ...]",
        "sort_date: missing",
    ]
    assert unmet(Partial, facets.MediaFacet) == ["lead: missing", "photos(): missing"]
