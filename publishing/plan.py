"""The plan of a publication: which files to upload, in which order, which to delete."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import kinds


class PlanError(ValueError):
    """Files the target could not serve properly; one line per file."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True)
class Upload:
    """One file to send, with the headers it is served with."""

    name: str
    path: Path
    digest: str
    content_type: str
    cache_control: str


@dataclass(frozen=True)
class Plan:
    """Uploads in the order they must happen, then deletions."""

    uploads: tuple[Upload, ...]
    deletions: tuple[str, ...]
    unchanged: int

    @property
    def changes(self) -> bool:
        """Tell whether the target must change at all."""
        return bool(self.uploads or self.deletions)

    def lines(self) -> list[str]:
        """Return the plan as staff read it, one line per change and a total."""
        lines = [f"upload {u.name} ({u.content_type}; {u.cache_control})" for u in self.uploads]
        lines += [f"delete {name}" for name in self.deletions]
        lines.append(
            f"{len(self.uploads)} to upload, {len(self.deletions)} to delete, "
            f"{self.unchanged} unchanged."
        )
        return lines


def digest_of(path: Path) -> str:
    """Return the SHA-256 of a file's bytes, in hex."""
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def site_files(folder: Path) -> dict[str, Path]:
    """Return every file of a built site by its site-relative name."""
    return {
        path.relative_to(folder).as_posix(): path
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def site_digests(folder: Path) -> dict[str, str]:
    """Return the content hash of every file of a built site."""
    return {name: digest_of(path) for name, path in site_files(folder).items()}


def make_plan(folder: Path, remote: Mapping[str, str]) -> Plan:
    """Compare a built site with what the target holds (name -> hash) and order the changes."""
    files = site_files(folder)
    uploads, problems = [], []
    for name, path in files.items():
        digest = digest_of(path)
        if remote.get(name) == digest:
            continue
        try:
            uploads.append(
                Upload(name, path, digest, kinds.content_type(name), kinds.cache_control(name))
            )
        except kinds.UnknownKindError as error:
            problems.append(str(error))
    if problems:
        raise PlanError(problems)
    uploads.sort(key=lambda u: (kinds.rank(u.name), u.name))
    deletions = tuple(sorted(name for name in remote if name not in files))
    return Plan(tuple(uploads), deletions, len(files) - len(uploads))
