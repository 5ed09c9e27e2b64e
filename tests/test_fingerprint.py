"""What a page's key holds of a release's body (press_build.fingerprint.content_token)."""

from __future__ import annotations

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from press_build import fingerprint


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
