"""Issue 21: a publication never moves or prunes what no publication made.

The webroot and its versions folder are ours only by the marker we write there
(`.<webroot>.versions/.press-versions.json`); anything else is refused with one line
and left exactly as it was. These tests drive publishing.webroot on a small built
folder: no site build is needed to move folders around.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import snapshot

from publishing import webroot
from publishing.s3 import PublishError
from publishing.targets import WebrootTarget, plan_for

REPLACES = "a publication replaces the webroot, so move them out or choose a new folder"


def built(folder: Path, text: str = "hello") -> Path:
    """Write a tiny built site and return its folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(f"<p>{text}</p>", encoding="utf-8")
    return folder


def publish(site: Path, target: Path) -> None:
    """Publish a built folder to a webroot as `./dev publish` does."""
    chosen = WebrootTarget(str(target))
    plan = plan_for(chosen, site)
    chosen.switch(chosen.prepare(site, plan))


def refusal(target: Path) -> str:
    """Return the one line a publication to target stops with."""
    with pytest.raises(PublishError) as raised:
        WebrootTarget(str(target))
    return str(raised.value)


ADMIN_FILES = {
    "certificates and uploads": (
        [".well-known/acme-challenge/token", "uploads/board-minutes.pdf"],
        ".well-known/acme-challenge/token, uploads/board-minutes.pdf",
    ),
    "one dotfile": ([".htaccess"], ".htaccess"),
    "an empty folder": (["uploads/"], "uploads"),
    "many files": (
        [f"old/{n}.html" for n in range(6)],
        "old/0.html, old/1.html, old/2.html and 3 more",
    ),
}


@pytest.mark.parametrize("name", ADMIN_FILES)
def test_a_webroot_folder_holding_files_is_refused_and_kept(tmp_path: Path, name: str) -> None:
    files, named = ADMIN_FILES[name]
    target = tmp_path / "www" / "site"
    for file in files:
        path = target / file
        if file.endswith("/"):
            path.mkdir(parents=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("admin's", encoding="utf-8")
    before = snapshot(tmp_path / "www")
    for spelt in (target, Path(f"{target}/"), Path(f"{target}/."), target / ".." / "site"):
        assert (
            refusal(spelt)
            == f"{spelt.absolute()}: holds files that no publication made ({named}); {REPLACES}"
        )
    assert snapshot(tmp_path / "www") == before


def test_a_link_no_publication_made_is_refused(tmp_path: Path) -> None:
    admin = built(tmp_path / "srv" / "old-site", "the admin's site")
    target = tmp_path / "www" / "site"
    target.parent.mkdir()
    target.symlink_to(admin)
    assert refusal(target) == (
        f"{target}: is a link to {admin} that no publication made;"
        " remove the link or choose a new folder, then publish again"
    )
    (tmp_path / "www" / ".site.versions").mkdir()  # even beside a versions folder of ours
    webroot.note_versions(tmp_path / "www" / ".site.versions", ["20210101T000000000000Z"])
    assert refusal(target).startswith(f"{target}: is a link to {admin} that no publication made")
    assert (admin / "index.html").read_text(encoding="utf-8") == "<p>the admin's site</p>"


VERSIONS_WITHOUT_MARK = {
    "no marker": None,
    "a marker that is not JSON": "{not json",
    "a marker without the list": json.dumps({"made": []}),
}


@pytest.mark.parametrize("name", VERSIONS_WITHOUT_MARK)
def test_a_versions_folder_without_our_marker_is_refused(tmp_path: Path, name: str) -> None:
    target = tmp_path / "www" / "site"
    versions = tmp_path / "www" / ".site.versions"
    (versions / "backup").mkdir(parents=True)
    (versions / "backup" / "db.sql").write_text("admin's backup", encoding="utf-8")
    if VERSIONS_WITHOUT_MARK[name] is not None:
        (versions / webroot.MARK).write_text(VERSIONS_WITHOUT_MARK[name], encoding="utf-8")
    before = snapshot(tmp_path / "www")
    assert refusal(target) == (
        f"{versions}: was not made by a publication (no {webroot.MARK} in it);"
        " move it away, then publish again"
    )
    assert snapshot(tmp_path / "www") == before


def test_only_versions_we_made_are_pruned(tmp_path: Path) -> None:
    target = tmp_path / "www" / "site"
    target.mkdir(parents=True)  # an empty folder is fine: the link takes its place
    versions = tmp_path / "www" / ".site.versions"
    for number in range(6):
        publish(built(tmp_path / f"build{number}", f"edition {number}"), target)
        if number == 0:
            (versions / "admin-rollback").mkdir()  # put there by hand: never ours to remove
            (versions / "admin-rollback" / "keep.txt").write_text("mine", encoding="utf-8")
    assert target.is_symlink()
    assert (target / "index.html").read_text(encoding="utf-8") == "<p>edition 5</p>"
    made = webroot.made_versions(versions)
    assert made is not None and len(made) == webroot.KEEP
    assert sorted(p.name for p in versions.iterdir()) == sorted(
        [*made, "admin-rollback", webroot.MARK]
    )
    assert (versions / "admin-rollback" / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_a_version_prepared_in_private_waits_there_until_the_switch(tmp_path: Path) -> None:
    target = tmp_path / "www" / "site"
    (tmp_path / "www").mkdir()
    private = tmp_path / "work" / "versions"
    publish(built(tmp_path / "now"), target)
    chosen = WebrootTarget(str(target))
    site = built(tmp_path / "later", "embargoed text")
    ready = chosen.prepare(site, plan_for(chosen, site), private)
    assert ready.version is not None and ready.version.parent == private
    beside = [p for p in (tmp_path / "www").rglob("*") if p.is_file()]
    assert not any(b"embargoed text" in p.read_bytes() for p in beside)
    chosen.switch(ready)
    assert (target / "index.html").read_text(encoding="utf-8") == "<p>embargoed text</p>"
    assert not ready.version.exists()
    assert os.path.realpath(target).startswith(str(tmp_path / "www" / ".site.versions"))
    assert target.resolve().name in (
        webroot.made_versions(tmp_path / "www" / ".site.versions") or []
    )
