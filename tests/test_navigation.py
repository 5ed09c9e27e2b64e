"""Root landing page, main menu, archive by year and month, breadcrumbs, footer placement."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, Build, build, copy_site
from test_pages import resolve

EN_YEAR, FR_YEAR = "en/archive/2021/", "fr/archives/2021/"


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture site with one release per listing page."""
    site = copy_site(tmp_path_factory.mktemp("paged-archive"))
    conf = site / "pagedconf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa: F403\nPRESS_PAGE_SIZE = 1\n",
        encoding="utf-8",
    )
    result = build(site, conf=str(conf))
    assert result.returncode == 0, result.stderr
    return result


def links(built: Build, url: str, selector: str) -> list[tuple[str, str]]:
    """Return (text, site-relative target) of the links a selector finds on a page."""
    return [
        (a.get_text(" ", strip=True), resolve(url, a["href"]))
        for a in built.page(url).select(selector)
    ]


def test_root_shows_each_language_side_by_side_with_its_headlines(built: Build) -> None:
    parts = built.page("").select("main .chooser-languages > section.chooser-language")
    assert [(p["lang"], p.h2.get_text(strip=True)) for p in parts] == [
        ("en", "English"),
        ("fr", "Français"),
    ]
    english, french = parts
    assert [h.get_text() for h in french.select("h3")] == ["Derniers communiqués"]
    assert [a.get_text() for a in french.select("ul.chooser-headlines a")] == [
        "Lancement sous embargo du quillotron",
        "Le Startup Garage ouvre une base d'innovation à Shanghai",
        "Journée portes ouvertes à Montréal",
    ]
    assert [t.get_text() for t in french.select("ul.chooser-headlines time")] == [
        "1er juin 2021",
        "21 mai 2021",
        "10 avril 2021",
    ]
    assert french.select_one(".chooser-more a").get_text() == "Tous les communiqués en français"
    assert english.select_one(".chooser-more a").get_text() == "All releases in this language"
    assert len(english.select("ul.chooser-headlines li")) == 3


def test_main_menu_leads_to_the_archive_and_marks_it(built: Build) -> None:
    assert links(built, "fr/archives/", "nav.site-nav a") == [
        ("Derniers communiqués", "fr/"),
        ("Sujets", "fr/sujets/"),
        ("Archives", "fr/archives/"),
        ("Médiathèque", "fr/medias/"),
        ("Contacts de presse", "fr/contacts/"),
        ("Fils d’actualités", "fr/fils/"),
    ]
    current = built.page("en/archive/").select("nav.site-nav a[aria-current=page]")
    assert [a.get_text() for a in current] == ["Archive"]


def test_year_page_lists_its_months_and_leads_to_each(built: Build) -> None:
    assert links(built, FR_YEAR, "main nav.browse a") == [
        ("Juin 2021", "fr/archives/2021/06/"),
        ("Mai 2021", "fr/archives/2021/05/"),
        ("Avril 2021", "fr/archives/2021/04/"),
    ]
    assert links(built, EN_YEAR, "main section.listing-month h2 a") == [
        ("June 2021", "en/archive/2021/06/"),
        ("May 2021", "en/archive/2021/05/"),
        ("March 2021", "en/archive/2021/03/"),
    ]


def test_month_page_lists_its_releases_under_a_full_breadcrumb(built: Build) -> None:
    page = built.page("fr/archives/2021/04/")
    assert page.h1.get_text() == "Avril 2021"
    assert links(built, "fr/archives/2021/04/", ".breadcrumbs a") == [
        ("Salle de presse", "fr/"),
        ("Archives", "fr/archives/"),
        ("2021", "fr/archives/2021/"),
    ]
    assert links(built, "fr/archives/2021/04/", "ol.release-list .teaser-title a") == [
        (
            "Journée portes ouvertes à Montréal",
            "fr/communiques/2021/04/journee-portes-ouvertes-a-montreal/",
        )
    ]
    assert page.select_one('head meta[name="description"]')["content"] == (
        "Communiqués de PressClub de la période Avril 2021."
    )


def test_a_month_only_one_language_has_switches_to_that_year_in_the_other(built: Build) -> None:
    page = built.page("fr/archives/2021/04/")
    assert [a["href"] for a in page.select("nav.lang-switch a")] == ["../../../../en/archive/2021/"]
    hreflang = {link["hreflang"] for link in page.select("head link[hreflang]")}
    assert hreflang == {"fr", "x-default"}
    may = built.page("en/archive/2021/05/")
    assert [resolve("en/archive/2021/05/", a["href"]) for a in may.select("nav.lang-switch a")] == [
        "fr/archives/2021/05/"
    ]


def test_year_pages_are_paginated_with_month_headings_per_page(paged: Build) -> None:
    first = paged.page(EN_YEAR)
    assert [h.get_text(strip=True) for h in first.select("section.listing-month h2")] == [
        "June 2021"
    ]
    second = paged.page(EN_YEAR + "page/2/")
    assert [h.get_text(strip=True) for h in second.select("section.listing-month h2")] == [
        "May 2021"
    ]
    assert resolve(EN_YEAR, first.select_one("nav.pagination a[rel=next]")["href"]) == (
        EN_YEAR + "page/2/"
    )
    assert (paged.output / EN_YEAR / "page" / "3" / "index.html").is_file()
    assert not (paged.output / EN_YEAR / "page" / "4").exists()


def test_first_breadcrumb_has_one_name_everywhere(built: Build) -> None:
    pages = ["fr/sujets/innovation/", "fr/archives/2021/", "fr/archives/2021/05/"]
    pages.append("fr/communiques/2021/05/le-startup-garage-ouvre-une-base-d-innovation-a-shanghai/")
    first = {links(built, url, ".breadcrumbs a")[0] for url in pages}
    assert first == {("Salle de presse", "fr/")}


def test_short_page_footer_touches_the_viewport_bottom(built: Build, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 1400})
        page.goto((built.output / "fr" / "archives" / "2021" / "04" / "index.html").as_uri())
        bottom = page.evaluate(
            "document.querySelector('footer.site-footer').getBoundingClientRect().bottom"
        )
        browser.close()
    assert bottom == 1400
