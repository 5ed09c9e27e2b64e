"""Nothing of a withheld release reaches the disk: not the output, caches, manifests or siblings.

A release only this test writes (its own words, title, key, slug, and two photos only it
lists) is withheld three ways: embargoed, a draft, and held back after it was published.
After a cold build and after a rebuild that follows an edit of a visible release, every
file under the test's folder except the content sources is read (zip members and gzip
files unpacked, as Pagefind writes its index) and every photo is measured by colour, so
that a derivative is found as surely as a copy.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest
from conftest import AFTER_EMBARGO, Build, build, copy_site, edit
from media_fixture import GARAGE_EN, photo
from PIL import Image, ImageStat, UnidentifiedImageError

KEY = "2021-obsidian-wren"
SLUG = "obsidianwren-drone-takes-flight"
TITLE = "Obsidianwren drone takes flight"
SENTENCE = "The prototype hovers without a sound over the harbour at dawn."
SOURCE = f"content/releases/2021/{KEY}.en.md"
LEAD = "images/2021/harbour-dawn.jpg"  # a static file: press_content gates it
GALLERY = "media/2021/harbour-night.jpg"  # a press_media file only
COLOURS = {LEAD: (13, 250, 77), GALLERY: (250, 13, 190)}  # no other photo is near these
LATER = "2023-03-01T09:00:00-05:00"
HELD = {"embargoed": f"embargo: {LATER}", "draft": "status: draft"}
SECRETS = [KEY, SLUG, TITLE.lower(), SENTENCE.lower(), "obsidianwren", "harbour-dawn", "harbour-night"]  # fmt: skip

RELEASE = f"""---
key: {KEY}
lang: en
title: {TITLE}
date: 2021-05-30T09:00:00-04:00
type: press-release
topics: [innovation]
tags: [drones]
summary: A drone that the obsidianwren team built.
contacts: [marc-belcourt]
image: {{src: {LEAD}, alt: "The harbour at dawn", credit: "Fixture studio"}}
images:
- {{src: {GALLERY}, alt: "The harbour at night", credit: "Fixture studio"}}
---
{SENTENCE}
"""


def add_secret_release(site: Path, held: str | None) -> None:
    """Write the release and its two photos; held is a front matter line, or None."""
    text = RELEASE if held is None else RELEASE.replace("\n---\n", f"\n{held}\n---\n", 1)
    (site / SOURCE).write_text(text, encoding="utf-8")
    for name, colour in COLOURS.items():
        photo(site / "content" / name, (640, 480), colour)


def readable(path: Path) -> list[bytes]:
    """Return a file's bytes, and what it holds when it is a zip or gzip file."""
    data = path.read_bytes()
    parts = [data]
    if data[:2] == b"\x1f\x8b":
        parts.append(gzip.decompress(data))
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts += [archive.read(name) for name in archive.namelist()]
    return parts


def looks_like(path: Path, colour: tuple[int, int, int]) -> bool:
    """Tell whether a file is a picture of about that one colour (a copy or derivative)."""
    try:
        with Image.open(path) as image:
            mean = ImageStat.Stat(image.convert("RGB")).mean
    except (UnidentifiedImageError, OSError, ValueError):
        return False
    return all(abs(a - b) < 12 for a, b in zip(mean, colour, strict=True))


def traces(folder: Path, skip: Path) -> list[str]:
    """List every trace of the secret release in the files under folder, outside skip."""
    originals = [(skip / name).read_bytes() for name in COLOURS]
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_relative_to(skip):
            continue
        name = path.relative_to(folder).as_posix()
        found += [f"{name}: name holds {s!r}" for s in SECRETS if s in name.lower()]
        if not path.is_file():
            continue
        for part in readable(path):
            found += [f"{name}: holds {s!r}" for s in SECRETS if s.encode() in part.lower()]
            found += [f"{name}: holds a photo's bytes" for o in originals if o in part]
        found += [f"{name}: is a picture of {p}" for p, c in COLOURS.items() if looks_like(path, c)]
    return found


def build_in(tmp_path: Path, site: Path, conf: str) -> Build:
    """Build with the cache in the test's folder, so that it is scanned too."""
    settings = {"CACHE_PATH": str(tmp_path / "cache")}
    result = build(site, now=AFTER_EMBARGO, conf=conf, settings=settings)
    assert result.returncode == 0, result.stderr
    return result


def retitle_a_visible_release(site: Path) -> None:
    """Edit a published release, so that the next build is a rebuild with a change."""
    edit(site, GARAGE_EN, "title: Startup Garage opens", "title: Startup Garage now opens")


@pytest.mark.parametrize("conf", ["pelicanconf.py", "publishconf.py"])
@pytest.mark.parametrize("held", sorted(HELD))
def test_withheld_release_leaves_no_trace_on_disk(tmp_path: Path, held: str, conf: str) -> None:
    site = copy_site(tmp_path)
    add_secret_release(site, HELD[held])
    build_in(tmp_path, site, conf)
    assert traces(tmp_path, site / "content") == []
    retitle_a_visible_release(site)
    rebuilt = build_in(tmp_path, site, conf)
    assert rebuilt.page("en/").find(
        string="Startup Garage now opens an innovation base in Shanghai"
    )
    assert traces(tmp_path, site / "content") == []


@pytest.mark.parametrize("conf", ["pelicanconf.py", "publishconf.py"])
def test_release_held_back_after_publication_leaves_no_trace(tmp_path: Path, conf: str) -> None:
    site = copy_site(tmp_path)
    add_secret_release(site, None)
    build_in(tmp_path, site, conf)
    shown = traces(tmp_path, site / "content")
    # The scan finds the release while it is published: its page, feeds, photos, caches.
    assert f"{TITLE.lower()!r}" in " ".join(shown)
    assert any(trace.startswith("cache/") for trace in shown)
    assert any(trace.endswith(f"is a picture of {GALLERY}") for trace in shown)
    edit(site, SOURCE, "type: press-release", f"embargo: {LATER}\ntype: press-release")
    retitle_a_visible_release(site)
    build_in(tmp_path, site, conf)
    assert traces(tmp_path, site / "content") == []
