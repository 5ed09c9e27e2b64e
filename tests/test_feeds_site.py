"""Feeds of built sites, read as a journalist's feed reader and the W3C validator would read them."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import lxml.html
import pytest
import yaml
from conftest import AFTER_EMBARGO, BEFORE_EMBARGO, ROOT, Build, build, copy_site
from lxml import etree
from press_core.settings import read_settings
from press_core.typography import french_spacing
from press_feeds.feeds import FeedItem
from press_feeds.items import FeedRelease
from press_feeds.plan import FeedPlanner

import pelicanconf

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
RNG = etree.RelaxNG(etree.parse(str(ROOT / "tests" / "schemas" / "atom.rng")))
RFC822 = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}"
)
DEV_URL = "http://localhost:8000"  # PRESS_ABSOLUTE_URL of pelicanconf.py
PUBLISHED_URL = "https://press.example.com"  # SITEURL of publishconf.py
WITHHELD_WORDS = ("zanzibarquill", "xylophrast", "quillotron")
NBSP = "\u00a0"

# Every feed of the fixture site, without extension; the same before and after the
# embargo (the embargoed pair only uses topics and tags that other releases use too).
FIXTURE_FEEDS = {
    "feeds/releases",
    "en/feeds/releases",
    *(
        f"en/feeds/topics/{t}"
        for t in ("corporate", "digital", "innovation", "research-and-development")
    ),
    *(f"en/feeds/tags/{t}" for t in ("china", "cloud", "israel", "startups")),
    "fr/fils/releases",
    *(f"fr/fils/sujets/{t}" for t in ("evenements", "innovation")),
    *(f"fr/fils/mots-cles/{t}" for t in ("chine", "jeunes-pousses", "montreal")),
}


@pytest.fixture(scope="module")
def no_french_one_item(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture site with every French release a draft, feeds capped at one item."""
    site = copy_site(tmp_path_factory.mktemp("trimmed"))
    for path in site.glob("content/releases/*/*.fr.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("\nlang: fr\n", "\nlang: fr\nstatus: draft\n"), encoding="utf-8"
        )
    conf = site / "limitconf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa: F403\nPRESS_FEED_LIMIT = 1\n",
        encoding="utf-8",
    )
    result = build(site, conf=str(conf))
    assert result.returncode == 0, result.stderr
    return result


BUILDS = [("built", DEV_URL), ("published", PUBLISHED_URL), ("sample", DEV_URL)]


@pytest.fixture(params=BUILDS, ids=[name for name, _ in BUILDS])
def any_build(request: pytest.FixtureRequest) -> tuple[Build, str]:
    """Each build whose feeds every rule applies to, with its absolute site URL."""
    name, url = request.param
    return request.getfixturevalue(name), url


def feed_files(output: Path) -> list[Path]:
    """Return every RSS and Atom file of an output (sitemaps are not feeds)."""
    found = [*output.rglob("*.xml"), *output.rglob("*.atom")]
    return sorted(p for p in found if "sitemap" not in p.name)


def feed_names(output: Path) -> set[str]:
    """Return the site-relative names of the feeds, without extension."""
    return {p.relative_to(output).with_suffix("").as_posix() for p in feed_files(output)}


def parse(path: Path) -> feedparser.FeedParserDict:
    """Read a feed as a feed reader would, insisting that nothing was wrong with it."""
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    return parsed


def utc(value: datetime) -> int:
    """Return the seconds since the epoch of an aware datetime."""
    return calendar.timegm(value.utctimetuple())


def local_file(output: Path, url: str, base: str) -> Path:
    """Return the output file an absolute URL of the site is served from."""
    assert url.startswith(base + "/"), f"{url} is not on {base}"
    path = output / url[len(base) + 1 :]
    return path / "index.html" if url.endswith("/") else path


