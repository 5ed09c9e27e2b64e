"""Symbolic links under content/: none may leave it, expose release sources, or loop."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from press_build.output import within
from press_core.errors import Problem

__all__ = ["link_problem", "link_problems", "within"]

LOOP = "is a symbolic link that loops back on itself; replace it with the real folder or file"
MISSING = "is a symbolic link to a file that does not exist; remove it"
OUTSIDE = "is a symbolic link to a place outside content/; copy the file into content/ instead"
INTO_RELEASES = (
    "is a symbolic link into the releases folder; release sources are never published,"
    " so remove the link"
)


def link_problem(link: Path, content: Path, releases: Path) -> str | None:
    """Return what is wrong with one symbolic link, or None; content and releases are resolved."""
    try:
        target = link.resolve(strict=True)
    except RuntimeError:  # Python 3.11 reports a loop this way
        return LOOP
    except OSError as error:
        return LOOP if error.errno == errno.ELOOP else MISSING
    if not within(target, content):
        return OUTSIDE
    if within(target, releases) and not within(link.parent, releases):
        return INTO_RELEASES
    return None


def link_problems(content: Path, releases_dir: str, shown) -> list[Problem]:
    """Check every symbolic link under content/ without following any of them."""
    root = content.resolve()
    releases = root / releases_dir
    problems = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if path.is_symlink():
                message = link_problem(path, root, releases)
                if message:
                    problems.append(Problem(shown(path), "file", message))
    return problems
