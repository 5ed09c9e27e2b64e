"""Editorial tasks (tasks.py), run as staff run them: `invoke TASK` in a site folder."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import AFTER_EMBARGO, ROOT, Running, build, edit
from invoke import Collection, Context, Exit
from press_content import frontmatter
from press_content.schema import ReleaseMeta

import screenshots
import tasks

TASKS = {
    "build",
    "screenshots",
    "serve",
    "livereload",
    "preview",
    "publish",
    "schedule",
    "new",
    "check",
    "translations",
    "bench",
}
FORMAT = "write it like 2021-05-21T09:00:00+02:00"
NOW = "2021-09-14T10:30:00-04:00"
KEY = "2021-plant-opens-500-jobs-in-quebec"
NEW_EN = f"content/releases/2021/{KEY}.en.md"
NEW_FR = f"content/releases/2021/{KEY}.fr.md"


def invoke(site: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `invoke -r <project> ARGS` in a site folder, as `./dev ARGS` would."""
    command = [sys.executable, "-m", "invoke", "-r", str(ROOT), *args]
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        command, cwd=site, env=environment, capture_output=True, text=True, timeout=300
    )


def tree(folder: Path) -> dict[str, bytes]:
    """Return every file under folder with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- the task list ----------------------------------------------------------------


def test_every_task_has_a_one_line_docstring_and_a_readme_row() -> None:
    collection = Collection.from_module(tasks)
    assert set(collection.tasks) == TASKS
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- tasks:start -->", 1)[1].split("<!-- tasks:end -->", 1)[0]
    rows = set(re.findall(r"^\| `\./dev (\w+)[^`]*` \|", section, re.MULTILINE))
    assert rows == TASKS
    for name, found in collection.tasks.items():
        doc = (found.body.__doc__ or "").strip()
        assert doc and "\n" not in doc, name


def test_invoke_lists_the_tasks(tmp_path: Path) -> None:
    result = invoke(tmp_path, "--list")
    assert result.returncode == 0, result.stderr
    listed = {
        line.split()[0]
        for line in result.stdout.splitlines()[2:]
        if line.startswith("  ") and line.split()
    }
    assert listed >= TASKS


# --- new ---------------------------------------------------------------------------


def test_new_scaffolds_a_draft_pair_with_every_field(site: Path) -> None:
    result = invoke(site, "new", "Plant opens: 500 jobs in « Québec »", env={"PRESS_NOW": NOW})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [f"Created {NEW_EN}", f"Created {NEW_FR}"]
    for lang, name in (("en", NEW_EN), ("fr", NEW_FR)):
        text = (site / name).read_text(encoding="utf-8")
        meta = frontmatter.split(text).meta
        assert meta["key"] == KEY and meta["lang"] == lang
        assert meta["title"] == "Plant opens: 500 jobs in « Québec »"
        assert meta["date"] == NOW
        assert meta["status"] == "draft"
        for field in ReleaseMeta.model_fields:
            assert re.search(rf"^(# )?{field}:", text, re.MULTILINE), f"{name}: no {field} to fill"
    assert invoke(site, "check").returncode == 0
    published = build(site, now=AFTER_EMBARGO, conf="publishconf.py")
    assert published.returncode == 0, published.stderr
    assert not [
        p
        for p in published.files()
        if b"500 jobs" in p.read_bytes() or "plant-opens" in p.as_posix()
    ]


def test_new_uses_today_in_the_newsroom_time_zone(site: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PRESS_NOW"}
    toronto = ZoneInfo("America/Toronto")
    before = datetime.now(toronto)
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "-r", str(ROOT), "new", "Local time"],
        cwd=site, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    created = sorted((site / "content" / "releases").rglob("*-local-time.en.md"))
    assert len(created) == 1
    date = frontmatter.split(created[0].read_text(encoding="utf-8")).meta["date"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:00[+-]\d\d:\d\d", date), date
    written = datetime.fromisoformat(date)
    assert (
        written.utcoffset() == before.utcoffset()
    )  # -05:00 or -04:00, whatever the machine's zone
    assert before.replace(second=0, microsecond=0) <= written <= datetime.now(toronto)


def test_new_refuses_to_overwrite(site: Path) -> None:
    assert invoke(site, "new", "Plant opens", env={"PRESS_NOW": NOW}).returncode == 0
    again = invoke(site, "new", "Plant opens", env={"PRESS_NOW": NOW})
    assert again.returncode == 1
    assert again.stderr.strip() == (
        "content/releases/2021/2021-plant-opens.en.md and content/releases/2021/2021-plant-opens.fr.md"
        " already exist; choose another title."
    )


# --- check -------------------------------------------------------------------------


def test_check_passes_on_good_content_and_builds_nothing(site: Path) -> None:
    result = invoke(site, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "No problems found in 8 release files."
    assert sorted(p.name for p in site.iterdir()) == ["content"]


def three_mistakes(site: Path) -> list[str]:
    """Make three typical mistakes in a new release; return the lines check must print."""
    assert invoke(site, "new", "Plant opens", env={"PRESS_NOW": NOW}).returncode == 0
    en, fr = (
        "content/releases/2021/2021-plant-opens.en.md",
        "content/releases/2021/2021-plant-opens.fr.md",
    )
    edit(site, en, f"date: {NOW}", "date: 2021-09-14T10:30:00")  # no offset
    edit(site, en, "contacts: [marc-belcourt]", "contacts: [marc-belcour]")  # typo in an id
    edit(site, fr, 'title: "Plant opens"', "title: Nouvelle usine: 500 emplois")  # unquoted colon
    return [
        f'{en}: contacts: unknown contact id "marc-belcour"; ids in content/contacts.yml: julie-gagnon, marc-belcourt',
        f'{en}: date: "2021-09-14T10:30:00" has no UTC offset; {FORMAT}',
        f"{fr}: front matter: invalid YAML at line 6, column 22:"
        ' a value that contains ": " must be in quotes, like title: "Paris : bilan"',
    ]


def test_check_names_each_mistake_and_fails(site: Path) -> None:
    expected = three_mistakes(site)
    before = tree(site)
    result = invoke(site, "check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        *expected,
        "3 problems found; fix them, then run this again.",
    ]
    assert tree(site) == before
    assert not (site / "output").exists()


def test_check_reports_what_the_build_reports(site: Path) -> None:
    expected = three_mistakes(site)
    edit(
        site,
        "content/releases/2021/2021-garage-base.en.md",
        "  - key: 2020-cloud-agreement",
        "  - key: 2020-nothing",
    )
    edit(site, "content/contacts.yml", "email: julie.gagnon@example.com", "email: julie.gagnon")
    checked = invoke(site, "check")
    built = build(site)
    assert built.returncode == checked.returncode == 1
    assert checked.stderr.splitlines()[:-1] == built.problems()
    assert set(expected) < set(built.problems())
    assert len(built.problems()) == 5


# --- translations --------------------------------------------------------------------


def test_translations_lists_single_language_releases(site: Path) -> None:
    result = invoke(site, "translations")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "2020-cloud-agreement: only in en; no fr version (content/releases/2020/2020-cloud-agreement.fr.md)",
        "2021-draft-note (draft): only in en; no fr version (content/releases/2021/2021-draft-note.fr.md)",
        "2021-english-only: only in en; no fr version (content/releases/2021/2021-english-only.fr.md)",
        "2021-french-only: only in fr; no en version (content/releases/2021/2021-french-only.en.md)",
        "4 of 6 releases miss a language version.",
    ]


# --- publish -------------------------------------------------------------------------


def test_publish_needs_a_target(site: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != tasks.PUBLISH_TARGET}
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "-r", str(ROOT), "publish"],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == "No target: give --target s3://bucket/prefix or a folder, or set PRESS_PUBLISH_TARGET."
    )
    assert not (site / "output").exists()


def test_publish_dry_run_then_sync(site: Path, tmp_path: Path) -> None:
    target = tmp_path / "webroot"
    target.mkdir()  # empty: a folder holding files no publication made is refused
    env = {"PRESS_NOW": AFTER_EMBARGO, tasks.PUBLISH_TARGET: f"{target}/"}
    dry = invoke(site, "publish", "--dry-run", env=env)
    assert dry.returncode == 0, dry.stderr
    assert "(dry run, nothing changed)" in dry.stdout and "upload sitemap.xml" in dry.stdout
    assert list(target.iterdir()) == []
    assert "https://press.example.com/" in (site / "output" / "robots.txt").read_text()
    real = invoke(site, "publish", "--target", str(target), env={"PRESS_NOW": AFTER_EMBARGO})
    assert real.returncode == 0, real.stderr
    assert tree(target) == tree(site / "output")


def test_publish_stops_when_the_build_fails(site: Path, tmp_path: Path) -> None:
    edit(
        site,
        "content/releases/2021/2021-garage-base.en.md",
        "date: 2021-05-21T09:00:00+02:00",
        "date: 10:30",
    )
    result = invoke(site, "publish", "--target", str(tmp_path / "webroot"))
    assert result.returncode == 1
    assert 'date: "10:30" is not a date and time' in result.stderr
    assert not (tmp_path / "webroot").exists()


# --- serve, preview, livereload ---------------------------------------------------------


def free_port() -> int:
    """Return a TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


