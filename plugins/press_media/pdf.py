"""Release PDFs: our print layout through WeasyPrint, offline, cached by what they are made of."""

from __future__ import annotations

import hashlib
import shutil
import sys
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from press_build.forking import Later, forked_later, forked_map

from .derive import atomic_write

SHARES_PER_WORKER = 4
BACKGROUND = 8  # PDFs made by one process in the background at most (an edit's few)
LAYOUT = Path(__file__).with_name("layout.py")  # WeasyPrint's part, imported when a PDF is made
# A PDF's bytes follow from its HTML, stylesheet and files, and from what lays them out.
RECIPE = hashlib.sha256(
    "\0".join(
        ["pdf-v1", version("weasyprint"), version("pydyf"), sys.version,
         Path(__file__).read_text(encoding="utf-8"), LAYOUT.read_text(encoding="utf-8")]
    ).encode()
).hexdigest()  # fmt: skip


@dataclass(frozen=True)
class PdfJob:
    """One PDF to make: the HTML of the print layout, its stylesheet, the files it shows."""

    html: str
    css: str
    files: tuple[tuple[str, str], ...]  # (file: URI, path), the only files it may read

    def key(self) -> str:
        """Address the PDF by everything its bytes depend on."""
        digest = hashlib.sha256(RECIPE.encode())
        for part in (self.html, self.css):
            digest.update(hashlib.sha256(part.encode()).digest())
        for uri, path in self.files:
            digest.update(uri.encode() + hashlib.sha256(Path(path).read_bytes()).digest())
        return digest.hexdigest()


def render(job: PdfJob) -> bytes:
    """Lay out one PDF on its own."""
    from .layout import Renderer  # WeasyPrint is loaded by the first PDF a process makes

    return Renderer(job.css).render(job.html, dict(job.files))


def cache_file(folder: Path, release: str, key: str) -> Path:
    """Return where the cache keeps a release's PDF (release: its key and language)."""
    return folder / release / f"{key}.pdf"


def make_share(tasks: list[tuple[PdfJob, Path]]) -> None:
    """Render PDFs into their files, each whole or not at all (a worker's share)."""
    from .layout import Renderer  # WeasyPrint is loaded by the first PDF a process makes

    renderers: dict[str, Renderer] = {}
    for job, path in tasks:
        renderer = renderers.get(job.css) or renderers.setdefault(job.css, Renderer(job.css))
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, renderer.render(job.html, dict(job.files)))


def start_all(tasks: list[tuple[PdfJob, Path]], workers: int) -> tuple[set[Path], Later]:
    """Start rendering the PDFs whose files are missing; return their files and the work.

    A few (an edit's) are made by one forked process while the build goes on; `wait()`
    before reading them. Many (a cold build's) are made now, on every core.
    """
    missing = _missing(tasks)
    paths = {path for _, path in missing}
    if workers > 1 and 0 < len(missing) <= BACKGROUND:
        return paths, forked_later(make_share, missing)
    _make_now(missing, workers)
    return paths, Later()


def make_all(tasks: list[tuple[PdfJob, Path]], workers: int) -> int:
    """Render the PDFs whose files are missing, on every core; return how many were made."""
    missing = _missing(tasks)
    _make_now(missing, workers)
    return len(missing)


def _missing(tasks: list[tuple[PdfJob, Path]]) -> list[tuple[PdfJob, Path]]:
    """Return the tasks whose file the cache lacks, one per file."""
    return list({path: (job, path) for job, path in tasks if not path.is_file()}.values())


def _make_now(missing: list[tuple[PdfJob, Path]], workers: int) -> None:
    """Render these PDFs now, on every core."""
    # A few shares per worker: each loads its fonts once, and the cores stay even.
    count = min(len(missing), workers * SHARES_PER_WORKER if workers > 1 else 1)
    shares = [missing[start::count] for start in range(count)]
    forked_map(make_share, shares, min(workers, count))


def prune(folder: Path, current: dict[str, str], withheld: set[str]) -> None:
    """Keep only the current PDF of each due release; drop every PDF of a withheld one.

    current: release -> key of its PDF in this build. A release held back again (embargo
    moved later, back to draft) leaves nothing of its text in the cache.
    """
    for release, key in current.items():
        for path in (folder / release).glob("*.pdf"):
            if path.stem != key:
                path.unlink(missing_ok=True)
    for release in withheld:
        shutil.rmtree(folder / release, ignore_errors=True)
