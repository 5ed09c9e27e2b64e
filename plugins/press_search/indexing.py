"""One build's search index: started once the release pages are written, finished at the end.

Pagefind reads only release pages, and every release page is written when Pelican's
article generator ends (`article_writer_finalized`). The runs start there, so they index
while the listings, feeds, media and events are written on the other core. At
`output_ready` the index keys are taken again from the finished output: when they are
the ones the runs started from, the runs are waited for and merged; when a later step
changed a release page, the runs are stopped and the index is made again from the
final pages. Each language's folder has its own part of the index; a folder whose pages
are unchanged since the last build keeps its part (its files are linked).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import pagefind


@dataclass(eq=False)
class Indexing:
    """The search index of one staged output, from its start to its merge."""

    binary: Path
    staging: Path
    keys: dict[str, str]  # release folder -> index key of its pages
    whole: bool = False  # the last build's whole index is linked in: nothing to run
    kept: dict[str, pagefind.Part] = field(default_factory=dict)  # parts linked from it
    runs: list[pagefind.Running] = field(default_factory=list)
    work: Path | None = None  # where the runs write, inside the staging folder

    @property
    def key(self) -> str:
        """Return the key of the whole index."""
        return pagefind.whole_key(self.keys)

    def finish(self) -> list[pagefind.Part]:
        """Wait for the runs and merge them with the kept parts; return every part.

        Raise SearchError with Pagefind's own reason when a run failed.
        """
        if self.whole:
            return []
        try:
            made = pagefind.finish_parts(self.binary, self.runs)
            parts = sorted([*self.kept.values(), *made], key=lambda part: part.folder)
            if pagefind.clashes(parts):  # a page in another folder's language: one run
                shutil.rmtree(self.staging / pagefind.BUNDLE, ignore_errors=True)
                folders = sorted(part.folder for part in parts)
                stats = pagefind.index_together(self.binary, self.staging, folders)
                return [pagefind.Part("", {}, (), stats.pages, stats.words)]
            runs = [run.into for run in self.runs]
            pagefind.merge(parts, runs, self.staging / pagefind.BUNDLE)
            return parts
        finally:
            self.drop_work()

    def cancel(self) -> None:
        """Stop the runs and remove everything they and the kept parts put in the staging."""
        pagefind.stop_parts(self.runs)
        self.drop_work()
        shutil.rmtree(self.staging / pagefind.BUNDLE, ignore_errors=True)

    def drop_work(self) -> None:
        """Remove the runs' folder."""
        if self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)
            self.work = None

    def records(self, parts: list[pagefind.Part]) -> dict[str, Any]:
        """Return what the manifest keeps of each part, for the next build to keep it."""
        return {
            part.folder: {
                "key": self.keys[part.folder],
                "languages": part.languages,
                "files": part.files,
            }
            for part in parts
            if part.folder in self.keys
        }


def start(binary: Path, staging: Path, pages: dict[str, list[Path]], memo: Any) -> Indexing:
    """Key each folder's pages, link what the last index has of them, start the other runs."""
    indexing = Indexing(binary, staging, part_keys(binary, staging, pages, memo))
    if memo is not None and memo.reuse_tree(pagefind.BUNDLE, indexing.key, staging):
        indexing.whole = True
        return indexing
    indexing.kept = kept_parts(memo, indexing.keys, staging)
    indexing.work = Path(tempfile.mkdtemp(dir=staging, prefix=".pagefind-"))
    try:
        indexing.runs = pagefind.start_parts(
            binary,
            staging,
            [folder for folder in pages if folder not in indexing.kept],
            indexing.work,
        )
    except pagefind.SearchError:
        indexing.cancel()
        raise
    return indexing


def index_site(binary: Path, site: Path, folders: list[str]) -> pagefind.IndexStats:
    """Index the release pages of a built site without a manifest (the benchmark, tests).

    Folders without pages are left out; with none at all, every folder is run, so
    Pagefind's own refusal is reported. Raise SearchError with Pagefind's reason.
    """
    pages = pagefind.pages_by_folder(site, folders) or {folder: [] for folder in folders}
    parts = start(binary, site, pages, None).finish()
    bundle = site / pagefind.BUNDLE
    return pagefind.IndexStats(
        sum(part.pages for part in parts),
        sum(part.words for part in parts),
        len(pagefind.read_entry(bundle).get("languages", {})),
        pagefind.folder_size(bundle),
    )


def part_keys(
    binary: Path, staging: Path, pages: dict[str, list[Path]], memo: Any
) -> dict[str, str]:
    """Return each release folder's index key (its pages' bytes, known from the manifest)."""
    known = memo.files if memo is not None else None
    return {
        folder: pagefind.index_key(binary, staging, [folder], found, known)
        for folder, found in pages.items()
    }


def kept_parts(memo: Any, keys: dict[str, str], staging: Path) -> dict[str, pagefind.Part]:
    """Link the last index's files of every folder whose key is unchanged; return those parts.

    Only when some folder changed: with none changed, the whole index was kept or failed
    its check, and is then made again in full.
    """
    tree = memo.previous_trees.get(pagefind.BUNDLE) if memo is not None else None
    if tree is None:
        return {}
    kept = {
        folder: pagefind.Part(folder, part["languages"], tuple(part["files"]))
        for folder, part in tree.parts.items()
        if folder in keys and isinstance(part, dict) and part.get("key") == keys[folder]
    }
    names = [name for part in kept.values() for name in part.files]
    if len(kept) == len(keys) or not memo.reuse_files(pagefind.BUNDLE, names, staging):
        shutil.rmtree(staging / pagefind.BUNDLE, ignore_errors=True)
        return {}
    return kept
