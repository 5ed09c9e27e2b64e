"""A press kit is addressed by what it is made from: every input changes it, nothing else does.

Each test builds the fixture site (PDFs off, one process), changes one input the kit's
bytes depend on, builds again and reads the kit; a kit of a release nothing touched is
the previous build's file (same inode) and its text files are not written again.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, Build, build, copy_site
from PIL import Image, ImageDraw
from press_media import kit_texts, plan

EDITED = "2021-garage-base-en"  # the release each test edits
OTHER = "2021-english-only-en"  # a release the release-only edits leave alone
SOURCE = "content/releases/2021/2021-garage-base.en.md"
QUICK = {"PRESS_MEDIA_PDF": False, "PRESS_WORKERS": 1}


def kit_file(result: Build, release: str) -> Path:
    """Return the output file of a release's press kit."""
    (found,) = result.output.rglob(f"{release}-press-kit.zip")
    return found


def entry(result: Build, release: str, name: str) -> bytes:
    """Return one file of a release's press kit."""
    return zipfile.ZipFile(kit_file(result, release)).read(name)


def replace(site: Path, name: str, old: str, new: str) -> None:
    """Replace text in one file of the site; the text must be there."""
    path = site / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def texts_written(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the release.txt files the builds write, by release title."""
    written: list[str] = []
    real = kit_texts.release_txt

    def counted(text: kit_texts.KitText, body_html: str) -> str:
        written.append(text.title)
        return real(text, body_html)

    monkeypatch.setattr(kit_texts, "release_txt", counted)
    return written


@pytest.fixture
def kit_keys(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Record the key each build plans for each press kit, by release (key and language)."""
    keys: dict[str, list[str]] = {}
    real = plan.MediaPlanner.add

    def recorded(planner: plan.MediaPlanner, save_as: str, *args: object) -> None:
        if save_as.endswith("-press-kit.zip"):
            release = save_as.rsplit("/", 1)[1].removesuffix("-press-kit.zip")
            keys.setdefault(release, []).append(str(args[-1]))
        real(planner, save_as, *args)

    monkeypatch.setattr(plan.MediaPlanner, "add", recorded)
    return keys


def rebuild(site: Path, settings: dict | None = None, theme: Path | None = None) -> Build:
    """Build the site again with the quick settings (and another theme, when given)."""
    extra = {"THEME": str(theme)} if theme else {}
    result = build(site, settings={**QUICK, **extra, **(settings or {})})
    assert result.returncode == 0, result.stderr
    return result


# Edits of the one release: (what changes, where, the text its release.md then holds).
RELEASE_EDITS: list[tuple[str, str, str, str]] = [
    ("body", "They meet experts early", "They meet experts early\n\nA kit sentence.", "A kit sentence."),
    ("title", "title: Startup Garage opens", "title: Kit Garage opens", "# Kit Garage opens"),
    ("dateline", "dateline: Shanghai/Munich", "dateline: Kitville", "**Kitville.**"),
    ("updated", "updated: 2021-05-22T10:00:00", "updated: 2021-05-24T10:00:00", "May 24, 2021"),
]  # fmt: skip


def test_each_edit_of_a_release_makes_its_kit_again_and_no_other(
    tmp_path: Path, texts_written: list[str]
) -> None:
    site = copy_site(tmp_path)
    first = rebuild(site)
    other, edited = kit_file(first, OTHER), kit_file(first, EDITED)
    inode, texts = other.stat().st_ino, len(texts_written)
    again = rebuild(site)  # nothing changed: no kit's text is written, every kit linked
    assert (
        len(texts_written) == texts and kit_file(again, EDITED).read_bytes() == edited.read_bytes()
    )
    assert kit_file(again, OTHER).stat().st_ino == inode
    for what, old, new, shown in RELEASE_EDITS:
        before = len(texts_written)
        replace(site, SOURCE, old, new)
        result = rebuild(site)
        assert shown in entry(result, EDITED, "release.md").decode(), what
        assert len(texts_written) == before + 1, what  # the edited release's texts only
        assert kit_file(result, OTHER).stat().st_ino == inode, what
    dated = zipfile.ZipFile(kit_file(result, EDITED)).infolist()[0].date_time
    assert dated[:3] == (2021, 5, 24)  # the entries carry the new update


def test_a_new_photo_makes_the_kit_again(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    first = rebuild(site)
    old = entry(first, EDITED, "photos/base.jpg")
    photo = site / "content/images/2021/base.jpg"
    with Image.open(photo) as image:
        changed = image.convert("RGB")
    ImageDraw.Draw(changed).rectangle((0, 0, 40, 40), fill=(255, 0, 0))
    changed.save(photo, "JPEG", quality=90)
    result = rebuild(site)
    new = entry(result, EDITED, "photos/base.jpg")
    assert new != old and Image.open(photo).size == changed.size
    assert zipfile.ZipFile(kit_file(result, EDITED)).testzip() is None


def edit_contact(site: Path) -> None:
    replace(site, "content/contacts.yml", '"+1-905-428-5078"', '"+1-905-428-9999"')


def edit_boilerplate(site: Path) -> None:
    path = site / "content/boilerplates/en.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nKits are made here.\n", encoding="utf-8")


# Edits every kit of a language shows: (what changes, how, the text release.txt then holds).
SHARED_EDITS: list[tuple[str, Callable[[Path], None], dict, str]] = [
    ("contact", edit_contact, {}, "+1-905-428-9999"),
    ("boilerplate", edit_boilerplate, {}, "Kits are made here."),
    ("setting", lambda site: None, {"PRESS_ABSOLUTE_URL": "https://kits.example.org"},
     "Online: https://kits.example.org/"),
]  # fmt: skip


@pytest.mark.parametrize(("what", "edit", "settings", "shown"), SHARED_EDITS)
def test_a_shared_input_makes_the_kits_that_show_it_again(
    tmp_path: Path,
    kit_keys: dict[str, list[str]],
    what: str,
    edit: Callable[[Path], None],
    settings: dict,
    shown: str,
) -> None:
    site = copy_site(tmp_path)
    first = rebuild(site)
    assert shown not in entry(first, EDITED, "release.txt").decode()
    edit(site)
    result = rebuild(site, settings)
    assert shown in entry(result, EDITED, "release.txt").decode(), what
    first_key, key = kit_keys[EDITED]
    assert key != first_key, what  # the kit is addressed anew, not only written anew


def test_a_translation_makes_the_kits_of_its_language_again(
    tmp_path: Path, kit_keys: dict[str, list[str]]
) -> None:
    site, theme = copy_site(tmp_path), tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    french = "2021-garage-base-fr"
    first = rebuild(site, theme=theme)
    english = kit_file(first, EDITED).stat().st_ino
    assert "En ligne\u00a0:" in entry(first, french, "release.txt").decode()
    catalog = "translations/fr/LC_MESSAGES/messages.po"
    replace(
        theme,
        catalog,
        'msgid "Online:"\nmsgstr "En ligne\u00a0:"',
        'msgid "Online:"\nmsgstr "Adresse web"',
    )
    result = rebuild(site, theme=theme)
    assert "Adresse web http" in entry(result, french, "release.txt").decode()
    assert kit_file(result, EDITED).stat().st_ino == english  # the English kit is kept
    assert kit_keys[french][0] != kit_keys[french][1]
    assert kit_keys[EDITED][0] == kit_keys[EDITED][1]
