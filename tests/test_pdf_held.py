"""Builds sharing one cache: a PDF another build prunes stays whole for the build using it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from conftest import build
from press_media.pdf import HeldPdfs, cache_file, prune


def test_a_held_pdf_survives_another_builds_prune(tmp_path) -> None:
    folder = tmp_path / "pdf"
    cached = cache_file(folder, "2021-launch-en", "a1")
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"%PDF launch")
    held = HeldPdfs(folder)
    path = held.hold(cached, "2021-launch-en", "a1")
    assert path is not None and path.name == "a1.pdf"  # a kit names the entry by the key
    # Another build, whose settings give this release another PDF, keeps only its own.
    prune(folder, {"2021-launch-en": "b2"}, set())
    assert not cached.exists()
    assert path.read_bytes() == b"%PDF launch"
    assert held.hold(cached, "2021-launch-en", "a1") == path  # asked again: the same link
    assert held.hold(cache_file(folder, "2021-other-en", "c3"), "2021-other-en", "c3") is None
    held.release()
    assert not held.path.exists()


def test_a_pdf_made_here_goes_to_the_cache_whole(tmp_path) -> None:
    folder = tmp_path / "pdf"
    held = HeldPdfs(folder)
    made = held.place("2021-launch-fr", "d4")
    made.parent.mkdir(parents=True, exist_ok=True)
    made.write_bytes(b"%PDF lancement")
    cached = cache_file(folder, "2021-launch-fr", "d4")
    held.keep(made, cached)
    held.keep(made, cached)  # another build put the same PDF there meanwhile: replaced whole
    assert cached.read_bytes() == b"%PDF lancement"
    assert sorted(p.name for p in cached.parent.iterdir()) == ["d4.pdf"]  # no spare left
    held.keep(held.place("2021-launch-fr", "e5"), cache_file(folder, "2021-launch-fr", "e5"))
    assert not cache_file(folder, "2021-launch-fr", "e5").exists()  # never made: nothing
    held.release()
    assert cached.read_bytes() == b"%PDF lancement"


def test_a_killed_builds_links_go_with_the_next_build_and_a_running_ones_stay(tmp_path) -> None:
    folder = tmp_path / "pdf"
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    root = folder.with_name("pdf-held")
    killed = root / f"{ended.stdout.strip()}-0123456789abcdef"
    running = root / f"{os.getppid()}-fedcba9876543210"  # the process that runs these tests
    stray = root / "notes"
    for left in (killed, running, stray):
        (left / "2021-launch-en").mkdir(parents=True)
        (left / "2021-launch-en" / "a1.pdf").write_bytes(b"%PDF")
    held = HeldPdfs(folder)
    assert not killed.exists() and not stray.exists()
    assert running.exists() and held.path.exists()
    held.release()


def test_two_builds_sharing_a_cache_side_by_side_both_publish_whole_pdfs(site, tmp_path) -> None:
    # The live preview and a publishing build of one site: the same releases, other
    # addresses, so other PDFs; each build prunes the other's from the shared cache.
    cache = {"CACHE_PATH": str(tmp_path / "cache")}
    runs = [("pelicanconf.py", "output-dev"), ("publishconf.py", "output-prod")]
    for _ in range(3):
        for _, output in runs:  # each round a whole build, its PDFs from the cache
            shutil.rmtree(site / output, ignore_errors=True)
            (site / f".{output}.manifest.json").unlink(missing_ok=True)
        with ThreadPoolExecutor(max_workers=2) as pool:
            done = list(
                pool.map(
                    lambda run: build(
                        site, conf=run[0], output=run[1], settings=cache, process=True
                    ),
                    runs,
                )
            )
        for result in done:
            assert result.returncode == 0, result.stdout + result.stderr
            pdfs = list(result.output.rglob("*.pdf"))
            assert len(pdfs) >= 4 and all(p.read_bytes().startswith(b"%PDF-") for p in pdfs)
    held = tmp_path / "cache" / "press-media" / "pdf-held"
    assert list(held.iterdir()) == []  # each build dropped its links
