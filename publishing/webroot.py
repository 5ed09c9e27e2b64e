"""A local webroot switched atomically: each publication is a new directory, then a link swap.

The versions live in `.<webroot>.versions/` beside the webroot. That folder holds a
marker we write, `.press-versions.json`, naming every version a publication made:
only those are ever pruned. A webroot that is a plain folder holding files, a link
no publication made, or a versions folder without the marker is refused with one
line; nothing of it is moved or removed.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

from .plan import site_digests
from .s3 import PublishError

KEEP = 3  # versions kept: the live one and two to roll back to
OPEN = {"site", "project"}  # folders a webroot may sit inside, but never be or hold
MARK = ".press-versions.json"  # in the versions folder: the versions publications made
NAMED = 3  # foreign entries named in a refusal; the rest are counted
STAMP = re.compile(r"\d{8}T\d{12}Z")  # a version's name: when it was made, in UTC


def versions_dir(target: Path) -> Path:
    """Return where the versions of a webroot live: a hidden folder beside it."""
    return target.parent / f".{target.name}.versions"


def check(target: Path) -> None:
    """Refuse a target that is not, and cannot become, a link to one of our versions."""
    if not target.parent.is_dir():
        raise PublishError(f"{target}: the folder {target.parent} does not exist.")
    if not target.is_symlink() and target.exists() and not target.is_dir():
        raise PublishError(f"{target}: not a directory; give a webroot folder.")
    problem = ownership_problem(target)
    if problem:
        raise PublishError(problem)


def ownership_problem(target: Path) -> str | None:
    """Refuse what no publication made: files in the webroot, its link, its versions folder."""
    versions = versions_dir(target)
    made = made_versions(versions)
    if versions.exists() and made is None:
        return (
            f"{versions}: was not made by a publication (no {MARK} in it); move it away,"
            " then publish again"
        )
    if target.is_symlink():
        live = Path(os.path.realpath(target))
        if made is None or live.parent != versions.resolve() or live.name not in made:
            return (
                f"{target}: is a link to {os.readlink(target)} that no publication made;"
                " remove the link or choose a new folder, then publish again"
            )
        return None
    foreign = entries(target) if target.is_dir() else []
    if not foreign:
        return None
    more = f" and {len(foreign) - NAMED} more" if len(foreign) > NAMED else ""
    return (
        f"{target}: holds files that no publication made ({', '.join(foreign[:NAMED])}{more});"
        " a publication replaces the webroot, so move them out or choose a new folder"
    )


def entries(folder: Path) -> list[str]:
    """Return every file, link and empty folder under a folder, as sorted relative names."""
    found = []
    for root, dirs, files in os.walk(folder):
        inner = Path(root).relative_to(folder)
        links = [name for name in dirs if os.path.islink(os.path.join(root, name))]
        found += [(inner / name).as_posix() for name in files + links]
        if not dirs and not files and root != str(folder):
            found.append(inner.as_posix())
    return sorted(found)


def made_versions(versions: Path) -> list[str] | None:
    """Return the versions the marker lists; None when there is no readable marker."""
    try:
        data = json.loads((versions / MARK).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    names = data.get("versions") if isinstance(data, dict) else None
    if not isinstance(names, list):
        return None
    return [n for n in names if isinstance(n, str) and STAMP.fullmatch(n)]  # never ../x


def note_versions(versions: Path, names: list[str]) -> None:
    """Write the marker listing the versions publications made (whole or not at all)."""
    scratch = versions / f"{MARK}.{os.getpid()}.tmp"
    scratch.write_text(json.dumps({"versions": names}), encoding="utf-8")
    os.replace(scratch, versions / MARK)


def open_versions(target: Path) -> Path:
    """Return the versions folder, made with its marker when there is none yet."""
    versions = versions_dir(target)
    if not versions.exists():
        versions.mkdir()
        note_versions(versions, [])
    return versions


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


def prepare(site: Path, target: Path, place: Path | None = None) -> Path:
    """Copy a built site into a new version folder; serve nothing yet.

    With `place` (the watcher's private work folder) the version waits there, not
    beside the webroot, until swap() moves it in at its instant.
    """
    check(target)
    name = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    if place is None:
        version = admit(open_versions(target), name)
    else:
        place.mkdir(parents=True, exist_ok=True)
        version = place / name
    shutil.copytree(site, version, symlinks=False)
    return version


def admit(versions: Path, name: str) -> Path:
    """Note a version in the marker before it is made, so a stopped copy is pruned too."""
    made = made_versions(versions) or []
    note_versions(versions, [*made, name])
    return versions / name


def move_in(version: Path, target: Path) -> Path:
    """Move a version prepared elsewhere into the versions folder; return its new path."""
    moved = admit(open_versions(target), version.name)
    try:
        os.rename(version, moved)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        shutil.copytree(version, moved, symlinks=False)  # another file system: copy
        shutil.rmtree(version, ignore_errors=True)
    return moved


def swap(target: Path, version: Path) -> None:
    """Point the webroot at a version in one rename, so no reader sees half of each."""
    check(target)
    if version.parent != versions_dir(target):
        version = move_in(version, target)
    link = target.parent / f".{target.name}.link"
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(version, target.parent), target_is_directory=True)
    if target.is_dir() and not target.is_symlink():
        target.rmdir()  # an empty folder (check refused any other): the link takes its place
    os.replace(link, target)
    prune(target)


def prune(target: Path) -> None:
    """Remove old versions publications made, keeping the live one and the most recent others."""
    live = target.resolve()
    versions = versions_dir(target)
    made = made_versions(versions) or []
    old = [name for name in sorted(made)[:-KEEP] if (versions / name).resolve() != live]
    for name in old:
        shutil.rmtree(versions / name, ignore_errors=True)
    note_versions(versions, [name for name in made if name not in old])
