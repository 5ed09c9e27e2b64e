"""Bad input from communications staff: one exact line per problem, exit 1, output untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, edit, snapshot

BASE_EN = "content/releases/2021/2021-garage-base.en.md"
BASE_FR = "content/releases/2021/2021-garage-base.fr.md"
FORMAT = "write it like 2021-05-21T09:00:00+02:00"


def add(site: Path, name: str, text: str) -> None:
    """Write a new file into the site."""
    path = site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


MINIMAL = """---
key: {key}
lang: {lang}
title: {title}
date: {date}
type: press-release
summary: Short summary.
contacts: [marc-belcourt]
---
Body.
"""

CASES = {
    "missing field": (
        lambda s: edit(
            s, BASE_EN, "title: Startup Garage opens an innovation base in Shanghai\n", ""
        ),
        [f"{BASE_EN}: title: required field is missing"],
    ),
    "empty field": (
        lambda s: edit(
            s,
            BASE_EN,
            "summary: A joint base for young technology companies opens in Shanghai.",
            'summary: ""',
        ),
        [f"{BASE_EN}: summary: must not be empty"],
    ),
    "date without offset": (
        lambda s: edit(s, BASE_EN, "date: 2021-05-21T09:00:00+02:00", "date: 2021-05-21T09:00:00"),
        [f'{BASE_EN}: date: "2021-05-21T09:00:00" has no UTC offset; {FORMAT}'],
    ),
    "unparseable date": (
        lambda s: edit(s, BASE_EN, "date: 2021-05-21T09:00:00+02:00", "date: 21/05/2021 9h"),
        [f'{BASE_EN}: date: "21/05/2021 9h" is not a date and time; {FORMAT}'],
    ),
    "unknown field": (
        lambda s: edit(s, BASE_EN, "summary:", "summry:"),
        [
            f"{BASE_EN}: summary: required field is missing",
            f'{BASE_EN}: summry: unknown field; did you mean "summary"?',
        ],
    ),
    "unknown contact": (
        lambda s: edit(s, BASE_EN, "contacts: [marc-belcourt]", "contacts: [marc-belcour]"),
        [
            f'{BASE_EN}: contacts: unknown contact id "marc-belcour"; ids in content/contacts.yml: julie-gagnon, marc-belcourt'
        ],
    ),
    "unknown author": (
        lambda s: edit(s, BASE_EN, "author: marc-belcourt", "author: jdoe"),
        [
            f'{BASE_EN}: author: unknown contact id "jdoe"; ids in content/contacts.yml: julie-gagnon, marc-belcourt'
        ],
    ),
    "related key that does not exist": (
        lambda s: edit(s, BASE_EN, "  - key: 2020-cloud-agreement", "  - key: 2020-cloud-agreemen"),
        [f'{BASE_EN}: related[0].key: no release has the key "2020-cloud-agreemen"'],
    ),
    "same key and lang twice": (
        lambda s: add(
            s,
            "content/releases/2020/2021-garage-base.en.md",
            MINIMAL.format(
                key="2021-garage-base", lang="en", title="Copy", date="2020-01-02T09:00:00+01:00"
            ),
        ),
        [
            'content/releases/2021/2021-garage-base.en.md: key: "2021-garage-base" in English is also in '
            "content/releases/2020/2021-garage-base.en.md; give one of them another key"
        ],
    ),
    "two releases with one URL": (
        lambda s: add(
            s,
            "content/releases/2021/2021-garage-copy.en.md",
            MINIMAL.format(
                key="2021-garage-copy",
                lang="en",
                title="Startup Garage opens an innovation base in Shanghai",
                date="2021-05-01T09:00:00+02:00",
            ),
        ),
        [
            "content/releases/2021/2021-garage-copy.en.md: slug: gives the URL "
            f"/en/releases/2021/05/startup-garage-opens-an-innovation-base-in-shanghai/, which {BASE_EN} also gives; "
            "choose another slug"
        ],
    ),
    "slug that climbs out": (
        lambda s: edit(s, BASE_EN, "type: press-release", "slug: ../../evil\ntype: press-release"),
        [
            f'{BASE_EN}: slug: "../../evil" may contain only lowercase letters a-z, digits and single hyphens inside (like 2021-startup-garage)'
        ],
    ),
    "absolute key": (
        lambda s: edit(s, BASE_EN, "key: 2021-garage-base", "key: /etc/passwd"),
        [
            f'{BASE_EN}: key: "/etc/passwd" may contain only lowercase letters a-z, digits and single hyphens inside (like 2021-startup-garage)'
        ],
    ),
    "language not configured": (
        lambda s: add(
            s,
            "content/releases/2021/2021-garage-base.de.md",
            MINIMAL.format(
                key="2021-garage-base", lang="de", title="Hallo", date="2021-05-21T09:00:00+02:00"
            ),
        ),
        [
            'content/releases/2021/2021-garage-base.de.md: lang: "de" is not a configured language (en, fr)'
        ],
    ),
    "invalid YAML": (
        lambda s: edit(s, BASE_FR, "title: Le Startup Garage", "title: Le Startup Garage : bilan,"),
        [
            f"{BASE_FR}: front matter: invalid YAML at line 4, column 26: "
            'a value that contains ": " must be in quotes, like title: "Paris : bilan"'
        ],
    ),
    "lang that does not match the file name": (
        lambda s: edit(s, BASE_FR, "lang: fr", "lang: en"),
        [f'{BASE_FR}: lang: "en" does not match the file name, which ends in .fr.md'],
    ),
    "key that does not match the file name": (
        lambda s: edit(s, BASE_FR, "key: 2021-garage-base", "key: 2021-garage-bas"),
        [
            f'{BASE_FR}: key: "2021-garage-bas" does not match the file name, which says "2021-garage-base"'
        ],
    ),
    "year folder that does not match the date": (
        lambda s: edit(
            s, BASE_FR, "date: 2021-05-21T09:00:00+02:00", "date: 2022-05-21T09:00:00+02:00"
        ),
        [f"{BASE_FR}: date: the year 2022 does not match the folder releases/2021/"],
    ),
    "unknown topic": (
        lambda s: edit(s, BASE_FR, "topics: [innovation]", "topics: [inovation]"),
        [
            f'{BASE_FR}: topics: unknown topic "inovation"; configured topics: corporate, digital, electromobility, '
            "events, innovation, research, sustainability, urban-mobility"
        ],
    ),
    "image without alt text": (
        lambda s: edit(s, BASE_FR, "alt: \"L'entrée de la base d'innovation\", ", ""),
        [f"{BASE_FR}: image.alt: required field is missing"],
    ),
    "image that does not exist": (
        lambda s: edit(s, BASE_FR, "src: images/2021/base.jpg", "src: images/2021/bas.jpg"),
        [f'{BASE_FR}: image.src: file "content/images/2021/bas.jpg" does not exist'],
    ),
    "tab in the indentation": (
        lambda s: edit(s, BASE_FR, "highlights:\n  - Jusqu", "highlights:\n\t- Jusqu"),
        [
            f"{BASE_FR}: front matter: invalid YAML at line 11, column 1: indent with spaces, not tabs"
        ],
    ),
    "field given twice": (
        lambda s: edit(s, BASE_FR, "type: press-release", "type: press-release\ntype: speech"),
        [f'{BASE_FR}: front matter: invalid YAML at line 7, column 1: field "type" is given twice'],
    ),
    "file that is not UTF-8": (
        lambda s: (s / "content/releases/2021/2021-latin.en.md").write_bytes(
            b"---\ntitle: Caf\xe9\n---\n"
        ),
        [
            "content/releases/2021/2021-latin.en.md: file: is not UTF-8 text (byte 0xe9 at position 14); save it as UTF-8"
        ],
    ),
    "contacts file missing": (
        lambda s: (s / "content/contacts.yml").unlink(),
        ["content/contacts.yml: file: not found; create it with one entry per press contact"],
    ),
    "contacts file mistake": (
        lambda s: edit(
            s, "content/contacts.yml", "email: julie.gagnon@example.com", "email: julie.gagnon"
        ),
        [
            'content/contacts.yml: julie-gagnon.email: "julie.gagnon" is not an e-mail address like name@example.com'
        ],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_mistake_has_its_exact_message(site: Path, case: str) -> None:
    mutate, expected = CASES[case]
    mutate(site)
    result = build(site)
    assert result.returncode == 1
    assert result.problems() == expected
    assert "Traceback" not in result.stderr + result.stdout
    assert not (site / "output").exists()


def test_all_problems_of_a_run_are_listed_and_output_is_untouched(site: Path) -> None:
    first = build(site)
    assert first.returncode == 0, first.stderr
    before = snapshot(site / "output")
    chosen = [
        "date without offset",
        "unknown contact",
        "lang that does not match the file name",
        "contacts file mistake",
    ]
    for name in chosen:
        CASES[name][0](site)
    result = build(site)
    assert result.returncode == 1
    assert result.problems() == sorted(line for name in chosen for line in CASES[name][1])
    assert result.stderr.splitlines()[-1] == (
        f"4 problems found; nothing was published and {site / 'output'} was left as it was."
    )
    assert snapshot(site / "output") == before
    # the lock and the manifest of the last good build stay
    assert sorted(p.name for p in site.glob(".output.*")) == [
        ".output.lock",
        ".output.manifest.json",
    ]


@pytest.mark.parametrize(
    ("now", "message"),
    [
        (
            "tomorrow",
            "PRESS_NOW: 'tomorrow' is not an ISO 8601 date and time; write it like 2021-05-21T09:00:00+02:00",
        ),
        (
            "2021-05-21T09:00:00",
            "PRESS_NOW: '2021-05-21T09:00:00' has no UTC offset; write it like 2021-05-21T09:00:00+02:00",
        ),
    ],
)
def test_unusable_press_now_is_one_clear_line(site: Path, now: str, message: str) -> None:
    result = build(site, now=now)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [message]
    assert not (site / "output").exists()
