"""Render the bodies a build will need on every core before Pelican reads files one by one."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from press_build.forking import forked_map

from . import frontmatter
from .body import BodyRenderer, too_deep
from .bodycache import BodyCache
from .frontcache import FrontMatterCache

__all__ = ["body_job", "prerender"]

MIN_JOBS = 64  # below this, starting worker processes costs more than it saves
Job = tuple[str, str, str | None]  # body text, language, dateline


@lru_cache(maxsize=1)
def _renderer() -> BodyRenderer:
    """One renderer per worker process, made on its first job."""
    return BodyRenderer()


def _render(job: Job) -> str | None:
    """Render one body; None when it fails, so the reader renders it again and names the file."""
    text, lang, dateline = job
    try:
        return _renderer().render(text, lang, dateline)
    except Exception:  # the reader reports it, with the file's name
        return None


def body_job(path: Path, front: FrontMatterCache | None = None) -> Job | None:
    """Return what a file's body renders from, or None when the reader will report it.

    With the build's front matter cache, the reader later finds this parse there.
    """
    try:
        text = path.read_text(encoding="utf-8")
        split = front.split(text)[0] if front else frontmatter.split(text)
    except Exception:  # the reader reports every file it cannot read
        return None
    if too_deep(split.body):
        return None
    lang, dateline = split.meta.get("lang"), split.meta.get("dateline")
    if not isinstance(lang, str) or not isinstance(dateline, (str, type(None))):
        return None
    return split.body, lang.strip(), (dateline or "").strip() or None


def prerender(cache: BodyCache, paths: list[Path], workers: int) -> int:
    """Render, in parallel, the bodies the cache lacks; return how many were rendered.

    Results go to the cache's memory only: the reader still decides, release by
    release, which bodies may be kept on disk (never an embargoed one).
    """
    found = (body_job(path, cache.front) for path in paths)
    jobs = [job for job in found if job and cache.lookup(*job) is None]
    jobs = list(dict.fromkeys(jobs))
    if workers < 2 or len(jobs) < MIN_JOBS:
        return 0
    for job, html in zip(jobs, forked_map(_render, jobs, workers, chunksize=16), strict=True):
        if html is not None:
            cache.remember(*job, html)
    return len(jobs)
