"""The build manifest: nothing changed leaves the output alone; an edit renders only its pages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import AFTER_EMBARGO, BEFORE_EMBARGO, build, copy_site, edit, snapshot, stable
from press_build import output
from press_build.memo import survey

UP_TO_DATE = "Nothing changed since the last build: output is up to date."
GARAGE_EN = "content/releases/2021/2021-garage-base.en.md"
LAUNCH = "2021-embargoed-launch"
GARAGE_PAGE = "en/releases/2021/05/startup-garage-opens-an-innovation-base-in-shanghai/index.html"
ONLY_BODIES = "only the bodies of {count} releases changed"
WIDE = {"COLUMNS": "400"}  # the debug log's lines unbroken


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
    before = manifest(site)
    edit(
        site,
        GARAGE_EN,
        "The base opened",
        "One more sentence for the manifest test. The base opened",
    )
    again = build(site)
    assert again.returncode == 0, again.stderr
    after = manifest(site)
    changed = {n for n in after["files"] if after["files"][n] != before["files"].get(n)}
    # Only bodies changed: a page that showed none of them keeps its key and its bytes
    # without being described again (listings, the feeds pages: they show no body; keyed
    # again, their keys would change, as they take each release's body).
    pages = sorted(name for name in changed if name.endswith(".html"))
    assert pages == [GARAGE_PAGE], pages
    assert not [name for name in changed if name.startswith("fr/")]
    assert after["state"]["frame"] == before["state"]["frame"]  # what stays when only bodies change
    assert "One more sentence" in (site / "output" / GARAGE_PAGE).read_text(encoding="utf-8")


def test_pages_keep_their_keys_only_when_nothing_but_bodies_changed(site: Path) -> None:
    """A title, or a body with its front matter, changes the frame: every page is keyed."""
    assert build(site, flags=("-D",), process=True, extra_env=WIDE).returncode == 0  # -D: a setting
    edit(site, GARAGE_EN, "The base opened", "The new base opened")
    body = build(site, flags=("-D",), process=True, extra_env=WIDE)
    assert ONLY_BODIES.format(count=1) in body.stdout
    text = (site / GARAGE_EN).read_text(encoding="utf-8")
    title = text.split("title:", 1)[1].split("\n", 1)[0]
    edit(site, GARAGE_EN, f"title:{title}", f"title:{title.rstrip()} again")
    titled = build(site, flags=("-D",), process=True, extra_env=WIDE)
    assert titled.returncode == 0, titled.stderr
    assert "only the bodies of" not in titled.stdout
    pages = (site / "output" / "en" / "releases").rglob("index.html")
    assert any(f"{title.strip()} again" in page.read_text(encoding="utf-8") for page in pages)


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


def test_a_body_linking_a_file_with_attach_keys_every_page(site: Path, tmp_path: Path) -> None:
    """{attach} moves the file beside its release: every body linking it shows the new address."""
    link = "[The photo]({attach}../../images/2021/base.jpg)"
    edit(site, GARAGE_EN, "The base opened", f"{link} The base opened")
    assert build(site, flags=("-D",), process=True, extra_env=WIDE).returncode == 0
    edit(site, GARAGE_EN, "The base opened", "Once more, the base opened")
    again = build(site, flags=("-D",), process=True, extra_env=WIDE)
    assert again.returncode == 0, again.stderr
    assert "only the bodies of" not in again.stdout
    cold = copy_site(tmp_path / "cold")
    shutil.copy(site / GARAGE_EN, cold / GARAGE_EN)
    assert build(cold, flags=("-D",), process=True, extra_env=WIDE).returncode == 0
    assert stable(snapshot(site / "output")) == stable(snapshot(cold / "output"))


def test_a_body_edit_keeps_only_the_pages_that_show_no_changed_body(
    site: Path, tmp_path: Path
) -> None:
    """Two bodies at once, one of them French, one with a {static} link: as a cold build."""
    assert build(site).returncode == 0
    before = manifest(site)["files"]
    edit(site, GARAGE_EN, "The base opened", "[Photo]({static}/images/2021/base.jpg) It opened")
    french = GARAGE_EN.replace(".en.md", ".fr.md")
    last = (site / french).read_text(encoding="utf-8").rstrip().rsplit("\n", 1)[1]
    edit(site, french, last, f"{last} Une phrase de plus.")
    assert build(site).returncode == 0
    after = manifest(site)["files"]
    assert after["en/index.html"] == before["en/index.html"]  # kept, its key not taken again
    pages = [name for name in after if after[name] != before[name] and name.endswith(".html")]
    assert len(pages) == 2 and {name[:3] for name in pages} == {"en/", "fr/"}, pages
    cold = copy_site(tmp_path / "cold")
    for name in (GARAGE_EN, french):
        shutil.copy(site / name, cold / name)
    assert build(cold).returncode == 0
    assert stable(snapshot(site / "output")) == stable(snapshot(cold / "output"))
    shown = next(name for name in pages if name.startswith("fr/"))
    assert "Une phrase de plus." in (site / "output" / shown).read_text(encoding="utf-8")


def test_a_body_edit_lays_out_the_print_page_of_that_release_alone(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other releases' PDFs and press kits keep the last build's keys: their print pages
    are not made, their kits' entries not listed again."""
    from press_media import plan, press_media

    assert build(site).returncode == 0
    laid_out: list[str] = []
    listed: set[str] = set()
    real, real_entries = press_media.pdf_job, plan.MediaPlanner.kit_entries

    def counted(template, css, values, photo):
        laid_out.append(Path(values["article"].source_path).relative_to(site).as_posix())
        return real(template, css, values, photo)

    def entries(planner, article, contacts, texts):
        listed.add(Path(article.source_path).relative_to(site).as_posix())
        return real_entries(planner, article, contacts, texts)

    monkeypatch.setattr(press_media, "pdf_job", counted)
    monkeypatch.setattr(plan.MediaPlanner, "kit_entries", entries)
    edit(site, GARAGE_EN, "The base opened", "The base, now bigger, opened")
    assert build(site).returncode == 0
    assert laid_out == [GARAGE_EN]
    assert listed == {GARAGE_EN}
    monkeypatch.undo()
    cold = copy_site(tmp_path / "cold")
    shutil.copy(site / GARAGE_EN, cold / GARAGE_EN)
    assert build(cold).returncode == 0
    made = stable(snapshot(site / "output"))
    assert made == stable(snapshot(cold / "output"))
    assert any(name.endswith(".pdf") for name in made)


def test_a_body_edit_describes_and_makes_again_only_the_feeds_that_show_it(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert build(site).returncode == 0
    described: list[str] = []
    digest = output.fingerprint.digest

    def counted(*values, **options):
        names = values[1] if len(values) > 1 else ()
        described.extend(name for name in names if name.endswith((".xml", ".atom")))
        return digest(*values, **options)

    monkeypatch.setattr(output.fingerprint, "digest", counted)
    edit(site, GARAGE_EN, "The base opened", "One more sentence for the feeds. The base opened")
    again = build(site)
    assert again.returncode == 0, again.stderr
    feeds = [p for p in again.output.rglob("*") if p.suffix in (".xml", ".atom")]
    showing = {p.relative_to(again.output).as_posix() for p in feeds if "One more" in p.read_text()}
    assert showing and "en/feeds/releases.xml" in showing  # the edited body is in these feeds
    assert set(described) == showing  # every other feed kept its key, its parts not described
    assert len(feeds) > 2 * len(showing)
