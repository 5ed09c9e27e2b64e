"""The build manifest: nothing changed leaves the output alone; an edit renders only its pages."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import AFTER_EMBARGO, BEFORE_EMBARGO, build, edit, snapshot
from press_build.memo import survey

UP_TO_DATE = "Nothing changed since the last build: output is up to date."
GARAGE_EN = "content/releases/2021/2021-garage-base.en.md"
LAUNCH = "2021-embargoed-launch"


def manifest(site: Path) -> dict:
    """Return the manifest beside the site's output."""
    return json.loads((site / ".output.manifest.json").read_text(encoding="utf-8"))


def test_a_build_with_nothing_changed_leaves_the_output_as_it_is(site: Path) -> None:
    first = build(site)
    assert first.returncode == 0, first.stderr
    inode, files = first.output.stat().st_ino, snapshot(first.output)
    again = build(site)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip().splitlines()[-1] == UP_TO_DATE
    assert first.output.stat().st_ino == inode  # not even swapped
    assert snapshot(again.output) == files


def test_time_reaching_an_embargo_makes_a_real_build(site: Path) -> None:
    before = build(site, now=BEFORE_EMBARGO)
    assert before.returncode == 0, before.stderr
    assert not any(LAUNCH in name for name in snapshot(before.output))
    until = manifest(site)["state"]["until"]
    assert until == "2021-06-01T09:00:00-04:00"  # the embargo's end: the first change time brings
    assert build(site, now=BEFORE_EMBARGO).stdout.strip().endswith(UP_TO_DATE)
    after = build(site, now=AFTER_EMBARGO)
    assert after.returncode == 0, after.stderr
    assert UP_TO_DATE not in after.stdout
    assert any(LAUNCH in name for name in snapshot(after.output))
    earlier = build(site, now=BEFORE_EMBARGO)  # back before the last build's now: build again
    assert UP_TO_DATE not in earlier.stdout


def test_a_hand_edited_output_is_built_again(site: Path) -> None:
    first = build(site)
    assert first.returncode == 0, first.stderr
    page = first.output / "en" / "index.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"</body>", b"<p>vandal</p></body>"))
    again = build(site)
    assert UP_TO_DATE not in again.stdout
    assert page.read_bytes() == original  # the manifest's digest no longer matched: rendered


def test_a_body_edit_renders_only_the_pages_that_show_it(site: Path) -> None:
    assert build(site).returncode == 0
    before = manifest(site)["files"]
    edit(
        site,
        GARAGE_EN,
        "The base opened",
        "One more sentence for the manifest test. The base opened",
    )
    assert build(site).returncode == 0
    after = manifest(site)["files"]
    changed = {name for name in after if after[name] != before.get(name)}
    assert any(name.startswith("en/releases/") for name in changed)
    # French pages are reused; the French feeds page describes the feed of both languages.
    assert [n for n in changed if n.startswith("fr/")] == ["fr/fils/index.html"]
    assert len(changed) < len(after) // 2
    assert "One more sentence" in (
        site
        / "output"
        / sorted(
            name for name in changed if name.startswith("en/releases/") and name.endswith(".html")
        )[0]
    ).read_text(encoding="utf-8")


def test_the_manifest_names_only_files_of_the_output(site: Path) -> None:
    result = build(site, now=BEFORE_EMBARGO)
    assert result.returncode == 0, result.stderr
    data = manifest(site)
    on_disk = {str(p.relative_to(result.output)) for p in result.output.rglob("*") if p.is_file()}
    assert set(data["files"]) <= on_disk
    assert {f"pagefind/{name}" for name in data["trees"]["pagefind"]["files"]} <= on_disk


def test_an_english_edit_indexes_english_again_and_keeps_the_french_index(site: Path) -> None:
    assert build(site).returncode == 0
    before = manifest(site)["trees"]["pagefind"]["parts"]
    bundle = site / "output" / "pagefind"
    inodes = {p.relative_to(bundle).as_posix(): p.stat().st_ino for p in bundle.rglob("*")}
    edit(site, GARAGE_EN, "The base opened", "A sentence only the index sees. The base opened")
    assert build(site).returncode == 0
    after = manifest(site)["trees"]["pagefind"]["parts"]
    assert sorted(after) == ["en/releases/", "fr/communiques/"]
    assert after["fr/communiques/"] == before["fr/communiques/"]
    assert after["en/releases/"]["key"] != before["en/releases/"]["key"]
    french, english = after["fr/communiques/"]["files"], after["en/releases/"]["files"]
    assert french and all((bundle / n).stat().st_ino == inodes[n] for n in french)  # linked
    assert all((bundle / n).stat().st_ino != inodes.get(n) for n in english)  # made again
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"] == {
        **after["en/releases/"]["languages"],
        **after["fr/communiques/"]["languages"],
    }
    named = {f"pagefind.{info['hash']}.pf_meta" for info in entry["languages"].values()}
    assert named <= {p.name for p in bundle.iterdir()}


def test_files_made_by_code_are_linked_when_unchanged_and_written_when_edited_by_hand(
    site: Path,
) -> None:
    first = build(site)
    assert first.returncode == 0, first.stderr
    made = sorted(n for n, (key, _) in manifest(site)["files"].items() if n.endswith(".vcf"))
    kept, vandalised = first.output / made[0], first.output / made[1]
    inode, original = kept.stat().st_ino, vandalised.read_bytes()
    vandalised.write_bytes(original.replace(b"END:VCARD", b"NOTE:vandal\r\nEND:VCARD"))
    edit(site, GARAGE_EN, "The base opened", "A sentence for the linking test. The base opened")
    again = build(site)
    assert again.returncode == 0, again.stderr
    assert kept.stat().st_ino == inode  # the same bytes: the old file linked, not written
    assert vandalised.read_bytes() == original  # its bytes no longer matched: written again


def test_the_listing_names_files_links_and_empty_folders_and_follows_no_link(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    (out / "a" / "b" / "c").mkdir(parents=True)
    (out / "empty").mkdir()
    (out / "a" / "f.txt").write_text("x")
    (out / "a" / "b" / "g").write_text("yy")
    (out / "linked").symlink_to(out / "a")  # a link to a folder: an entry, not walked
    (out / "broken").symlink_to(tmp_path / "nowhere")
    digest, entries = survey(out)
    assert entries == ["a/b/c", "a/b/g", "a/f.txt", "broken", "empty", "linked"]
    assert survey(out) == (digest, entries)
    (out / "a" / "b" / "g").write_text("yyy")  # a nested file changed: another listing
    assert survey(out)[0] != digest
