"""Issue 25, read from the built pages: paired tags, pages for missing translations,
footer links, e-mail addresses that wrap only at "@" and dots, the search page's form."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BEFORE_EMBARGO, ROOT, Build, build, edit
from press_i18n.wrapping import breakable

ENGLISH_ONLY = "en/releases/2021/03/technology-office-opens-in-tel-aviv/"
FRENCH_ONLY = "fr/communiques/2021/04/journee-portes-ouvertes-a-montreal/"


def switch(built: Build, url: str) -> list[str]:
    """Return the language switch's links of a page."""
    return [a["href"] for a in built.page(url).select("nav.lang-switch a")]


# --- Releases in one language -------------------------------------------------------------


def test_a_release_in_one_language_switches_to_a_page_that_says_so(built: Build) -> None:
    assert switch(built, ENGLISH_ONLY) == ["../../../../../fr/2021-english-only.html"]
    assert switch(built, FRENCH_ONLY) == ["../../../../../en/2021-french-only.html"]
    page = parse_file(built, "fr/2021-english-only.html")
    assert page.html["lang"] == "fr"
    assert page.select_one("main h1").get_text() == "Non traduit"
    assert page.select_one(".untranslated__note").get_text() == (
        "Ce communiqué n’existe qu’en anglais."
    )
    link = page.select_one(".untranslated__link a")
    assert (link.get_text(), link["href"], link["hreflang"]) == (
        "Le lire en anglais",
        "../" + ENGLISH_ONLY,
        "en",
    )
    assert page.select_one(".untranslated__title")["lang"] == "en"
    # The switch of that page leads back to the original.
    assert [a["href"] for a in page.select("nav.lang-switch a")] == ["../" + ENGLISH_ONLY]


def test_the_missing_translation_page_is_noindex_and_in_no_sitemap_or_index(built: Build) -> None:
    page = parse_file(built, "en/2021-french-only.html")
    assert [m["content"] for m in page.select('head meta[name="robots"]')] == ["noindex"]
    assert page.select('head link[rel="canonical"], head link[hreflang]') == []
    sitemap = (built.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "french-only" not in sitemap and "english-only.html" not in sitemap
    assert page.select("[data-pagefind-body]") == []


def test_only_published_releases_get_a_missing_translation_page(published: Build) -> None:
    """Before the embargo lifts, no page names the embargoed release, nor the draft."""
    names = {p.name for p in published.output.glob("*/*.html")}
    assert names == {
        "404.html",
        "index.html",
        "2020-cloud-agreement.html",
        "2021-english-only.html",
        "2021-french-only.html",
    }
    for path in published.output.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "2021-embargoed-launch" not in text and "2021-draft-note" not in text, path


def parse_file(built: Build, name: str) -> BeautifulSoup:
    """Parse a built file that is not a folder's index."""
    return BeautifulSoup((built.output / name).read_text(encoding="utf-8"), "html.parser")


# --- Settings: tag pairs and footer links -------------------------------------------------


def test_footer_links_of_each_language(built: Build) -> None:
    links = built.page("fr/").select("footer .site-footer__links a")
    assert [(a.get_text(), a["href"]) for a in links][2:] == [
        ("Mentions légales", "https://www.example.com/fr/mentions-legales"),
        ("Confidentialité", "https://www.example.com/fr/confidentialite"),
        ("Accessibilité", "https://www.example.com/fr/accessibilite"),
        ("À propos", "https://www.example.com/fr/a-propos"),
    ]


def test_a_footer_path_of_the_site_starts_from_its_root(site: Path) -> None:
    result = build(site, settings={"PRESS_FOOTER_LINKS": {"en": {"about": "/about/"}}})
    assert result.returncode == 0, result.stderr
    links = result.page("en/topics/").select("footer .site-footer__links a")
    assert [(a.get_text(), a["href"]) for a in links][2:] == [("About us", "../../about/")]
    assert result.page("fr/").select("footer .site-footer__links a")[2:] == []


BAD_SETTINGS = [
    ({"PRESS_TAG_PAIRS": "china=chine"},
     "PRESS_TAG_PAIRS: 'china=chine' is not a list of tag pairs;"
     " write one like [{'en': 'china', 'fr': 'chine'}]"),
    ({"PRESS_TAG_PAIRS": [{"en": "china"}]},
     "PRESS_TAG_PAIRS: {'en': 'china'} is not a pair of tags;"
     " write one like [{'en': 'china', 'fr': 'chine'}]"),
    ({"PRESS_TAG_PAIRS": [{"en": "china", "fr": ""}]},
     "PRESS_TAG_PAIRS: {'en': 'china', 'fr': ''}: each language needs a tag as text;"
     " write one like [{'en': 'china', 'fr': 'chine'}]"),
    ({"PRESS_TAG_PAIRS": [{"en": "China", "fr": "chine"}, {"en": "china", "fr": "pays"}]},
     "PRESS_TAG_PAIRS: en: 'china' is in two pairs; keep it in one"),
    ({"PRESS_TAG_PAIRS": [{"en": "china", "de": "china"}]},
     "PRESS_TAG_PAIRS: 'de' is not a language of PRESS_LANGUAGES (en, fr)"),
    ({"PRESS_FOOTER_LINKS": [["en", "https://example.com"]]},
     "PRESS_FOOTER_LINKS: [['en', 'https://example.com']] is not a mapping of languages;"
     " write one like {'en': {'legal': 'https://example.com/legal'}}"),
    ({"PRESS_FOOTER_LINKS": {"en": {"imprint": "https://example.com"}}},
     "PRESS_FOOTER_LINKS: en: 'imprint' is not a footer link;"
     " use legal, privacy, accessibility, about"),
    ({"PRESS_FOOTER_LINKS": {"es": {"legal": "/legal/"}}},
     "PRESS_FOOTER_LINKS: 'es' is not a language of PRESS_LANGUAGES (en, fr)"),
]  # fmt: skip
HOSTILE_ADDRESSES = ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x",
                     "//evil.example/", " https://x.example", "legal.html", 7]  # fmt: skip


