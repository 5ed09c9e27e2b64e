"""Publishing's plain functions: file kinds, plans, fingerprints, targets and the watcher."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from press_assets.fingerprint import hashed_name, rewrite_css, theme_assets

from publishing import kinds, webroot
from publishing.build import held
from publishing.plan import PlanError, make_plan, site_digests
from publishing.s3 import PublishError
from publishing.schedule import Change, Due, coming_changes
from publishing.targets import Ready, is_remote_shell
from publishing.watch import Watcher

PRODUCED = [
    ".html",
    ".xml",
    ".atom",
    ".opml",
    ".vcf",
    ".ics",
    ".zip",
    ".webp",
    ".jpg",
    ".png",
    ".svg",
    ".css",
    ".js",
    ".json",
    ".txt",
    ".pdf",
    ".docx",
    ".xlsx",
    ".pptx",
    ".woff2",
    ".pf_meta",
    ".pf_index",
    ".pf_fragment",
    ".pf_filter",
    ".pagefind",
    ".wasm",
]


@pytest.mark.parametrize("suffix", PRODUCED)
def test_every_kind_of_file_we_produce_has_a_content_type(suffix: str) -> None:
    assert kinds.content_type(f"a/file{suffix}")


def test_unknown_kind_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "notes.xyz").write_text("?")
    with pytest.raises(PlanError) as refused:
        make_plan(tmp_path, {})
    assert refused.value.lines == [
        "notes.xyz: no Content-Type known for this kind of file; add it to plugins/press_core/mediatypes.py"
    ]


def test_cache_control_by_kind() -> None:
    assert kinds.cache_control("theme/css/press.0123abcd.css") == kinds.IMMUTABLE
    assert kinds.cache_control("pagefind/index/en_1a2b3c.pf_index") == kinds.IMMUTABLE
    assert kinds.cache_control("theme/css/press.css") == kinds.SHORT  # not fingerprinted
    assert kinds.cache_control("en/index.html") == kinds.SHORT
    assert kinds.cache_control("en/feeds/releases.atom") == kinds.SHORT
    assert kinds.cache_control("images/2021/base.jpg") == kinds.MEDIUM


def test_plan_orders_assets_pages_feeds_then_deletions(tmp_path: Path) -> None:
    for name in ("sitemap.xml", "en/index.html", "theme/css/press.0123abcd.css", "a.jpg"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    remote = {"a.jpg": site_digests(tmp_path)["a.jpg"], "old.html": "x"}
    plan = make_plan(tmp_path, remote)
    assert [u.name for u in plan.uploads] == [
        "theme/css/press.0123abcd.css",
        "en/index.html",
        "sitemap.xml",
    ]
    assert plan.deletions == ("old.html",)
    assert plan.lines()[-1] == "3 to upload, 1 to delete, 1 unchanged."


def test_fingerprints_follow_content_and_stylesheet_references(tmp_path: Path) -> None:
    assert hashed_name("css/press.css", b"a") == "css/press.ca978112.css"
    (tmp_path / "css").mkdir()
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "logo.svg").write_text("<svg/>")
    (tmp_path / "css" / "press.css").write_text('a { background: url("../img/logo.svg") }')
    assets = theme_assets(tmp_path)
    logo = assets["img/logo.svg"].hashed
    assert assets["css/press.css"].data.decode() == f'a {{ background: url("../{logo}") }}'
    assert rewrite_css("css/x.css", "url(missing.png)", {}) == "url(missing.png)"


def test_rsync_targets_are_told_apart() -> None:
    assert is_remote_shell("deploy@press.example.com:/var/www/press/")
    assert not is_remote_shell("/var/www/press")
    assert not is_remote_shell("s3://bucket/site")


class FakeTarget:
    """Records what the watcher asks of a target."""

    def __init__(self, clock) -> None:
        self.clock = clock
        self.switched: list[tuple[datetime, str]] = []
        self.discarded = 0

    def current(self) -> dict[str, str]:
        return {}

    def prepare(self, site: Path, plan, private: Path | None = None) -> Ready:
        return Ready(plan, site)

    def switch(self, ready: Ready) -> None:
        self.switched.append((self.clock(), (ready.site / "index.html").read_text()))

    def discard(self, ready: Ready) -> None:
        self.discarded += 1


def test_watcher_replans_on_change_and_switches_at_the_instant(tmp_path: Path) -> None:
    instant = datetime.now(UTC) + timedelta(seconds=2)
    words = {"text": "first"}
    logs: list[str] = []

    def build(output: Path, now: datetime) -> None:
        output.mkdir(parents=True)
        due = "launch" if now >= instant else "before"
        (output / "index.html").write_text(f"{due} {words['text']}")

    def changes(now: datetime) -> list[Change]:
        return [Change(instant, (Due("k", "en", "T", "p", "embargo"),))] if now < instant else []

    target = FakeTarget(lambda: datetime.now(UTC))
    watcher = Watcher(tmp_path, tmp_path / "work", target, build, changes, logs.append)
    watcher.follow = lambda paths: None  # changes are signalled by hand below
    thread = threading.Thread(target=watcher.run, args=([],))
    thread.start()
    while not any(line.startswith("ready") for line in logs):
        time.sleep(0.01)
    words["text"] = "second"
    watcher.dirty.set()  # content changed while waiting: the prepared site is stale
    time.sleep(max(0.0, (instant - datetime.now(UTC)).total_seconds()) + 0.5)
    watcher.stop.set()
    thread.join(timeout=10)
    assert target.discarded == 1
    launches = [(when, text) for when, text in target.switched if text.startswith("launch")]
    assert [text for _, text in launches] == ["launch second"]
    assert instant <= launches[0][0] < instant + timedelta(seconds=1)
    assert all(when < instant for when, text in target.switched if text.startswith("before"))
    assert logs[-1] == "stopped"


def test_examples_are_ready_to_use() -> None:
    import yaml
    from conftest import ROOT

    workflow = yaml.safe_load((ROOT / "docs/examples/publish.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) >= {"push", "schedule"} and triggers["schedule"][0]["cron"]
    runs = [step.get("run", "") for step in workflow["jobs"]["publish"]["steps"]]
    assert any(run.startswith("./dev publish --target s3://") for run in runs)
    unit = (ROOT / "docs/examples/pressclub-publish.service").read_text(encoding="utf-8")
    assert "\nExecStart=/srv/pressclub/dev publish --watch --target " in unit
    assert "\nKillSignal=SIGTERM\n" in unit and "AWS_SECRET" not in unit


def lock_is_free(output: Path) -> bool:
    """Tell whether another process could take the build lock of an output now."""
    handle = os.open(output.parent / f".{output.name}.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(handle)


def test_publishing_holds_the_build_lock_while_it_reads_the_output(tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.mkdir()
    assert lock_is_free(output)
    with held(output, wait=1):
        assert not lock_is_free(output)
    assert lock_is_free(output)


def test_a_build_writing_the_output_stops_the_publication_with_one_line(tmp_path: Path) -> None:
    output = tmp_path / "output"
    handle = os.open(tmp_path / ".output.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(handle, fcntl.LOCK_EX)
    try:
        with pytest.raises(PublishError) as raised, held(output, wait=0.2):
            pytest.fail("the output was read while another build held it")
    finally:
        os.close(handle)
    assert str(raised.value) == (
        f"{output}: another build is writing this output and did not finish within"
        " 0.2 seconds (PRESS_LOCK_WAIT); try again when it ends"
    )


def test_a_webroot_keeps_clear_of_the_project_folders(tmp_path: Path) -> None:
    site = tmp_path / "site"
    guarded = {site / "content": "content", site / "output": "output", site: "site"}
    assert webroot.placement_problem(site / "public", guarded) is None
    assert webroot.placement_problem(tmp_path / "www", guarded) is None
    tail = "; a publication replaces the webroot, so choose a folder outside the project"
    assert webroot.placement_problem(tmp_path, guarded) == (
        f"{tmp_path}: contains the content folder {site / 'content'}{tail} like /var/www/press"
    )
    assert webroot.placement_problem(site / "output" / "x", guarded) == (
        f"{site / 'output' / 'x'}: is inside the output folder {site / 'output'}{tail}"
        " like /var/www/press"
    )


def invitation_ending(end: datetime) -> SimpleNamespace:
    """A published, due invitation whose event ends at `end`, as read_releases gives it."""
    event = SimpleNamespace(end=end)
    meta = SimpleNamespace(key="k", lang="fr", title="T", status="published", event=event)
    return SimpleNamespace(meta=meta, path="p.md", is_due=lambda now: True)


def test_the_schedule_lists_an_event_end_only_while_it_is_to_come() -> None:
    end = datetime(2021, 6, 18, 13, 30, tzinfo=UTC)
    releases = [invitation_ending(end)]
    assert coming_changes(releases, end - timedelta(seconds=1)) == [
        Change(end, (Due("k", "fr", "T", "p.md", "event end"),))
    ]
    assert coming_changes(releases, end) == []
    draft = invitation_ending(end)
    draft.meta.status = "draft"
    assert coming_changes([draft], end - timedelta(days=1)) == []


def test_watcher_rebuilds_when_an_event_ends(tmp_path: Path) -> None:
    end = datetime.now(UTC) + timedelta(seconds=2)
    logs: list[str] = []

    def build(output: Path, now: datetime) -> None:
        output.mkdir(parents=True)
        (output / "index.html").write_text("over" if now >= end else "to come")

    releases = [invitation_ending(end)]
    target = FakeTarget(lambda: datetime.now(UTC))
    watcher = Watcher(
        tmp_path, tmp_path / "work", target, build, lambda now: coming_changes(releases, now),
        logs.append,
    )  # fmt: skip
    watcher.follow = lambda paths: None
    thread = threading.Thread(target=watcher.run, args=([],))
    thread.start()
    time.sleep(max(0.0, (end - datetime.now(UTC)).total_seconds()) + 0.5)
    watcher.stop.set()
    thread.join(timeout=10)
    assert [text for _, text in target.switched] == ["to come", "over"]
    assert end <= target.switched[-1][0] < end + timedelta(seconds=1)
    assert any(line.startswith("next: k (fr) at ") for line in logs)
