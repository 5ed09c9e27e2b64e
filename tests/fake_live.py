"""Stand-in for `python -m live` in the bench tests: copies saved sources into one page after a delay.

`python tests/fake_live.py --page P [--delay-ms N] [--fail] CONTENT -s S -o OUTPUT ...` serves
nothing: it prints the live preview's lines, and on each change under CONTENT writes every source
text into OUTPUT/P (or, with --fail, reports a failed build).
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path


def parse() -> argparse.Namespace:
    """Parse the stand-in's options and the live preview's interface."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--page", required=True)
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


def write_page(args: argparse.Namespace) -> None:
    """Write every source's text into the page, as a build would show the edited release."""
    page = args.output / args.page
    page.parent.mkdir(parents=True, exist_ok=True)
    texts = (path.read_text(encoding="utf-8") for path in sorted(args.content.rglob("*.md")))
    page.write_text("\n".join(texts), encoding="utf-8")


def main() -> None:
    """Build once, announce the server, then rebuild after each change until stopped."""
    args = parse()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    write_page(args)
    print(f"Serving {args.output} on http://{args.host}:{args.port}/ (Ctrl-C to stop)", flush=True)
    seen = stamps(args.content)
    while True:
        time.sleep(0.01)
        if (now := stamps(args.content)) == seen:
            continue
        seen, start = now, time.perf_counter()
        time.sleep(args.delay_ms / 1000)
        if args.fail:
            print("content/releases/x.en.md: title: missing", flush=True)
            print(
                f"Build failed: fix the problems above; {args.output} still holds the last good build.",
                flush=True,
            )
            continue
        write_page(args)
        print(f"Rebuilt in {time.perf_counter() - start:.2f} s.", flush=True)


if __name__ == "__main__":
    main()
