"""Editorial and developer tasks: `./dev TASK` (or `invoke TASK` inside .venv)."""

from __future__ import annotations

import functools
import http.server
import os
import sys
from pathlib import Path

from invoke import Context, task

ROOT = Path(__file__).resolve().parent
PELICAN = [sys.executable, "-m", "pelican"]


def pelican(c: Context, conf: str, output: str | None = None) -> None:
    """Run the ordinary Pelican command on content/ with a settings file."""
    args = [*PELICAN, "content", "-s", conf, *(["-o", output] if output else [])]
    c.run(" ".join(args), pty=False, echo=False)


@task
def build(c: Context) -> None:
    """Build the site with development settings into output/."""
    pelican(c, "pelicanconf.py")


def serve_directory(directory: str, port: int) -> None:
    """Serve a directory on localhost until interrupted."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=directory)
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"Serving {directory}/ on http://localhost:{port}/ (Ctrl-C to stop)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print()


@task(help={"port": "port to listen on (default 8000)"})
def serve(c: Context, port: int = 8000) -> None:
    """Build the site, then serve output/ on http://localhost:8000."""
    build(c)
    serve_directory(os.path.join(ROOT, "output"), port)
