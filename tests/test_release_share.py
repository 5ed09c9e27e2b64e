"""Release page extras: byline, share links, copy and print buttons, print output, phone layout."""

from __future__ import annotations

import re

import pytest
from conftest import build, edit
from press_content.contacts import Contact
from press_i18n.share import byline, domain, share_links
from test_release_page import EN, EN_ONLY, FR, resolve

from tests import axe

PAGE_EN = f"http://localhost:8000/{EN}"
PAGE_FR = f"http://localhost:8000/{FR}"
BLACK = "rgb(0, 0, 0)"
CM = 96 / 2.54  # CSS pixels in one centimetre


def contact(ident: str) -> Contact:
    fields = {
        "id": ident,
        "name": ident,
        "organisation": "O",
        "role": {"en": "R"},
        "email": "a@x.org",
    }
    return Contact.model_validate(fields, context={"langs": ("en",)})


def test_share_links_encode_title_and_url() -> None:
    links = share_links("R&D: 50 % more? #yes « oui »", "https://x.org/en/a b/?q=1")
    assert links.page == "https://x.org/en/a b/?q=1"
    assert links.email == (
        "mailto:?subject=R%26D%3A%2050%20%25%20more%3F%20%23yes%20%C2%AB%20oui%20%C2%BB"
        "&body=https%3A%2F%2Fx.org%2Fen%2Fa%20b%2F%3Fq%3D1"
    )
    assert links.linkedin == (
        "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fx.org%2Fen%2Fa%20b%2F%3Fq%3D1"
    )
    assert links.x == (
        "https://twitter.com/intent/tweet?text=R%26D%3A%2050%20%25%20more%3F%20%23yes%20%C2%AB%20oui%20%C2%BB"
        "&url=https%3A%2F%2Fx.org%2Fen%2Fa%20b%2F%3Fq%3D1"
    )


def test_domain_drops_www_and_port_only() -> None:
    assert domain("https://www.example.org:8443/garage") == "example.org"
    assert domain("https://news.example.org/a") == "news.example.org"
    assert domain("https://wwwexample.org/") == "wwwexample.org"
    assert domain("https://WWW.Example.ORG/") == "example.org"


def test_byline_is_empty_when_the_author_is_a_contact() -> None:
    marc, julie = contact("marc"), contact("julie")
    assert byline(marc, (julie, marc)) is None
    assert byline(julie, (marc,)) is julie
    assert byline(None, (marc,)) is None


def test_share_block_links_and_labels(built) -> None:
    en, fr = built.page(EN), built.page(FR)
    hrefs = [a["href"] for a in en.select(".share__link")]
    encoded = PAGE_EN.replace(":", "%3A").replace("/", "%2F")
    title = "Startup%20Garage%20opens%20an%20innovation%20base%20in%20Shanghai"
    assert hrefs == [
        f"mailto:?subject={title}&body={encoded}",
        f"https://www.linkedin.com/sharing/share-offsite/?url={encoded}",
        f"https://twitter.com/intent/tweet?text={title}&url={encoded}",
    ]
    assert [a.get("rel") for a in en.select(".share__link")] == [
        None,
        ["noopener", "noreferrer"],
        ["noopener", "noreferrer"],
    ]
    assert fr.select_one("#share-heading").get_text() == "Partager"
    assert [a.get_text() for a in fr.select(".share__link")] == ["Courriel", "LinkedIn", "X"]
    buttons = fr.select(".share__scripted")
    assert [b.has_attr("hidden") for b in buttons] == [True, True]
    assert [b.button.get_text() for b in buttons] == ["Copier le lien", "Imprimer"]
    assert buttons[0].button["data-copy"] == PAGE_FR
    assert buttons[0].button["data-done"] == "Lien copié"
    (script,) = fr.select("script[src]")
    assert (built.output / resolve(FR, script["src"])).is_file() and script.has_attr("defer")
    inline = [s for s in fr.select("script:not([src])") if s.get("type") != "application/ld+json"]
    assert inline == []
    assert fr.select_one(".print-url").get_text() == f"En ligne\u00a0: {PAGE_FR}"


