"""Any number of languages by configuration: a three-language fixture (en, fr, de), settings gaps."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, Build, build
from press_core.typography import typeset

TRILINGUAL = ROOT / "tests" / "trilingual"
CONF = str(TRILINGUAL / "trilingualconf.py")
RELEASE = {
    "en": "en/releases/2021/06/startup-garage-opens-an-innovation-base-in-shanghai/",
    "fr": "fr/communiques/2021/06/le-startup-garage-ouvre-une-base-d-innovation-a-shanghai/",
    "de": "de/mitteilungen/2021/06/startup-garage-eroffnet-eine-innovationsbasis-in-shanghai/",
}
NBSP = "\u00a0"


def copy_trilingual(destination: Path) -> Path:
    """Copy the three-language content to a scratch site folder."""
    site = destination / "site"
    shutil.copytree(TRILINGUAL / "content", site / "content")
    return site


@pytest.fixture(scope="module")
def trilingual(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The three-language fixture, built with the ordinary command."""
    result = build(copy_trilingual(tmp_path_factory.mktemp("trilingual")), conf=CONF)
    assert result.returncode == 0, result.stderr
    return result


def page(result: Build, url: str) -> BeautifulSoup:
    """Parse one written page."""
    return BeautifulSoup(
        (result.output / url / "index.html").read_text(encoding="utf-8"), "html.parser"
    )


def hreflang(soup: BeautifulSoup, url: str) -> dict[str, str]:
    """Return hreflang -> site-relative URL of a page's alternate links."""
    base = Path("/", url)
    links = soup.select('link[rel="alternate"][hreflang]')
    return {
        link["hreflang"]: (base / link["href"]).resolve().as_posix().lstrip("/") + "/"
        for link in links
    } | {link["hreflang"]: "/" for link in links if (base / link["href"]).resolve() == Path("/")}


@pytest.mark.parametrize("lang", sorted(RELEASE))
def test_hreflang_is_reciprocal_among_three_languages(trilingual: Build, lang: str) -> None:
    found = hreflang(page(trilingual, RELEASE[lang]), RELEASE[lang])
    assert found == {**RELEASE, "x-default": "/"}


def test_german_page_has_german_dates_quotes_and_interface(trilingual: Build) -> None:
    soup = page(trilingual, RELEASE["de"])
    assert soup.html["lang"] == "de"
    assert soup.select_one(".release-meta__date time").get_text() == f"1. Juni 2021, 3:00{NBSP}EDT"
    assert soup.select_one(".release-meta__type").get_text() == "Pressemitteilung"
    assert "„ein wichtiger Schritt“" in soup.select_one(".release-body").get_text()
    headings = [h.get_text() for h in soup.select("#about-heading, h2.aside-heading")]
    assert headings == ["Über das Unternehmen", "Pressekontakt", "Themen", "Schlagwörter"]
    assert "Leiter Unternehmenskommunikation" in soup.get_text()
    assert "Fixture Company stellt Testzubehör her." in soup.select_one(".boilerplate").get_text()


def test_german_search_page_field_and_index(trilingual: Build) -> None:
    soup = page(trilingual, "de/suche")
    assert (soup.html["lang"], soup.h1.get_text()) == ("de", "Mitteilungen durchsuchen")
    form = page(trilingual, RELEASE["de"]).select_one("form.site-search")
    assert form["action"].endswith("/de/suche/")
    assert form.button.get_text() == "Suche"
    indexes = sorted(
        p.name.split("_")[0] for p in (trilingual.output / "pagefind").glob("*.pf_meta")
    )
    assert indexes == ["pagefind.de", "pagefind.en", "pagefind.fr"]  # German releases are found


def test_german_home_lists_in_german(trilingual: Build) -> None:
    soup = page(trilingual, "de")
    assert soup.html["lang"] == "de"
    assert soup.select_one(".teaser-type").get_text() == "Pressemitteilung"
    assert "1. Juni 2021" in soup.select_one(".teaser-meta").get_text()


