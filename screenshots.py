"""Screenshots of the sample newsroom in Chromium (Playwright): homes, a release and the
media library in each language, and the search page with filters, desktop and phone."""

from __future__ import annotations

import functools
import http.server
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import tasks

ROOT = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
WIDTHS = {"desktop": 1280, "phone": 360}
# Lazy images load when they near the viewport: a viewport as tall as the page loads them all.
ALL_LOADED = "() => [...document.images].every(image => image.complete && image.naturalWidth > 0)"
# Then every image decoded, so the screenshot paints them all (lazy ones included).
ALL_DECODED = "() => Promise.all([...document.images].map(image => image.decode()))"
PAGES = {  # file name -> page of the sample site
    "home-en": "en/",
    "home-fr": "fr/",
    "release-en": "en/releases/2021/05/startup-garage-china-alibaba-cloud/",
    "release-fr": "fr/communiques/2021/05/startup-garage-chine-alibaba-cloud/",
    "search-fr": "fr/recherche/?q=garage&type=Communiqu%C3%A9+de+presse&year=2021&sort=date",
    "media-en": "en/media/",
    "media-fr": "fr/medias/",
    # A 2019 invitation, over in any build made since: no sign-up, no calendar link.
    "invitation-over-fr": "fr/communiques/2019/06/invitation-dejeuner-causerie-echanges-montreal/",
}
# The search page writes its results after loading Pagefind: wait for its status line.
SEARCHED = """() => {
  const status = document.getElementById("search-status");
  return !status || (status.textContent.trim() && status.textContent !== status.closest("form").dataset.busy);
}"""


def build_site(output: Path) -> None:
    """Build the sample site with development settings (relative links) into output."""
    command = tasks.pelican_command("pelicanconf.py", str(output))
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)


class QuietHandler(tasks.NewsroomHandler):
    """The ./dev serve handler, without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:
        """Say nothing."""


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve the built site on a free local port; yield its address."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def take(site: Path, folder: Path) -> list[Path]:
    """Photograph every page of PAGES at every width into folder; return the PNG files."""
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    # Served over HTTP: the search page loads Pagefind as a module, which file: URLs refuse.
    with sync_playwright() as playwright, serve(site) as base:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for form, width in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": 800})
            for name, url in PAGES.items():
                page.set_viewport_size({"width": width, "height": 800})
                page.goto(base + url, wait_until="load")
                page.wait_for_function(SEARCHED, timeout=30_000)
                if form == "phone" and name.startswith("search"):
                    page.click(".search__options-button")  # the filters, folded on a phone
                # The search keeps a screen's height for its results (no layout shift): a
                # viewport as tall as the page would grow that space with it.
                height = page.evaluate("document.documentElement.scrollHeight")
                if not name.startswith("search"):
                    page.set_viewport_size({"width": width, "height": height})
                page.wait_for_function(ALL_LOADED, timeout=10_000)
                page.evaluate(ALL_DECODED)
                path = folder / f"{name}-{form}.png"
                page.screenshot(path=str(path), full_page=True)
                written.append(path)
            page.close()
        browser.close()
    return written


def refresh(folder: Path) -> list[Path]:
    """Build the sample site in a temporary folder and photograph it into folder."""
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "output"
        build_site(site)
        return take(site, folder)
