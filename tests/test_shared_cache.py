"""Builds of other outputs sharing one cache folder take turns.

The live preview and a publishing build of one site share CACHE_PATH. Each build removes
from the cache what its own releases no longer use: the PDFs of other addresses, and the
PDFs and photos of a release it withholds (press_media). Side by side, one build removed a
file the other had picked and was about to read, and that build stopped with a
FileNotFoundError traceback.
"""

from __future__ import annotations

import fcntl
import shutil
from concurrent.futures import ThreadPoolExecutor

from conftest import AFTER_EMBARGO, BEFORE_EMBARGO, build, snapshot
from media_fixture import add_media

# The preview before the embargo (the launch release withheld: its PDFs and photos leave
# the cache), a publishing build after it (the same release due): other addresses too.
RUNS = (
    ("pelicanconf.py", "output-dev", BEFORE_EMBARGO),
    ("publishconf.py", "output-prod", AFTER_EMBARGO),
)


def test_two_builds_sharing_a_cache_side_by_side_both_publish_whole_files(site, tmp_path) -> None:
    add_media(site)
    cache = {"CACHE_PATH": str(tmp_path / "cache")}
    for _ in range(3):
        for _, output, _ in RUNS:  # each round a whole build, its files from the cache
            shutil.rmtree(site / output, ignore_errors=True)
            (site / f".{output}.manifest.json").unlink(missing_ok=True)
        with ThreadPoolExecutor(max_workers=2) as pool:
            done = list(
                pool.map(
                    lambda run: build(
                        site, now=run[2], conf=run[0], output=run[1], settings=cache, process=True
                    ),
                    RUNS,
                )
            )
        for result in done:
            assert result.returncode == 0, result.stdout + result.stderr
            pdfs = list(result.output.rglob("*.pdf"))
            assert len(pdfs) >= 4 and all(p.read_bytes().startswith(b"%PDF-") for p in pdfs)
            assert list(result.output.rglob("*.webp"))


def test_a_build_waits_for_the_cache_then_stops_with_one_line(site, tmp_path) -> None:
    cache = tmp_path / "cache"
    first = build(site, settings={"CACHE_PATH": str(cache)})
    assert first.returncode == 0, first.stderr
    before = snapshot(first.output)
    with open(cache / ".press-build.lock", "a") as lock:  # another output's build is running
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = build(
            site, now=BEFORE_EMBARGO, output="output-other",
            settings={"CACHE_PATH": str(cache), "PRESS_LOCK_WAIT": 1},
        )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{cache}: CACHE_PATH: another build is using this cache folder and did not finish"
        " within 1 seconds (PRESS_LOCK_WAIT); try again when it ends",
        "1 problem found; nothing was published and output-other was left as it was.",
    ]
    assert not (site / "output-other").exists()
    assert snapshot(first.output) == before
    again = build(
        site, now=BEFORE_EMBARGO, output="output-other", settings={"CACHE_PATH": str(cache)}
    )
    assert again.returncode == 0, again.stderr
