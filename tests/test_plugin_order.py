"""Plugin order enforced by code: a misordered or incomplete PLUGINS stops the build."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import inprocess
import pytest
from conftest import AFTER_EMBARGO, ROOT, snapshot
from press_core.plugin_order import order_problems

ALL = [
    "press_content",
    "press_assets",
    "press_i18n",
    "press_pages",
    "press_feeds",
    "press_events",
    "press_seo",
]


def needs(names: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    """Pair each plugin name with what its package declares it needs."""
    sys.path.insert(0, str(ROOT / "plugins"))
    return [(name, __import__(name).NEEDS) for name in names]


def test_the_configured_order_is_sound() -> None:
    assert order_problems(needs(ALL)) == []


def test_a_misordered_plugin_is_named_with_what_it_needs() -> None:
    order = ["press_i18n", "press_content", "press_pages", "press_feeds", "press_seo"]
    assert order_problems(needs(order)) == [
        "PLUGINS: press_i18n needs press_content before it; move press_content ahead of press_i18n"
    ]


def test_a_missing_plugin_is_named_once_per_plugin_that_needs_it() -> None:
    assert order_problems(needs(["press_content", "press_feeds", "press_seo"])) == [
        "PLUGINS: press_feeds needs press_i18n before it; add press_i18n to PLUGINS",
        "PLUGINS: press_seo needs press_i18n before it; add press_i18n to PLUGINS",
    ]


def test_plugins_of_other_authors_need_nothing() -> None:
    assert order_problems([("someone_elses", ()), *needs(ALL)]) == []


@pytest.mark.parametrize(
    ("plugins", "expected"),
    [
        (
            ["press_content", "press_i18n", "press_feeds", "press_seo"][::-1],
            [
                "PLUGINS: press_seo needs press_content before it; move press_content ahead of press_seo",
                "PLUGINS: press_seo needs press_i18n before it; move press_i18n ahead of press_seo",
                "PLUGINS: press_feeds needs press_content before it; move press_content ahead of press_feeds",
                "PLUGINS: press_feeds needs press_i18n before it; move press_i18n ahead of press_feeds",
                "PLUGINS: press_i18n needs press_content before it; move press_content ahead of press_i18n",
            ],
        ),
        (
            ["press_i18n", "press_pages"],
            [
                "PLUGINS: press_i18n needs press_content before it; add press_content to PLUGINS",
                "PLUGINS: press_pages needs press_content before it; add press_content to PLUGINS",
            ],
        ),
    ],
)
def test_the_build_stops_with_one_line_per_problem(
    site: Path, plugins: list[str], expected: list[str]
) -> None:
    before = snapshot(site)
    argv = ["content", "-s", str(ROOT / "pelicanconf.py"), "-e", f"PLUGINS={json.dumps(plugins)}"]
    code, _, stderr = inprocess.run(site, argv, {"PRESS_NOW": AFTER_EMBARGO})
    assert code == 1, stderr
    assert stderr.splitlines() == expected
    assert snapshot(site) == before
