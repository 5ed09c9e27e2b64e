"""A local webroot switched atomically: each publication is a new directory, then a link swap."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from .plan import site_digests
from .s3 import PublishError

KEEP = 3  # versions kept: the live one and two to roll back to
OPEN = {"site", "project"}  # folders a webroot may sit inside, but never be or hold


def versions_dir(target: Path) -> Path:
    """Return where the versions of a webroot live: a hidden folder beside it."""
    return target.parent / f".{target.name}.versions"


def check(target: Path) -> None:
    """Refuse a target that is not, and cannot become, a link to a directory."""
    if not target.parent.is_dir():
        raise PublishError(f"{target}: the folder {target.parent} does not exist.")
    if target.is_symlink() or not target.exists():
        return
    if not target.is_dir():
        raise PublishError(f"{target}: not a directory; give a webroot folder.")


def placement_problem(target: Path, guarded: dict[Path, str]) -> str | None:
    """Refuse a webroot that is, holds or sits in a folder of the project (the swap moves it)."""
    place = target.resolve()
    folders = sorted(guarded.items(), key=lambda item: item[0].resolve() != place)  # "is" first
    for folder, name in folders:
        folder = folder.resolve()
        if place == folder:
            relation = "is"
        elif folder.is_relative_to(place):
            relation = "contains"
        elif place.is_relative_to(folder) and name not in OPEN:
            relation = "is inside"
        else:
            continue
        return (
            f"{target}: {relation} the {name} folder {folder}; a publication replaces the"
            " webroot, so choose a folder outside the project like /var/www/press"
        )
    return None


def ledger_path(target: Path) -> Path:
    """Return the alert ledger of a webroot: a hidden file beside it, never served."""
    return target.parent / f".{target.name}.alerts.json"


def read_ledger(target: Path) -> bytes | None:
    """Return the webroot's alert ledger, or None when there is none yet."""
    path = ledger_path(target)
    return path.read_bytes() if path.is_file() else None


def write_ledger(target: Path, data: bytes) -> None:
    """Replace the alert ledger in one rename, so a crash leaves the old or the new one."""
    path = ledger_path(target)
    partial = path.with_name(path.name + ".new")
    partial.write_bytes(data)
    os.replace(partial, path)


def live_digests(target: Path) -> dict[str, str]:
    """Return the content hash of every file the webroot serves now."""
    return site_digests(target) if target.is_dir() else {}


def prepare(site: Path, target: Path) -> Path:
    """Copy a built site into a new version folder beside the webroot; serve nothing yet."""
    check(target)
    versions = versions_dir(target)
    versions.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    version = versions / stamp
    shutil.copytree(site, version, symlinks=False)
    return version


def swap(target: Path, version: Path) -> None:
    """Point the webroot at a version in one rename, so no reader sees half of each."""
    link = target.parent / f".{target.name}.link"
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(version, target.parent), target_is_directory=True)
    if target.is_dir() and not target.is_symlink():
        # A plain folder from before: keep it as a version, then link in its place.
        target.rename(versions_dir(target) / f"adopted-{version.name}")
    os.replace(link, target)
    prune(target)


def prune(target: Path) -> None:
    """Remove old versions, keeping the live one and the most recent others."""
    live = target.resolve()
    versions = sorted(versions_dir(target).iterdir(), key=lambda p: p.name.removeprefix("adopted-"))
    for old in versions[:-KEEP]:
        if old.resolve() != live:
            shutil.rmtree(old, ignore_errors=True)
