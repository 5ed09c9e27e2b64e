"""French typography: the no-break spaces French requires, added to plain text."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

NBSP = "\u00a0"  # before a colon and inside guillemets
NNBSP = "\u202f"  # narrow: before ; ! ?

_BEFORE_TALL = re.compile(r"[ \u00a0\u202f]+([;!?])")
_BEFORE_COLON = re.compile(r"[ \u00a0\u202f]+:(?=\s|$)")
_AFTER_OPEN = re.compile(r"«[ \u00a0\u202f]*")
_BEFORE_CLOSE = re.compile(r"[ \u00a0\u202f]*»")
SKIP_TAGS = {"code", "pre", "kbd", "samp", "script", "style"}


def french_spacing(text: str) -> str:
    """Replace the plain spaces authors type with the no-break spaces French needs."""
    if not text:
        return text
    text = _BEFORE_TALL.sub(NNBSP + r"\1", text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _AFTER_OPEN.sub("«" + NBSP, text)
    return _BEFORE_CLOSE.sub(NBSP + "»", text)


class FrenchSpacing(Treeprocessor):
    """Apply french_spacing to the text of a Markdown tree, code left alone."""

    def run(self, root: ElementTree.Element) -> None:
        """Walk the tree; text inside code elements is never changed."""
        self._walk(root)

    def _walk(self, element: ElementTree.Element) -> None:
        if element.tag in SKIP_TAGS:
            return
        element.text = french_spacing(element.text) if element.text else element.text
        for child in element:
            self._walk(child)
            child.tail = french_spacing(child.tail) if child.tail else child.tail


class FrenchTypography(Extension):
    """Markdown extension for French pages (English pages do not load it)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        """Run after inline patterns, so text of links and emphasis is covered."""
        md.treeprocessors.register(FrenchSpacing(md), "french_spacing", 5)