@pytest.mark.parametrize(("settings", "line"), BAD_SETTINGS)
def test_a_wrong_tag_pair_or_footer_link_is_one_line_and_nothing_is_written(
    site: Path, settings: dict, line: str
) -> None:
    result = build(site, settings=settings)
    assert (result.returncode, result.problems()) == (1, [line])
    assert not result.output.exists()


@pytest.mark.parametrize("address", HOSTILE_ADDRESSES)
def test_a_footer_link_is_a_web_address_or_a_site_path(site: Path, address: object) -> None:
    result = build(site, settings={"PRESS_FOOTER_LINKS": {"fr": {"privacy": address}}})
    assert (result.returncode, result.problems()) == (
        1,
        [
            f"PRESS_FOOTER_LINKS: fr: privacy: {address!r} is not an http(s) address"
            " or a path starting with /"
        ],
    )


def test_check_reports_a_wrong_tag_pair(site: Path) -> None:
    conf = site / "pairs.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        f"PRESS_TAG_PAIRS = {json.dumps([{'en': 'china', 'fr': 'chine', 'xx': 'z'}])}\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", str(conf), "-o", "output"],
        cwd=site, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 1
    assert "PRESS_TAG_PAIRS: 'xx' is not a language of PRESS_LANGUAGES (en, fr)" in done.stderr


# --- Contact e-mail addresses ---------------------------------------------------------------


def test_an_address_may_wrap_only_before_at_and_dots_and_stays_escaped() -> None:
    assert str(breakable("marc.belcourt@bmwgroup.ca")) == (
        "marc<wbr>.belcourt<wbr>@bmwgroup<wbr>.ca"
    )
    assert str(breakable('a<b>"@x.y')) == "a&lt;b&gt;&#34;<wbr>@x<wbr>.y"


def test_contact_cards_write_addresses_with_break_points(built: Build) -> None:
    link = built.page("en/contacts/").select_one(".contact-card a.u-email")
    assert link.get_text() == link["href"].removeprefix("mailto:")
    assert len(link.select("wbr")) >= 2


# --- Search page --------------------------------------------------------------------------


def test_search_pages_offer_the_same_groups_in_the_same_order(built: Build) -> None:
    groups = {}
    for url in ("en/search/", "fr/recherche/"):
        form = built.page(url).select_one("main form#search")
        groups[url] = [
            (fs["data-filter"], sorted({i["name"] for i in fs.select("input")}))
            for fs in form.select("fieldset[data-filter]")
        ]
    assert groups == {
        "en/search/": [("Type", ["type"]), ("Topic", ["topic"]), ("Year", ["year"])],
        "fr/recherche/": [("Type", ["type"]), ("Sujet", ["topic"]), ("Année", ["year"])],
    }
    years = built.page("fr/recherche/").select('input[name="year"]')
    assert [y["value"] for y in years] == ["2021"]
    sorts = built.page("fr/recherche/").select('input[name="sort"]')
    assert [(s["value"], s.parent.get_text(strip=True)) for s in sorts] == [
        ("", "Pertinence"),
        ("date", "Plus récents d’abord"),
    ]


def test_no_filter_names_what_only_a_withheld_release_has(site: Path) -> None:
    edit(site, "content/releases/2021/2021-embargoed-launch.en.md",
         "topics: [innovation]", "topics: [innovation, sustainability]")  # fmt: skip
    before = build(site, now=BEFORE_EMBARGO, conf="publishconf.py")
    assert before.returncode == 0, before.stderr

    def topics(result: Build) -> list[str]:
        page = result.page("en/search/")
        return [i["value"] for i in page.select('form#search input[name="topic"]')]

    assert topics(before) == ["Corporate", "Digital", "Innovation", "Research and development"]
    after = build(site, conf="publishconf.py")
    assert after.returncode == 0, after.stderr
    assert "Sustainability" in topics(after)
