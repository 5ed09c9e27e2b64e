"""Shared fixtures: copy the tiny EN+FR fixture site and build it with the real command."""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import inprocess
import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "site"
AFTER_EMBARGO = "2022-01-01T00:00:00+00:00"
BEFORE_EMBARGO = "2021-05-25T00:00:00+00:00"
SAMPLE_NOW = "2030-01-01T00:00:00+00:00"  # after every release of content/


@dataclass
class Build:
    """The result of one `pelican content -s ...` run in a site folder."""

    returncode: int
    stdout: str
    stderr: str
    site: Path
    output: Path

    def page(self, url: str) -> BeautifulSoup:
        """Parse the page served at a site-relative URL."""
        path = self.output / url.strip("/")
        if path.is_dir() or url.endswith("/") or url == "":
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def files(self) -> list[Path]:
        """List every file of the output."""
        return sorted(p for p in self.output.rglob("*") if p.is_file())

    def problems(self) -> list[str]:
        """Return the problem lines printed, without the closing summary line."""
        return [
            line
            for line in self.stderr.splitlines()
            if ": " in line and "nothing was published" not in line
        ]


class Running:
    """A long-running task (`./dev ARGS`) in its own process group, its output collected by line.

    With module="live" it runs `python -m live ARGS` instead, the project on its path.
    """

    def __init__(
        self, site: Path, *args: str, env: dict | None = None, module: str = "invoke"
    ) -> None:
        environment = {**(os.environ if env is None else env), "PYTHONUNBUFFERED": "1"}
        if module == "invoke":
            command = [sys.executable, "-m", "invoke", "-r", str(ROOT), *args]
        else:
            command = [sys.executable, "-m", module, *args]
            environment["PYTHONPATH"] = str(ROOT)
        self.process = subprocess.Popen(
            command, cwd=site, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, start_new_session=True,
        )  # fmt: skip
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, check: Callable[[], object], what: str, timeout: float = 90) -> None:
        """Wait until check() is true; fail with the output so far."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check():
                return
            assert self.process.poll() is None, f"task ended early: {self.lines}"
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}: {self.lines}")

    def count(self, text: str) -> int:
        """Count output lines containing text."""
        return sum(text in line for line in self.lines)

    def stop(self) -> int:
        """Stop the task and everything it started (SIGTERM); return its exit code."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
        return self.process.wait(timeout=30)


def edit(site: Path, name: str, old: str, new: str) -> None:
    """Replace text in one file of the site, failing loudly if it is not there."""
    path = site / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, str]:
    """Hash every file and list every directory under folder (hidden ones included)."""
    result = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        result[name] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "<dir>"
    return result


# Pagefind (1.5.2) writes its filter and metadata indexes, and the entry file naming them,
# in an arbitrary order: two runs on the same pages differ there (Pagefind issue #638).
# Its page fragments, word indexes, scripts and styles are byte-stable.
UNSTABLE_SEARCH_FILES = re.compile(
    r"pagefind/(filter/.+|pagefind-entry\.json|pagefind\.\w+\.pf_meta)"
)


def stable(files: dict[str, str]) -> dict[str, str]:
    """Drop from a snapshot the search index files Pagefind does not write reproducibly."""
    return {
        name: digest for name, digest in files.items() if not UNSTABLE_SEARCH_FILES.fullmatch(name)
    }


def copy_site(destination: Path) -> Path:
    """Copy the fixture site to a scratch folder and return its path."""
    site = destination / "site"
    shutil.copytree(FIXTURE, site)
    return site


# This test process's caches (one folder per process, removed when it exits): never a
# cache of an earlier run whose temporary folders had the same names.
CACHES = Path(tempfile.mkdtemp(prefix="pressclub-test-caches-"))
atexit.register(shutil.rmtree, CACHES, ignore_errors=True)


def cache_of(site: Path) -> Path:
    """Return the CACHE_PATH builds of this site copy use unless a test gives its own."""
    return CACHES / hashlib.sha256(str(site.resolve()).encode()).hexdigest()[:16]


def build(
    site: Path,
    now: str = AFTER_EMBARGO,
    conf: str = "pelicanconf.py",
    output: str = "output",
    extra_env: dict | None = None,
    settings: dict | None = None,
    process: bool = False,
    flags: tuple[str, ...] = (),
) -> Build:
    """Run the ordinary Pelican command on a site folder, as staff would.

    `settings` are passed as Pelican's `-e KEY=VALUE` (JSON values), like staff overriding one.
    The build runs in this process (tests/inprocess.py); `process=True` starts the real
    command instead, for tests about what only a separate process shows. `flags`: more
    of Pelican's options (`-D`).
    """
    env = {"PRESS_NOW": now, **(extra_env or {})}
    argv = ["content", "-s", str(ROOT / conf), "-o", output, *flags]
    # Each site copy keeps its own caches, outside its folder: tests run side by side, and
    # a test about what a cache holds must see only its own builds.
    settings = {"CACHE_PATH": str(cache_of(site)), **(settings or {})}
    if settings:
        argv += ["-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items())]
    if not process:
        return Build(*inprocess.run(site, argv, env), site, site / output)
    command = [sys.executable, "-m", "pelican", *argv]
    result = subprocess.run(
        command, cwd=site, env={**os.environ, **env}, capture_output=True, text=True, timeout=300
    )
    return Build(result.returncode, result.stdout, result.stderr, site, site / output)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A private, writable copy of the fixture site."""
    return copy_site(tmp_path)


@pytest.fixture(scope="session")
def media_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture site with galleries and attachments, built after every embargo (read only)."""
    from media_fixture import add_media  # it imports this module

    site = copy_site(tmp_path_factory.mktemp("media"))
    add_media(site)
    result = build(site)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture site built once, after every embargo has lifted."""
    result = build(copy_site(tmp_path_factory.mktemp("built")))
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture site built with publishconf.py before the embargo lifts."""
    result = build(
        copy_site(tmp_path_factory.mktemp("published")), now=BEFORE_EMBARGO, conf="publishconf.py"
    )
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The sample newsroom (content/) copied and built once, after every release is out."""
    site = tmp_path_factory.mktemp("sample") / "site"
    shutil.copytree(ROOT / "content", site / "content")
    result = build(site, now=SAMPLE_NOW)
    assert result.returncode == 0, result.stderr
    return result
