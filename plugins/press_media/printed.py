"""What goes into a release's PDF: the print template's HTML, its stylesheet, its one photo."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .derive import Derived
from .pdf import PdfJob

PRINT_WIDTH = 1200  # pixels of the photo on paper: 16 cm at 190 dpi
STYLESHEET = "print/release.css"  # under the theme folder; never published


@dataclass(frozen=True)
class PrintPhoto:
    """The lead photo as the PDF shows it: a derivative, served to WeasyPrint under a fixed URI."""

    uri: str  # file:///press-media/<content key>/<name>, the same for every cache folder
    path: str  # where the cache holds it
    alt: str
    credit: str | None


def print_photo(entry: Any, derived: Derived | None) -> PrintPhoto | None:
    """Pick the JPEG derivative that fills the printed column, or the largest below it."""
    jpegs = [r for r in derived.renditions if r.kind == "jpg"] if derived else []
    if not jpegs:
        return None
    fitting = [r for r in jpegs if r.width <= PRINT_WIDTH] or jpegs[:1]
    name = max(fitting, key=lambda r: r.width).name
    # WeasyPrint names the image inside the PDF after its address: one made of the content
    # key alone keeps the PDF the same wherever the cache folder is.
    uri = f"file:///press-media/{derived.key}/{name}"
    return PrintPhoto(uri, str(derived.folder / name), entry.alt, getattr(entry, "credit", None))


def pdf_job(template: Any, css: str, values: dict[str, Any], photo: PrintPhoto | None) -> PdfJob:
    """Render the print template of one release into the job WeasyPrint lays out."""
    article = values["article"]
    meta = article.press.meta
    stamp = (meta.updated or meta.date).isoformat()
    html = template.render(
        **values, photo=photo, created=meta.date.isoformat(), modified=stamp,
        page_lang=article.lang,
    )  # fmt: skip
    return PdfJob(html, css, ((photo.uri, photo.path),) if photo else ())


def stylesheet(theme: Path) -> str:
    """Read the print stylesheet of the theme."""
    return (theme / STYLESHEET).read_text(encoding="utf-8")


def pdf_name(article: Any) -> str:
    """Return the output name of a release's PDF, next to its press kit."""
    meta = article.press.meta
    return f"{article.press.url}{meta.key}-{meta.lang}.pdf"
