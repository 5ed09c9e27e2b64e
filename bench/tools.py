"""The three builds compared: our Pelican build, plain Pelican, Hugo."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pelican

from bench import pagefind_peak
from bench.corpus import PRESS_NOW, Corpus, Version
from bench.layouts import hugo, ours, plain_pelican

REPO = Path(__file__).resolve().parents[1]
OUR_SETTINGS = REPO / "pelicanconf.py"
PLAIN_SETTINGS = Path(__file__).resolve().with_name("plain_pelicanconf.py")
NAMES = ("ours", "pelican", "hugo")
LABELS = {"ours": "PressClub", "pelican": "plain Pelican", "hugo": "Hugo"}


def child_env(**extra: str) -> dict[str, str]:
    """Return the builds' environment: ours, with wide logs (Rich wraps at COLUMNS)."""
    return {**os.environ, "COLUMNS": "200", **extra}


def importable(env: dict[str, str]) -> dict[str, str]:
    """Return `env` with the repository on PYTHONPATH, so a child finds `bench` from any folder."""
    paths = filter(None, (str(REPO), env.get("PYTHONPATH")))
    return {**env, "PYTHONPATH": os.pathsep.join(paths)}


@dataclass(frozen=True)
class Tool:
    """How to build one layout: command, environment, what a cold build removes."""

    name: str
    command: tuple[str, ...]
    cwd: Path
    output: Path
    scratch: tuple[Path, ...]
    edit: Path
    env: dict[str, str] = field(default_factory=child_env)
    missing: str = ""

    @property
    def label(self) -> str:
        """Return the name shown in the report."""
        return LABELS[self.name]


def make_tools(
    work: Path,
    sources: dict[str, Path],
    corpus: Corpus,
    names: tuple[str, ...] = NAMES,
    settings: Path = OUR_SETTINGS,
) -> list[Tool]:
    """Return the selected tools, building the layouts in `sources` under `work`."""
    if unknown := set(names) - set(NAMES):
        raise ValueError(f"unknown tools {sorted(unknown)}: choose among {', '.join(NAMES)}")
    edited = edited_version(corpus)
    makers = {"ours": partial(_ours, settings=settings), "pelican": _plain, "hugo": _hugo}
    layouts = {"ours": ours, "pelican": plain_pelican, "hugo": hugo}
    return [
        makers[name](work, sources[name], layouts[name].release_path(sources[name], edited))
        for name in names
    ]


def edited_version(corpus: Corpus) -> Version:
    """Return the release version the one-edit scenarios change: the middle one, in English."""
    return corpus.version(corpus.releases[len(corpus.releases) // 2].key, "en")


def pelican_command(content: Path, settings: Path, output: Path, cache: Path) -> tuple[str, ...]:
    """Return the ordinary Pelican command, with the cache kept in the work directory."""
    return (
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-s",
        str(settings),
        "-o",
        str(output),
        "-e",
        f"CACHE_PATH={json.dumps(str(cache))}",
    )


def measured_pelican_command(
    content: Path, settings: Path, output: Path, cache: Path
) -> tuple[str, ...]:
    """Return the Pelican command run through bench.peak, which records the build's own memory."""
    return (
        sys.executable,
        "-m",
        "bench.peak",
        *pelican_command(content, settings, output, cache)[3:],
    )


def _ours(work: Path, content: Path, edit: Path, settings: Path) -> Tool:
    """Our build: the repository's pelicanconf.py with a fixed PRESS_NOW."""
    output, cache = work / "out" / "ours", work / "cache" / "ours"
    missing = "" if settings.is_file() else f"{settings} does not exist yet"
    return Tool(
        "ours",
        measured_pelican_command(content, settings, output, cache),
        settings.parent,
        output,
        (output, cache),
        edit,
        importable(child_env(PRESS_NOW=PRESS_NOW, **pagefind_through_recorder())),
        missing,
    )


def pagefind_through_recorder() -> dict[str, str]:
    """Return the variables that make our build start Pagefind through bench.pagefind_peak."""
    from pagefind.service import get_executable

    real = os.environ.get(pagefind_peak.REAL) or str(get_executable() or "")
    if not real:
        return {}  # no Pagefind: the build reports it, as it would without the recorder
    recorder = Path(pagefind_peak.__file__).resolve()
    return {"PAGEFIND_BINARY_PATH": str(recorder), pagefind_peak.REAL: real}


def _plain(work: Path, content: Path, edit: Path) -> Tool:
    """Plain Pelican 4.12: default theme, its own feeds, its content cache."""
    output, cache = work / "out" / "pelican", work / "cache" / "pelican"
    command = measured_pelican_command(content, PLAIN_SETTINGS, output, cache)
    return Tool("pelican", command, work, output, (output, cache), edit, importable(child_env()))


def _hugo(work: Path, source: Path, edit: Path) -> Tool:
    """Hugo with the minimal theme in bench/hugo_theme, when the command exists."""
    output, cache = work / "out" / "hugo", work / "cache" / "hugo"
    command = (
        "hugo",
        "--source",
        str(source),
        "--destination",
        str(output),
        "--cacheDir",
        str(cache),
    )
    missing = "" if shutil.which("hugo") else "the hugo command is not installed"
    return Tool(
        "hugo", command, work, output, (output, cache, source / "resources"), edit, missing=missing
    )


def clean(tool: Tool) -> None:
    """Remove a tool's output and caches, for a cold build."""
    for path in tool.scratch:
        shutil.rmtree(path, ignore_errors=True)


def versions() -> dict[str, str]:
    """Return the versions of Python, Pelican and Hugo (when installed)."""
    found = {"Python": sys.version.split()[0], "Pelican": pelican.__version__}
    if shutil.which("hugo"):
        words = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()
        found["Hugo"] = words[1].split("+")[0].lstrip("v") if len(words) > 1 else "unknown"
    return found
