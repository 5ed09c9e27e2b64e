"""Pagefind, wrapped once: find its binary, index the release pages of a built site."""

from __future__ import annotations

import hashlib
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from press_core.errors import PressError, Problem

BUNDLE = "pagefind"  # the folder Pagefind writes into the output: index, UI scripts and styles
INSTALL_HINT = "install the pinned packages: .venv/bin/pip install -r requirements.txt"


class SearchError(PressError):
    """Pagefind is missing or could not index the site: one problem line."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class IndexStats:
    """What one indexing run produced."""

    pages: int
    words: int
    languages: int
    size: int  # bytes of the whole bundle folder


def located_binary() -> Path | None:
    """Return the binary Pagefind's own package locates, None when that package is missing."""
    try:  # imported here: without the package, the build must still fail with one line
        from pagefind.service import get_executable
    except ImportError:
        return None
    return get_executable()


def find_binary() -> Path:
    """Return Pagefind's binary: $PAGEFIND_BINARY_PATH, else the one pagefind[bin] installed."""
    found = located_binary()
    if found is None or not found.is_file():
        raise SearchError(
            Problem(str(found or "pagefind"), "Pagefind binary", f"not found; {INSTALL_HINT}")
        )
    return found


def release_glob(folders: Iterable[str]) -> str:
    """Return the Pagefind glob of every HTML file under the release folders: `{en/releases}/**/*.html`."""
    return "{" + ",".join(sorted(folder.strip("/") for folder in folders)) + "}/**/*.html"


def release_pages(site: Path, folders: Iterable[str]) -> list[Path]:
    """Return the release pages of a built site, the files the glob selects."""
    return sorted(page for folder in folders for page in (site / folder).rglob("*.html"))


def index_command(binary: Path, site: Path, glob: str) -> list[str]:
    """Return the command that indexes the glob's pages of a site into site/pagefind/."""
    return [str(binary), "--site", str(site), "--glob", glob, "--output-subdir", BUNDLE]


def index_key(
    binary: Path, site: Path, folders: Iterable[str], pages: list[Path], known: dict | None = None
) -> str:
    """Return what an index is made from: Pagefind's binary, its command, every page's bytes.

    known: name -> [key, sha256] of files this build wrote (the build manifest), so
    their bytes need not be read again.
    """
    digest = hashlib.sha256()
    digest.update(hashlib.sha256(binary.read_bytes()).digest())
    digest.update(
        "\0".join(index_command(Path("pagefind"), Path("site"), release_glob(folders))).encode()
    )
    for page in pages:
        name = page.relative_to(site).as_posix()
        digest.update(name.encode() + b"\0")
        entry = (known or {}).get(name)
        digest.update(
            bytes.fromhex(entry[1]) if entry else hashlib.sha256(page.read_bytes()).digest()
        )
    return digest.hexdigest()


def counted(report: str, noun: str) -> int:
    """Return N from Pagefind's "Indexed N <noun>" line, 0 when it is absent."""
    found = re.search(rf"Indexed (\d+) {noun}", report)
    return int(found.group(1)) if found else 0


def folder_size(folder: Path) -> int:
    """Return the bytes of every file under a folder."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def index_site(binary: Path, site: Path, folders: Iterable[str]) -> IndexStats:
    """Index the release pages of a built site; raise SearchError with Pagefind's own reason."""
    folders = list(folders)
    command = index_command(binary, site, release_glob(folders))
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=3600)
    except OSError as error:
        raise SearchError(
            Problem(str(binary), "Pagefind binary", f"cannot start: {error.strerror}")
        ) from None
    if done.returncode:
        raise SearchError(
            Problem(str(binary), "search index", f"Pagefind failed: {reason(done.stderr)}")
        )
    return IndexStats(
        counted(done.stdout, "pages"),
        counted(done.stdout, "words"),
        counted(done.stdout, "languages"),
        folder_size(site / BUNDLE),
    )


def reason(stderr: str) -> str:
    """Return the first error line Pagefind printed."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("Error")]
    return (errors or lines or ["no message"])[0]
