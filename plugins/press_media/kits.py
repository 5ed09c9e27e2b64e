"""Sizes of press kits kept between builds, so an unchanged kit is zipped only when written."""

from __future__ import annotations

import hashlib
import sys
import zlib
from pathlib import Path

from press_core.jsonfile import read_object, write_object

from . import presskit

# A kit's bytes follow from its entries and from how they are zipped: the kit code,
# zlib (deflate output may change between its versions) and Python's zipfile.
RECIPE = hashlib.sha256(
    "\0".join(
        [Path(presskit.__file__).read_text(encoding="utf-8"), zlib.ZLIB_RUNTIME_VERSION,
         sys.version]
    ).encode()
).hexdigest()  # fmt: skip


# Name in the kit, its bytes (or the file that holds them), and a digest that names them.
KitEntry = tuple[str, bytes | Path, str]


def text_entry(name: str, data: bytes) -> KitEntry:
    """Return a kit entry the build writes (text, vCard), with its digest."""
    return name, data, hashlib.sha256(data).hexdigest()


def made_entry(name: str, path: Path) -> KitEntry:
    """Return a kit entry kept in a file named by the key of what made it (a release PDF).

    The key names the bytes as well as their digest would: the file is read only when
    the kit is zipped, not on every build to address the kit.
    """
    return name, path, f"made:{path.stem}"


def entry_bytes(data: bytes | Path) -> bytes:
    """Return an entry's bytes, read from its file when it is kept in one."""
    return data.read_bytes() if isinstance(data, Path) else data


def kit_key(entries: list[KitEntry], when: tuple[int, ...] = (), made_from: str = "") -> str:
    """Address a press kit by its entries (name, size, digest), date and recipe.

    made_from: the digest of what the entries left out are made from (the release's text
    files, written only when the kit is zipped).
    """
    parts = [RECIPE, repr(when), made_from]
    parts += [f"{name}\0{_size(data)}\0{digest}" for name, data, digest in entries]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _size(data: bytes | Path) -> int:
    return data.stat().st_size if isinstance(data, Path) else len(data)


class KitSizes:
    """A JSON file of kit sizes by key; only kits of due releases are kept, the rest dropped."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.stored: dict[str, int] = read_object(self.path)
        self.used: dict[str, int] = {}

    def size(self, key: str) -> int | None:
        """Return the size of a kit an earlier build zipped, if known."""
        size = self.stored.get(key)
        return size if isinstance(size, int) and not isinstance(size, bool) else None

    def keep(self, key: str, size: int) -> None:
        """Keep a kit's size for the next build: call it only for a release that is due."""
        self.used[key] = size

    def save(self) -> None:
        """Write the sizes this build kept, atomically, when they differ from the file."""
        if self.path is None or self.used == self.stored:
            return
        write_object(self.path, self.used)
