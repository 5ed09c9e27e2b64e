"""One rule per fact: when a release is due, the language table, page URLs, one N_."""

from __future__ import annotations

import ast
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest
from press_content.releases import Release, decided_by, due_at
from press_core import urls
from press_core.languages import LANGUAGES, language, scaffold

PLUGINS = Path(__file__).resolve().parents[1] / "plugins"
TORONTO = timezone(timedelta(hours=-4))
DATE = datetime(2021, 5, 21, 3, 0, tzinfo=TORONTO)


def meta(embargo: datetime | None, status: str = "published") -> SimpleNamespace:
    """Return the front matter fields the due rule reads."""
    return SimpleNamespace(date=DATE, embargo=embargo, status=status)


@pytest.mark.parametrize(
    ("embargo", "instant", "reason"),
    [
        (None, DATE, "date"),
        (DATE + timedelta(hours=2), DATE + timedelta(hours=2), "embargo"),
        (DATE - timedelta(days=1), DATE, "date"),  # an embargo before the date holds nothing
        (DATE.astimezone(UTC), DATE, "embargo"),  # the same instant: the date, as written
    ],
)
def test_a_release_is_due_at_its_date_or_its_later_embargo(
    embargo: datetime | None, instant: datetime, reason: str
) -> None:
    assert due_at(meta(embargo)) == instant
    assert due_at(meta(embargo)).isoformat() == instant.isoformat()  # the offset shown to staff
    assert decided_by(meta(embargo)) == reason


@pytest.mark.parametrize("status", ["published", "draft"])
def test_only_a_published_release_is_ever_due(status: str) -> None:
    release = Release("a.md", meta(DATE + timedelta(hours=1), status), "a", "en/a/", None)
    later = DATE + timedelta(hours=1)
    assert release.is_due(later) is (status == "published")
    assert release.is_due(later - timedelta(seconds=1)) is False


def test_a_language_missing_from_the_table_is_written_as_english() -> None:
    assert language("pt") is LANGUAGES["en"]
    assert scaffold("de") == scaffold("en")  # German has quotes, not yet placeholders
    assert scaffold("fr").dateline == "Montréal"
    assert language("fr").first_of_month == "1er"


@pytest.mark.parametrize(
    ("url", "save_as"),
    [("en/releases/2021/05/x/", "en/releases/2021/05/x/index.html"), ("", "index.html")],
)
def test_page_url_undoes_save_as(url: str, save_as: str) -> None:
    assert urls.save_as(url) == save_as
    assert urls.page_url(save_as) == url


def test_file_urls_are_decided_in_urls() -> None:
    assert urls.ics_path("en/releases/2027/03/x/index.html") == "en/releases/2027/03/x/x.ics"
    assert urls.not_found_path("fr") == "fr/404.html"
    assert urls.not_found_path() == "404.html"
    assert urls.listing_page_url("en/topics/x/", 1) == "en/topics/x/"
    assert urls.listing_page_url("en/topics/x/", 3) == "en/topics/x/page/3/"
    assert (urls.rss_url("fr/fils/x"), urls.atom_url("fr/fils/x")) == (
        "fr/fils/x.xml",
        "fr/fils/x.atom",
    )


def names_defined(tree: ast.AST) -> set[str]:
    """Return the names a module defines as functions or assigns at any depth."""
    found = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            found |= {target.id for target in node.targets if isinstance(target, ast.Name)}
    return found


def test_n_is_defined_once() -> None:
    defined = [
        path.relative_to(PLUGINS).as_posix()
        for path in sorted(PLUGINS.rglob("*.py"))
        if "N_" in names_defined(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert defined == ["press_core/i18n_marks.py"]
