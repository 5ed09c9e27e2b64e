"""Stand-in for `python -m live` in the bench tests: copies saved sources into one page after a delay.

`python tests/fake_live.py --page P [--show-ms M] [--delay-ms N] [--fail] CONTENT -s S -o OUTPUT
--port PORT` serves OUTPUT over HTTP and prints the live preview's lines; on each change under
CONTENT it serves every source text as P from memory after M ms (with --show-ms), and writes it
into OUTPUT/P after N ms (or, with --fail, reports a failed build).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import signal
import sys
import threading
import time
from pathlib import Path


def parse() -> argparse.Namespace:
    """Parse the stand-in's options and the live preview's interface."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--page", required=True)
    parser.add_argument("--show-ms", type=int, default=None)
    parser.add_argument("--delay-ms", type=int, default=0)
    parser.add_argument("--fail", action="store_true")
    parser.add_argument("content", type=Path)
    parser.add_argument("-s", dest="settings", required=True)
    parser.add_argument("-o", dest="output", type=Path, required=True)
    parser.add_argument("-e", dest="extra", action="append", default=[])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    return parser.parse_args()


def stamps(content: Path) -> dict[Path, int]:
    """Return the modification time of every file under CONTENT."""
    return {path: path.stat().st_mtime_ns for path in content.rglob("*") if path.is_file()}


def page_text(args: argparse.Namespace) -> str:
    """Return every source's text, as a build would show the edited release."""
    texts = (path.read_text(encoding="utf-8") for path in sorted(args.content.rglob("*.md")))
    return "\n".join(texts)


def write_page(args: argparse.Namespace) -> None:
    """Write every source's text into the page."""
    page = args.output / args.page
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(page_text(args), encoding="utf-8")


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serve OUTPUT, the page shown from memory first."""

    shown: dict[str, bytes] = {}  # noqa: RUF012 - the one stand-in server's memory

    def log_message(self, format: str, *args: object) -> None:
        """Log nothing."""

    def send_head(self):  # http.server's signature
        """Send the page from memory when it is there, else the file."""
        body = self.shown.get(self.path.lstrip("/"))
        if body is None:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(args: argparse.Namespace) -> None:
    """Serve OUTPUT on the port in a thread."""
    handler = functools.partial(Handler, directory=str(args.output))
    server = http.server.ThreadingHTTPServer((args.host, args.port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()


def main() -> None:
    """Build once, announce the server, then rebuild after each change until stopped."""
    args = parse()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    write_page(args)
    serve(args)
    print(f"Serving {args.output} on http://{args.host}:{args.port}/ (Ctrl-C to stop)", flush=True)
    seen = stamps(args.content)
    while True:
        time.sleep(0.01)
        if (now := stamps(args.content)) == seen:
            continue
        seen, start = now, time.perf_counter()
        shown = 0
        if args.show_ms is not None and not args.fail:
            time.sleep(args.show_ms / 1000)
            Handler.shown[args.page] = page_text(args).encode("utf-8")
            shown = args.show_ms
        time.sleep(max(0, args.delay_ms - shown) / 1000)
        if args.fail:
            print("content/releases/x.en.md: title: missing", flush=True)
            print(
                f"Build failed: fix the problems above; {args.output} still holds the last good build.",
                flush=True,
            )
            continue
        write_page(args)
        Handler.shown.clear()
        print(f"Rebuilt in {time.perf_counter() - start:.2f} s.", flush=True)


if __name__ == "__main__":
    main()
