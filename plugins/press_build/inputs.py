"""What every page of a build depends on, as one digest: code, theme, settings, shared files."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import fields
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from press_core.options import output_neutral
from press_core.settings import declared_options

from . import fingerprint

# Libraries whose output ends up in pages, feeds or the search index.
LIBRARIES = (
    "pelican", "jinja2", "markupsafe", "markdown", "babel", "nh3", "feedgen", "lxml",
    "pillow", "icalendar", "pydantic", "pyyaml", "pagefind", "beautifulsoup4",
)  # fmt: skip
# Pelican's own settings that say where to build, never what: they do not change a page.
# Whether a PRESS_* setting does comes from its declaration (Option.changes_output).
PELICAN_IRRELEVANT = frozenset({"OUTPUT_PATH", "CACHE_PATH", "WRITE_SELECTED"})
SKIPPED_DIRS = frozenset({"__pycache__", ".git"})
LARGE = 1 << 20  # bytes from which a content file is known by its stat, not its bytes


def shared_digest(settings: Mapping[str, Any]) -> str:
    """Return the digest of what every page depends on: code, theme, settings, shared files."""
    return _digest_of(_parts(settings))


def input_entries(settings: Mapping[str, Any]) -> list[str]:
    """Return a line per release and static file: its path and SHA-256 (see _files)."""
    content = Path(settings["PATH"])
    folders = [*settings["ARTICLE_PATHS"], *settings["STATIC_PATHS"]]
    return [line for folder in folders for line in _files(content / folder, set(), LARGE)]


def build_digest(shared: str, entries: list[str]) -> str:
    """Return the digest of every input of a build: the shared digest, every release and
    static file (input_entries)."""
    return _digest_of([shared, *entries])


def site_digest(shared: str, site: Any, memo: Any = None) -> str | None:
    """Return the digest every page key starts from; None when some shared value is unknown."""
    frozen = memo.frozen if memo is not None else None
    try:
        return _digest_of([shared, fingerprint.digest(*_shared(site), frozen=frozen)])
    except fingerprint.UnkeyableError:
        return None


def _digest_of(parts: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _parts(settings: Mapping[str, Any]) -> Iterator[str]:
    yield sys.version
    yield f"PAGEFIND_BINARY_PATH={os.environ.get('PAGEFIND_BINARY_PATH', '')}"
    for name in LIBRARIES:
        try:
            yield f"{name}={version(name)}"
        except PackageNotFoundError:
            yield f"{name}=absent"
    irrelevant = PELICAN_IRRELEVANT | output_neutral(declared_options(settings))
    for key in sorted(settings):
        if key not in irrelevant:
            yield f"{key}={fingerprint.scrubbed(repr(settings[key]))}"
    roots = [Path(p) for p in settings.get("PLUGIN_PATHS", [])] + [Path(settings["THEME"])]
    for root in roots:
        yield from _files(root, set())
    content = Path(settings["PATH"])
    skipped = {content / p for p in [*settings["ARTICLE_PATHS"], *settings["STATIC_PATHS"]]}
    yield from _files(content, skipped)


def _files(root: Path, skipped: set[Path], large: int | None = None) -> Iterator[str]:
    """Yield each file's path and SHA-256 under root, in name order, links not followed.

    A file over `large` bytes is described by its size, times and inode instead of its
    bytes (photos): any write changes its ctime, which no tool can set back.
    """
    if root.is_symlink():
        yield f"{root}->{os.readlink(root)}"
    if not root.is_dir():
        return
    for path in sorted(root.iterdir()):
        if path in skipped or path.name in SKIPPED_DIRS:
            continue
        if path.is_symlink():  # the link itself: a new target, a loop, a broken link
            yield f"{path}->{os.readlink(path)}"
        if path.is_dir():
            if not path.is_symlink():  # a linked folder is read where it lies
                yield from _files(path, skipped, large)
        elif path.is_file():
            info = path.stat()
            if large is not None and info.st_size > large:
                yield f"{path}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}"
            else:
                yield f"{path}:{hashlib.sha256(path.read_bytes()).hexdigest()}"
        else:
            yield f"{path}:neither file nor folder"


def _shared(site: Any) -> list[Any]:
    """Return what templates read from context['press'] on every page (no neutral setting)."""
    if site is None:
        return []
    settings = site.settings
    values = [getattr(settings, f.name) for f in fields(settings) if not f.metadata.get("neutral")]
    return [values, site.contacts, site.boilerplates, site.feed_links]
