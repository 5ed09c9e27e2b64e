"""Serve a built site on 127.0.0.1 and check its pages with axe-core in Debian's Chromium."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary.replace(/\\n/g, " "))})))"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without logging every request to the test output."""

    def log_message(self, format: str, *args: object) -> None:
        """Say nothing."""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 on a free port; yield its base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@dataclass
class PageReport:
    """What the browser found on one page."""

    url: str
    violations: list[dict] = field(default_factory=list)
    scroll_width: int = 0
    foreign_requests: list[str] = field(default_factory=list)
    status: int | None = None


def require_tools() -> None:
    """Fail with the fix when Chromium or axe-core is missing (never skip)."""
    if not Path(CHROMIUM).is_file() and shutil.which("chromium") is None:
        pytest.fail(
            f"{CHROMIUM} is missing: run ./dev test (as root it installs Debian's chromium) or apt-get install chromium."
        )
    if not AXE.is_file():
        pytest.fail(
            f"{AXE.relative_to(ROOT)} is missing: run `npm ci` in {ROOT} (./dev test does it)."
        )


@contextmanager
def browser() -> Iterator[object]:
    """Launch Debian's Chromium through Playwright (never a downloaded browser)."""
    require_tools()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def check_pages(
    chromium: object, base: str, paths: list[str], width: int, run_axe: bool = True
) -> list[PageReport]:
    """Open each page at a width, note requests to other hosts and the scroll width, run axe-core."""
    script = AXE.read_text(encoding="utf-8")
    local = urlsplit(base).netloc
    reports = []
    context = chromium.new_context(viewport={"width": width, "height": 800})
    try:
        for path in paths:
            page = context.new_page()
            report = PageReport(path)

            def note(request: object, report: PageReport = report) -> None:
                parts = urlsplit(request.url)
                if parts.scheme not in ("data", "blob", "about") and parts.netloc != local:
                    report.foreign_requests.append(request.url)

            page.on("request", note)
            response = page.goto(base + path, wait_until="load")
            report.status = response.status if response else None
            report.scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if run_axe:
                page.add_script_tag(content=script)
                report.violations = page.evaluate(RUN_AXE, WCAG_TAGS)
            reports.append(report)
            page.close()
    finally:
        context.close()
    return reports
