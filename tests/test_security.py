"""Hostile or careless input: metadata escaped everywhere, bodies sanitized, YAML taken as typed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import Build, build, copy_site, edit
from lxml import etree

GARAGE_EN = "content/releases/2021/2021-garage-base.en.md"
GARAGE_PAGE = "en/releases/2021/05/{slug}/"
NOW = "2021-05-22T12:00:00+02:00"  # the garage release is in the news sitemap too

# Plain-text fields reject whole tags (tests/test_plaintext.py); these values break out of
# unescaped HTML all the same: quotes end attributes, an unclosed `<x ...` opens a tag.
TITLE = '" onmouseover="alert(\'title\')" Garage & co < 3 </ x'
SUMMARY = "' onerror=alert(1) x=\"<img src=x onerror=alert(1) & more"
CONTACT = '<script>alert("contact")</script> Marc "Belcourt"'
RELATED = "\"><x onclick=alert('related')"
HIGHLIGHT = "<b onmouseover=alert(1) bold"
ALT = '"><x onerror=alert("alt")'
DATELINE = "Shanghai <i Munich"

BODY = """\
## Heading two

Some *emphasis* and **strong** text with a [link](https://example.org/x "Link title").

- item one
- item two

1. first
2. second

| Figure | Value |
|--------|-------|
| Bases  | 300   |

> A quoted sentence.

![Alt text](https://example.org/i.png)

<script>alert("body")</script>

<img src="https://example.org/y.png" onerror="alert(1)">

<a href="javascript:alert(2)">js link</a> <a href="JaVaScRiPt:alert(6)">mixed case</a>
<a href="data:text/html,<script>alert(7)</script>">data link</a>

<p onclick="alert(3)">click</p>

<iframe src="https://evil.example/"></iframe>

<style>body { display: none }</style>

[markdown js](javascript:alert(4))

<svg onload="alert(5)"><circle r="1"/></svg>

<form action="https://evil.example/"><input name="q"></form>
"""


def write_hostile(site: Path) -> None:
    """Put hostile values in every metadata field that is displayed, and a hostile body."""
    path = site / GARAGE_EN
    text = path.read_text(encoding="utf-8")
    front, _, _ = text.partition("\n---\n")
    replacements = {
        "title: Startup Garage opens an innovation base in Shanghai": f"title: {json.dumps(TITLE)}",
        "summary: A joint base for young technology companies opens in Shanghai.": f"summary: {json.dumps(SUMMARY)}",
        "  - title: Startup Garage": f"  - title: {json.dumps(RELATED)}",
        "  - Up to 300 young companies supported over three years": f"  - {json.dumps(HIGHLIGHT)}",
        'alt: "The entrance of the innovation base"': f"alt: {json.dumps(ALT)}",
        "dateline: Shanghai/Munich": f"dateline: {json.dumps(DATELINE)}",
    }
    for old, new in replacements.items():
        assert old in front, old
        front = front.replace(old, new, 1)
    path.write_text(f"{front}\n---\n{BODY}", encoding="utf-8")
    contacts = site / "content" / "contacts.yml"
    text = contacts.read_text(encoding="utf-8")
    contacts.write_text(
        text.replace("name: Marc Belcourt", f"name: {json.dumps(CONTACT)}", 1), encoding="utf-8"
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture site with hostile metadata and body, published build."""
    site = copy_site(tmp_path_factory.mktemp("hostile"))
    write_hostile(site)
    result = build(site, now=NOW, conf="publishconf.py")
    assert result.returncode == 0, result.stderr
    return result


def garage_url(result: Build) -> str:
    """Return the URL of the hostile release page (its slug comes from the hostile title)."""
    pages = list((result.output / "en" / "releases" / "2021" / "05").glob("*garage*/index.html"))
    assert len(pages) == 1, pages
    return pages[0].parent.relative_to(result.output).as_posix() + "/"


OWN_SCRIPT = r"(https://press\.example\.com/|(\.\./)+)theme/js/release\.[0-9a-f]{8}\.js"


def html_files(result: Build) -> list[Path]:
    """Return every HTML file of a build."""
    return [path for path in result.files() if path.suffix == ".html"]


def xml_files(result: Build) -> list[Path]:
    """Return every feed and sitemap of a build."""
    return [path for path in result.files() if path.suffix in (".xml", ".atom", ".opml")]


# --- metadata -----------------------------------------------------------------


SEARCH_SCRIPTS = [
    r"/theme/js/search\.[0-9a-f]{8}\.js"
]  # the search pages' own (it imports Pagefind)
SEARCH_FIELDS = {"q", "sort", "type", "topic", "year"}  # the search page's form


def drop_search_ui(soup: BeautifulSoup, path: Path) -> None:
    """Remove the theme's search form, the e-mail sign-up form (posted to the list service,
    not to us) and the search page's own scripts, checking them first."""
    for form in soup.select("form.email-alerts-form"):  # the list service's own sign-up
        assert form["action"] == "https://lists.example.com/subscription/form", path
        assert form["method"] == "post" and path.parent.name in ("feeds", "fils"), path
        inputs = [(i["name"], i["type"]) for i in form.find_all("input")]
        assert inputs == [("l", "hidden"), ("email", "email")], path
        form.decompose()
    for form in soup.select("form.site-search"):
        assert form["action"].endswith(("/en/search/", "/fr/recherche/")), path
        assert [i["name"] for i in form.find_all("input")] == ["q"], path
        form.decompose()
    sources = [s["src"] for s in soup.find_all("script", src=True)]
    if path.parent.name in ("search", "recherche"):
        (form,) = soup.select("form#search")
        assert "action" not in form.attrs and form["method"] == "get", path  # to itself
        assert {i["name"] for i in form.find_all("input")} <= SEARCH_FIELDS, path
        form.decompose()
        found = [s.removeprefix("https://press.example.com") for s in sources]
        assert len(found) == len(SEARCH_SCRIPTS), path
        assert all(map(re.fullmatch, SEARCH_SCRIPTS, found)), (path, found)
        for script in soup.find_all("script", src=True):
            script.decompose()


def test_no_page_runs_a_script_or_handler(hostile: Build) -> None:
    for path in html_files(hostile):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        drop_search_ui(soup, path)
        for script in soup.find_all("script"):
            if script.get("src"):  # the one script of ours: the release page's copy/print buttons
                assert re.fullmatch(OWN_SCRIPT, script["src"]) and not script.string, path
                continue
            assert script.get("type") == "application/ld+json", f"{path}: {script}"
            assert "<" not in script.string, path
            json.loads(script.string)
        for tag in soup.find_all(True):
            handlers = [name for name in tag.attrs if name.lower().startswith("on")]
            assert not handlers, f"{path}: <{tag.name} {handlers}>"
        assert not soup.find_all(["iframe", "style", "svg", "form", "input", "object", "embed"]), (
            path
        )


def test_metadata_shown_as_text_on_the_release_page(hostile: Build) -> None:
    page = hostile.page(garage_url(hostile))
    assert page.find("h1").get_text(strip=True) == TITLE.strip()
    assert page.title.get_text().startswith(TITLE)
    text = page.get_text()
    for value in (CONTACT, RELATED, HIGHLIGHT, DATELINE):
        assert value in text, value
    assert SUMMARY in hostile.page("en/").get_text()
    assert page.find("meta", property="og:title")["content"] == TITLE
    assert page.find("meta", property="og:description")["content"] == SUMMARY
    assert page.find("meta", property="og:image:alt")["content"] == ALT
    assert page.find("img", src=re.compile(r"base-\d+w\.jpg$"))["alt"] == ALT


def test_metadata_escaped_in_json_ld(hostile: Build) -> None:
    raw = (hostile.output / garage_url(hostile) / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', raw, re.DOTALL)
    assert len(blocks) == 1
    assert "</" not in blocks[0] and "<!--" not in blocks[0]
    data = json.loads(blocks[0])
    assert data["headline"] == TITLE
    assert data["description"] == SUMMARY
    assert data["author"][0]["name"] == CONTACT
    assert data["dateline"] == DATELINE


def test_contact_name_escaped_on_the_contacts_page(hostile: Build) -> None:
    page = hostile.page("en/contacts/")
    assert CONTACT in page.get_text()
    assert not page.find_all("script", type=lambda t: t != "application/ld+json")


def test_feeds_and_sitemaps_carry_metadata_as_text(hostile: Build) -> None:
    files = xml_files(hostile)
    feeds = [path for path in files if "sitemap" not in path.name and path.suffix != ".opml"]
    assert feeds, "no feeds were written"
    titles = set()
    for path in files:
        root = etree.fromstring(path.read_bytes())  # well-formed
        titles |= {t.text for t in root.iter("{*}title", "title")}
    assert TITLE in titles
    news = etree.fromstring((hostile.output / "news-sitemap.xml").read_bytes())
    assert TITLE in {
        t.text for t in news.iter("{http://www.google.com/schemas/sitemap-news/0.9}title")
    }


def html_fields(root: etree._Element) -> list[etree._Element]:
    """Return the feed elements readers render as HTML: RSS descriptions, Atom type="html"."""
    fields = list(root.iter("description"))
    return fields + [
        e
        for e in root.iter("{*}summary", "{*}title", "{*}subtitle")
        if e.get("type") in ("html", "xhtml")
    ]


def test_feed_summaries_are_text_even_where_readers_expect_html(hostile: Build) -> None:
    found = 0
    for path in xml_files(hostile):
        root = etree.fromstring(path.read_bytes())
        for field in html_fields(root):
            fragment = BeautifulSoup(field.text or "", "html.parser")
            if SUMMARY in (field.text or "") or SUMMARY in fragment.get_text():
                found += 1
                assert fragment.find_all(True) == [], (
                    f"{path}: <{field.tag}> is rendered as HTML: {field.text}"
                )
                assert fragment.get_text() == SUMMARY
        for field in root.iter("{*}summary"):
            if (
                field.get("type") in (None, "text")
                and field.text
                and "alert('summary')" in field.text
            ):
                found += 1
                assert field.text == SUMMARY
    assert found, "no feed carries the summary"


# --- body ---------------------------------------------------------------------


def test_body_keeps_what_releases_need(hostile: Build) -> None:
    body = hostile.page(garage_url(hostile)).find("article")
    assert body.find("h2").get_text() == "Heading two"
    assert body.find("em").get_text() == "emphasis"
    assert body.find("strong").get_text() == "strong"
    assert body.find("a", href="https://example.org/x").get_text() == "link"
    assert [li.get_text() for li in body.find("li", string="item one").parent.find_all("li")] == [
        "item one",
        "item two",
    ]
    assert [li.get_text() for li in body.find("li", string="first").parent.find_all("li")] == [
        "first",
        "second",
    ]
    assert body.find("li", string="first").parent.name == "ol"
    table = body.find("table")
    assert [th.get_text() for th in table.find_all("th")] == ["Figure", "Value"]
    assert [td.get_text().strip() for td in table.find_all("td")] == ["Bases", "300"]
    assert body.find("blockquote").get_text(strip=True) == "A quoted sentence."
    assert body.find("img", src="https://example.org/i.png")["alt"] == "Alt text"
    assert body.find(string=re.compile("click")) is not None


def test_body_drops_scripts_handlers_and_javascript_urls(hostile: Build) -> None:
    checked = html_files(hostile) + xml_files(hostile)
    for path in checked:
        text = path.read_text(encoding="utf-8").lower()
        for bad in (
            'alert("body")',
            "alert(2)",
            "alert(3)",
            "alert(4)",
            "alert(5)",
            "alert(6)",
            "alert(7)",
        ):
            assert bad not in text.replace("&#34;", '"').replace("&quot;", '"'), f"{path}: {bad}"
        assert "javascript:" not in text and "data:text/html" not in text, path
    page = hostile.page(garage_url(hostile))
    for tag in page.find_all(href=True) + page.find_all(src=True):
        url = tag.get("href") or tag.get("src")
        assert not url.strip().lower().startswith(("javascript:", "data:", "vbscript:")), tag


def test_feed_content_is_the_sanitized_body(hostile: Build) -> None:
    found = False
    for path in xml_files(hostile):
        root = etree.fromstring(path.read_bytes())
        for element in root.iter("{*}content", "{http://purl.org/rss/1.0/modules/content/}encoded"):
            if element.text and "Heading two" in element.text:
                found = True
                fragment = BeautifulSoup(element.text, "html.parser")
                assert (
                    fragment.find("table") is not None and fragment.find("blockquote") is not None
                )
                assert not fragment.find_all(["script", "iframe", "style", "svg", "form"]), path
                assert not [
                    a for t in fragment.find_all(True) for a in t.attrs if a.startswith("on")
                ], path
    assert found, "no feed carries the release body"


# --- YAML surprises -----------------------------------------------------------

FORMAT = "write it like 2021-05-21T09:00:00+02:00"


def test_yaml_surprises_are_kept_as_typed(site: Path) -> None:
    edit(site, GARAGE_EN, "title: Startup Garage opens an innovation base in Shanghai", "title: no")
    edit(
        site,
        GARAGE_EN,
        "summary: A joint base for young technology companies opens in Shanghai.",
        "summary: 0123",
    )
    edit(site, GARAGE_EN, "dateline: Shanghai/Munich", "dateline: 10:30")
    edit(site, GARAGE_EN, "tags: [startups, china]", "tags: [yes, null, 1e3, ~, 0x1F]")
    result = build(site, now=NOW, conf="publishconf.py")
    assert result.returncode == 0, result.stderr
    page = result.page("en/releases/2021/05/no/")
    assert page.find("h1").get_text(strip=True) == "no"
    assert page.find("meta", property="og:description")["content"] == "0123"
    assert page.find(class_="dateline").get_text() == "10:30."
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert (data["headline"], data["description"], data["dateline"]) == ("no", "0123", "10:30")
    assert data["keywords"] == ["yes", "null", "1e3", "~", "0x1F"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "date: 2021-05-21T09:00:00+02:00",
            "date: 10:30",
            f'date: "10:30" is not a date and time; {FORMAT}',
        ),
        (
            "date: 2021-05-21T09:00:00+02:00",
            "date: 2021-05-21",
            f'date: "2021-05-21" has no UTC offset; {FORMAT}',
        ),
        ("lang: en", "lang: no", 'lang: "no" is not a configured language (en, fr)'),
        (
            "topics: [innovation, digital]",
            "topics: no",
            'topics: expected a list like [a, b], found "no"',
        ),
    ],
)
def test_yaml_surprises_that_are_errors(site: Path, old: str, new: str, message: str) -> None:
    edit(site, GARAGE_EN, old, new)
    result = build(site, now=NOW, conf="publishconf.py")
    assert result.returncode == 1
    assert result.problems() == [f"{GARAGE_EN}: {message}"]