NOW_ENV = {**os.environ, "PRESS_NOW": AFTER_EMBARGO}  # long-running tasks build after every embargo


@pytest.fixture
def running() -> Iterator[list[Running]]:
    """Collect started tasks and stop them after the test."""
    started: list[Running] = []
    yield started
    for task in started:
        task.stop()


def fetch(port: int, path: str) -> str | None:
    """GET a path from localhost; None while nothing answers."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def test_serve_builds_and_serves_output(site: Path, running: list[Running]) -> None:
    port = free_port()
    running.append(task := Running(site, "serve", "--port", str(port), env=NOW_ENV))
    task.wait_for(lambda: fetch(port, "/en/"), "the home page")
    assert "Startup Garage opens an innovation base in Shanghai" in fetch(port, "/en/")
    assert (site / "output" / "en" / "index.html").is_file()


def test_preview_builds_into_preview_and_serves_it(site: Path, running: list[Running]) -> None:
    port = free_port()
    running.append(task := Running(site, "preview", "--port", str(port), env=NOW_ENV))
    task.wait_for(lambda: fetch(port, "/robots.txt"), "robots.txt")
    assert fetch(port, "/robots.txt").endswith("User-agent: *\nDisallow: /\n")
    assert "zanzibarquill" in fetch(
        port, "/en/releases/2021/02/draft-note-about-quarterly-figures/"
    )
    assert (site / "preview" / "index.html").is_file()
    assert not (site / "output").exists()


def test_a_busy_port_is_one_clear_line(site: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = invoke(site, "preview", "--port", str(port))
    assert result.returncode == 1
    assert (
        result.stderr.splitlines()[-1]
        == f"Cannot listen on port {port} (Address already in use); choose another with --port."
    )
    assert "Traceback" not in result.stderr


def test_livereload_rebuilds_on_save_and_survives_mistakes(
    site: Path, running: list[Running]
) -> None:
    port = free_port()
    running.append(task := Running(site, "livereload", "--port", str(port), env=NOW_ENV))
    task.wait_for(lambda: task.count("Serving output on http://127.0.0.1:"), "the server")
    task.wait_for(lambda: fetch(port, "/en/"), "the server")
    release = "content/releases/2021/2021-english-only.en.md"
    edit(
        site,
        release,
        "title: Technology office opens in Tel Aviv",
        "title: Technology office opens in Haifa",
    )
    task.wait_for(
        lambda: fetch(port, "/en/releases/2021/03/technology-office-opens-in-haifa/"),
        "the rebuilt page",
    )
    edit(site, release, "date: 2021-03-01T08:00:00-05:00", "date: 10:30")
    task.wait_for(lambda: task.count("Build failed"), "the failed build")
    assert task.count(f'{release}: date: "10:30" is not a date and time; {FORMAT}') == 1
    assert fetch(
        port, "/en/releases/2021/03/technology-office-opens-in-haifa/"
    )  # last good build still served
    rebuilt = task.count("Rebuilt in")
    edit(site, release, "date: 10:30", "date: 2021-03-01T08:00:00-05:00")
    task.wait_for(lambda: task.count("Rebuilt in") > rebuilt, "the build after the fix")
    assert task.process.poll() is None
    assert task.stop() == 0  # SIGTERM stops the preview cleanly


# --- bench ---------------------------------------------------------------------------


def test_bench_calls_the_benchmark_harness(monkeypatch: pytest.MonkeyPatch) -> None:
    import bench.run

    calls = []
    monkeypatch.setattr(
        bench.run, "main", lambda *args, **kwargs: calls.append((args, kwargs)) or ""
    )
    tasks.bench(Context(), pairs=5, runs=1, out="/tmp/bench-x", tools="ours, pelican", profile=True)
    tasks.bench(Context())
    tasks.bench(Context(), pairs="100,1000, 5000")
    assert calls == [
        (
            ([5], 1, Path("/tmp/bench-x")),
            {"profile": True, "media": False, "tools": ["ours", "pelican"]},
        ),
        (([100], 3, None), {"profile": False, "media": False}),
        (([100, 1000, 5000], 3, None), {"profile": False, "media": False}),
    ]


@pytest.mark.parametrize("pairs", ["", "100,", "1e3", "0", "100,-5"])
def test_bench_refuses_pairs_that_are_not_sizes(pairs: str) -> None:
    with pytest.raises(Exit) as refused:
        tasks.bench(Context(), pairs=pairs)
    assert refused.value.message == (
        f"bench: --pairs takes whole numbers >= 1 separated by commas, not {pairs!r}"
    )


def test_screenshots_photograph_homes_and_releases_at_both_widths(tmp_path: Path) -> None:
    from PIL import Image

    written = screenshots.refresh(tmp_path / "shots")
    sizes = {path.name: Image.open(path).size for path in written}
    assert sorted(sizes) == sorted(
        f"{name}-{form}.png" for name in screenshots.PAGES for form in ("desktop", "phone")
    )
    assert {name: width for name, (width, _) in sizes.items()} == {
        name: 1280 if "desktop" in name else 360 for name in sizes
    }
    assert all(height > 800 for _, height in sizes.values())
    # Pixels, not a blank page: the phone home shows the dark lead image near its top.
    home = Image.open(tmp_path / "shots" / "home-en-phone.png").convert("RGB")
    assert len(home.crop((0, 0, 360, 800)).getcolors(maxcolors=100_000) or []) > 1000
