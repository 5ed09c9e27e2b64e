"""Release PDFs: our print layout through WeasyPrint, offline, cached by what they are made of."""

from __future__ import annotations

import hashlib
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pydyf
from PIL import ImageFile

# WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on for the whole process when imported;
# the media checks must keep reading a truncated image as broken, so it is put back.
_TRUNCATED = ImageFile.LOAD_TRUNCATED_IMAGES
import weasyprint  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

ImageFile.LOAD_TRUNCATED_IMAGES = _TRUNCATED

from press_build.forking import forked_map  # noqa: E402

from .derive import atomic_write  # noqa: E402

# A PDF's bytes follow from its HTML, stylesheet and files, and from what lays them out.
RECIPE = hashlib.sha256(
    "\0".join(
        ["pdf-v1", weasyprint.__version__, pydyf.__version__, sys.version,
         Path(__file__).read_text(encoding="utf-8")]
    ).encode()
).hexdigest()  # fmt: skip


SHARES_PER_WORKER = 4


class RefusedFetchError(ValueError):
    """A PDF asked for something it was not given: the network, or a file outside its list."""


class OnlyListedFiles(URLFetcher):
    """Serve the files a PDF was given, by their file: URI; refuse every other address."""

    def __init__(self, files: dict[str, str]) -> None:
        super().__init__()
        self.files = files  # file: URI -> path on disk

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        """Return a listed file; raise RefusedFetchError for anything else (WeasyPrint skips it)."""
        path = self.files.get(url)
        if path is None:
            raise RefusedFetchError(f"not fetched: {url}")
        return URLFetcherResponse(url, Path(path).read_bytes())


NOTHING = OnlyListedFiles({})


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


class Renderer:
    """Lays out PDFs that share one stylesheet, parsing it and loading fonts only once.

    Each PDF is the same bytes as one rendered alone (tests/test_press_kit.py checks it): the
    parsed stylesheet and the font configuration are only what a document reads.
    """

    def __init__(self, css: str) -> None:
        self.fonts = FontConfiguration()
        self.css = css
        # Parsed once for every PDF, so it may fetch nothing (an @import is refused).
        self.sheet = weasyprint.CSS(string=css, font_config=self.fonts, url_fetcher=NOTHING)

    def render(self, job: PdfJob) -> bytes:
        """Lay out one PDF; the dates inside come from the HTML's dcterms meta elements."""
        fetcher = OnlyListedFiles(dict(job.files))
        document = weasyprint.HTML(string=job.html, base_url="file:///", url_fetcher=fetcher)
        if job.css == self.css:
            sheet = self.sheet
        else:
            sheet = weasyprint.CSS(string=job.css, font_config=self.fonts, url_fetcher=fetcher)
        return document.write_pdf(stylesheets=[sheet], font_config=self.fonts)


def render(job: PdfJob) -> bytes:
    """Lay out one PDF on its own."""
    return Renderer(job.css).render(job)


def cache_file(folder: Path, release: str, key: str) -> Path:
    """Return where the cache keeps a release's PDF (release: its key and language)."""
    return folder / release / f"{key}.pdf"


def make_share(tasks: list[tuple[PdfJob, Path]]) -> None:
    """Render PDFs into their files, each whole or not at all (a worker's share)."""
    renderers: dict[str, Renderer] = {}
    for job, path in tasks:
        renderer = renderers.get(job.css) or renderers.setdefault(job.css, Renderer(job.css))
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, renderer.render(job))


def make_all(tasks: list[tuple[PdfJob, Path]], workers: int) -> int:
    """Render the PDFs whose files are missing, on every core; return how many were made."""
    missing = list({path: (job, path) for job, path in tasks if not path.is_file()}.values())
    # A few shares per worker: each loads its fonts once, and the cores stay even.
    count = min(len(missing), workers * SHARES_PER_WORKER if workers > 1 else 1)
    shares = [missing[start::count] for start in range(count)]
    forked_map(make_share, shares, min(workers, count))
    return len(missing)


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
