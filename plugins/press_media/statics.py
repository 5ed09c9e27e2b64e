"""Check every static file the build copies as it is: images and SVG files, on one rule.

Body images, contact photos, the brand logo and plain static files are copied by
Pelican's static generator, not by press_media; they pass the same checks as the
images a release lists (`checks.image_message`) and every SVG passes `press_core.svg`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from press_core.errors import Problem
from press_core.svg import svg_problem

from .checks import image_facts, image_message
from .settings import MediaSettings

IMAGE_SUFFIXES = {
    ".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".bmp", ".avif", ".heic", ".heif",
    ".jxl", ".jp2", ".ico",
}  # fmt: skip
# Opened at their URL, these run scripts on the newsroom's origin: only the build makes pages.
DOCUMENT_SUFFIXES = {
    ".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".xslt", ".js", ".mjs",
    ".swf", ".mht", ".mhtml",
}  # fmt: skip
STATIC_REMEDY = "remove it; only an image a release lists with gps_ok: true may keep a place"


def place_ok_files(articles: list[Any], content: Path) -> set[str]:
    """Return the real paths of images a published release lists with gps_ok: true."""
    entries = [
        entry
        for article in articles
        for entry in (article.press.meta.image, *article.press.meta.images)
        if entry is not None and entry.gps_ok
    ]
    return {os.path.realpath(content / entry.src) for entry in entries}


def static_message(path: Path, settings: MediaSettings, place_ok: bool) -> str | None:
    """Say why one static file may not be published as it is, if so."""
    suffix = path.suffix.lower()
    if suffix == ".svgz":
        return "is a compressed SVG; save it as a plain .svg file so it can be checked"
    if suffix == ".svg":
        return svg_problem(path)
    if suffix in DOCUMENT_SUFFIXES:
        return f"is a web page or script ({suffix}); publish it as a PDF or a picture instead"
    facts = image_facts(path)
    if facts is None and suffix not in IMAGE_SUFFIXES:
        return (
            None  # not an image: a PDF, a text file... (a picture format Pillow lacks is refused)
        )
    return image_message(facts, settings.max_pixels, None if place_ok else STATIC_REMEDY)


def static_problems(
    statics: list[Any], settings: MediaSettings, place_ok: set[str], shown: Any
) -> list[Problem]:
    """Return one problem per static file that may not be published as it is."""
    problems = []
    for static in statics:
        path = Path(static.source_path)
        message = static_message(path, settings, os.path.realpath(path) in place_ok)
        if message:
            problems.append(Problem(shown(static.source_path), "file", message))
    return problems
