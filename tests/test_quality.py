"""Whole-site quality of the sample newsroom: valid HTML, accessible, no broken link, nothing external.

The sample site (content/) is built once per session with the ordinary command. The
checker and the browser are never skipped: a missing tool fails with the command that
installs it (./dev test installs them all).
"""

from __future__ import annotations

import os
import re
import subprocess
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

import tasks
from tests import axe, vnu

ROOT = Path(__file__).resolve().parents[1]
BASE = "http://site.invalid/"  # stands for the site root while resolving links
SKIPPED_SCHEMES = {"mailto", "tel", "data", "sms", "geo"}
# <link rel> values that name a related page rather than make the browser fetch it.
NOT_FETCHED_RELS = {"alternate", "canonical", "author", "license", "help", "next", "prev",
                    "bookmark", "me", "external", "nofollow", "noopener", "noreferrer", "tag", "search"}  # fmt: skip
FETCHED = {  # element: attributes whose URL the browser loads
    "img": ("src", "srcset"), "script": ("src",), "source": ("src", "srcset"), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "iframe": ("src",), "embed": ("src",), "object": ("data",),
    "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
}  # fmt: skip
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the sample newsroom (content/) once, with the real command, into a scratch folder."""
    output = tmp_path_factory.mktemp("sample") / "output"
    command = tasks.pelican_command("pelicanconf.py", str(output))
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=600, env=dict(os.environ)
    )
    assert result.returncode == 0, f"the sample site does not build:\n{result.stderr}"
    return output


@cache
def parsed(path: Path) -> BeautifulSoup:
    """Parse one built page (cached: several checks read every page)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def html_pages(output: Path) -> list[Path]:
    """Return every HTML file of a build."""
    return sorted(output.rglob("*.html"))


def urls_in(element: object, attribute: str) -> list[str]:
    """Return the URLs an attribute holds (several for srcset)."""
    value = element.get(attribute)
    if not value:
        return []
    if attribute.endswith("srcset"):
        return [part.strip().split()[0] for part in value.split(",") if part.strip()]
    return [value.strip()]


