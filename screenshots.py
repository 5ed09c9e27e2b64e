"""Screenshots of the sample newsroom in Chromium (Playwright): homes and a release, desktop and phone."""

from __future__ import annotations

import subprocess
import tempfile
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
    # A 2019 invitation, over in any build made since: no sign-up, no calendar link.
    "invitation-over-fr": "fr/communiques/2019/06/invitation-dejeuner-causerie-echanges-montreal/",
}


def build_site(output: Path) -> None:
    """Build the sample site with development settings (relative links) into output."""
    command = tasks.pelican_command("pelicanconf.py", str(output))
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)


def take(site: Path, folder: Path) -> list[Path]:
    """Photograph every page of PAGES at every width into folder; return the PNG files."""
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for form, width in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": 800})
            for name, url in PAGES.items():
                page.set_viewport_size({"width": width, "height": 800})
                page.goto((site / url / "index.html").as_uri(), wait_until="load")
                height = page.evaluate("document.documentElement.scrollHeight")
                page.set_viewport_size({"width": width, "height": height})
                page.wait_for_function(ALL_LOADED, timeout=10_000)
                page.evaluate(ALL_DECODED)
                path = folder / f"{name}-{form}.png"
                page.screenshot(path=str(path))
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
