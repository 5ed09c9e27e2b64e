"""Serve a built site on 127.0.0.1 and check its pages with axe-core in Debian's Chromium."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import sys
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


class QuietServer(http.server.ThreadingHTTPServer):
    """A local server that ignores a browser closing a connection before a file is sent."""

    def handle_error(self, request: object, client_address: object) -> None:
        """Ignore dropped connections; report anything else as usual."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 on a free port; yield its base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = QuietServer(("127.0.0.1", 0), handler)
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


def version() -> str:
    """Return the installed axe-core version."""
    return json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))["version"]


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
    """Open each page at a width, note requests to other hosts and the scroll width, run axe-core.

    Requests to any other host are recorded and aborted: nothing leaves the machine.
    """
    script = AXE.read_text(encoding="utf-8")
    local = urlsplit(base).netloc
    foreign: list[str] = []

    def only_local(route: object) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in ("data", "blob", "about") or parts.netloc == local:
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    reports = []
    context = chromium.new_context(viewport={"width": width, "height": 800})
    context.route("**/*", only_local)
    if run_axe:
        context.add_init_script(script=script)  # in every page before its own scripts
    page = context.new_page()
    try:
        for path in paths:
            seen = len(foreign)
            response = page.goto(base + path, wait_until="load")
            report = PageReport(path, status=response.status if response else None)
            report.scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if run_axe:
                report.violations = page.evaluate(RUN_AXE, WCAG_TAGS)
            report.foreign_requests = foreign[seen:]
            reports.append(report)
    finally:
        context.close()
    return reports
