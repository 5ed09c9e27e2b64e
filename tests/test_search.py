"""Search in a real Chromium: Pagefind's index of the fixture site, built by the ordinary command.

Each test types into a search field as a reader would and reads the results the search
page shows (our form on Pagefind's API, js/search.js). Nothing is skipped: a missing
browser fails with the install hint.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests import axe
from tests.conftest import BEFORE_EMBARGO, Build, build, copy_site, edit, snapshot

pytestmark = pytest.mark.browser

# Every wait below ends as soon as the page is ready; the limit only bounds a broken page
# on a busy machine, it is never slept.
WAIT_MS = 60000
# Wait until the status says how many results, and their links are in the list.
SETTLED = """before => {
  const shown = document.getElementById("search-status"), form = document.getElementById("search");
  if (!shown || !form) return null;  // not the search page yet: the header's form still navigating
  const text = shown.textContent.trim();
  if (!text || text === before || text === form.dataset.busy) return null;
  const links = [...document.querySelectorAll(".search-result__title a")].map(a => a.pathname);
  const count = parseInt(text, 10) || 0;
  return links.length !== Math.min(count, 10) ? null : {message: text, links: links};
}"""
GARAGE_FR = "/fr/communiques/2021/05/le-startup-garage-ouvre-une-base-d-innovation-a-shanghai/"
OPEN_HOUSE_FR = "/fr/communiques/2021/04/journee-portes-ouvertes-a-montreal/"
CLOUD_EN = "/en/releases/2020/10/memorandum-signed-on-digital-cooperation/"


class Reader:
    """One browser tab on a served build, searching as a reader does."""

    def __init__(self, page: object, base: str) -> None:
        self.page, self.base = page, base

    def results(self, before: str = "") -> dict:
        """Return Pagefind's message and the result paths, once settled and not `before`."""
        return self.page.wait_for_function(SETTLED, arg=before, timeout=WAIT_MS).json_value()

    def search(self, path: str, words: str) -> list[str]:
        """Open a search page, type words into its field and press Enter, return the result paths."""
        self.page.goto(self.base + path)
        self.page.locator("#search-q").fill(words)
        self.page.locator("#search-q").press("Enter")
        return self.results()["links"]

    def open_filter(self, name: str) -> None:
        """Show the filters (a phone folds them) and find the group called `name`."""
        button = self.page.locator(".search__options-button")
        if button.is_visible():
            button.click()
        assert name in self.filter_names(), self.filter_names()

    def filter_names(self) -> list[str]:
        """Return the names of the filter groups, in the page's order (legends as written)."""
        return self.page.locator("fieldset[data-filter] > legend").evaluate_all(
            "legends => legends.map(legend => legend.textContent.trim())"
        )

    def from_header(self, path: str, words: str) -> list[str]:
        """Type words into the header's field of any page and press Enter."""
        self.page.goto(self.base + path)
        if self.page.locator(".menu__button").is_visible():
            self.page.locator(".menu__button").click()
        self.page.locator("#site-search-q").fill(words)
        self.page.locator("#site-search-q").press("Enter")
        self.page.wait_for_load_state("load")
        return self.results()["links"]


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """One Chromium for the module (Debian's, through Playwright)."""
    with axe.browser() as browser:
        yield browser


@contextmanager
def reading(chromium: object, output: Path) -> Iterator[Reader]:
    """Serve a build and open a tab on it."""
    with axe.serve(output) as base:
        context = chromium.new_context()
        try:
            yield Reader(context.new_page(), base)
        finally:
            context.close()


@pytest.fixture
def after(chromium: object, built: Build) -> Iterator[Reader]:
    """A reader on the fixture site built after every embargo."""
    with reading(chromium, built.output) as reader:
        yield reader