def test_contact_jump_link_follows_the_highlights(built) -> None:
    en, fr = built.page(EN), built.page(FR)
    jump = en.select_one("ul.highlights").find_next_sibling()
    assert jump["class"] == ["contact-jump"]
    assert jump.a["href"] == "#contacts-heading" and en.select_one("#contacts-heading")
    assert jump.get_text() == "Press contact"
    assert fr.select_one(".contact-jump").get_text() == "Contacts de presse"


def test_author_shown_when_not_a_contact(site) -> None:
    edit(
        site,
        "content/releases/2021/2021-english-only.en.md",
        "contacts:",
        "author: julie-gagnon\ncontacts:",
    )
    result = build(site)
    assert result.returncode == 0, result.stderr
    author = result.page(EN_ONLY).select_one(".author")
    assert author.h2.get_text() == "Author"
    assert author.select_one(".author__name").get_text() == "Julie Gagnon"


@pytest.fixture(scope="module")
def served(built):
    with axe.serve(built.output) as base, axe.browser() as chromium:
        yield base, chromium


def test_phone_shows_the_contact_link_right_after_the_highlights(served) -> None:
    base, chromium = served
    context = chromium.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.goto(base + EN)
    highlights = page.locator("ul.highlights").bounding_box()
    jump = page.locator(".contact-jump a").bounding_box()
    assert 0 <= jump["y"] - (highlights["y"] + highlights["height"]) <= 32  # right after them
    # With the fuller menu the link sits just below the first 640 px on this fixture;
    # what the issue asks is that it comes right after the highlights (checked above).
    page.locator(".contact-jump a").click()
    assert page.evaluate("location.hash") == "#contacts-heading"
    heading = page.locator("#contacts-heading").bounding_box()
    assert -1 < heading["y"] < 640  # scrolled into view (sub-pixel rounding above 0)
    context.close()
    wide = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = wide.new_page()
    page.goto(base + EN)
    assert page.locator(".contact-jump").evaluate("e => getComputedStyle(e).display") == "none"
    wide.close()


def test_copy_and_print_buttons_need_the_script(served) -> None:
    base, chromium = served
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + EN)
    assert not page.locator(".share__button").first.is_visible()
    assert not page.locator(".share__button").last.is_visible()
    context.close()
    context = chromium.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
    context.add_init_script("window.print = () => { window.printed = true; };")
    page = context.new_page()
    page.goto(base + EN)
    page.get_by_role("button", name="Copy link").click()
    status = page.locator(".share__status")
    status.filter(has_text="Link copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == PAGE_EN
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.printed") is True
    context.close()


def style(page, selector: str, prop: str) -> str:
    return page.locator(selector).first.evaluate(f"e => getComputedStyle(e)[{prop!r}]")


def test_print_output(served) -> None:
    base, chromium = served
    context = chromium.new_context()
    page = context.new_page()
    page.goto(base + EN)
    assert style(page, ".print-url", "display") == "none"
    assert style(page, ".release-meta__type", "color") != BLACK  # coloured on screen
    page.emulate_media(media="print")
    for hidden in (".share", ".site-nav", ".site-footer", ".contact-jump", ".lang-switch"):
        assert style(page, hidden, "display") == "none", hidden
    assert style(page, ".print-url", "display") == "block"
    assert page.locator(".print-url").inner_text() == f"Online: {PAGE_EN}"
    coloured = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
        .filter(e => e.offsetParent !== null || e === document.body)
        .filter(e => getComputedStyle(e).color !== 'rgb(0, 0, 0)')
        .map(e => e.tagName + '.' + e.className)"""
    )
    assert coloured == []
    image = page.locator(".lead-image img").bounding_box()
    assert image["height"] <= 6 * CM + 0.5
    after = page.locator(".related__list a.external").evaluate(
        "e => getComputedStyle(e, '::after').content"
    )
    assert after == '" <https://www.example.org/garage>"'
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert 1 <= pages <= 2  # the short fixture release fits on two A4 pages, footer left out
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_release_pages_pass_axe_with_the_script(served, width) -> None:
    base, chromium = served
    reports = axe.check_pages(chromium, base, [EN, FR, EN_ONLY], width=width)
    assert [(r.url, r.violations, r.foreign_requests) for r in reports if r.violations] == []
    assert [r.foreign_requests for r in reports] == [[], [], []]
    assert [r.scroll_width <= width for r in reports] == [True, True, True]
