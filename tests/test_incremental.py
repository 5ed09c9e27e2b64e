"""A rebuild in the same output and cache equals a cold build, after any sequence of edits.

Each example is every kind of edit staff make (titles, bodies, topics and tags, embargo,
draft, deletion, contacts, boilerplates, templates, catalogs, images, a setting, nothing
at all, and a broken file), in an order and with values Hypothesis draws. After each edit the ordinary
Pelican command rebuilds the site where it built it before, and a cold build of the same
sources (fresh output, fresh cache) must give the same bytes: a page the rebuild forgot to
redo, or left behind, is a difference. A permutation, not a free list, so that every
example exercises every edit however few examples the time allows.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURE, ROOT, snapshot, stable
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from incremental_site import (
    CATALOG,
    CONTACTS,
    IMAGE,
    LATER,
    RELEASES,
    TEMPLATE_SPOTS,
    EditableSite,
    draw_photo,
    drop_field,
    field,
    first_text_diff,
    msgstr,
    set_contact,
    set_field,
    set_msgstr,
    split,
    tree_differences,
)
from press_build import fingerprint, scaffold

RELEASE_FILES = sorted(
    path.relative_to(FIXTURE).as_posix() for path in (FIXTURE / RELEASES).rglob("*.md")
)
R = f"{RELEASES}/2021/2021-"
# Files no other release names in `related` (or whose key stays in the other language),
# so deleting any of them leaves a valid site.
DELETABLE = [
    f"{R}draft-note.en.md",
    f"{R}embargoed-launch.en.md",
    f"{R}embargoed-launch.fr.md",
    f"{R}english-only.en.md",
    f"{R}garage-base.fr.md",
]
RELEASE = st.sampled_from(RELEASE_FILES)
WORD = st.sampled_from(["today", "again", "anew"])
TOPICS = st.lists(st.sampled_from(["innovation", "digital", "corporate", "events"]), min_size=1, max_size=2, unique=True)  # fmt: skip
TAGS = st.lists(st.sampled_from(["china", "cloud", "startups", "robots"]), max_size=3, unique=True)
SENTENCE = st.sampled_from(["The board met on Monday.", "Shuttles now run every hour."])
CONTACT = st.sampled_from(["marc-belcourt", "julie-gagnon"])
CONTACT_VALUE = st.sampled_from(
    [("name", "Alex Tremblay"), ("name", "Marc Bellecourt"), ("phone", "+1-416-555-0100")]
)
IMAGE_SIZE = st.sampled_from([(64, 36), (80, 45), (48, 32)])
IMAGE_COLOUR = st.sampled_from([(200, 30, 30), (30, 160, 60)])


class Session:
    """A site copy built again after each edit, in the same output and cache."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.site = EditableSite(work)
        self.output = self.site.site / "output"
        self.cache = work / "cache"

    def edit(self, name: str, change: Callable[[str], str]) -> None:
        """Apply change to a release file's text (kept aside while the file is deleted)."""
        self.site.write(name, change(self.site.read(name)))

    def retitle(self, name: str, word: str) -> None:
        """Add a word to a release's own title (its URL follows)."""
        title = field(self.site.original[name], "title")
        self.edit(name, lambda text: set_field(text, "title", f"{title} {word}"))

    def rewrite_body(self, name: str, sentence: str) -> None:
        """Put a new sentence before a release's own body."""
        body = split(self.site.original[name])[1]
        self.edit(name, lambda text: f"{split(text)[0]}\n---\n{sentence}\n\n{body}")

    def change_topics_and_tags(self, name: str, topics: list[str], tags: list[str]) -> None:
        """Give a release other topics and tags (listings and feeds follow)."""
        self.edit(name, lambda text: set_field(text, "topics", f"[{', '.join(topics)}]"))
        self.edit(name, lambda text: set_field(text, "tags", f"[{', '.join(tags)}]"))

    def twice(self, change: Callable[[], None], keep: bool) -> None:
        """Make a change; unless kept, build and check, then undo it (the check follows)."""
        change()
        if not keep:
            self.check()
            change()

    def move_embargo(self, name: str, keep: bool) -> None:
        """Hold a release past PRESS_NOW, or give a held one back its own embargo (or none)."""
        own = field(self.site.original[name], "embargo")

        def change() -> None:
            if field(self.site.read(name), "embargo") != LATER:
                self.edit(name, lambda text: set_field(text, "embargo", LATER))
            elif own is None:
                self.edit(name, lambda text: drop_field(text, "embargo"))
            else:
                self.edit(name, lambda text: set_field(text, "embargo", own))

        self.twice(change, keep)

    def toggle_draft(self, name: str, keep: bool) -> None:
        """Withdraw a release to draft, or publish a draft."""

        def change() -> None:
            if field(self.site.read(name), "status") == "draft":
                self.edit(name, lambda text: drop_field(text, "status"))
            else:
                self.edit(name, lambda text: set_field(text, "status", "draft"))

        self.twice(change, keep)

    def delete_or_restore(self, name: str, keep: bool) -> None:
        """Delete a release file, or put it back."""
        self.twice(lambda: self.site.toggle(name), keep)

    def change_contact(self, contact: str, change: tuple[str, str]) -> None:
        """Change one field of one contact in contacts.yml."""
        path = self.site.site / CONTACTS
        text = path.read_text(encoding="utf-8")
        path.write_text(set_contact(text, contact, *change), encoding="utf-8")

    def change_template(self, spot: str, word: str) -> None:
        """Add a word at one spot of the copied theme's templates."""
        original = (ROOT / "theme" / spot).read_text(encoding="utf-8")
        marker = TEMPLATE_SPOTS[spot]
        text = original.replace(marker, f"{marker} {word}", 1)
        self.site.theme_file(spot).write_text(text, encoding="utf-8")

    def change_catalog(self, msgid: str, word: str) -> None:
        """Add a word to one French translation of the copied theme."""
        original = (ROOT / "theme" / CATALOG).read_text(encoding="utf-8")
        text = set_msgstr(original, msgid, f"{msgstr(original, msgid)} {word}")
        self.site.theme_file(CATALOG).write_text(text, encoding="utf-8")

    def replace_image(self, size: tuple[int, int], colour: tuple[int, int, int]) -> None:
        """Replace the lead image two releases share with other bytes."""
        draw_photo(self.site.site / IMAGE, size, colour)

    def change_page_size(self, size: int) -> None:
        """Pass another PRESS_PAGE_SIZE with -e."""
        self.site.settings["PRESS_PAGE_SIZE"] = size

    def change_boilerplate(self, lang: str, sentence: str) -> None:
        """Add a sentence to one language's boilerplate (every page and PDF of it shows it)."""
        path = self.site.site / "content" / "boilerplates" / f"{lang}.md"
        text = path.read_text(encoding="utf-8").rstrip("\n")
        path.write_text(f"{text} {sentence}\n", encoding="utf-8")

    def change_nothing(self) -> None:
        """Rebuild with every source as it was."""

    def break_a_file(self, retitled: str, word: str, broken: int) -> None:
        """Fail a build that also retitles a release; the output must stay as it was."""
        self.retitle(retitled, word)
        # A file no release relates to: its own problem is the only one.
        names = [n for n in DELETABLE if n not in self.site.aside]
        name = names[broken % len(names)]
        good = self.site.read(name)
        self.site.write(name, set_field(good, "date", "tomorrow morning"))
        before = snapshot(self.output)
        failed = self.site.build(self.output, self.cache)
        assert failed.returncode == 1, failed.stderr
        assert failed.problems() == [
            f'{name}: date: "tomorrow morning" is not a date and time; write it like 2021-05-21T09:00:00+02:00'
        ]
        assert snapshot(self.output) == before
        assert not list(self.output.parent.glob(".output.staging-*"))
        # The retitle stays: the next good build must show it, though this one failed.
        self.site.write(name, good)

    def check(self) -> None:
        """Rebuild in place, build the same sources cold, and compare the two trees."""
        rebuilt = self.site.build(self.output, self.cache)
        assert rebuilt.returncode == 0, rebuilt.stderr
        cold, cold_cache = self.work / "cold", self.work / "cold-cache"
        shutil.rmtree(cold, ignore_errors=True)
        shutil.rmtree(cold_cache, ignore_errors=True)
        fresh = self.site.build(cold, cold_cache)
        assert fresh.returncode == 0, fresh.stderr
        differences = tree_differences(stable(snapshot(self.output)), stable(snapshot(cold)))
        assert not differences, "\n".join(
            [*differences, first_text_diff(self.output, cold, differences)]
        )


