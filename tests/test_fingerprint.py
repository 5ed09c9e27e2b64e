"""What a page's key holds of a release's body (press_build.fingerprint.content_token), and
what describing a value leaves behind in the build's memory."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from press_build import fingerprint
from press_feeds.blocks import ContactLine
from press_feeds.feeds import FeedItem


def article(body: str) -> Article:
    """Return a Pelican article with this body, its get_content calls counted in `calls`."""
    settings = {**DEFAULT_CONFIG, "SITEURL": ""}
    context = {"generated_content": {}, "static_content": {}, "static_links": set()}
    made = Article(body, {"title": "T", "slug": "t"}, settings, "/c/t.md", context=context)
    made.calls = []
    real = made.get_content

    def counted(siteurl: str) -> str:
        made.calls.append(siteurl)
        return real(siteurl)

    made.get_content = counted
    return made


def token(release: Article, siteurl: str, frozen: dict) -> str:
    """Return the release's token as a page at `siteurl` digests it."""
    mark = fingerprint.PAGE_SITEURL.set(siteurl)
    try:
        return fingerprint.content_token(release, frozen)
    finally:
        fingerprint.PAGE_SITEURL.reset(mark)


def test_a_body_without_links_to_pages_is_digested_once_for_every_page() -> None:
    plain, frozen = (
        article('<p>Shuttles now run <a href="https://example.org/">hourly</a>.</p>'),
        {},
    )
    assert len({token(plain, url, frozen) for url in ("", "..", "../..", "../../..")}) == 1
    assert plain.calls == [""]


def test_a_body_with_a_pelican_link_is_digested_as_each_page_shows_it() -> None:
    linked, frozen = article('<p>See <a href="{filename}/releases/other.md">the other</a>.</p>'), {}
    for url in ("", "..", "../.."):
        token(linked, url, frozen)
    assert linked.calls == ["", "..", "../.."]
    again = article(linked._content)
    assert token(again, "..", {}) == token(linked, "..", frozen)  # the same body, the same key


def fresh(text: str) -> str:
    """Return a new string equal to text (a literal would be shared by every test)."""
    return "".join(list(text))


def test_describing_french_text_leaves_no_utf8_copy_in_the_strings_the_build_holds() -> None:
    # pickle's C code would keep a UTF-8 copy inside each non-ASCII string it writes, for
    # the string's whole life: a second copy of every body a feed item holds.
    body = fresh("<p>Le conseil a adopté le budget\u00a0: 12\u00a0millions d’euros.</p>" * 40)
    title, name = fresh("Budget adopté"), fresh("Émilie Durand")
    item = FeedItem(
        title=title,
        link="https://example.org/fr/budget/",
        guid="https://example.org/fr/budget/",
        published=datetime(2026, 3, 2, 9, tzinfo=UTC),
        lang="fr",
        content_parts=(fresh("<h2>Points clés</h2>"), body),
    )
    contact = ContactLine(name, "emilie@example.org")
    sizes = [sys.getsizeof(text) for text in (body, title, name)]
    first = fingerprint.digest([item, contact], frozen={})
    assert [sys.getsizeof(text) for text in (body, title, name)] == sizes
    # The text still counts, as it reads: one changed letter changes the digest.
    changed = FeedItem(**{**vars(item), "title": fresh("Budget adopte")})
    assert fingerprint.digest([changed, contact], frozen={}) != first
    assert fingerprint.digest([item, contact], frozen={}) == first
