"""`python -m live CONTENT -s SETTINGS -o OUTPUT`: build, serve, rebuild on save, reload pages."""

from __future__ import annotations

import argparse
import gc
import json
import logging
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

from pelican.log import init as init_logging

from .build import Builder
from .server import Broadcast, Overlay, open_live_server
from .watch import SourceFilter, changes, source_paths, written_paths


def extra_setting(item: str) -> tuple[str, Any]:
    """Parse one `-e KEY=VALUE` (VALUE in JSON), as Pelican's --extra-settings does."""
    key, equals, value = item.partition("=")
    if not equals or not key:
        raise argparse.ArgumentTypeError(f"{item!r} is not KEY=VALUE; write it like PORT=8000")
    try:
        return key, json.loads(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{item!r}: the value is not JSON; write a string as {key}='\"text\"',"
            f" or {key}=true, {key}=null, {key}=3"
        ) from None


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(prog="python -m live", description=__doc__)
    parser.add_argument("content", help="the content folder")
    parser.add_argument("-s", "--settings", required=True, help="the Pelican settings file")
    parser.add_argument("-o", "--output", required=True, help="the output folder")
    parser.add_argument(
        "-e", "--extra-settings", dest="overrides", nargs="+", action="extend", default=[],
        type=extra_setting, metavar="KEY=VALUE", help="settings to override; VALUE is JSON",
    )  # fmt: skip
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    return parser.parse_args(argv)


def report(done: bool, started: float, output: str, first: bool = False) -> None:
    """Say how a build went."""
    if done:
        word = "Built" if first else "Rebuilt"
        print(f"{word} in {time.monotonic() - started:.2f} s.", flush=True)
    else:
        print(
            f"Build failed: fix the problems above; {output} still holds the last good build.",
            flush=True,
        )


def build(builder: Builder, output: str, changed: set[str] | None = None) -> bool:
    """Run one build and say how it went."""
    started = time.monotonic()
    done = builder.run(changed or ())
    report(done, started, output, first=changed is None)
    return done


def address(name: str) -> str:
    """Return the address of an output page: `en/x/index.html` is `/en/x/`."""
    return "/" + name.removesuffix("index.html")


def show_from_memory(builder: Builder, changed: set[str], overlay: Overlay) -> dict[str, bytes]:
    """Serve the pages of a body-only edit from memory at once; return them ({} if none)."""
    started = time.monotonic()
    pages = builder.fast_pages(changed) or {}
    if pages:
        overlay.show(pages)
        shown = ", ".join(address(name) for name in sorted(pages))
        print(
            f"Shown from memory in {time.monotonic() - started:.2f} s: {shown};"
            " building the whole site.",
            flush=True,
        )
    return pages


def written_as_shown(pages: dict[str, bytes], output: Path) -> bool:
    """Tell whether the output now holds exactly the bytes shown from memory."""
    try:
        return all((output / name).read_bytes() == data for name, data in pages.items())
    except OSError:
        return False


def rebuild(
    builder: Builder, output: str, changed: set[str], broadcast: Broadcast, overlay: Overlay
) -> None:
    """Show a body edit from memory, then build the whole site; reload pages when they change.

    After a page shown from memory, a good build that wrote the same bytes sends no
    second reload (the page would flash for nothing); one that wrote other bytes does,
    and so does a failed one: the page shown was never validated, the last good is served.
    """
    pages = show_from_memory(builder, changed, overlay)
    if pages:
        broadcast.notify()
    done = build(builder, output, changed)
    same = done and bool(pages) and written_as_shown(pages, builder.output)
    overlay.clear()
    if (done and not same) or (not done and pages):
        broadcast.notify()


def main(argv: list[str] | None = None) -> int:
    """Build, serve and rebuild on every change until SIGTERM or Ctrl-C; return the exit code."""
    args = parse(argv)
    init_logging(level=logging.WARNING, name="pelican")
    builder = Builder(
        Path(args.settings).resolve(), Path(args.content).resolve(), Path(args.output).resolve(),
        dict(args.overrides),
    )  # fmt: skip
    settings = builder.settings()  # a settings file that cannot even be read stops here
    broadcast, overlay = Broadcast(), Overlay()
    try:
        server = open_live_server(builder.output, args.host, args.port, broadcast, overlay)
    except OSError as error:
        print(
            f"Cannot listen on port {args.port} ({error.strerror}); choose another with --port.",
            file=sys.stderr,
        )
        return 1
    stop = threading.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: stop.set())
    build(builder, args.output)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    print(f"Serving {args.output} on http://{args.host}:{port}/ (Ctrl-C to stop)", flush=True)
    source = SourceFilter(settings.get("IGNORE_FILES") or [], written_paths(settings))
    for changed in changes(source_paths(builder.settings_file, settings), source, stop):
        rebuild(builder, args.output, changed, broadcast, overlay)
        gc.collect()  # after the reload is sent: the last build's objects go now, not later
    broadcast.close()
    server.shutdown()
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
