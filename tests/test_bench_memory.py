"""The benchmark's memory figures and title edit, on real processes and a tiny corpus (no timing)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from bench import run, tree
from bench.corpus import build_corpus
from bench.layouts import write_all
from bench.tools import edited_version, make_tools

MIB = 2**20
# A build stand-in: holds 100 MiB, forks a worker that adds 50 MiB, then runs a program
# named like Pagefind's binary that holds 80 MiB of its own; each lives 0.6 s at least.
BUILD = """
import multiprocessing, subprocess, sys, time
held = bytearray(100 * 2**20)
def work(n):
    more = bytearray(n * 2**20)
    time.sleep(0.6)
    return len(more)
if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    with multiprocessing.Pool(1) as pool:
        pool.map(work, [50])
    code = "import time; b = bytearray(80 * 2**20); time.sleep(0.6)"
    subprocess.run([sys.argv[1], "-c", code], check=True)
"""


def test_each_kind_of_child_is_sampled_with_its_own_peak(tmp_path: Path) -> None:
    named = tmp_path / "pagefind_extended"  # what Pagefind's package runs
    shutil.copy(sys.executable, named)
    child = subprocess.Popen([sys.executable, "-c", BUILD, str(named)])
    sampler = tree.TreeSampler(child.pid)
    sampler.start()
    assert child.wait(timeout=120) == 0
    sampler.stop()
    kinds = {kind: kib * 1024 / MIB for kind, kib in sampler.kinds.items() if kib}
    assert set(kinds) == {tree.WORKERS, tree.PAGEFIND}
    # Its own 80 MiB, not the 100 MiB the parent held when it started (ru_maxrss would say so).
    assert 80 <= kinds[tree.PAGEFIND] < 100
    assert kinds[tree.WORKERS] >= 150  # a fork counts the pages it shares with the build
    # Together at one moment: the build's 100 MiB and at least one child's own memory.
    assert 100 + 50 <= sampler.together * 1024 / MIB < 100 + 50 + 80 + 100


def test_kinds_are_told_by_program_name() -> None:
    assert tree.kind_of("python", "python") == tree.WORKERS
    assert tree.kind_of("pagefind_extend", "python") == tree.PAGEFIND
    assert tree.kind_of("hugo", "python") == "hugo"
    assert tree.kind_of("", "python") == "other"
    assert tree.kib("  1708 kB") == 1708 and tree.kib("") == 0


def test_the_title_edit_changes_only_the_title_line_of_every_layout(tmp_path: Path) -> None:
    corpus = build_corpus(3, seed=5)
    sources = write_all(tmp_path / "src", corpus)
    tools = make_tools(tmp_path, sources, corpus, ("ours", "pelican", "hugo"))
    assert {tool.edit.name for tool in tools} >= {f"{edited_version(corpus).release.key}.en.md"}
    for tool in tools:
        before = tool.edit.read_text(encoding="utf-8").split("\n")
        run._retitle(tool.edit, 2)
        after = tool.edit.read_text(encoding="utf-8").split("\n")
        changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
        assert len(changed) == 1, tool.name
        old, new = changed[0]
        assert old.lower().startswith("title:") and new.endswith(f": {run.RETITLED} 2")
        if after[0] == "---":  # YAML front matter: still valid, with the new title
            meta = yaml.safe_load("\n".join(after).split("---\n")[1])
            assert meta["title"] == f"{run.RETITLED} 2" and meta["slug"]