def test_untranslated_release_names_both_missing_languages(trilingual: Build) -> None:
    soup = page(trilingual, "en/releases/2021/05/a-release-only-in-english/")
    assert [note.get_text() for note in soup.select("p.note")] == [
        "This release is not available in German.",
        "This release is not available in French.",
    ]


def test_german_feed_title_is_german(trilingual: Build) -> None:
    soup = page(trilingual, "de")
    links = soup.select('link[rel="alternate"][type="application/rss+xml"]')
    assert links[0]["title"] == "PressClub — Mitteilungen auf Deutsch (RSS)"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "He said \u201cyes\u201d \u2014 really\u2026"),
        ("fr", f"He said «{NBSP}yes{NBSP}» \u2014 really\u2026"),
        ("de", "He said \u201eyes\u201c \u2014 really\u2026"),
    ],
)
def test_quotes_follow_the_typography_table(lang: str, expected: str) -> None:
    assert typeset('He said "yes" --- really...', lang) == expected


def conf_with(tmp_path: Path, lines: str) -> str:
    """Write a settings file: the three-language settings, then the given lines."""
    conf = tmp_path / "gapconf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(TRILINGUAL)!r})\nfrom trilingualconf import *\n{lines}\n",
        encoding="utf-8",
    )
    return str(conf)


GERMAN = 'PRESS_LANGUAGES = {**PRESS_LANGUAGES, "de": {"locale": "de_DE", "name": "Deutsch"}}'
ROOT_SETTINGS = "from pelicanconf import PRESS_SECTIONS, PRESS_TOPICS"
NO_ARCHIVE = 'PRESS_SECTIONS = {**PRESS_SECTIONS, "de": {k: v for k, v in PRESS_SECTIONS["de"].items() if k != "archive"}}'
TOPICS = ("innovation", "corporate", "sustainability", "urban-mobility", "electromobility",
          "digital", "research", "events")  # fmt: skip


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ROOT_SETTINGS,
            ["PRESS_SECTIONS: no entry for language 'de'"]
            + [f"PRESS_TOPICS[{topic!r}]: no label in language 'de'" for topic in TOPICS],
        ),
        (NO_ARCHIVE, ["PRESS_SECTIONS['de']: no URL segment for 'archive'"]),
    ],
    ids=["language missing from sections and topic labels", "section missing in one language"],
)
def test_language_missing_from_a_setting_is_a_clear_startup_error(
    tmp_path: Path, lines: str, expected: list[str]
) -> None:
    site = copy_trilingual(tmp_path)
    result = build(site, conf=conf_with(tmp_path, f"{GERMAN}\n{lines}"))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == expected
    assert "Traceback" not in result.stderr + result.stdout
    assert not (site / "output").exists()


def test_language_missing_from_boilerplates_and_contact_roles_is_reported(tmp_path: Path) -> None:
    site = copy_trilingual(tmp_path)
    (site / "content" / "boilerplates" / "de.md").unlink()
    contacts = site / "content" / "contacts.yml"
    text = contacts.read_text(encoding="utf-8")
    contacts.write_text(
        text.replace(", de: Leiter Unternehmenskommunikation", ""), encoding="utf-8"
    )
    result = build(site, conf=CONF)
    assert result.returncode == 1
    assert result.problems() == [
        "content/boilerplates/de.md: file: not found; write the boilerplate in Deutsch",
        "content/contacts.yml: marc-belcourt.role: give the role in every language; missing: de",
    ]
    assert "Traceback" not in result.stderr + result.stdout
    assert not (site / "output").exists()


def test_three_language_pages_are_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    # Pelican finds translations in a set, whose order follows the hash seed of the process.
    pages = []
    for seed in ("1", "2", "3"):
        site = copy_trilingual(tmp_path / seed)
        result = build(site, conf=CONF, extra_env={"PYTHONHASHSEED": seed}, process=True)
        assert result.returncode == 0, result.stderr
        pages.append(
            {url: (result.output / url / "index.html").read_bytes() for url in RELEASE.values()}
        )
    assert pages[0] == pages[1] == pages[2]