def links_of(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """Return (element name, URL) of every link and resource reference of a page."""
    found = []
    for element in soup.find_all(True):
        for attribute in ("href", "src", "srcset", "poster", "data", "action", "xlink:href"):
            found += [(element.name, url) for url in urls_in(element, attribute)]
    return found


def ids_of(path: Path) -> set[str]:
    """Return the fragment targets of a page: ids, and names of <a>."""
    soup = parsed(path)
    return {e["id"] for e in soup.find_all(id=True)} | {
        a["name"] for a in soup.find_all("a", attrs={"name": True})
    }


def target_file(output: Path, url: str) -> Path:
    """Return the file a site URL is served from (a folder serves its index.html)."""
    path = output / unquote(urlsplit(url).path).lstrip("/")
    if urlsplit(url).path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path


def broken_links(output: Path) -> dict[str, list[str]]:
    """Return each missing target (file, or file#id) with the links that lead to it."""
    missing: dict[str, list[str]] = {}
    for page in html_pages(output):
        here = BASE + page.relative_to(output).as_posix()
        for name, link in links_of(parsed(page)):
            absolute = urljoin(here, link)
            parts = urlsplit(absolute)
            if parts.scheme in SKIPPED_SCHEMES or not absolute.startswith(BASE):
                continue  # other hosts: test_no_request_to_external_hosts
            target = target_file(output, absolute)
            shown = f"{page.relative_to(output)} <{name}> {link}"
            if not target.is_file():
                missing.setdefault(f"no file {target.relative_to(output)}", []).append(shown)
            elif parts.fragment and (
                target.suffix != ".html" or unquote(parts.fragment) not in ids_of(target)
            ):
                missing.setdefault(
                    f"no id {parts.fragment!r} in {target.relative_to(output)}", []
                ).append(shown)
    for css in sorted(output.rglob("*.css")):
        here = BASE + css.relative_to(output).as_posix()
        for a, b in CSS_URL.findall(css.read_text(encoding="utf-8")):
            target = target_file(output, urljoin(here, a or b))
            if urljoin(here, a or b).startswith(BASE) and not target.is_file():
                shown = f"{css.relative_to(output)} url({a or b})"
                missing.setdefault(f"no file {target.relative_to(output)}", []).append(shown)
    return missing


def is_external(url: str) -> bool:
    """Tell whether a URL reaches another host (http, https or protocol-relative)."""
    return url.startswith("//") or urlsplit(url).scheme in ("http", "https")


def fetched_urls(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """Return (where, URL) of everything a browser loads for a page: resources, CSS urls."""
    found = []
    for link in soup.find_all("link", href=True):
        rels = set(link.get("rel") or [])
        if not rels or rels - NOT_FETCHED_RELS:
            found.append((f"<link rel={' '.join(rels)}>", link["href"]))
    for name, attributes in FETCHED.items():
        for element in soup.find_all(name):
            found += [(f"<{name} {a}>", url) for a in attributes for url in urls_in(element, a)]
    for element in soup.find_all(style=True):
        found += [("style attribute", a or b) for a, b in CSS_URL.findall(element["style"])]
    for style in soup.find_all("style"):
        found += [("<style>", a or b) for a, b in CSS_URL.findall(style.get_text())]
    return found


def sections(lang: str) -> dict[str, str]:
    """Return the URL segments of a language (pelicanconf.PRESS_SECTIONS)."""
    import pelicanconf

    return pelicanconf.PRESS_SECTIONS[lang]


def browser_pages(output: Path) -> list[str]:
    """Return the pages the browser checks: home, releases, a topic, contacts, search, in each language."""
    import pelicanconf

    paths = [""]
    for lang in pelicanconf.PRESS_LANGUAGES:
        names = sections(lang)
        releases = sorted(output.glob(f"{lang}/{names['releases']}/*/*/*/index.html"))
        topics = sorted(output.glob(f"{lang}/{names['topics']}/*/index.html"))
        assert releases and topics, f"the sample site has no {lang} release or topic page to check"
        chosen = [
            output / lang / "index.html",
            *releases,
            topics[0],
            output / lang / names["contacts"] / "index.html",
            output / lang / names["search"] / "index.html",
        ]
        paths += [p.relative_to(output).as_posix().removesuffix("index.html") for p in chosen]
    return paths


def test_sample_site_builds(sample: Path) -> None:
    """The sample site builds and has pages in each language."""
    assert (sample / "index.html").is_file()
    assert (sample / "en" / "index.html").is_file() and (sample / "fr" / "index.html").is_file()


@pytest.mark.validator
def test_every_page_is_valid_html(sample: Path) -> None:
    """The Nu HTML checker finds no error in any page of the built site."""
    errors = vnu.check_folder(sample)
    pages = len(html_pages(sample))
    print(f"Nu HTML checker: {len(errors)} errors in {pages} HTML files")
    assert not errors, f"{len(errors)} Nu HTML checker errors in {pages} pages:\n" + "\n".join(
        map(str, errors)
    )


def test_no_broken_internal_link_or_anchor(sample: Path) -> None:
    """Every internal href/src leads to a file of the build, and every #fragment to an id."""
    missing = broken_links(sample)
    count = sum(map(len, missing.values()))
    lines = [
        f"{target}: {len(links)} links, e.g. {links[0]}"
        for target, links in sorted(missing.items())
    ]
    assert not missing, f"{count} broken internal links to {len(missing)} targets:\n" + "\n".join(
        lines
    )


def test_no_request_to_external_hosts(sample: Path) -> None:
    """No script, stylesheet, font, image or frame comes from another host."""
    found = [
        f"{page.relative_to(sample)}: {where} {url}"
        for page in html_pages(sample)
        for where, url in fetched_urls(parsed(page))
        if is_external(url)
    ]
    for css in sorted(sample.rglob("*.css")):
        text = css.read_text(encoding="utf-8")
        found += [
            f"{css.relative_to(sample)}: {a or b}"
            for a, b in CSS_URL.findall(text)
            if is_external(a or b)
        ]
    assert not found, "resources loaded from other hosts:\n" + "\n".join(found)


@pytest.mark.browser
def test_axe_finds_no_wcag_violation(sample: Path) -> None:
    """axe-core (WCAG 2.0/2.1 A and AA) in Chromium: no violation on the checked pages."""
    paths = browser_pages(sample)
    with axe.serve(sample) as base, axe.browser() as chromium:
        reports = axe.check_pages(chromium, base, paths, width=1280)
    problems = [
        f"/{r.url}: {v['id']} ({v['impact']}): {v['help']}\n      "
        + "\n      ".join(v["nodes"][:5])
        for r in reports
        for v in r.violations
    ]
    print(
        f"axe-core {axe.version()}, WCAG 2.0/2.1 A+AA: {len(problems)} violations on {len(reports)} pages"
    )
    assert all(r.status == 200 for r in reports), [(r.url, r.status) for r in reports]
    assert not problems, f"{len(problems)} axe-core violations:\n" + "\n".join(problems)


@pytest.mark.browser
def test_no_horizontal_scrolling_at_320px_and_no_foreign_request(sample: Path) -> None:
    """At 320 CSS pixels nothing is wider than the screen; the browser asks no other host."""
    paths = browser_pages(sample)
    with axe.serve(sample) as base, axe.browser() as chromium:
        reports = axe.check_pages(chromium, base, paths, width=320, run_axe=False)
    too_wide = [f"/{r.url}: scrollWidth {r.scroll_width}" for r in reports if r.scroll_width > 320]
    foreign = [f"/{r.url}: {url}" for r in reports for url in r.foreign_requests]
    assert not too_wide, "pages wider than a 320 px screen:\n" + "\n".join(too_wide)
    assert not foreign, "requests to other hosts:\n" + "\n".join(foreign)


# --- The checkers themselves: each must catch what it looks for -------------------------

BAD_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Bad</title>
<link rel="stylesheet" href="https://cdn.example.invalid/x.css"><link rel="alternate" href="https://example.invalid/feed.xml">
</head><body><p><div>unclosed</p><a href="missing/">gone</a><a href="#nowhere">anchor</a>
<a href="https://example.invalid/page">fine</a><img src="//img.example.invalid/a.png"></body></html>"""


@pytest.fixture
def bad_site(tmp_path: Path) -> Path:
    """A one-page site with one mistake of each kind the checks look for."""
    (tmp_path / "index.html").write_text(BAD_PAGE, encoding="utf-8")
    (tmp_path / "style.css").write_text(
        "body { background: url(http://img.example.invalid/b.png); }"
    )
    return tmp_path


def test_link_checks_catch_missing_files_anchors_and_external_resources(bad_site: Path) -> None:
    (bad_site / "local.css").write_text("a { background: url('img/none.png'); }")
    assert set(broken_links(bad_site)) == {
        "no file missing/index.html",
        "no id 'nowhere' in index.html",
        "no file img/none.png",
    }
    fetched = [url for _, url in fetched_urls(parsed(bad_site / "index.html")) if is_external(url)]
    assert fetched == ["https://cdn.example.invalid/x.css", "//img.example.invalid/a.png"]


@pytest.mark.validator
def test_the_validator_reports_errors(bad_site: Path) -> None:
    errors = vnu.check_folder(bad_site)
    assert any("p" in e.message and e.file == "index.html" for e in errors), errors


@pytest.mark.browser
def test_axe_reports_violations_and_the_browser_sees_foreign_requests(bad_site: Path) -> None:
    with axe.serve(bad_site) as base, axe.browser() as chromium:
        (report,) = axe.check_pages(chromium, base, [""], width=320)
    assert "image-alt" in {v["id"] for v in report.violations}
    assert "https://cdn.example.invalid/x.css" in report.foreign_requests
