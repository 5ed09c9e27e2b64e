"""Plain-text fields stay plain: pasted HTML markup is reported with the tag it found."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, edit, snapshot
from press_content.plaintext import first_markup

BASE_EN = "content/releases/2021/2021-garage-base.en.md"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('A <span class="x">new</span> base', "<span ...>"),
        ("A <b>bold</b> move", "<b>"),
        ('See <a href="https://example.org">this</a>', "<a ...>"),
        ("<script>alert(1)</script>", "<script>"),
        ("Line<br/>break", "<br/>"),
        ("Line<br />break", "<br/>"),
        ('<img src="x.jpg" alt="">', "<img ...>"),
        ("Closed early</p> here", "</p>"),
        ("Hidden <!-- note --> text", "<!-- -->"),
        ("<!DOCTYPE html> page", "<!DOCTYPE>"),
        ("Unclosed <!-- comment", "<!-- -->"),
    ],
)
def test_markup_is_shown_with_attributes_abbreviated(text: str, shown: str) -> None:
    assert first_markup(text) == shown


@pytest.mark.parametrize(
    "text",
    ["AT&T and Rogers", "3 < 5 and 7 > 2", "We <3 Shanghai", "a <- b", "x < y > z",
     "Fish & Chips &amp; more", "<<>>", "< span>"],
)  # fmt: skip
def test_text_that_only_looks_like_markup_passes(text: str) -> None:
    assert first_markup(text) is None


def test_markup_in_each_plain_field_is_reported_in_one_run(site: Path) -> None:
    replacements = [
        ("title: Startup Garage opens", 'title: <span class="x">Startup</span> Garage opens'),
        ("summary: A joint base", "summary: A <b>joint</b> base"),
        ("  - Cloud infrastructure", "  - Cloud <i>infrastructure</i>"),
        ("dateline: Shanghai/Munich", "dateline: <script>x</script>Shanghai"),
        ('alt: "The entrance', 'alt: "<!-- -->The entrance'),
        ('credit: "Fixture photo"', "credit: \"<a href='https://x.org'>Fixture</a> photo\""),
        ("  - title: Startup Garage\n", "  - title: Startup <em>Garage</em>\n"),
    ]
    for old, new in replacements:
        edit(site, BASE_EN, old, new)
    before = snapshot(site)
    result = build(site)
    assert result.returncode == 1
    message = "contains HTML markup ({}); write plain text"
    assert result.problems() == [
        f"{BASE_EN}: dateline: {message.format('<script>')}",
        f"{BASE_EN}: highlights[1]: {message.format('<i>')}",
        f"{BASE_EN}: image.alt: {message.format('<!-- -->')}",
        f"{BASE_EN}: image.credit: {message.format('<a ...>')}",
        f"{BASE_EN}: related[1].title: {message.format('<em>')}",
        f"{BASE_EN}: summary: {message.format('<b>')}",
        f"{BASE_EN}: title: {message.format('<span ...>')}",
    ]
    after = snapshot(site)
    after.pop(".output.lock", None)  # the build's lock file beside the output
    assert after == before
