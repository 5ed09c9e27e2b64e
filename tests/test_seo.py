"""press_seo: sitemaps, Google News sitemap, robots.txt, canonical, Open Graph, JSON-LD."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import AFTER_EMBARGO, Build, build, copy_site
from lxml import etree
from press_core.urls import page_url
from press_seo import meta
from press_seo.sitemaps import (
    NEWS_NS,
    SITEMAP_NS,
    XHTML_NS,
    NewsItem,
    Page,
    hreflang_groups,
    news_sitemap_xml,
    recent,
    robots_txt,
    sitemap_xml,
)

SITE = "https://press.example.com"
GARAGE_EN = "en/releases/2021/05/startup-garage-opens-an-innovation-base-in-shanghai/"
GARAGE_FR = "fr/communiques/2021/05/le-startup-garage-ouvre-une-base-d-innovation-a-shanghai/"
EMBARGOED_EN = "en/releases/2021/06/embargoed-launch-of-the-quillotron/"
EMBARGOED_FR = "fr/communiques/2021/06/lancement-sous-embargo-du-quillotron/"
ENGLISH_ONLY = "en/releases/2021/03/technology-office-opens-in-tel-aviv/"
NS = {"s": SITEMAP_NS, "x": XHTML_NS, "n": NEWS_NS}


def at(text: str) -> datetime:
    """Parse an ISO 8601 moment."""
    return datetime.fromisoformat(text)


# --- pure functions -------------------------------------------------------------


def test_page_url_drops_index_html() -> None:
    assert page_url("en/releases/2021/05/x/index.html") == "en/releases/2021/05/x/"
    assert page_url("index.html") == ""
    assert page_url("en/feeds/releases.xml") == "en/feeds/releases.xml"


def test_hreflang_keeps_only_reciprocal_alternates_and_adds_x_default() -> None:
    pages = [
        Page("", "en", (("fr", "fr/"),)),
        Page("en/", "en", (("fr", "fr/"),)),
        Page("fr/", "fr", (("en", "en/"),)),
        Page("en/r/a/", "en", (("fr", "fr/c/a/"),)),
        Page("fr/c/a/", "fr", (("en", "en/r/a/"),)),
        # A tag page whose switcher falls back to the other home: not a translation.
        Page("en/tags/china/", "en", (("fr", "fr/"),)),
        # An alternate that was never written.
        Page("en/topics/x/", "en", (("fr", "fr/sujets/x/"),)),
    ]
    groups = hreflang_groups(pages, "en", ["en", "fr"])
    pair = (("en", "en/r/a/"), ("fr", "fr/c/a/"), ("x-default", ""))
    homes = (("en", "en/"), ("fr", "fr/"), ("x-default", ""))
    assert groups == {"en/r/a/": pair, "fr/c/a/": pair, "en/": homes, "fr/": homes, "": homes}


def test_hreflang_x_default_is_the_default_language_without_a_chooser() -> None:
    pages = [Page("en/a/", "en", (("fr", "fr/a/"),)), Page("fr/a/", "fr", (("en", "en/a/"),))]
    assert hreflang_groups(pages, "en", ["en", "fr"])["fr/a/"][-1] == ("x-default", "en/a/")


def test_sitemap_xml_is_namespaced_sorted_and_absolute() -> None:
    modified = at("2021-05-22T10:00:00+02:00")
    pages = [
        Page("fr/c/a/", "fr", (("en", "en/r/a/"),)),
        Page("en/r/a/", "en", (("fr", "fr/c/a/"),), modified),
    ]
    root = etree.fromstring(sitemap_xml(pages, SITE, "en", ["en", "fr"]))
    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    assert root.xpath("s:url/s:loc/text()", namespaces=NS) == [f"{SITE}/en/r/a/", f"{SITE}/fr/c/a/"]
    assert root.xpath("s:url[1]/s:lastmod/text()", namespaces=NS) == ["2021-05-22T10:00:00+02:00"]
    links = root.xpath("s:url[2]/x:link", namespaces=NS)
    assert [(x.get("rel"), x.get("hreflang"), x.get("href")) for x in links] == [
        ("alternate", "en", f"{SITE}/en/r/a/"),
        ("alternate", "fr", f"{SITE}/fr/c/a/"),
        ("alternate", "x-default", f"{SITE}/en/r/a/"),
    ]


def test_sitemap_made_in_chunks_is_byte_for_byte_the_whole_tree() -> None:
    modified = at("2021-05-22T10:00:00+02:00")
    pages = [Page("", None), Page("en/", "en", (("fr", "fr/"),), modified)]
    pages += [Page(f"en/r/{n}/", "en", (("fr", f"fr/c/{n}/"),)) for n in range(4)]
    pages += [Page(f"fr/c/{n}/", "fr", (("en", f"en/r/{n}/"),), modified) for n in range(4)]
    whole = sitemap_xml(pages, SITE, "en", ["en", "fr"], chunk=len(pages))
    for chunk in (1, 2, 3):
        assert sitemap_xml(pages, SITE, "en", ["en", "fr"], chunk=chunk) == whole
    assert sitemap_xml([], SITE, "en", ["en"], chunk=1).endswith(b"/>\n")  # an empty urlset


def test_news_window_is_the_two_days_before_now() -> None:
    now = at("2021-05-23T09:00:00+02:00")
    items = [
        NewsItem("a/", "en", "Exactly two days", now - timedelta(days=2)),
        NewsItem("b/", "en", "Older", now - timedelta(days=2, seconds=1)),
        NewsItem("c/", "fr", "Now", now),
        NewsItem("d/", "en", "Future", now + timedelta(seconds=1)),
        NewsItem("e/", "en", "Same moment, other offset", at("2021-05-23T03:00:00-04:00")),
    ]
    assert [item.url for item in recent(items, now)] == ["c/", "e/", "a/"]


def test_news_sitemap_xml() -> None:
    item = NewsItem("en/r/a/", "en", "Title & <more>", at("2021-05-21T09:00:00+02:00"))
    root = etree.fromstring(news_sitemap_xml([item], SITE, "PressClub"))
    news = root.find("s:url/n:news", NS)
    assert root.findtext("s:url/s:loc", namespaces=NS) == f"{SITE}/en/r/a/"
    assert news.findtext("n:publication/n:name", namespaces=NS) == "PressClub"
    assert news.findtext("n:publication/n:language", namespaces=NS) == "en"
    assert news.findtext("n:publication_date", namespaces=NS) == "2021-05-21T09:00:00+02:00"
    assert news.findtext("n:title", namespaces=NS) == "Title & <more>"


def test_robots_txt() -> None:
    assert robots_txt(SITE, ["sitemap.xml", "news-sitemap.xml"], preview=False) == (
        b"User-agent: *\nAllow: /\n\n"
        b"Sitemap: https://press.example.com/sitemap.xml\n"
        b"Sitemap: https://press.example.com/news-sitemap.xml\n"
    )
    assert b"Disallow: /\n" in robots_txt(SITE, ["sitemap.xml"], preview=True)
    assert b"Sitemap" not in robots_txt(SITE, ["sitemap.xml"], preview=True)


@pytest.mark.parametrize(
    "text",
    [
        "</script><script>alert(1)</script>",
        "<!-- <script>",
        "a & b",
        "line\u2028separator",
        '"quoted"',
    ],
)
def test_script_json_cannot_end_the_script_element(text: str) -> None:
    encoded = meta.script_json({"headline": text})
    assert (
        "<" not in encoded and ">" not in encoded and "&" not in encoded and "\u2028" not in encoded
    )
    assert json.loads(str(encoded)) == {"headline": text}


# --- the published build ---------------------------------------------------------


@pytest.fixture(scope="module")
def site_built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture site built with publishconf.py, two days after the garage release."""
    result = build(
        copy_site(tmp_path_factory.mktemp("seo")),
        now="2021-05-22T12:00:00+02:00",
        conf="publishconf.py",
    )
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def after_embargo(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture site built with publishconf.py after every embargo."""
    result = build(
        copy_site(tmp_path_factory.mktemp("seo-after")), now=AFTER_EMBARGO, conf="publishconf.py"
    )
    assert result.returncode == 0, result.stderr
    return result


def html_pages(result: Build) -> list[str]:
    """Return the site-relative URL of every HTML page of a build."""
    return sorted(
        page_url(p.relative_to(result.output).as_posix())
        for p in result.files()
        if p.name == "index.html"
    )


def sitemap(result: Build, name: str = "sitemap.xml") -> etree._Element:
    """Parse a sitemap of a build."""
    return etree.fromstring((result.output / name).read_bytes())


def head(result: Build, url: str) -> dict[str, list[str]]:
    """Return the meta properties/names of a page's head, each with its contents."""
    found: dict[str, list[str]] = {}
    for tag in result.page(url).head.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key:
            found.setdefault(key, []).append(tag.get("content"))
    return found


def json_ld(result: Build, url: str) -> dict:
    """Return the JSON-LD object of a page."""
    scripts = result.page(url).find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_robots_txt_points_to_both_sitemaps(after_embargo: Build) -> None:
    assert (after_embargo.output / "robots.txt").read_text() == (
        "User-agent: *\nAllow: /\n\nSitemap: https://press.example.com/sitemap.xml\n"
        "Sitemap: https://press.example.com/news-sitemap.xml\n"
    )


def test_sitemap_lists_every_page_once(after_embargo: Build) -> None:
    locs = sitemap(after_embargo).xpath("s:url/s:loc/text()", namespaces=NS)
    assert locs == [f"{SITE}/{url}" for url in html_pages(after_embargo)]
    assert {f"{SITE}/{GARAGE_EN}", f"{SITE}/{EMBARGOED_FR}", f"{SITE}/en/", f"{SITE}/"} <= set(locs)


def test_sitemap_alternates_of_a_release_pair(after_embargo: Build) -> None:
    root = sitemap(after_embargo)
    expected = [
        ("en", f"{SITE}/{GARAGE_EN}"),
        ("fr", f"{SITE}/{GARAGE_FR}"),
        ("x-default", f"{SITE}/"),
    ]
    for url in (GARAGE_EN, GARAGE_FR):
        links = root.xpath(f"s:url[s:loc='{SITE}/{url}']/x:link", namespaces=NS)
        assert [(x.get("hreflang"), x.get("href")) for x in links] == expected
    lastmod = root.xpath(f"s:url[s:loc='{SITE}/{GARAGE_EN}']/s:lastmod/text()", namespaces=NS)
    assert lastmod == ["2021-05-22T10:00:00+02:00"]


def test_sitemap_single_language_release_has_no_alternates(after_embargo: Build) -> None:
    links = sitemap(after_embargo).xpath(
        f"s:url[s:loc='{SITE}/{ENGLISH_ONLY}']/x:link", namespaces=NS
    )
    assert links == []


def test_sitemap_alternates_are_reciprocal_and_written(after_embargo: Build) -> None:
    root = sitemap(after_embargo)
    locs = set(root.xpath("s:url/s:loc/text()", namespaces=NS))
    for entry in root.xpath("s:url", namespaces=NS):
        loc = entry.findtext("s:loc", namespaces=NS)
        links = {x.get("hreflang"): x.get("href") for x in entry.findall("x:link", NS)}
        for lang, href in links.items():
            assert href in locs, f"{loc} names {href}, which is not a page"
            if lang != "x-default" and href != loc:
                other = root.xpath(f"s:url[s:loc='{href}']/x:link", namespaces=NS)
                assert loc in {x.get("href") for x in other}, f"{href} does not name {loc} back"


def test_news_sitemap_has_the_releases_of_the_last_two_days(site_built: Build) -> None:
    root = sitemap(site_built, "news-sitemap.xml")
    entries = [
        (e.findtext("s:loc", namespaces=NS), e.findtext("n:news/n:publication/n:language", namespaces=NS),
         e.findtext("n:news/n:publication_date", namespaces=NS), e.findtext("n:news/n:title", namespaces=NS))
        for e in root.findall("s:url", NS)
    ]  # fmt: skip
    assert entries == [
        (
            f"{SITE}/{GARAGE_EN}",
            "en",
            "2021-05-21T09:00:00+02:00",
            "Startup Garage opens an innovation base in Shanghai",
        ),
        (
            f"{SITE}/{GARAGE_FR}",
            "fr",
            "2021-05-21T09:00:00+02:00",
            "Le Startup Garage ouvre une base d'innovation à Shanghai",
        ),
    ]
    assert root.findtext("s:url/n:news/n:publication/n:name", namespaces=NS) == "PressClub"


def test_news_sitemap_after_the_embargo(tmp_path: Path) -> None:
    result = build(copy_site(tmp_path), now="2021-06-02T09:00:00-04:00", conf="publishconf.py")
    assert result.returncode == 0, result.stderr
    locs = sitemap(result, "news-sitemap.xml").xpath("s:url/s:loc/text()", namespaces=NS)
    assert locs == [f"{SITE}/{EMBARGOED_EN}", f"{SITE}/{EMBARGOED_FR}"]


def share_image(built: Build, url: str = GARAGE_EN) -> str:
    """Return the absolute URL of a page's lead image 1200x630 crop (press_media).

    Each language version has its own copy (its credits inside), beside its original.
    """
    original = built.page(url).select(".lead-image__download a")[-1]["href"]
    crop = (built.output / original.removeprefix(SITE + "/")).with_name("base-og.jpg")
    assert crop.is_file()
    return f"{SITE}/{crop.relative_to(built.output).as_posix()}"


def test_release_head_canonical_open_graph_twitter(after_embargo: Build) -> None:
    page = after_embargo.page(GARAGE_EN)
    assert [link["href"] for link in page.find_all("link", rel="canonical")] == [
        f"{SITE}/{GARAGE_EN}"
    ]
    tags = head(after_embargo, GARAGE_EN)
    image = share_image(after_embargo)
    expected = {
        "og:site_name": ["PressClub"], "og:type": ["article"],
        "og:title": ["Startup Garage opens an innovation base in Shanghai"],
        "og:description": ["A joint base for young technology companies opens in Shanghai."],
        "og:url": [f"{SITE}/{GARAGE_EN}"], "og:locale": ["en_CA"], "og:locale:alternate": ["fr_CA"],
        "og:image": [image], "og:image:alt": ["The entrance of the innovation base"],
        "article:published_time": ["2021-05-21T09:00:00+02:00"],
        "article:modified_time": ["2021-05-22T10:00:00+02:00"],
        "article:section": ["Innovation"], "article:tag": ["startups", "china"],
        "twitter:card": ["summary_large_image"],
        "twitter:title": ["Startup Garage opens an innovation base in Shanghai"],
        "twitter:description": ["A joint base for young technology companies opens in Shanghai."],
        "twitter:image": [image], "twitter:image:alt": ["The entrance of the innovation base"],
    }  # fmt: skip
    assert {key: tags[key] for key in expected if key in tags} == expected
    assert "robots" not in tags


def test_release_json_ld_news_article(after_embargo: Build) -> None:
    data = json_ld(after_embargo, GARAGE_EN)
    publisher = {"@type": "Organization", "name": "PressClub", "url": f"{SITE}/"}
    assert data == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": f"{SITE}/{GARAGE_EN}"},
        "url": f"{SITE}/{GARAGE_EN}",
        "headline": "Startup Garage opens an innovation base in Shanghai",
        "description": "A joint base for young technology companies opens in Shanghai.",
        "inLanguage": "en-CA",
        "datePublished": "2021-05-21T09:00:00+02:00",
        "dateModified": "2021-05-22T10:00:00+02:00",
        "author": [{"@type": "Person", "name": "Marc Belcourt", "jobTitle": "Head of corporate communications",
                    "worksFor": {"@type": "Organization", "name": "BMW Group Canada"}}],
        "publisher": publisher,
        "image": [share_image(after_embargo)],
        "dateline": "Shanghai/Munich",
        "articleSection": ["Innovation", "Digital"],
        "keywords": ["startups", "china"],
    }  # fmt: skip


