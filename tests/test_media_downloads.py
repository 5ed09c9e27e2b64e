"""Download every high-resolution photo and press kit of the sample site through a local server."""

from __future__ import annotations

import functools
import io
import re
import shutil
import threading
import urllib.request
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SAMPLE_NOW, Build, build
from PIL import Image
from press_content.frontmatter import split


class QuietHandler(SimpleHTTPRequestHandler):
    """Serve files without logging each request."""

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet."""


@pytest.fixture(scope="module")
def served(sample: Build):
    """Serve the built sample site (conftest) on a free local port."""
    result = sample
    handler = functools.partial(QuietHandler, directory=str(result.output))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield result, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    thread.join()


def fetch(url: str) -> bytes:
    """Download one URL; fail on anything but 200."""
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200, url
        return response.read()


def expected_listing(source: Path, folder: str) -> list[str]:
    """List what a release's press kit must hold, from its front matter and page folder."""
    meta = split(source.read_text(encoding="utf-8")).meta
    photos = ([meta["image"]] if meta.get("image") else []) + meta.get("images", [])
    seen: list[str] = []
    for entry in photos:
        if entry["src"] not in seen:
            seen.append(entry["src"])
    return [
        "release.md", "release.txt", "CREDITS.txt", "release.pdf",
        *([f"{folder}.ics"] if meta.get("event") else []),  # named as its page offers it
        *(f"photos/{PurePosixPath(src).name}" for src in seen),
        *(f"attachments/{PurePosixPath(a['src']).name}" for a in meta.get("attachments", [])),
        *(f"contacts/{contact}.vcf" for contact in meta["contacts"]),
    ]  # fmt: skip


def test_every_download_and_press_kit_is_served_and_complete(served) -> None:
    result, base = served
    pages = sorted(result.output.glob("*/*/*/*/*/index.html"))
    kits = photos = 0
    for page in pages:
        url = urljoin(base, page.relative_to(result.output).as_posix())
        soup = BeautifulSoup(fetch(url), "html.parser")
        for link in soup.select(".gallery a.download, .lead-image__download a"):
            data = fetch(urljoin(url, link["href"]))
            with Image.open(io.BytesIO(data)) as image:
                found = re.search(r"\(([\d,\s]+) × ([\d,\s]+) px", link.get_text())
                assert found, link.get_text()
                shown = [int(re.sub(r"\D", "", group)) for group in found.groups()]
                assert shown == [image.width, image.height]
            photos += 1
        for link in soup.select(".attachments a.download"):
            assert fetch(urljoin(url, link["href"]))
        kit = soup.select_one(".press-kit a")
        assert kit is not None, url
        name = PurePosixPath(kit["href"]).name
        key, lang = name.removesuffix("-press-kit.zip").rsplit("-", 1)
        (source,) = (ROOT / "content/releases").glob(f"*/{key}.{lang}.md")
        archive = zipfile.ZipFile(io.BytesIO(fetch(urljoin(url, kit["href"]))))
        assert archive.namelist() == expected_listing(source, page.parent.name), name
        assert archive.testzip() is None
        pdf = fetch(urljoin(url, soup.select_one(".press-kit__pdf a")["href"]))
        assert pdf.startswith(b"%PDF-") and pdf == archive.read("release.pdf")
        kits += 1
    assert kits == len(pages) and kits >= 16
    assert photos >= 8  # two photos on each of two EN/FR pairs


def test_sample_press_kits_are_byte_identical_across_builds(served, tmp_path: Path) -> None:
    result, _ = served
    site = tmp_path / "site"
    shutil.copytree(ROOT / "content", site / "content")
    again = build(site, now=SAMPLE_NOW)
    assert again.returncode == 0, again.stderr
    first = {p.relative_to(result.output): p.read_bytes() for p in result.output.rglob("*.zip")}
    second = {p.relative_to(again.output): p.read_bytes() for p in again.output.rglob("*.zip")}
    assert first == second and first
