"""Rendered release bodies kept between builds, addressed by what they are made from."""

from __future__ import annotations

import hashlib
from functools import cached_property
from importlib.metadata import version
from pathlib import Path

from press_core import typography
from press_core.jsonfile import read_object, write_object

from . import body
from .frontcache import FrontMatterCache

# Anything that changes how a body renders changes every key: the code of the two
# modules that render it and the versions of the libraries they call.
RENDERER = hashlib.sha256(
    "\0".join(
        [Path(body.__file__).read_text(encoding="utf-8"),
         Path(typography.__file__).read_text(encoding="utf-8"),
         version("markdown"), version("nh3")]
    ).encode()
).hexdigest()  # fmt: skip


class BodyCache:
    """A JSON file of rendered bodies; entries no build used are dropped on save."""

    def __init__(self, path: Path | None, front: FrontMatterCache | None = None) -> None:
        self.path = path
        # The build's parsed front matter travels with the bodies: prerendering finds the
        # bodies through it, and it is saved at the same moment, once every release is
        # read and sorted into due and withheld.
        self.front = front or FrontMatterCache(None)
        self.used: dict[str, str] = {}
        self.fresh: dict[str, str] = {}

    @cached_property
    def stored(self) -> dict[str, str]:
        """Return what earlier builds kept, read on first use: never by a build that
        finds nothing changed (the file is megabytes at a thousand releases)."""
        return read_object(self.path)

    def key(self, text: str, lang: str, dateline: str | None) -> str:
        """Return the address of a body: what it is made from and how it is rendered."""
        return hashlib.sha256(
            "\0".join([RENDERER, lang, dateline or "", text]).encode()
        ).hexdigest()

    def lookup(self, text: str, lang: str, dateline: str | None) -> str | None:
        """Return a body's HTML if an earlier build or this one's prerendering has it."""
        return self._get(self.key(text, lang, dateline))

    def _get(self, key: str) -> str | None:
        html = self.stored.get(key, self.fresh.get(key))
        return html if isinstance(html, str) else None

    def remember(self, text: str, lang: str, dateline: str | None, html: str) -> None:
        """Hold a body rendered ahead of reading, in memory only."""
        self.fresh[self.key(text, lang, dateline)] = html

    def render(
        self,
        renderer: body.BodyRenderer,
        text: str,
        lang: str,
        dateline: str | None,
        keep: bool = True,
    ) -> str:
        """Return the body's HTML, rendering it only when no earlier build did; keep it if asked."""
        key = self.key(text, lang, dateline)
        html = self._get(key)
        if html is None:
            html = renderer.render(text, lang, dateline)
        if keep:
            self.used[key] = html
        return html

    def save(self) -> None:
        """Write the bodies this build used, atomically, when they differ from the file;
        then let go of them (`let_go`)."""
        self.front.save()
        if self.path is not None and self.used != self.stored:
            write_object(self.path, self.used)
        self.let_go()

    def let_go(self) -> None:
        """Drop what the cache holds: it is saved once every release is read (the gate),
        and each release holds its own body. The file's other bodies (releases deleted,
        withheld, edited) would stay in memory until the build ends. A body asked for
        afterwards (the live preview's one edited release) is rendered, and not kept."""
        self.used, self.fresh = {}, {}
        self.__dict__["stored"] = {}
