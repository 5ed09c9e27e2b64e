"""A press kit's text files, and the digest of what they are made from, to address the kit.

The digest stands in for the files in the kit's key (kits.kit_key), so a build writes them
only when it zips the kit: an unchanged release's texts are not made again on every build.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

import lxml.etree
from press_content import frontmatter
from press_content.frontmatter import cut

from . import release_text
from .kits import KitEntry, text_entry
from .release_text import KitText, release_md, release_txt
from .release_text import credits as credits_file

# The values a release's text files show: page facts, photos' credits, credit labels.
TextValues = tuple[KitText, tuple[tuple[str, Any], ...], tuple[tuple[str, str], ...]]

# The text files follow from their values, the release's source file and body HTML, and
# the code that writes them: this module, release_text, the front matter split, lxml and
# libxml2 (plain text), Python.
RECIPE = hashlib.sha256(
    "\0".join(
        ["kit-texts-v1", *(Path(m.__file__).read_text(encoding="utf-8")
                           for m in (sys.modules[__name__], release_text, frontmatter)),
         repr(lxml.etree.LXML_VERSION), repr(lxml.etree.LIBXML_VERSION), sys.version]
    ).encode()
).hexdigest()  # fmt: skip


def texts_key(values: TextValues, body_html: str, source: Path) -> str:
    """Digest what a release's text files are made from, without writing them."""
    digest = hashlib.sha256(RECIPE.encode())
    for part in (repr(values), body_html):
        digest.update(hashlib.sha256(part.encode()).digest())
    digest.update(hashlib.sha256(source.read_bytes()).digest())
    return digest.hexdigest()


def text_entries(values: TextValues, body_html: str, source: Path) -> list[KitEntry]:
    """Write the release's text files and its photo credits from their values."""
    text, carried, labels = values
    body = cut(source.read_text(encoding="utf-8"))[1]  # the Markdown body; no YAML to load
    return [
        text_entry("release.md", release_md(text, body).encode()),
        text_entry("release.txt", release_txt(text, body_html).encode()),
        text_entry("CREDITS.txt", credits_file(list(carried), dict(labels)).encode()),
    ]