def front_matter(site: Path) -> list[dict]:
    """Read the front matter of every release of a site folder."""
    found = []
    for path in sorted(site.glob("content/releases/*/*.md")):
        found.append(yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1]))
    return found


def content_urls(html: str) -> list[str]:
    """Return every URL an HTML fragment links to or loads."""
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    urls = [link for _, _, link, _ in fragment.iterlinks()]
    for element in fragment.iter("img", "source"):
        urls += [c.split()[0] for c in element.get("srcset", "").split(",") if c.strip()]
    return urls


# --- every feed at its URL, readable, valid -----------------------------------------


@pytest.mark.parametrize("name", ["built", "published"])
def test_every_feed_at_its_url(name: str, request: pytest.FixtureRequest) -> None:
    output = request.getfixturevalue(name).output
    for feed in FIXTURE_FEEDS:
        assert (output / f"{feed}.xml").is_file() and (output / f"{feed}.atom").is_file(), feed
    assert feed_names(output) == FIXTURE_FEEDS
    for lang, section in (("en", "feeds"), ("fr", "fils")):
        assert (output / lang / section / "feeds.opml").is_file()
        assert (output / lang / section / "index.html").is_file()


def test_feedparser_reads_every_feed_without_bozo(any_build: tuple[Build, str]) -> None:
    built, _ = any_build
    files = feed_files(built.output)
    assert len(files) >= 2 * len(FIXTURE_FEEDS)
    for path in files:
        parsed = parse(path)
        assert parsed.version == ("atom10" if path.suffix == ".atom" else "rss20"), path
        assert parsed.entries, f"{path}: a feed that exists has releases"


def test_atom_feeds_validate_against_rfc4287_schema(any_build: tuple[Build, str]) -> None:
    built, _ = any_build
    for path in feed_files(built.output):
        if path.suffix == ".atom":
            assert RNG.validate(etree.parse(str(path))), f"{path}: {RNG.error_log}"


def test_w3c_validator_rules(any_build: tuple[Build, str]) -> None:
    built, base = any_build
    for path in feed_files(built.output):
        url = f"{base}/{path.relative_to(built.output).as_posix()}"
        root = etree.parse(str(path)).getroot()
        if path.suffix == ".atom":
            check_atom(root, url, built.output, base)
        else:
            check_rss(root, url, built.output, base)


def check_rss(root: etree._Element, url: str, output: Path, base: str) -> None:
    """Self link matches the location, links absolute, RFC 822 dates, guids are permalinks."""
    channel = root.find("channel")
    assert [a.get("href") for a in channel.findall(f"{ATOM}link[@rel='self']")] == [url]
    assert local_file(output, channel.findtext("link"), base).is_file()
    assert channel.findtext("language") in ("en", "fr")
    assert RFC822.fullmatch(channel.findtext("lastBuildDate")), url
    for item in channel.findall("item"):
        link = item.findtext("link")
        assert local_file(output, link, base).is_file(), f"{url}: {link} is not in the output"
        guid = item.find("guid")
        assert guid.text == link and guid.get("isPermaLink", "true") == "true", url
        assert RFC822.fullmatch(item.findtext("pubDate")), url
        for enclosure in item.findall("enclosure"):
            image = local_file(output, enclosure.get("url"), base)
            assert int(enclosure.get("length")) == image.stat().st_size, url
        check_content(item.findtext(CONTENT_ENCODED) or "", url)


def check_atom(root: etree._Element, url: str, output: Path, base: str) -> None:
    """Self link matches the location, id is absolute, every href absolute."""
    assert [a.get("href") for a in root.findall(f"{ATOM}link[@rel='self']")] == [url]
    assert root.findtext(f"{ATOM}id") == url
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") in ("en", "fr")
    for link in root.iter(f"{ATOM}link"):
        assert link.get("href").startswith(base + "/"), f"{url}: {link.get('href')}"
        if link.get("rel") != "self":
            assert local_file(output, link.get("href"), base).is_file(), link.get("href")
    for entry in root.findall(f"{ATOM}entry"):
        alternate = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert entry.findtext(f"{ATOM}id") == alternate
        check_content(entry.findtext(f"{ATOM}content") or "", url)