# Each edit and the values Hypothesis draws for it.
STEPS: dict[str, dict[str, st.SearchStrategy]] = {
    "retitle": {"name": RELEASE, "word": WORD},
    "rewrite_body": {"name": RELEASE, "sentence": SENTENCE},
    "change_topics_and_tags": {"name": RELEASE, "topics": TOPICS, "tags": TAGS},
    "move_embargo": {"name": RELEASE, "keep": st.booleans()},
    "toggle_draft": {"name": RELEASE, "keep": st.booleans()},
    "delete_or_restore": {"name": st.sampled_from(DELETABLE), "keep": st.booleans()},
    "change_contact": {"contact": CONTACT, "change": CONTACT_VALUE},
    "change_boilerplate": {"lang": st.sampled_from(["en", "fr"]), "sentence": SENTENCE},
    "change_template": {"spot": st.sampled_from(sorted(TEMPLATE_SPOTS)), "word": WORD},
    "change_catalog": {"msgid": st.sampled_from(["Newsroom", "Share"]), "word": WORD},
    "replace_image": {"size": IMAGE_SIZE, "colour": IMAGE_COLOUR},
    "change_page_size": {"size": st.sampled_from([1, 2, 10])},
    "change_nothing": {},
    "break_a_file": {"retitled": RELEASE, "word": WORD, "broken": st.integers(0, 4)},
}


@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    database=None,
    # No shrinking: each example takes about 40 s, and the failing one is printed draw by draw.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(order=st.permutations(sorted(STEPS)), data=st.data())
def test_rebuilds_equal_cold_builds_after_any_edits(
    tmp_path: Path, order: list[str], data: st.DataObject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scaffold, "MIN_FOLDERS", 1)  # every rebuild makes its folders ahead
    monkeypatch.setattr(fingerprint, "MIN_SHARED", 1)  # and describes its releases on two cores
    session = Session(Path(tempfile.mkdtemp(dir=tmp_path)))
    try:
        session.check()
        for step in order:
            values = {key: data.draw(s, label=f"{step}.{key}") for key, s in STEPS[step].items()}
            getattr(session, step)(**values)
            session.check()
    finally:
        shutil.rmtree(session.work, ignore_errors=True)