def test_french_release_json_ld(after_embargo: Build) -> None:
    data = json_ld(after_embargo, GARAGE_FR)
    assert data["inLanguage"] == "fr-CA"
    assert data["headline"] == "Le Startup Garage ouvre une base d'innovation à Shanghai"
    assert data["datePublished"] == data["dateModified"] == "2021-05-21T09:00:00+02:00"
    # No author: the first press contact is named; the organisation publishes.
    assert [(a["@type"], a["name"]) for a in data["author"]] == [("Person", "Julie Gagnon")]
    assert data["publisher"] == {"@type": "Organization", "name": "PressClub", "url": f"{SITE}/"}
    assert head(after_embargo, GARAGE_FR)["og:locale:alternate"] == ["en_CA"]


def test_every_page_has_one_absolute_self_canonical(after_embargo: Build) -> None:
    for url in html_pages(after_embargo):
        page = after_embargo.page(url)
        assert [link["href"] for link in page.find_all("link", rel="canonical")] == [
            f"{SITE}/{url}"
        ], url
        tags = head(after_embargo, url)
        assert tags["og:url"] == [f"{SITE}/{url}"], url
        assert "twitter:card" in tags, url


def test_listing_pages_are_websites_without_json_ld(after_embargo: Build) -> None:
    tags = head(after_embargo, "fr/")
    assert tags["og:type"] == ["website"]
    assert tags["og:locale"] == ["fr_CA"]
    assert after_embargo.page("fr/").find_all("script", type="application/ld+json") == []