def check_content(html: str, url: str) -> None:
    """No relative reference inside an item's HTML body."""
    for link in content_urls(html) if html.strip() else []:
        assert re.match(r"(https?://[^/]|mailto:|tel:)", link), (
            f"{url}: relative {link!r} in content"
        )


# --- subscribing as a journalist ------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xml", "atom"])
def test_journalist_subscribes_to_the_french_innovation_feed(built: Build, fmt: str) -> None:
    parsed = parse(built.output / f"fr/fils/sujets/innovation.{fmt}")
    assert parsed.feed.title == f"PressClub — Communiqués en français — Sujet{NBSP}: Innovation"
    assert parsed.feed.language == "fr"
    now = datetime.fromisoformat(AFTER_EMBARGO)
    expected = [
        meta for meta in front_matter(built.site)
        if meta["lang"] == "fr" and "innovation" in meta["topics"]
        and meta.get("status", "published") == "published" and meta.get("embargo", meta["date"]) <= now
    ]  # fmt: skip
    expected.sort(key=lambda meta: meta["date"], reverse=True)
    assert len(expected) == 2  # the release page and the lifted embargo
    assert [e.title for e in parsed.entries] == [french_spacing(m["title"]) for m in expected]
    for entry, meta in zip(parsed.entries, expected, strict=True):
        assert calendar.timegm(entry.published_parsed) == utc(meta["date"])
        if fmt == "atom":
            changed = meta.get("updated", meta["date"])
            assert calendar.timegm(entry.updated_parsed) == utc(changed)
        page = local_file(built.output, entry.link, DEV_URL)
        assert page.is_file(), entry.link
        heading = lxml.html.parse(str(page)).find(".//h1").text_content().strip()
        assert heading == entry.title
        assert entry.summary == french_spacing(meta["summary"])
        assert "Innovation" in {tag.label or tag.term for tag in entry.tags}
        image = meta.get("image")
        enclosures = [(e.href, int(e.length), e.type) for e in entry.enclosures]
        if image:  # the published original, its credits inside (press_media)
            ((href, length, kind),) = enclosures
            original = local_file(built.output, href, DEV_URL)
            assert href.startswith(f"{DEV_URL}/media/") and original.name == Path(image["src"]).name
            assert (length, kind) == (original.stat().st_size, "image/jpeg")
        else:
            assert enclosures == []


def test_feed_titles_name_site_language_and_subject(built: Build) -> None:
    titles = {name: parse(built.output / f"{name}.atom").feed.title for name in FIXTURE_FEEDS}
    assert titles["en/feeds/releases"] == "PressClub — Releases in English"
    assert (
        titles["en/feeds/topics/research-and-development"]
        == "PressClub — Releases in English — Topic: Research and development"
    )
    assert titles["en/feeds/tags/china"] == "PressClub — Releases in English — Tag: china"
    assert titles["fr/fils/releases"] == "PressClub — Communiqués en français"
    assert (
        titles["fr/fils/sujets/evenements"]
        == f"PressClub — Communiqués en français — Sujet{NBSP}: Événements"
    )
    assert (
        titles["fr/fils/mots-cles/jeunes-pousses"]
        == f"PressClub — Communiqués en français — Mot-clé{NBSP}: jeunes pousses"
    )
    assert titles["feeds/releases"] == (
        "PressClub — Releases in English and French / Communiqués en anglais et français"
    )