@pytest.fixture(scope="module")
def before_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture site built before the embargo lifts."""
    result = build(copy_site(tmp_path_factory.mktemp("search-before")), now=BEFORE_EMBARGO)
    assert result.returncode == 0, result.stderr
    return result


def test_header_field_finds_french_word_without_accent_french_releases_only(after: Reader) -> None:
    links = after.from_header("fr/", "electrique")
    assert after.page.url.endswith("/fr/recherche/?q=electrique")
    assert links == [OPEN_HOUSE_FR, GARAGE_FR]


def test_french_search_page_with_accent_and_capitals(after: Reader) -> None:
    assert after.search("fr/recherche/", "ÉLECTRIQUE") == [OPEN_HOUSE_FR, GARAGE_FR]


def test_english_search_page_stems_and_keeps_to_english(after: Reader) -> None:
    assert after.search("en/search/", "partnerships") == [CLOUD_EN]
    details = after.page.locator(".search-result__meta").all_inner_texts()
    assert details == ["STATEMENT · October 14, 2020"]  # the newsroom's calendar
    assert after.search("en/search/", "shanghai") == [
        "/en/releases/2021/05/startup-garage-opens-an-innovation-base-in-shanghai/"
    ]


def test_a_filter_narrows_the_results(after: Reader) -> None:
    assert after.search("fr/recherche/", "electrique") == [OPEN_HOUSE_FR, GARAGE_FR]
    unfiltered = after.results()["message"]
    after.open_filter("Type")
    after.page.get_by_label("Communiqué de presse").check()
    assert after.results(unfiltered) == {"message": "1 résultat", "links": [GARAGE_FR]}


def test_filters_are_named_in_french_with_localized_topics(after: Reader) -> None:
    assert after.search("fr/recherche/", "electrique") == [OPEN_HOUSE_FR, GARAGE_FR]
    unfiltered = after.results()["message"]
    after.open_filter("Sujet")
    assert after.filter_names() == ["Type", "Sujet", "Année"]  # English: Type, Topic, Year
    after.page.get_by_label("Événements").check()
    assert after.results(unfiltered) == {"message": "1 résultat", "links": [OPEN_HOUSE_FR]}


def test_results_show_type_and_localized_date(after: Reader) -> None:
    assert after.search("fr/recherche/", "gratuite") == [OPEN_HOUSE_FR]
    details = after.page.locator(".search-result__meta").all_inner_texts()
    assert details == ["INVITATION · 10 avril 2021"]
    excerpt = after.page.inner_html(".search-result__excerpt")
    assert excerpt.endswith("la navette électrique est <mark>gratuite.</mark>")
    assert "anglais" not in excerpt  # the note about the missing translation is not content


def test_listings_asides_and_boilerplates_are_not_indexed(after: Reader) -> None:
    for words in ("gagnon", "fixtures", "sujets"):
        assert after.search("fr/recherche/", words) == [], words


def test_draft_and_embargoed_words_are_found_only_once_due(
    chromium: object, before_build: Build, built: Build
) -> None:
    with reading(chromium, before_build.output) as reader:
        assert reader.search("en/search/", "xylophrastic") == []
        assert reader.search("fr/recherche/", "xylophrastique") == []
        assert reader.search("en/search/", "zanzibarquill") == []
        assert reader.search("en/search/", "shanghai") != []
    with reading(chromium, built.output) as reader:
        assert reader.search("en/search/", "xylophrastic") == [
            "/en/releases/2021/06/embargoed-launch-of-the-quillotron/"
        ]
        assert reader.search("fr/recherche/", "xylophrastique") == [
            "/fr/communiques/2021/06/lancement-sous-embargo-du-quillotron/"
        ]
        assert reader.search("en/search/", "zanzibarquill") == []


def test_preview_has_its_own_index(chromium: object, before_build: Build) -> None:
    preview = build(before_build.site, now=BEFORE_EMBARGO, conf="previewconf.py", output="preview")
    assert preview.returncode == 0, preview.stderr
    assert (preview.output / "pagefind" / "pagefind.js").is_file()
    with reading(chromium, preview.output) as reader:
        assert reader.search("en/search/", "zanzibarquill") == [
            "/en/releases/2021/02/draft-note-about-quarterly-figures/"
        ]
    with reading(chromium, before_build.output) as reader:
        assert reader.search("en/search/", "zanzibarquill") == []


def test_without_javascript_the_page_says_so_and_points_to_topics_and_archive(
    chromium: object, built: Build
) -> None:
    with axe.serve(built.output) as base:
        context = chromium.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base + "fr/recherche/")
        text = page.inner_text("main")
        links = page.locator("noscript a").evaluate_all("l => l.map(a => a.pathname)")
        context.close()
    assert "La recherche a besoin de JavaScript" in text
    assert links == ["/fr/sujets/", "/fr/archives/"]


# --- The build fails cleanly when Pagefind cannot run ----------------------------------------


def test_missing_pagefind_binary_stops_the_build_with_one_line(site: Path) -> None:
    missing = site / "no-such-pagefind"
    result = build(site, extra_env={"PAGEFIND_BINARY_PATH": str(missing)})
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"{missing}: Pagefind binary: not found; install the pinned packages:"
        " .venv/bin/pip install -r requirements.txt"
    ]
    assert not result.output.exists()


def test_failed_indexing_leaves_the_previous_output_untouched(site: Path) -> None:
    first = build(site)
    assert first.returncode == 0, first.stderr
    before = snapshot(first.output)
    broken = site / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: disk full' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(broken.stat().st_mode | stat.S_IXUSR)
    result = build(site, extra_env={"PAGEFIND_BINARY_PATH": str(broken)})
    assert result.returncode == 1
    assert result.problems() == [f"{broken}: search index: Pagefind failed: Error: disk full"]
    assert snapshot(first.output) == before
    # the lock and the manifest of the last good build stay
    assert sorted(p.name for p in site.glob(".output.*")) == [
        ".output.lock",
        ".output.manifest.json",
    ]


def test_results_and_filters_have_no_wcag_violation(after: Reader) -> None:
    assert after.search("fr/recherche/", "electrique") == [OPEN_HOUSE_FR, GARAGE_FR]
    after.open_filter("Type")
    after.page.add_script_tag(content=axe.AXE.read_text(encoding="utf-8"))
    violations = after.page.evaluate(axe.RUN_AXE, axe.WCAG_TAGS)
    assert violations == [], violations


# Markup itself is refused in titles (press_content.plaintext); what is left is text that
# turns into markup if any step decodes it once too often: escaped tags, `<3`, `&`.
HOSTILE_TITLE = (
    'Garage &lt;img src=x onerror=alert(1)&gt; <3 & "AT&T" &lt;script&gt;alert(1)&lt;/script&gt;'
)


def test_hostile_title_is_shown_as_text_in_results(chromium: object, site: Path) -> None:
    edit(
        site,
        "content/releases/2021/2021-garage-base.en.md",
        "title: Startup Garage opens an innovation base in Shanghai",
        f"title: {json.dumps(HOSTILE_TITLE)}",
    )
    result = build(site)
    assert result.returncode == 0, result.stderr
    with reading(chromium, result.output) as reader:
        dialogs: list[str] = []
        reader.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        assert len(reader.search("en/search/", "shanghai")) == 1
        title = reader.page.locator(".search-result__title a").inner_text()
        assert title == HOSTILE_TITLE
        assert reader.page.locator(".search-result img, .search-result script").count() == 0
        assert dialogs == []