def test_preview_build_has_no_sitemaps(tmp_path: Path) -> None:
    result = build(copy_site(tmp_path), conf="previewconf.py", output="preview")
    assert result.returncode == 0, result.stderr
    assert not (result.output / "sitemap.xml").exists()
    assert not (result.output / "news-sitemap.xml").exists()
    assert (result.output / "robots.txt").read_text().endswith("User-agent: *\nDisallow: /\n")


def test_development_build_uses_the_absolute_url_setting(built: Build) -> None:
    local = "http://localhost:8000"  # PRESS_ABSOLUTE_URL in pelicanconf.py
    assert built.page(GARAGE_EN).find("link", rel="canonical")["href"] == f"{local}/{GARAGE_EN}"
    assert f"Sitemap: {local}/sitemap.xml\n" in (built.output / "robots.txt").read_text()
    assert sitemap(built).xpath("s:url/s:loc/text()", namespaces=NS)[0] == f"{local}/"


def test_sitemap_alternates_agree_with_each_page_hreflang(after_embargo: Build) -> None:
    root = sitemap(after_embargo)
    checked = 0
    for entry in root.xpath("s:url[x:link]", namespaces=NS):
        url = entry.findtext("s:loc", namespaces=NS).removeprefix(f"{SITE}/")
        in_sitemap = {(x.get("hreflang"), x.get("href")) for x in entry.findall("x:link", NS)}
        in_page = {
            (link["hreflang"], link["href"])
            for link in after_embargo.page(url).head.find_all("link", hreflang=True)
        }
        assert in_page == in_sitemap, url
        checked += 1
    assert checked >= 10
