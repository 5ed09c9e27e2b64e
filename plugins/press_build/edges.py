"""Where a build's typed stops become what people see: lines, exit codes, the closing count."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.log import console
from pelican.utils import maybe_pluralize
from press_core.errors import BuildStopped, UpToDate


@dataclass
class Outcome:
    """How a build ended: its exit code once it stopped, None while it went on."""

    code: int | None = None


@contextmanager
def reported() -> Iterator[Outcome]:
    """Print a stop's lines (problems on stderr, "up to date" on stdout) and note its code."""
    outcome = Outcome()
    try:
        yield outcome
    except BuildStopped as stop:
        if stop.lines:
            print("\n".join(stop.lines), file=sys.stderr)
        outcome.code = stop.exit_code
    except UpToDate as done:
        print(done)
        outcome.code = done.exit_code


@contextmanager
def exits() -> Iterator[None]:
    """Report a stop as `reported` does, then exit with its code (0: up to date, 1: problems)."""
    with reported() as outcome:
        yield
    if outcome.code is not None:
        sys.exit(outcome.code)


def report(generators: list[Any], started: float) -> None:
    """Print Pelican's closing line: what was processed, in how many seconds."""
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    counts = [
        (len(articles.articles) + len(articles.translations), "article"),
        (len(articles.drafts) + len(articles.drafts_translations), "draft"),
        (len(articles.hidden_articles) + len(articles.hidden_translations), "hidden article"),
        (len(pages.pages) + len(pages.translations), "page"),
        (len(pages.hidden_pages) + len(pages.hidden_translations), "hidden page"),
        (len(pages.draft_pages) + len(pages.draft_translations), "draft page"),
    ]
    said = [maybe_pluralize(count, noun, f"{noun}s") for count, noun in counts]
    console.print(
        f"Done: Processed {', '.join(said[:-1])} and {said[-1]}"
        f" in {time.time() - started:.2f} seconds."
    )
