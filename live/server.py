"""The development server: a built site, its own 404 pages, and a reload signal for the browser."""

from __future__ import annotations

import functools
import http.server
import io
import sys
import threading
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

SCRIPT = Path(__file__).with_name("reload.js")
SCRIPT_URL = "/__live/reload.js"
EVENTS_URL = "/__live/events"
RELOAD_TAG = f'<script src="{SCRIPT_URL}" defer></script>'.encode()
KEEP_ALIVE = 15.0  # seconds between comments on an idle event stream, to notice closed tabs


def not_found_page(root: Path, request_path: str) -> Path | None:
    """Return the 404 page for a missing address: its language's, else the root one."""
    first = request_path.split("?", 1)[0].lstrip("/").split("/", 1)[0]
    folders = [first] if first not in ("", ".", "..") else []
    pages = [root / folder / "404.html" for folder in folders] + [root / "404.html"]
    return next((page for page in pages if page.is_file()), None)


class NewsroomHandler(http.server.SimpleHTTPRequestHandler):
    """Serve the files of a built site; a missing address gets the site's own 404 page."""

    def page_bytes(self, page: Path) -> bytes:
        """Return an HTML page as it is sent."""
        return page.read_bytes()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer 404 with <lang>/404.html or 404.html when the site has one."""
        page = not_found_page(Path(self.directory), self.path) if code == 404 else None
        if page is None:
            super().send_error(code, message, explain)
            return
        body = self.page_bytes(page)
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def with_reload(html: bytes) -> bytes:
    """Return a page with the reload script just before its last </body>."""
    at = html.lower().rfind(b"</body>")
    return html + RELOAD_TAG if at < 0 else html[:at] + RELOAD_TAG + html[at:]


class Broadcast:
    """The count of good builds so far, which every open event stream waits on."""

    def __init__(self) -> None:
        self.builds = 0
        self.closed = False
        self._changed = threading.Condition()

    def notify(self) -> None:
        """Tell every open page that a new build is in place."""
        with self._changed:
            self.builds += 1
            self._changed.notify_all()

    def close(self) -> None:
        """End every event stream (the server is stopping)."""
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int | None:
        """Wait for a build after `seen`; return the count, or None once closed."""
        with self._changed:
            self._changed.wait_for(lambda: self.closed or self.builds != seen, timeout)
            return None if self.closed else self.builds


class Overlay:
    """Pages shown from memory until the full build writes them: output name -> bytes.

    Never written anywhere: the output only ever holds what a whole build wrote.
    """

    def __init__(self) -> None:
        self._pages: dict[str, bytes] = {}

    def show(self, pages: dict[str, bytes]) -> None:
        """Serve these pages instead of the files of the same names."""
        self._pages = dict(pages)  # one assignment: a request sees the old or the new set

    def clear(self) -> None:
        """Serve the output's files again."""
        self._pages = {}

    def page(self, name: str) -> bytes | None:
        """Return the page shown under an output name, None when the file is served."""
        return self._pages.get(name)

    def names(self) -> list[str]:
        """Return the output names shown from memory."""
        return sorted(self._pages)


def output_name(route: str) -> str:
    """Return the output file an address names: `/en/x/` is `en/x/index.html`."""
    name = unquote(route).lstrip("/")
    return name + "index.html" if name == "" or name.endswith("/") else name


class LiveHandler(NewsroomHandler):
    """Send pages with the reload script (on the wire only) and stream reload events."""

    def __init__(self, *args: Any, broadcast: Broadcast, overlay: Overlay, **kwargs: Any) -> None:
        # Set first: the base class answers the request in __init__.
        self.broadcast, self.overlay = broadcast, overlay
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the terminal for build messages: requests are not logged."""

    def page_bytes(self, page: Path) -> bytes:
        """Return an HTML page with the reload script added."""
        return with_reload(page.read_bytes())

    def do_GET(self) -> None:
        """Stream events on /__live/events; serve everything else as files."""
        if urlsplit(self.path).path == EVENTS_URL:
            self.stream_events()
        else:
            super().do_GET()

    def send_head(self) -> Any:
        """Send the reload script, a page with it added, or any other file as it is."""
        route = urlsplit(self.path).path
        if route == SCRIPT_URL:
            return self._send_bytes(SCRIPT.read_bytes(), "text/javascript; charset=utf-8")
        shown = self.overlay.page(output_name(route))
        if shown is not None:
            return self._send_bytes(with_reload(shown), "text/html; charset=utf-8")
        page = self._html_file()
        if page is None:
            return super().send_head()
        return self._send_bytes(self.page_bytes(page), "text/html; charset=utf-8")

    def _html_file(self) -> Path | None:
        """Return the HTML file a request names, or None to let the base class answer."""
        route = urlsplit(self.path).path
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not route.endswith("/"):
                return None  # the base class redirects to the address with a slash
            path = path / "index.html"
        return path if path.suffix in (".html", ".htm") and path.is_file() else None

    def _send_bytes(self, body: bytes, content_type: str) -> io.BytesIO:
        """Send the headers of a body made in memory; return it for do_GET to copy."""
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")  # a reload must fetch the new build
        self.end_headers()
        return io.BytesIO(body)

    def stream_events(self) -> None:
        """Send `reload` after each good build until the page or the server goes away."""
        self.close_connection = True
        seen = self.broadcast.builds  # before the headers: a build once the page hears us counts
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        message = b"retry: 1000\n\n"
        try:
            while message:
                self.wfile.write(message)
                self.wfile.flush()
                builds = self.broadcast.wait(seen, KEEP_ALIVE)
                if builds is None:
                    return
                message = (
                    b": idle\n\n" if builds == seen else b"event: reload\ndata: %d\n\n" % builds
                )
                seen = builds
        except (BrokenPipeError, ConnectionResetError):
            return  # the tab was closed or reloaded


class LiveServer(http.server.ThreadingHTTPServer):
    """A threaded server (one thread per open event stream) that ignores dropped connections."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore a browser closing a connection early; report anything else."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def open_live_server(
    directory: Path, host: str, port: int, broadcast: Broadcast, overlay: Overlay
) -> LiveServer:
    """Listen on host:port for the files under directory, the overlay's pages first
    (OSError when the port is taken)."""
    handler = functools.partial(
        LiveHandler, directory=str(directory), broadcast=broadcast, overlay=overlay
    )
    return LiveServer((host, port), handler)