def test_feed_of_both_languages_marks_each_item_language(built: Build) -> None:
    parsed = parse(built.output / "feeds/releases.atom")
    assert {entry.link.split("/")[3] for entry in parsed.entries} == {"en", "fr"}
    root = etree.parse(str(built.output / "feeds/releases.atom")).getroot()
    for entry in root.findall(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link").get("href")
        lang = entry.get("{http://www.w3.org/XML/1998/namespace}lang")
        assert lang == ("fr" if "/fr/" in link else "en"), link
    rss = etree.parse(str(built.output / "feeds/releases.xml")).getroot()
    dc = "{http://purl.org/dc/elements/1.1/}language"
    for item in rss.iter("item"):
        assert item.findtext(dc) == item.findtext("link").split("/")[3]


def test_feed_date_is_the_newest_release_never_the_clock(built: Build) -> None:
    parsed = parse(built.output / "fr/fils/sujets/innovation.atom")
    newest = max(calendar.timegm(e.updated_parsed) for e in parsed.entries)
    assert calendar.timegm(parsed.feed.updated_parsed) == newest


def test_empty_feed_dated_by_the_newest_release_and_limit_applied(
    no_french_one_item: Build,
) -> None:
    output = no_french_one_item.output
    empty = parse(output / "fr/fils/releases.atom")
    assert empty.entries == []
    assert feed_names(output) >= {"fr/fils/releases", "feeds/releases"}
    assert not any(name.startswith("fr/fils/sujets/") for name in feed_names(output))
    newest = datetime.fromisoformat("2021-06-01T09:00:00-04:00")  # the lifted embargo
    assert calendar.timegm(empty.feed.updated_parsed) == utc(newest)
    for path in feed_files(output):
        assert len(parse(path).entries) <= 1, path
    latest = parse(output / "en/feeds/releases.xml").entries
    assert [calendar.timegm(e.published_parsed) for e in latest] == [utc(newest)]


def test_planner_shares_a_tag_feed_between_spellings_and_skips_unused_topics() -> None:
    settings = read_settings(vars(pelicanconf))

    def release(n: int, lang: str, topics: tuple[str, ...], tags: tuple[str, ...]) -> FeedRelease:
        link = f"{DEV_URL}/{lang}/r/{n}/"
        item = FeedItem(f"R{n}", link, link, datetime(2021, 5, n, tzinfo=UTC), lang)
        return FeedRelease(item, lang, topics, tags)

    releases = [
        release(3, "fr", ("events",), ("Jeunes pousses",)),
        release(2, "fr", ("events", "innovation"), ("jeunes pousses", "Chine")),
        release(1, "fr", (), ("jeunes pousses",)),
        release(1, "en", ("digital",), ("china",)),
    ]
    french = FeedPlanner(settings, releases, lambda lang, text: text).directories()[1]
    assert [f.path for f in french.topics] == [
        "fr/fils/sujets/evenements",
        "fr/fils/sujets/innovation",
    ]
    assert [(f.path, f.label) for f in french.tags] == [
        ("fr/fils/mots-cles/chine", "Chine"),
        ("fr/fils/mots-cles/jeunes-pousses", "jeunes pousses"),  # the spelling used most
    ]
    assert [i.title for i in french.tags[1].items] == ["R3", "R2", "R1"]
    assert [i.lang for i in french.everything.items] == ["fr", "fr", "fr", "en"]
    assert french.opml == "fr/fils/feeds.opml" and french.save_as == "fr/fils/index.html"


# --- what must never be in a feed -----------------------------------------------------


def test_draft_and_embargoed_words_in_no_feed(published: Build) -> None:
    files = [*feed_files(published.output), *published.output.rglob("*.opml")]
    assert files
    for path in files:
        data = path.read_bytes().lower()
        for word in WITHHELD_WORDS:
            assert word.encode() not in data, f"{word} in {path}"


# --- discovery: pages, OPML, directory ------------------------------------------------


def alternate_feeds(page: Path, output: Path) -> set[str]:
    """Return the site-relative URLs of the feeds a page offers for autodiscovery."""
    tree = lxml.html.parse(str(page))
    found = set()
    for link in tree.iter("link"):
        if link.get("rel") == "alternate" and link.get("type", "").endswith(
            ("rss+xml", "atom+xml")
        ):
            base = page.relative_to(output).as_posix()
            found.add(
                urljoin(f"http://site.invalid/{base}", link.get("href"))[
                    len("http://site.invalid/") :
                ]
            )
    return found


def test_release_pages_offer_their_language_feed(built: Build) -> None:
    pages = [
        *built.output.glob("en/releases/*/*/*/index.html"),
        *built.output.glob("fr/communiques/*/*/*/index.html"),
    ]
    assert len(pages) >= 5
    for page in pages:
        lang = page.relative_to(built.output).parts[0]
        section = {"en": "feeds", "fr": "fils"}[lang]
        expected = {f"{lang}/{section}/releases.xml", f"{lang}/{section}/releases.atom"}
        assert expected <= alternate_feeds(page, built.output), page


def test_every_autodiscovery_link_leads_to_a_feed(built: Build) -> None:
    pages = list(built.output.rglob("*.html"))
    offered = set().union(*(alternate_feeds(page, built.output) for page in pages))
    assert {"en/feeds/topics/innovation.xml", "fr/fils/mots-cles/chine.atom"} <= offered
    assert {url for url in offered if not (built.output / url).is_file()} == set()


@pytest.mark.parametrize(("lang", "section"), [("en", "feeds"), ("fr", "fils")])
def test_opml_lists_every_feed_of_its_language(built: Build, lang: str, section: str) -> None:
    root = etree.parse(str(built.output / lang / section / "feeds.opml")).getroot()
    assert root.get("version") == "2.0" and root.findtext("head/title")
    folders = {"en": ["By language", "Topics", "Tags"], "fr": ["Par langue", "Sujets", "Mots-clés"]}
    assert [f.get("text") for f in root.findall("body/outline")] == folders[lang]
    outlines = root.findall("body/outline/outline")
    listed = {o.get("xmlUrl") for o in outlines}
    mine = {n for n in FIXTURE_FEEDS if n.startswith(f"{lang}/")} | {"feeds/releases"}
    assert listed == {f"{DEV_URL}/{name}.xml" for name in mine}
    for outline in outlines:
        assert outline.get("type") == "rss" and outline.get("text")
        assert local_file(built.output, outline.get("htmlUrl"), DEV_URL).is_file()


@pytest.mark.parametrize(
    ("lang", "section", "other"), [("en", "feeds", "fr/fils/"), ("fr", "fils", "en/feeds/")]
)
def test_directory_page_lists_every_feed_of_its_language(
    built: Build, lang: str, section: str, other: str
) -> None:
    page = built.page(f"{lang}/{section}/")
    assert page.html["lang"] == lang
    base = f"http://site.invalid/{lang}/{section}/"
    links = [a for a in page.select("main a[href]") if not a.find_parent(id="email-alerts")]
    hrefs = {urljoin(base, a["href"])[len("http://site.invalid/") :] for a in links}
    mine = {n for n in FIXTURE_FEEDS if n.startswith(f"{lang}/")} | {"feeds/releases"}
    feeds = {f"{name}.{ext}" for name in mine for ext in ("xml", "atom")}
    assert hrefs == feeds | {f"{lang}/{section}/feeds.opml"}
    switch = {
        urljoin(base, a["href"])[len("http://site.invalid/") :]
        for a in page.select(".lang-switch a")
    }
    assert switch == {other}


def test_french_directory_page_is_in_french(built: Build) -> None:
    text = built.page("fr/fils/").select_one("main").get_text(" ", strip=True)
    for words in (
        "Tous les communiqués",
        "Par sujet",
        "Par mot-clé",
        "Événements",
        "jeunes pousses",
    ):
        assert words in text


# --- determinism ----------------------------------------------------------------------


def test_two_builds_give_byte_identical_feeds(built: Build, tmp_path: Path) -> None:
    again = build(copy_site(tmp_path), now=AFTER_EMBARGO)
    assert again.returncode == 0, again.stderr
    names = [p.relative_to(built.output) for p in feed_files(built.output)]
    names += [p.relative_to(built.output) for p in built.output.rglob("*.opml")]
    names += [Path("en/feeds/index.html"), Path("fr/fils/index.html")]
    assert sorted(p.relative_to(again.output) for p in feed_files(again.output)) == sorted(
        n for n in names if n.suffix in (".xml", ".atom")
    )
    for name in names:
        assert (again.output / name).read_bytes() == (built.output / name).read_bytes(), name


def test_published_feeds_do_not_depend_on_the_clock(published: Build, tmp_path: Path) -> None:
    again = build(copy_site(tmp_path), now=BEFORE_EMBARGO, conf="publishconf.py")
    assert again.returncode == 0, again.stderr
    for path in feed_files(published.output):
        name = path.relative_to(published.output)
        assert (again.output / name).read_bytes() == path.read_bytes(), name


def test_items_carry_highlights_body_and_contacts_in_their_language(built: Build) -> None:
    parsed = feedparser.parse((built.output / "feeds/releases.atom").read_bytes())
    garage = next(e for e in parsed.entries if "/fr/" in e.link and "Shanghai" in e.summary)
    html = lxml.html.fragment_fromstring(garage.content[0].value, create_parent="div")
    headings = [h.text_content() for h in html.iter("h2")]
    assert headings[0] == "Faits saillants" and headings[-1] == "Renseignements"
    assert [li.text_content() for li in html.find("ul").iter("li")] == [
        "Jusqu'à 300 jeunes entreprises accompagnées en trois ans"
    ]
    contacts = [p.text_content() for p in html.iter("p")][-2:]
    assert contacts[0].startswith("Julie GagnonTéléphone\u00a0: +1-514-555-0142")
    assert contacts[1].startswith("Marc BelcourtTéléphone\u00a0: +1-905-428-5078")
    assert "Courriel\u00a0: marc.belcourt@example.com" in contacts[1]
    english = next(e for e in parsed.entries if "/en/" in e.link and "Shanghai" in e.summary)
    assert "For more information" in english.content[0].value
    assert "Phone: +1-905-428-5078" in english.content[0].value


def offered_feeds(output: Path) -> list[tuple[str, str, Path]]:
    """Return (page, autodiscovery title, feed file) for every feed a listing page offers."""
    found = []
    for page in sorted(output.rglob("index.html")):
        tree = lxml.html.parse(str(page))
        for link in tree.xpath('//link[@rel="alternate"][contains(@type, "xml")]'):
            target = (page.parent / link.get("href")).resolve()
            found.append((page.relative_to(output).as_posix(), link.get("title"), target))
    return found


def test_autodiscovery_title_is_the_feeds_own_title(sample: Build) -> None:
    offered = offered_feeds(sample.output)
    topic_feeds = ("/en/feeds/topics/", "/fr/fils/sujets/")
    topic_pages = {
        page for page, _, feed in offered if any(t in feed.as_posix() for t in topic_feeds)
    }
    assert "fr/sujets/innovation/index.html" in topic_pages
    assert "en/tags/china/index.html" in {page for page, _, _ in offered}
    titles = {}  # many pages offer the same feed: parse each once
    for page, title, feed in offered:
        if feed not in titles:
            titles[feed] = feedparser.parse(feed.read_bytes()).feed.title
        kind = "RSS" if feed.suffix == ".xml" else "Atom"
        assert title == f"{titles[feed]} ({kind})", page


def test_french_topic_listing_offers_its_feed_in_french(sample: Build) -> None:
    titles = [
        t for p, t, _ in offered_feeds(sample.output) if p == "fr/sujets/innovation/index.html"
    ]
    assert "PressClub — Communiqués en français — Sujet\u00a0: Innovation (RSS)" in titles
