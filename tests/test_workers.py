"""The number of worker processes changes how fast a site is built, never its bytes."""

from __future__ import annotations

from pathlib import Path

from conftest import build, copy_site, snapshot, stable
from incremental_site import add_releases, tree_differences
from media_fixture import add_media
from press_content.prerender import MIN_JOBS


def test_one_process_and_two_write_the_same_site(tmp_path: Path) -> None:
    """Bodies, derivatives and pages made on two processes are the bytes one process makes."""
    trees = []
    for workers in (1, 2):
        site = copy_site(tmp_path / str(workers))
        add_media(site)  # several photos, so derivatives are shared out too
        add_releases(site, MIN_JOBS)  # enough bodies for prerendering to start its workers
        settings = {"PRESS_WORKERS": workers, "CACHE_PATH": str(tmp_path / f"cache-{workers}")}
        result = build(site, settings=settings)
        assert result.returncode == 0, result.stderr
        trees.append(stable(snapshot(result.output)))
    assert len(trees[0]) > 100
    assert tree_differences(*trees, names=("one-process", "two-process")) == []
