"""Pagefind, wrapped once: find its binary, index the release pages of a built site."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from press_core.errors import PressError, Problem

BUNDLE = "pagefind"  # the folder Pagefind writes into the output: index, UI scripts and styles
ENTRY = "pagefind-entry.json"  # the bundle's list of languages, read first by the search page
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


def pages_by_folder(site: Path, folders: Iterable[str]) -> dict[str, list[Path]]:
    """Return the release pages of each folder that has any (Pagefind fails on none)."""
    found = {folder: release_pages(site, [folder]) for folder in folders}
    return {folder: pages for folder, pages in found.items() if pages}


def index_command(binary: Path, site: Path, glob: str, into: Path | None = None) -> list[str]:
    """Return the command that indexes the glob's pages of a site into site/pagefind/ (or `into`)."""
    where = ["--output-path", str(into)] if into else ["--output-subdir", BUNDLE]
    return [str(binary), "--site", str(site), "--glob", glob, *where]


def index_key(
    binary: Path, site: Path, folders: Iterable[str], pages: list[Path], known: dict | None = None
) -> str:
    """Return what an index is made from: Pagefind's binary, its command, every page's bytes.

    known: name -> [key, sha256] of files this build wrote (the build manifest), so
    their bytes need not be read again.
    """
    digest = hashlib.sha256()
    digest.update(binary_digest(binary))
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


def whole_key(keys: dict[str, str]) -> str:
    """Return the key of a whole index from the keys of its folders."""
    return hashlib.sha256(json.dumps(keys, sort_keys=True).encode()).hexdigest()


@functools.lru_cache(maxsize=4)
def binary_digest(binary: Path) -> bytes:
    """Return the SHA-256 of Pagefind's binary (about 20 MB, read once per process)."""
    return hashlib.sha256(binary.read_bytes()).digest()


@dataclass(frozen=True)
class Part:
    """One folder's release pages, indexed by a Pagefind run of their own.

    Pagefind indexes each language apart and names every file of a language after it
    (`fragment/en_3f2a1c.pf_fragment`, `pagefind.en_b01e6f.pf_meta`), so the runs of
    the folders merge into one bundle, and an unchanged folder's files can be kept.
    """

    folder: str
    languages: dict[str, Any]  # Pagefind's entry: language -> {hash, wasm, page_count}
    files: tuple[str, ...]  # names inside the bundle that only this part's languages use
    pages: int = 0
    words: int = 0


def owned(languages: dict[str, Any], names: Iterable[str]) -> tuple[str, ...]:
    """Return the names among `names` that belong to these languages; the rest is shared."""
    prefixes = tuple(f"{info['hash'].rsplit('_', 1)[0]}_" for info in languages.values())
    own = {f"pagefind.{info['hash']}.pf_meta" for info in languages.values()}
    own |= {f"wasm.{info['wasm']}.pagefind" for info in languages.values() if info.get("wasm")}
    own.discard("wasm.unknown.pagefind")  # every run writes it, for pages of unknown language
    return tuple(
        sorted(
            name
            for name in names
            if name in own or ("/" in name and name.split("/", 1)[1].startswith(prefixes))
        )
    )


@dataclass(frozen=True)
class Running:
    """A Pagefind run under way: the folder it indexes, where it writes, its log files."""

    folder: str
    into: Path
    process: subprocess.Popen
    log: Path  # Pagefind's standard output ("Indexed N pages")
    errors: Path  # its standard error


def start_parts(binary: Path, site: Path, folders: Iterable[str], work: Path) -> list[Running]:
    """Start one Pagefind run per folder, all at once, each writing into work/<n>/.

    Their output goes to files, not pipes: a run nobody waits for yet never blocks.
    Raise SearchError when the binary cannot start.
    """
    runs: list[Running] = []
    try:
        for number, folder in enumerate(folders):
            into, log, errors = work / str(number), work / f"{number}.log", work / f"{number}.err"
            command = index_command(binary, site, release_glob([folder]), into)
            with log.open("wb") as out, errors.open("wb") as err:
                process = subprocess.Popen(command, stdout=out, stderr=err)
            runs.append(Running(folder, into, process, log, errors))
    except OSError as error:
        stop_parts(runs)
        raise SearchError(
            Problem(str(binary), "Pagefind binary", f"cannot start: {error.strerror}")
        ) from None
    return runs


def finish_parts(binary: Path, runs: list[Running]) -> list[Part]:
    """Wait for the runs; return their parts, or raise SearchError with Pagefind's reason."""
    for run in runs:
        run.process.wait()
    for run in runs:
        if run.process.returncode:
            stderr = run.errors.read_text(encoding="utf-8", errors="replace")
            raise SearchError(
                Problem(str(binary), "search index", f"Pagefind failed: {reason(stderr)}")
            )
    return [
        _part(run.folder, run.into, run.log.read_text(encoding="utf-8", errors="replace"))
        for run in runs
    ]


def stop_parts(runs: list[Running]) -> None:
    """End runs no longer wanted, and wait for them."""
    for run in runs:
        run.process.kill()
        run.process.wait()


def _part(folder: str, into: Path, report: str) -> Part:
    """Describe what one run wrote into `into`."""
    languages = read_entry(into).get("languages", {})
    names = [path.relative_to(into).as_posix() for path in into.rglob("*") if path.is_file()]
    return Part(
        folder,
        languages,
        owned(languages, names),
        counted(report, "page"),
        counted(report, "word"),
    )


def read_entry(bundle: Path) -> dict[str, Any]:
    """Return a bundle's pagefind-entry.json, {} when missing."""
    try:
        return json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def merge(parts: list[Part], runs: list[Path], bundle: Path) -> None:
    """Move the runs' files into one bundle and write its entry file naming every language.

    runs: where each run wrote. A part without a run has its files in the bundle already
    (kept from the last build).
    """
    entry = read_entry(runs[0])  # Pagefind's version and the characters it indexes
    bundle.mkdir(parents=True, exist_ok=True)
    for into in runs:
        for path in sorted(into.rglob("*")):
            target = bundle / path.relative_to(into)
            if path.is_dir() or path.name == ENTRY:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)  # a script every run wrote: the copies are identical
    languages = {lang: info for part in parts for lang, info in part.languages.items()}
    whole = {**entry, "languages": languages}
    (bundle / ENTRY).write_text(
        json.dumps(whole, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
        encoding="utf-8",
    )


def clashes(parts: list[Part]) -> bool:
    """Tell whether two parts hold one language (a page whose lang is another folder's)."""
    seen = [lang for part in parts for lang in part.languages]
    return len(seen) != len(set(seen))


def counted(report: str, noun: str) -> int:
    """Return N from Pagefind's "Indexed N <noun>s" line ("Indexed 1 <noun>"), 0 when absent."""
    found = re.search(rf"Indexed (\d+) {noun}s?\b", report)
    return int(found.group(1)) if found else 0


def folder_size(folder: Path) -> int:
    """Return the bytes of every file under a folder."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def index_together(binary: Path, site: Path, folders: list[str]) -> IndexStats:
    """Index every folder's pages in one Pagefind run (when folders share a language)."""
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
        counted(done.stdout, "page"),
        counted(done.stdout, "word"),
        counted(done.stdout, "language"),
        folder_size(site / BUNDLE),
    )


def reason(stderr: str) -> str:
    """Return the first error line Pagefind printed."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("Error")]
    return (errors or lines or ["no message"])[0]
