"""Which release bodies a page shows (press_build.pages): what lets a body edit keep the rest."""

from __future__ import annotations

import importlib
import sys

import jinja2
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from press_build import pages

ENV = jinja2.Environment(autoescape=True)


def article(body: str, source: str, **metadata: str) -> Article:
    """Return a Pelican article with this body, read from `source`."""
    settings = {**DEFAULT_CONFIG, "SITEURL": ""}
    context = {"generated_content": {}, "static_content": {}, "static_links": set()}
    return Article(body, {"title": "T", "slug": source, **metadata}, settings, source, context)


def shown(module, text: str, **values) -> tuple[bytes, frozenset[str]]:
    """Render a template as a page of `module`; return its bytes and the bodies it showed."""
    return module.Page("p.html", ENV.from_string(text), values, {}, None).render()


def test_a_page_notes_the_bodies_it_shows_and_no_other() -> None:
    pages.watch_bodies()
    one, two = article("<p>One</p>", "/c/one.md"), article("<p>Two</p>", "/c/two.md")
    data, seen = shown(pages, "{{ a.title }}{{ a.content|safe }} {{ b.title }}", a=one, b=two)
    assert data == b"T<p>One</p> T" and seen == {"/c/one.md"}
    # Memoized by Pelican: the second page asking for the same body notes it too.
    assert shown(pages, "{{ a.content|safe }}", a=one)[1] == {"/c/one.md"}
    # A summary may be cut from the body: asking for it counts as showing the body.
    assert shown(pages, "{{ b.summary|safe }}", b=two)[1] == {"/c/two.md"}
    assert shown(pages, "{{ b.summary|safe }}", b=two)[1] == {"/c/two.md"}
    assert shown(pages, "{{ a.title }}", a=one)[1] == frozenset()
    assert one.get_content("") == "<p>One</p>"  # outside a page: nothing is noted, nothing breaks


def test_the_live_preview_s_fresh_import_of_the_module_still_sees_what_pages_show() -> None:
    """The live preview imports plugin code again after an edit; Content stays watched once."""
    pages.watch_bodies()
    try:
        del sys.modules["press_build.pages"]
        again = importlib.import_module("press_build.pages")
    finally:
        sys.modules["press_build.pages"] = pages
    assert again is not pages
    again.watch_bodies()
    release = article("<p>Body</p>", "/c/body.md")
    assert shown(again, "{{ r.content|safe }}", r=release)[1] == {"/c/body.md"}
    assert shown(pages, "{{ r.content|safe }}", r=release)[1] == {"/c/body.md"}
