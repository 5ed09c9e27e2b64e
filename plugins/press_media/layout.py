"""WeasyPrint's part of a release PDF: loaded only by a build that lays out a PDF.

Importing WeasyPrint takes about half a second (fonts, cffi libraries); a rebuild whose
PDFs all come from the cache, and a build with nothing changed, never pay it.
"""

from __future__ import annotations

from pathlib import Path

from PIL import ImageFile

# WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on for the whole process when imported;
# the media checks must keep reading a truncated image as broken, so it is put back.
_TRUNCATED = ImageFile.LOAD_TRUNCATED_IMAGES
import weasyprint  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

ImageFile.LOAD_TRUNCATED_IMAGES = _TRUNCATED


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


class Renderer:
    """Lays out PDFs that share one stylesheet, parsing it and loading fonts only once.

    Each PDF is the same bytes as one laid out alone (tests/test_press_kit.py checks it): the
    parsed stylesheet and the font configuration are only what a document reads.
    """

    def __init__(self, css: str) -> None:
        self.fonts = FontConfiguration()
        # Parsed once for every PDF, so it may fetch nothing (an @import is refused).
        self.sheet = weasyprint.CSS(string=css, font_config=self.fonts, url_fetcher=NOTHING)

    def render(self, html: str, files: dict[str, str]) -> bytes:
        """Lay out one PDF, reading only the listed files; its dates come from its HTML."""
        fetcher = OnlyListedFiles(files)
        document = weasyprint.HTML(string=html, base_url="file:///", url_fetcher=fetcher)
        return document.write_pdf(stylesheets=[self.sheet], font_config=self.fonts)
