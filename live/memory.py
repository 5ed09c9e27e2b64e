"""The last good build, kept in the live process: what each release page was rendered from.

While a build runs, a `Capture` listens to Pelican's own signals and to press_content's
`release_read`: the text of every release file as the reader read it, the template and
the values (`localcontext`) each release page was rendered with, the reader itself, and
the instant until which time alone changes nothing. The plain `pelican` command connects
none of this and pays nothing for it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pelican import signals


@dataclass(frozen=True)
class KeptPage:
    """One page of a release: its output file, its template and the values it was rendered with."""

    name: str  # relative to the output
    template: Any
    localcontext: dict[str, Any]


@dataclass
class KeptRelease:
    """A release of the last good build: its Article, the text it was read from, its pages."""

    article: Any
    text: str
    pages: list[KeptPage] = field(default_factory=list)


@dataclass(frozen=True)
class SiteMemory:
    """What the last good build kept: its releases by real source path, its reader, its time."""

    releases: dict[str, KeptRelease]
    reader: Any  # the build's press_content PressReader (its settings, contacts, renderer)
    settings: dict[str, Any]  # the build's Pelican settings
    now: datetime | None  # the build's "now"
    until: datetime | None  # the first instant at which time alone changes the output


def real(path: str | os.PathLike) -> str:
    """Return the path a source is kept under: absolute, links resolved."""
    return os.path.realpath(path)


class Capture:
    """Note what one build reads and renders; give it as a SiteMemory once the build finished."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.pages: dict[str, list[KeptPage]] = {}
        self.articles: dict[str, Any] = {}
        self.generator: Any = None
        self.memo: Any = None
        self.settings: dict[str, Any] = {}

    @contextmanager
    def listening(self) -> Iterator[Capture]:
        """Connect the receivers for the duration of one build (of press_build.PressBuild)."""
        from press_content.signals import release_read  # imported afresh after a code edit

        receivers = [
            (release_read, self.read),
            (signals.article_generator_finalized, self.articles_ready),
            (signals.content_written, self.written),
            (signals.finalized, self.finished),
        ]
        for signal, receiver in receivers:
            signal.connect(receiver, weak=False)
        try:
            yield self
        finally:
            for signal, receiver in receivers:
                signal.disconnect(receiver)

    def read(self, source_path: str, text: str) -> None:
        """Keep the text of a release file exactly as the reader read it."""
        self.texts[real(source_path)] = text

    def articles_ready(self, generator: Any) -> None:
        """Keep the article generator: its templates render the release pages."""
        self.generator = generator

    def written(self, path: str, context: dict[str, Any] | None = None, **_: Any) -> None:
        """Keep the template and values of each release page Pelican writes (or reuses)."""
        context = context or {}
        article = context.get("article")
        name = context.get("output_file")
        if self.generator is None or getattr(article, "press", None) is None:
            return
        if name != article.save_as:
            return
        source = real(article.source_path)
        template = self.generator.get_template(article.template)  # the one write_file got
        self.articles[source] = article
        self.pages.setdefault(source, []).append(KeptPage(name, template, context))

    def finished(self, pelican: Any) -> None:
        """Note that every page was written; keep the build's settings and manifest."""
        self.settings = pelican.settings
        self.memo = pelican.build.memo  # press_build.PressBuild: finalized after the swap

    def memory(self) -> SiteMemory | None:
        """Return what this build kept, None when it wrote no page (nothing changed)."""
        if self.generator is None or not self.settings:
            return None
        reader = self.generator.readers.readers.get("md")
        releases = {
            source: KeptRelease(article, self.texts[source], self.pages[source])
            for source, article in self.articles.items()
            if source in self.texts
        }
        now = getattr(self.memo, "now", None)
        until = getattr(self.memo, "until", None)
        return SiteMemory(releases, reader, self.settings, now, until)
