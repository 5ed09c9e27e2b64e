"""Issue 25 in a real Chromium at 1280 and 360 px: even home cards, a one-row phone header,
a search that lives in the address, a language switch that keeps it, no layout shift.

Pages are the fixture site's (tests/site) and the sample newsroom's (content/), built
with the ordinary command. Nothing is skipped: a missing browser fails with its fix.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import tasks
from tests import axe
from tests.conftest import ROOT, Build

pytestmark = pytest.mark.browser

WIDTHS = (1280, 360)
WAIT_MS = 60000  # bounds a broken page on a busy machine; never slept
GARAGE_FR = "/fr/communiques/2021/05/le-startup-garage-ouvre-une-base-d-innovation-a-shanghai/"
OPEN_HOUSE_FR = "/fr/communiques/2021/04/journee-portes-ouvertes-a-montreal/"
# The results once the search has settled: the status names a count that the list shows.
SETTLED = """before => {
  const shown = document.getElementById("search-status"), form = document.getElementById("search");
  if (!shown || !form) return null;  // not the search page yet: the header's form still navigating
  const status = shown.textContent.trim(), busy = form.dataset.busy;
  if (!status || status === busy || status === before) return null;
  const links = [...document.querySelectorAll(".search-result__title a")].map(a => a.pathname);
  const count = parseInt(status, 10) || 0;
  return links.length === Math.min(count, 10) ? {status, links} : null;
}"""
# Sum of the layout shifts the browser reports (Layout Instability API), from the start.
CLS_OBSERVER = """window.__shifts = [];
new PerformanceObserver(list => list.getEntries().forEach(entry => {
  if (!entry.hadRecentInput) window.__shifts.push(entry.value);
})).observe({type: "layout-shift", buffered: true});"""
# Where the text of an element wraps: the character that starts each new line.
LINE_STARTS = """element => {
  const text = element.textContent, range = document.createRange(), starts = [];
  let top = null, index = 0;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++, index++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      if (top !== null && rect.top > top + 2) starts.push(text[index]);
      top = rect.top;
    }
  }
  return starts;
}"""


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """One Chromium for the module (Debian's, through Playwright)."""
    with axe.browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample newsroom (content/), built once with the ordinary command."""
    output = tmp_path_factory.mktemp("readers") / "output"
    command = tasks.pelican_command("pelicanconf.py", str(output))
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PRESS_NOW": "2026-12-01T00:00:00+00:00"})  # fmt: skip
    assert done.returncode == 0, done.stderr
    return output


@pytest.fixture
def tab(chromium: object, request: pytest.FixtureRequest) -> Iterator[object]:
    """A new tab of the width the test is parametrized with, counting layout shifts."""
    context = chromium.new_context(viewport={"width": request.param, "height": 800})
    context.add_init_script(script=CLS_OBSERVER)
    try:
        yield context.new_page()
    finally:
        context.close()


def results(page: object, before: str = "") -> dict:
    """Return the search status and result paths once settled (and not `before`)."""
    return page.wait_for_function(SETTLED, arg=before, timeout=WAIT_MS).json_value()


def open_options(page: object) -> None:
    """On a phone, unfold the filters and sort (they show in place from 48rem up)."""
    button = page.locator(".search__options-button")
    if button.is_visible():
        button.click()


def layout_shift(page: object) -> float:
    """Return the page's cumulative layout shift so far, after two frames."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return page.evaluate("window.__shifts.reduce((a, b) => a + b, 0)")


# --- Home ---------------------------------------------------------------------------------


@pytest.mark.parametrize("tab", WIDTHS, indirect=True)
@pytest.mark.parametrize("home", ["en/", "fr/"])
def test_every_card_has_a_picture_and_a_summary_and_cards_are_even(
    tab: object, sample: Path, home: str
) -> None:
    with axe.serve(sample) as base:
        tab.goto(base + home)
        cards = tab.evaluate("""() => [...document.querySelectorAll(".release-grid .card")].map(card => {
          const box = card.getBoundingClientRect(), picture = card.querySelector(".card__picture");
          const img = picture.querySelector("img"), tile = picture.querySelector(".card__tile");
          return {top: Math.round(box.top), height: Math.round(box.height),
                  picture: Math.round(picture.getBoundingClientRect().height),
                  drawn: Boolean(img || (tile && tile.getBoundingClientRect().height > 0)),
                  img: img ? {srcset: img.getAttribute("srcset"), sizes: img.getAttribute("sizes")} : null,
                  summary: card.querySelector(".card__summary").innerText.trim()};
        })""")
        assert len(cards) >= 6
        assert all(card["drawn"] and card["summary"] for card in cards), cards
        assert len({card["picture"] for card in cards}) == 1, cards  # one picture height
        rows: dict[int, set[int]] = {}
        for card in cards:
            rows.setdefault(card["top"], set()).add(card["height"])
        assert all(len(heights) == 1 for heights in rows.values()), rows
        assert len(rows) == (2 if tab.viewport_size["width"] == 1280 else len(cards))
        for card in (c for c in cards if c["img"]):
            assert "480w" in card["img"]["srcset"] and card["img"]["sizes"], card
        # The picture drawn is a sized version, never the original.
        tab.mouse.wheel(0, 5000)
        tab.wait_for_function(
            "[...document.querySelectorAll('.card__image')].every(i => i.complete && i.currentSrc)"
        )
        sources = tab.eval_on_selector_all(".card__image", "l => l.map(i => i.currentSrc)")
        assert sources and all(src.endswith(("-480w.webp", "-800w.webp")) for src in sources)
        assert layout_shift(tab) == 0


# --- Header -------------------------------------------------------------------------------

PAGES = ["fr/", "fr/communiques/2021/05/startup-garage-chine-alibaba-cloud/", "fr/recherche/"]


@pytest.mark.parametrize("tab", [360], indirect=True)
@pytest.mark.parametrize("path", PAGES)
def test_on_a_phone_the_header_is_one_row_and_a_menu_button(
    tab: object, sample: Path, path: str
) -> None:
    with axe.serve(sample) as base:
        tab.goto(base + path)
        header = tab.locator(".site-header").bounding_box()
        assert header["height"] <= 80, header
        tops = [tab.locator(s).bounding_box() for s in (".brand", ".lang-switch", ".menu__button")]
        assert max(b["y"] + b["height"] for b in tops) <= header["y"] + header["height"]
        assert all(b["y"] < 40 for b in tops), tops
        assert not tab.locator(".site-nav").is_visible()
        # A disclosure: the keyboard opens it, a screen reader hears its state.
        button = tab.locator("summary.menu__button")
        assert button.inner_text().strip() == "Menu"
        button.focus()
        tab.keyboard.press("Enter")
        assert tab.locator(".site-nav").is_visible()
        assert tab.locator(".menu").evaluate("d => d.open")
        field = tab.locator("#site-search-q")
        text_width = field.evaluate("""f => {
          const c = document.createElement("canvas").getContext("2d");
          c.font = getComputedStyle(f).font;
          return c.measureText(f.placeholder).width;
        }""")
        assert text_width < field.evaluate("f => f.clientWidth - 16"), "placeholder is cut"
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("tab", [1280], indirect=True)
def test_on_a_wide_screen_the_menu_shows_without_a_button(tab: object, sample: Path) -> None:
    with axe.serve(sample) as base:
        tab.goto(base + "fr/")
        assert not tab.locator(".menu__button").is_visible()
        assert tab.locator(".site-nav").is_visible() and tab.locator("#site-search-q").is_visible()
        assert tab.locator(".site-header").bounding_box()["height"] <= 140


@pytest.mark.parametrize("tab", WIDTHS, indirect=True)
def test_contact_addresses_wrap_only_before_at_or_a_dot(tab: object, sample: Path) -> None:
    with axe.serve(sample) as base:
        tab.goto(base + "fr/contacts/")
        for link in tab.locator(".contact-card a.u-email").all():
            assert set(link.evaluate(LINE_STARTS)) <= {"@", "."}
            # Aligned with the phone numbers above it.
            email_x = link.bounding_box()["x"]
            card = link.locator("xpath=ancestor::div[contains(@class,'contact-card')]")
            phone = card.locator("a.p-tel").first
            if phone.count():
                assert abs(phone.bounding_box()["x"] - email_x) < 1


# --- Search -------------------------------------------------------------------------------


@pytest.mark.parametrize("tab", WIDTHS, indirect=True)
def test_a_search_lives_in_the_address_and_the_back_button(tab: object, built: Build) -> None:
    with axe.serve(built.output) as base:
        tab.goto(base + "fr/recherche/")
        tab.locator("#search-q").fill("electrique")
        tab.locator("#search-q").press("Enter")
        first = results(tab)
        assert first["links"] == [OPEN_HOUSE_FR, GARAGE_FR]
        assert tab.url.endswith("/fr/recherche/?q=electrique")
        open_options(tab)
        # By keyboard: a filter box, then the sort.
        tab.get_by_label("Communiqué de presse").focus()
        tab.keyboard.press("Space")
        assert results(tab, first["status"])["links"] == [GARAGE_FR]
        assert tab.url.endswith("?q=electrique&type=Communiqu%C3%A9+de+presse")
        tab.get_by_label("Communiqué de presse").uncheck()
        tab.get_by_label("Plus récents d’abord").check()
        tab.wait_for_url("**/fr/recherche/?q=electrique&sort=date")
        assert results(tab)["links"] == [GARAGE_FR, OPEN_HOUSE_FR]
        shared = tab.url
        # Back: the search before the sort, then the one with the filter.
        tab.go_back()
        tab.wait_for_url("**/fr/recherche/?q=electrique")
        assert tab.get_by_label("Pertinence").is_checked()
        assert results(tab)["links"] == [OPEN_HOUSE_FR, GARAGE_FR]
        tab.go_back()
        tab.wait_for_url("**?q=electrique&type=Communiqu%C3%A9+de+presse")
        assert tab.get_by_label("Communiqué de presse").is_checked()
        assert results(tab)["links"] == [GARAGE_FR]
        # The shared address opens the same search, the header's box shows its words.
        tab.goto(shared)
        assert results(tab)["links"] == [GARAGE_FR, OPEN_HOUSE_FR]
        assert tab.locator("#search-q").input_value() == "electrique"
        assert tab.locator("#site-search-q").input_value() == "electrique"
        assert tab.get_by_label("Plus récents d’abord").is_checked()
        assert layout_shift(tab) == 0


@pytest.mark.parametrize("tab", WIDTHS, indirect=True)
def test_the_language_switch_keeps_the_words_years_and_sort(tab: object, built: Build) -> None:
    with axe.serve(built.output) as base:
        tab.goto(base + "fr/recherche/?q=shanghai&year=2021&type=Invitation&sort=date")
        results(tab)
        switch = tab.locator(".lang-switch a")
        assert switch.evaluate("a => a.pathname + a.search") == (
            "/en/search/?q=shanghai&year=2021&sort=date"
        )
        switch.click()
        tab.wait_for_url("**/en/search/?q=shanghai&year=2021&sort=date")
        assert results(tab)["links"] == [
            "/en/releases/2021/05/startup-garage-opens-an-innovation-base-in-shanghai/"
        ]
        assert tab.locator("#site-search-q").input_value() == "shanghai"
        open_options(tab)
        assert tab.get_by_label("2021").is_checked()


@pytest.mark.parametrize("tab", WIDTHS, indirect=True)
def test_the_header_field_opens_the_search_with_its_words(tab: object, built: Build) -> None:
    with axe.serve(built.output) as base:
        tab.goto(base + "fr/")
        if tab.locator(".menu__button").is_visible():
            tab.locator(".menu__button").click()
        tab.locator("#site-search-q").fill("electrique")
        tab.locator("#site-search-q").press("Enter")
        assert results(tab)["links"] == [OPEN_HOUSE_FR, GARAGE_FR]
        assert tab.locator("#site-search-q").input_value() == "electrique"
        assert layout_shift(tab) == 0


@pytest.mark.parametrize("tab", WIDTHS, indirect=True)
def test_search_with_results_and_filters_has_no_wcag_violation(tab: object, built: Build) -> None:
    with axe.serve(built.output) as base:
        tab.goto(base + "fr/recherche/?q=electrique&topic=%C3%89v%C3%A9nements")
        assert results(tab)["links"] == [OPEN_HOUSE_FR]
        open_options(tab)
        assert tab.get_by_label("Événements").is_checked()
        tab.add_script_tag(content=axe.AXE.read_text(encoding="utf-8"))
        assert tab.evaluate(axe.RUN_AXE, axe.WCAG_TAGS) == []
        assert layout_shift(tab) == 0


@pytest.mark.parametrize("tab", WIDTHS, indirect=True)
def test_the_root_404_keeps_its_logo_off_the_top_edge(tab: object, sample: Path) -> None:
    with axe.serve(sample) as base:
        tab.goto(base + "404.html")
        assert tab.locator(".chooser-brand img").bounding_box()["y"] >= 16


@pytest.mark.parametrize("tab", [1280], indirect=True)
def test_the_layout_shift_measure_sees_a_shift(tab: object, sample: Path) -> None:
    """The check above can fail: a block pushed in above the content is measured."""
    with axe.serve(sample) as base:
        tab.goto(base + "fr/")
        tab.evaluate("""() => { const block = document.createElement("div");
          block.style.height = "300px"; document.body.prepend(block); }""")
        assert layout_shift(tab) > 0.1
