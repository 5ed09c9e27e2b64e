"""Resized WebP and JPEG versions of an image, without EXIF, kept in a content-addressed cache."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps
from press_build.forking import forked_map

from .settings import MediaSettings

FORMATS = (("webp", "WEBP"), ("jpg", "JPEG"))  # (file suffix, Pillow format)


@dataclass(frozen=True)
class Rendition:
    """One derivative file: its name inside the cache entry and its pixel size."""

    name: str
    width: int
    height: int
    kind: str  # webp, jpg, or og


@dataclass(frozen=True)
class Derived:
    """Every derivative of one source image, and the folder that holds them."""

    key: str
    folder: Path
    renditions: tuple[Rendition, ...]
    made: bool  # True when this call did the work, False when the cache had it


def source_key(data: bytes, settings: MediaSettings) -> str:
    """Address a source by its bytes and the settings that shape its derivatives."""
    return hashes(data, settings)[1]


def hashes(data: bytes, settings: MediaSettings) -> tuple[str, str]:
    """Return the sha256 of a source's bytes and its cache key, reading the bytes once."""
    digest = hashlib.sha256(data)
    keyed = digest.copy()  # the key hashes the same bytes, then the recipe
    keyed.update(settings.recipe().encode())
    return digest.hexdigest(), keyed.hexdigest()


def widths_for(original: int, widths: tuple[int, ...]) -> list[int]:
    """Return the configured widths below the original, plus the original if it is smaller."""
    chosen = [w for w in widths if w < original]
    if original <= max(widths):
        chosen.append(original)
    return chosen


def cached(key: str, settings: MediaSettings) -> bool:
    """Tell whether the cache already holds the derivatives of a source, given its key."""
    return (settings.cache / key[:2] / key / "renditions.json").is_file()


def derive_file(job: tuple[Path, MediaSettings]) -> bool:
    """Derive one source file (a worker's job); return whether work was done."""
    source, settings = job
    return derive(source, source.read_bytes(), settings).made


def derive_all(
    sources: list[Path],
    settings: MediaSettings,
    workers: int,
    keys: Mapping[Path, str] | None = None,
) -> int:
    """Make the derivatives the cache lacks, on every core; return how many images were made.

    keys: the cache keys the caller already knows, so those files are not hashed again.
    """
    by_key: dict[str, Path] = {}
    for path in sources:
        key = (keys or {}).get(path) or source_key(path.read_bytes(), settings)
        by_key.setdefault(key, path)
    # One job per key: two files with the same bytes would race for one cache entry.
    jobs = [(path, settings) for key, path in by_key.items() if not cached(key, settings)]
    return sum(forked_map(derive_file, jobs, min(workers, len(jobs))))


def forget(withheld: list[Path], keep: set[str], settings: MediaSettings) -> int:
    """Remove the cache entries of images only withheld releases list; return how many.

    An entry made while its release was published stays otherwise when the release is
    held back again (embargo moved later, back to draft); nothing withheld stays on disk.
    keep: the cache keys of the images visible releases list.
    """
    held = {source_key(data, settings) for data in map(readable, withheld) if data is not None}
    gone = [settings.cache / key[:2] / key for key in sorted(held - keep)]
    gone = [folder for folder in gone if folder.is_dir()]
    for folder in gone:
        shutil.rmtree(folder, ignore_errors=True)
    return len(gone)


def readable(path: Path) -> bytes | None:
    """Return a file's bytes, None when it cannot be read (the media checks report it)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def derive(source: Path, data: bytes, settings: MediaSettings, key: str = "") -> Derived:
    """Return the derivatives of a source image, making them only when the cache lacks them.

    key: the source's cache key when the caller has it (source_key of data).
    """
    key = key or source_key(data, settings)
    folder = settings.cache / key[:2] / key
    manifest = folder / "renditions.json"
    if manifest.is_file():
        entries = json.loads(manifest.read_text(encoding="utf-8"))
        return Derived(key, folder, tuple(Rendition(**e) for e in entries), made=False)
    renditions = make(source, folder, settings)
    data = json.dumps([r.__dict__ for r in renditions])
    atomic_write(manifest, data.encode())  # last: a half-made entry has no manifest
    return Derived(key, folder, tuple(renditions), made=True)


def make(source: Path, folder: Path, settings: MediaSettings) -> list[Rendition]:
    """Write every rendition of a source into folder."""
    folder.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as opened:
        image = ImageOps.exif_transpose(opened).convert("RGB")  # drops EXIF and alpha
    renditions = []
    for width in widths_for(image.width, settings.widths):
        height = round(image.height * width / image.width)
        resized = image if width == image.width else image.resize((width, height), Image.LANCZOS)
        for suffix, fmt in FORMATS:
            name = f"{width}.{suffix}"
            save(resized, folder / name, fmt, settings.quality)
            renditions.append(Rendition(name, width, height, suffix))
    og = ImageOps.fit(image, settings.og_size, Image.LANCZOS)
    save(og, folder / "og.jpg", "JPEG", settings.quality)
    renditions.append(Rendition("og.jpg", *settings.og_size, "og"))
    return renditions


def save(image: Image.Image, path: Path, fmt: str, quality: int) -> None:
    """Save without metadata, through a temporary file so readers never see half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    os.close(handle)
    with _cleaned(temporary, path):
        image.save(
            temporary,
            fmt,
            quality=quality,
            optimize=fmt == "JPEG",
            method=4 if fmt == "WEBP" else 0,
        )
        os.replace(temporary, path)


def atomic_write(path: Path, data: bytes) -> None:
    """Write a file whole or not at all; a temporary name of its own, as builds may run together."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with _cleaned(temporary, path):
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)


@contextmanager
def _cleaned(temporary: str, path: Path) -> Iterator[None]:
    """Remove a half-written temporary file when the disk refuses a write; name the file."""
    try:
        yield
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        if error.filename:
            raise
        raise OSError(error.errno, error.strerror, str(path)) from None
