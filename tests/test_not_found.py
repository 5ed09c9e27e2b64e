"""Pages for missing addresses: one per language, a bilingual root one, served by ./dev serve."""

from __future__ import annotations

import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from conftest import Build

import tasks


def test_each_language_has_its_404_page_linked_from_the_site_root(built: Build) -> None:
    page = built.page("fr/404.html")
    assert page.html["lang"] == "fr"
    assert page.title.get_text() == "Page introuvable | PressClub"
    assert page.h1.get_text() == "Page introuvable"
    assert [(a.get_text(), a["href"]) for a in page.select("main .not-found__links a")] == [
        ("Aller à l’accueil de la salle de presse", "/fr/"),
        ("Archives", "/fr/archives/"),
        ("Sujets", "/fr/sujets/"),
    ]
    sheet = page.select_one('link[rel="stylesheet"]')["href"]
    assert re.fullmatch(r"/theme/css/press\.[0-9a-f]{8}\.css", sheet)  # fingerprinted
    assert [a["href"] for a in page.select("nav.lang-switch a")] == ["/en/"]


@pytest.mark.parametrize("url", ["404.html", "en/404.html", "fr/404.html"])
def test_404_pages_are_never_indexed_and_name_no_versions(built: Build, url: str) -> None:
    page = built.page(url)
    assert [m["content"] for m in page.select('meta[name="robots"]')] == ["noindex"]
    assert page.select("link[hreflang]") == []
    assert page.select('link[rel="canonical"]') == []
    sitemap = (built.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "404" not in sitemap


def test_root_404_speaks_every_language(built: Build) -> None:
    page = built.page("404.html")
    assert page.title.get_text() == "Page not found / Page introuvable | PressClub"
    parts = page.select("main section.chooser-language")
    assert [(p["lang"], p.h2.get_text(), p.a.get_text(), p.a["href"]) for p in parts] == [
        ("en", "Page not found", "Go to the newsroom home", "/en/"),
        ("fr", "Page introuvable", "Aller à l’accueil de la salle de presse", "/fr/"),
    ]
    assert page.select("header.site-header, footer.site-footer") == []


@pytest.fixture
def server(built: Build) -> Iterator[str]:
    """Serve the built fixture with the ./dev serve handler on a free port."""
    httpd = tasks.open_server(built.output, 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fetch_missing(url: str) -> tuple[int, BeautifulSoup]:
    """Request an address that must be missing; return its status and parsed page."""
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(url, timeout=10)
    return caught.value.code, BeautifulSoup(caught.value.read(), "html.parser")


def test_dev_server_answers_missing_addresses_with_the_right_404(server: str) -> None:
    status, page = fetch_missing(f"{server}/fr/communiques/nulle-part/")
    assert (status, page.h1.get_text()) == (404, "Page introuvable")
    status, page = fetch_missing(f"{server}/nowhere/at/all")
    assert status == 404
    assert [h.get_text() for h in page.select("main h2")] == ["Page not found", "Page introuvable"]
    status, page = fetch_missing(f"{server}/../etc/passwd")
    assert status == 404 and page.select("main section.chooser-language")
