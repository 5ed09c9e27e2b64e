"""Build the site as it will be at an instant, with the ordinary Pelican command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from .s3 import PublishError

PUBLISH_CONF = "publishconf.py"


def build_command(root: Path, output: Path, conf: str = PUBLISH_CONF) -> list[str]:
    """Return `pelican content -s <conf> -o <output>`, run from the site folder."""
    return [sys.executable, "-m", "pelican", "content", "-s", str(root / conf), "-o", str(output)]


def build_at(root: Path, site: Path, output: Path, now: datetime) -> str | None:
    """Build the site with its "now" set to an instant; return the problems printed, if it failed.

    Its caches sit beside its output (`.<output>.cache`), in the publisher's private work
    folder: a build ahead holds a release before its instant, which the project's shared
    cache must never hold, and a build of another instant must not prune what it uses.
    """
    env = {**os.environ, "PRESS_NOW": now.isoformat()}
    cache = output.parent / f".{output.name}.cache"
    command = [*build_command(root, output), "-e", f"CACHE_PATH={json.dumps(str(cache))}"]
    result = subprocess.run(command, cwd=site, env=env, capture_output=True, text=True)
    if result.returncode == 0:
        return None
    return (result.stderr.strip() or result.stdout.strip() or "the build failed").strip()


@contextmanager
def held(output: Path, wait: float) -> Iterator[None]:
    """Hold the output's build lock while a built site is read, so no other build swaps it."""
    from press_build import staging

    try:
        handle = staging.lock(output, wait)
    except staging.StagingError as error:
        raise PublishError(f"{output}: {error}") from None
    try:
        yield
    finally:
        staging.unlock(handle)
