"""The previous output's folders made ahead on another core (press_build.scaffold).

The fixture site has far fewer folders than the size at which a build forks for them,
so these tests lower that size: every rebuild here makes its folders ahead.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import build, cache_of, snapshot, stable
from press_build import scaffold

GONE = "content/releases/2021/2021-english-only.en.md"
TWO = {"PRESS_WORKERS": 2}  # the scaffold's process needs a second worker, even on one core


@pytest.fixture
def made_ahead(monkeypatch: pytest.MonkeyPatch) -> list[scaffold.Scaffold]:
    """Fork for any number of folders; return every scaffold started (builds: two workers)."""
    started: list[scaffold.Scaffold] = []
    real = scaffold.start

    def recorded(*args, **kwargs):
        found = real(*args, **kwargs)
        if found is not None:
            started.append(found)
        return found

    monkeypatch.setattr(scaffold, "MIN_FOLDERS", 0)
    monkeypatch.setattr(scaffold, "start", recorded)
    return started


def folders(root: Path) -> set[str]:
    """Return every folder under root, relative."""
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir()}


def test_folders_are_listed_once_each_after_its_parent() -> None:
    names = ["en/a/b/index.html", "en/a/index.html", "feeds/en.xml", "index.html", "en/c/d/e.html"]
    assert scaffold.folders_of(names) == ["en", "feeds", "en/a", "en/c", "en/a/b", "en/c/d"]


def test_a_rebuild_after_a_deletion_keeps_no_folder_a_cold_build_lacks(
    site: Path, made_ahead: list[scaffold.Scaffold], tmp_path: Path
) -> None:
    assert build(site, settings=TWO).returncode == 0
    assert made_ahead == []  # a first build has no previous output: nothing made ahead
    before = folders(site / "output")
    (site / GONE).unlink()
    rebuilt = build(site, settings=TWO)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert len(made_ahead) == 1
    gone = before - folders(site / "output")
    assert gone and gone == set(made_ahead[0].pruned)  # made ahead, then left empty
    shutil.rmtree(cache_of(site))
    cold = build(site, output="cold", settings=TWO)
    assert cold.returncode == 0, cold.stderr
    assert stable(snapshot(site / "output")) == stable(snapshot(site / "cold"))
    assert not [f for f in folders(site / "output") if not any((site / "output" / f).iterdir())]


def test_a_stopped_rebuild_leaves_no_folder_behind(
    site: Path, made_ahead: list[scaffold.Scaffold]
) -> None:
    assert build(site, settings=TWO).returncode == 0
    before = snapshot(site / "output")
    broken = site / "content/releases/2021/2021-garage-base.en.md"
    broken.write_text(broken.read_text().replace("date:", "date: tomorrow\nwhen:", 1))
    stopped = build(site, settings=TWO)
    assert stopped.returncode == 1
    assert len(made_ahead) == 1 and made_ahead[0].worker is None  # ended with the build
    assert snapshot(site / "output") == before
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".output")) == [
        ".output.lock",
        ".output.manifest.json",
    ]
