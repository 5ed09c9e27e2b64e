"""An editable copy of the fixture site and its theme, with the edits staff make between builds."""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

from conftest import AFTER_EMBARGO, ROOT, Build, build, copy_site
from PIL import Image

RELEASES = "content/releases"
CONTACTS = "content/contacts.yml"
IMAGE = "content/images/2021/base.jpg"
CATALOG = "translations/fr/LC_MESSAGES/messages.po"
LATER = "2023-03-01T09:00:00-05:00"  # an embargo after AFTER_EMBARGO, the builds' PRESS_NOW
# Spots of the copied theme where a word is added: the footer of every page, and a
# partial only release pages include.
TEMPLATE_SPOTS = {
    "templates/base.html": '· {{ _("Newsroom") }}</p>',
    "templates/partials/release_dates.html": '{{ _("Online:") }}',
}


def split(text: str) -> tuple[str, str]:
    """Split a release file into its front matter (with the opening line) and its body."""
    head, body = text.split("\n---\n", 1)
    return head, body


def set_field(text: str, key: str, value: str) -> str:
    """Set a one-line front matter field, adding it at the end when the file lacks it."""
    head, body = split(text)
    line = re.compile(rf"^{re.escape(key)}: .*$", re.MULTILINE)
    if line.search(head):
        head = line.sub(lambda _: f"{key}: {value}", head, count=1)
    else:
        head = f"{head}\n{key}: {value}"
    return f"{head}\n---\n{body}"


def drop_field(text: str, key: str) -> str:
    """Remove a one-line front matter field if the file has it."""
    head, body = split(text)
    head = re.sub(rf"^{re.escape(key)}: .*\n?", "", head, flags=re.MULTILINE).rstrip("\n")
    return f"{head}\n---\n{body}"


def field(text: str, key: str) -> str | None:
    """Return the value of a one-line front matter field, None when it is absent."""
    found = re.search(rf"^{re.escape(key)}: (.*)$", split(text)[0], re.MULTILINE)
    return found.group(1) if found else None


def set_contact(text: str, contact: str, key: str, value: str) -> str:
    """Set one field of one contact in contacts.yml."""
    blocks = re.split(r"(?m)^(?=- id: )", text)
    for index, block in enumerate(blocks):
        if block.startswith(f"- id: {contact}\n"):
            line = re.compile(rf"^  {key}: .*$", re.MULTILINE)
            assert line.search(block), f"{contact} has no {key}"
            blocks[index] = line.sub(lambda _: f'  {key}: "{value}"', block, count=1)
    return "".join(blocks)


def set_msgstr(text: str, msgid: str, value: str) -> str:
    """Set the translation of one msgid in a .po catalog."""
    entry = re.compile(rf'^(msgid "{re.escape(msgid)}"\nmsgstr )".*"$', re.MULTILINE)
    assert entry.search(text), f"{msgid!r} is not in the catalog"
    return entry.sub(lambda match: f'{match.group(1)}"{value}"', text, count=1)


def msgstr(text: str, msgid: str) -> str:
    """Return the translation of one msgid in a .po catalog."""
    found = re.search(rf'^msgid "{re.escape(msgid)}"\nmsgstr "(.*)"$', text, re.MULTILINE)
    assert found, f"{msgid!r} is not in the catalog"
    return found.group(1)


def draw_photo(path: Path, size: tuple[int, int], colour: tuple[int, int, int]) -> None:
    """Write a JPEG of one colour, replacing the file's bytes."""
    Image.new("RGB", size, colour).save(path, "JPEG", quality=85)


class EditableSite:
    """A scratch site and theme; release files can be set aside (deleted) and put back."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.site = copy_site(folder)
        self.theme = shutil.copytree(ROOT / "theme", folder / "theme")
        self.aside: dict[str, str] = {}  # deleted release files and their last text
        self.original = {p: self.read(p) for p in self.release_names()}
        # Two workers even on one core: pages rendered apart, folders made ahead (scaffold).
        self.settings: dict[str, object] = {"THEME": str(self.theme), "PRESS_WORKERS": 2}

    def release_names(self) -> list[str]:
        """List the release files present, relative to the site folder."""
        files = (self.site / RELEASES).rglob("*.md")
        return sorted(p.relative_to(self.site).as_posix() for p in files)

    def read(self, name: str) -> str:
        """Return a file's text: the site's, or the text set aside when it is deleted."""
        if name in self.aside:
            return self.aside[name]
        return (self.site / name).read_text(encoding="utf-8")

    def write(self, name: str, text: str) -> None:
        """Change a file's text; a deleted release keeps its new text aside."""
        if name in self.aside:
            self.aside[name] = text
        else:
            (self.site / name).write_text(text, encoding="utf-8")

    def toggle(self, name: str) -> None:
        """Delete a release file, or put it back with its last text."""
        if name in self.aside:
            (self.site / name).write_text(self.aside.pop(name), encoding="utf-8")
        else:
            self.aside[name] = self.read(name)
            (self.site / name).unlink()

    def theme_file(self, name: str) -> Path:
        """Return a file of the copied theme."""
        return self.theme / name

    def build(self, output: Path, cache: Path) -> Build:
        """Build the site with this run's settings into output, with its own cache."""
        settings = {**self.settings, "CACHE_PATH": str(cache)}
        return build(self.site, now=AFTER_EMBARGO, output=str(output), settings=settings)


def tree_differences(
    one: dict[str, str], two: dict[str, str], names: tuple[str, str] = ("incremental", "cold")
) -> list[str]:
    """Name every file or folder that differs between two snapshots, and where it is."""
    lines = []
    for name in sorted(set(one) | set(two)):
        if name not in two:
            lines.append(f"{name}: only in the {names[0]} output")
        elif name not in one:
            lines.append(f"{name}: only in the {names[1]} output")
        elif one[name] != two[name]:
            lines.append(f"{name}: differs")
    return lines


TEXT_SUFFIXES = {".html", ".xml", ".atom", ".opml", ".json", ".vcf", ".ics", ".css", ".js", ".txt"}


def first_text_diff(one: Path, two: Path, names: list[str], limit: int = 30) -> str:
    """Show the start of a unified diff of the first file that differs, to see what is stale."""
    for line in names:
        name = line.split(": ", 1)[0]
        if line.endswith(": differs") and Path(name).suffix in TEXT_SUFFIXES:
            old = (one / name).read_text(encoding="utf-8", errors="replace").splitlines()
            new = (two / name).read_text(encoding="utf-8", errors="replace").splitlines()
            diff = difflib.unified_diff(
                old, new, f"incremental/{name}", f"cold/{name}", lineterm=""
            )
            return "\n".join(list(diff)[:limit])
    return ""


def add_releases(site: Path, count: int) -> None:
    """Write count more English releases, each with its own title, date and body."""
    for n in range(count):
        text = (
            f"---\nkey: 2021-extra-{n:03d}\nlang: en\ntitle: Extra release number {n}\n"
            f"date: 2021-07-{n % 28 + 1:02d}T09:{n % 60:02d}:00-04:00\ntype: statement\n"
            f"topics: [digital]\ntags: [extra-{n % 5}]\nsummary: Number {n}.\ncontacts: [marc-belcourt]\n---\n"
            f'Release {n} says "hello" -- with *emphasis*.\n\n- one\n- two\n'
        )
        (site / f"content/releases/2021/2021-extra-{n:03d}.en.md").write_text(
            text, encoding="utf-8"
        )
