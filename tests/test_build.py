"""Functional tests of the content pipeline: build the fixture site, read the pages."""

from __future__ import annotations

from conftest import Build

EN = "en/releases/2021/05/startup-garage-opens-an-innovation-base-in-shanghai/"
FR = "fr/communiques/2021/05/le-startup-garage-ouvre-une-base-d-innovation-a-shanghai/"
EN_ONLY = "en/releases/2021/03/technology-office-opens-in-tel-aviv/"
FR_ONLY = "fr/communiques/2021/04/journee-portes-ouvertes-a-montreal/"
MEMO_EN = "en/releases/2020/10/memorandum-signed-on-digital-cooperation/"


def hrefs(build: Build, url: str) -> set[str]:
    """Return every link target of a page, resolved against the page URL."""
    from posixpath import normpath

    targets = set()
    for a in build.page(url).find_all(["a", "link"], href=True):
        href = a["href"].split("#")[0]
        if href.startswith(("http:", "https:", "mailto:", "tel:")) or not href:
            continue
        targets.add(normpath("/" + url + href).lstrip("/") + ("/" if href.endswith("/") else ""))
    return targets


def test_both_language_versions_exist_at_their_urls(built: Build) -> None:
    assert built.page(EN).find("html")["lang"] == "en"
    assert built.page(FR).find("html")["lang"] == "fr"
    assert (
        built.page(EN).find("h1").get_text(strip=True)
        == "Startup Garage opens an innovation base in Shanghai"
    )


def test_each_version_links_the_other(built: Build) -> None:
    assert FR in hrefs(built, EN)
    assert EN in hrefs(built, FR)
    assert built.page(EN).find("a", hreflang="fr") is not None
    assert built.page(FR).find("a", hreflang="en") is not None


def test_single_language_releases_are_built_and_not_hidden(built: Build) -> None:
    assert built.page(EN_ONLY).find("html")["lang"] == "en"
    assert built.page(FR_ONLY).find("html")["lang"] == "fr"


def test_contacts_appear_with_their_details(built: Build) -> None:
    page = built.page(FR)
    text = page.get_text(" ", strip=True)
    assert "Julie Gagnon" in text and "Marc Belcourt" in text
    assert page.find("a", href="mailto:julie.gagnon@example.com") is not None
    tel = [a["href"] for a in page.find_all("a", href=True) if a["href"].startswith("tel:")]
    assert any("".join(filter(str.isdigit, href)) == "19054285078" for href in tel), tel


def test_related_links_resolve_internal_and_keep_external(built: Build) -> None:
    assert MEMO_EN in hrefs(built, EN)
    assert built.page(EN).find("a", href="https://www.example.org/garage") is not None
    # The French version's related release exists only in English: linked, marked as English.
    link = next(a for a in built.page(FR).find_all("a", href=True) if a["href"].endswith(MEMO_EN))
    assert link.get("hreflang") == "en"


def test_english_only_release_links_french_only_one_across_languages(built: Build) -> None:
    assert FR_ONLY in hrefs(built, EN_ONLY)


def test_dateline_opens_the_body(built: Build) -> None:
    first = built.page(EN).find("span", class_="dateline")
    assert first.get_text() == "Shanghai/Munich."


def test_french_text_gets_french_spacing(built: Build) -> None:
    html = (built.output / FR / "index.html").read_text(encoding="utf-8")
    assert "hier\u00a0: «\u00a0une étape importante\u00a0»" in html.replace("&nbsp;", "\u00a0")
