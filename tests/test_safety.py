"""Issue 9: embargo and output safety hold for every input staff can produce.

Each class of attack is tried in several variants. A refused build must exit 1,
print exactly the expected one-line problems, and leave the output byte-identical;
a published build must hold no unique word of a withheld release.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import inprocess
import pytest
from conftest import AFTER_EMBARGO, BEFORE_EMBARGO, ROOT, Build, build, cache_of, edit, snapshot
from press_content.contacts import Contact
from press_content.links import INTO_RELEASES, LOOP, OUTSIDE
from press_content.reader import TOO_DEEP
from press_core.errors import Problem

GARAGE_EN = "content/releases/2021/2021-garage-base.en.md"
EMBARGOED_EN = "content/releases/2021/2021-embargoed-launch.en.md"
EMBARGOED_FR = "content/releases/2021/2021-embargoed-launch.fr.md"
DRAFT = "content/releases/2021/2021-draft-note.en.md"
CONTACTS = "content/contacts.yml"
TRACES = ("xylophrast", "quillotron", "2021-embargoed-launch", "zanzibarquill", "2021-draft-note")
EMBARGOED = "is embargoed until 2021-06-01T09:00:00-04:00"
FIX_LINK = "remove the link or publish both together"
ONE_LINE = "write it on one line with visible characters only"


def traces(folder: Path) -> list[str]:
    """Return every file under folder whose name or bytes hold a withheld release's word."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name, data = path.relative_to(folder).as_posix().lower(), path.read_bytes().lower()
        if any(word in name or word.encode() in data for word in TRACES):
            found.append(name)
    return found


def append(site: Path, name: str, text: str) -> None:
    """Add text at the end of a file of the site."""
    path = site / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def refused(site: Path, mutate, expected: list[str], now: str = BEFORE_EMBARGO) -> Build:
    """Build, break the site, build again: exit 1, exactly these lines, output untouched."""
    first = build(site, now=now)
    assert first.returncode == 0, first.stderr
    before = snapshot(first.output)
    mutate(site)
    result = build(site, now=now)
    assert result.returncode == 1, result.stderr
    assert result.problems() == expected, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    count = len(expected)
    noun = "problem" if count == 1 else "problems"
    assert lines[-1].startswith(f"{count} {noun} found; nothing was published and ")
    assert snapshot(first.output) == before
    assert traces(first.output) == []
    return result


# --- 1. withheld releases through Pelican's link syntax ------------------------------

LINKS = {
    "relative filename": ("[x]({filename}2021-embargoed-launch.en.md)", EMBARGOED_EN, EMBARGOED),
    "rooted filename": (
        "[x]({filename}/releases/2021/2021-embargoed-launch.fr.md)",
        EMBARGOED_FR,
        EMBARGOED,
    ),
    "old pipe syntax": ("[x](|filename|./2021-embargoed-launch.en.md)", EMBARGOED_EN, EMBARGOED),
    "dotted path to a draft": (
        "[x]({filename}../2021/../2021//2021-draft-note.en.md)",
        DRAFT,
        "is a draft",
    ),
    "raw html with fragment": (
        '<a href="{filename}2021-embargoed-launch.en.md#top">x</a>',
        EMBARGOED_EN,
        EMBARGOED,
    ),
    "percent-encoded": ("[x]({filename}2021-embargoed%2Dlaunch.en.md)", EMBARGOED_EN, EMBARGOED),
    "plain url with the slug": (
        "[x](../../06/embargoed-launch-of-the-quillotron/)",
        EMBARGOED_EN,
        EMBARGOED,
    ),
}


@pytest.mark.parametrize("name", LINKS)
def test_a_link_to_a_withheld_release_stops_the_build(site: Path, name: str) -> None:
    link, target, why = LINKS[name]
    expected = [f"{GARAGE_EN}: body: links to {target}, which {why}; {FIX_LINK}"]
    refused(site, lambda s: append(s, GARAGE_EN, f"\nSee {link}.\n"), expected)


def test_a_link_to_a_withheld_release_is_found_again_when_only_another_body_changed(
    site: Path,
) -> None:
    """A rebuild where only bodies changed reads the changed ones' links; the refused one
    still differs from the last good build's, so it is read again."""
    link, target, why = LINKS["relative filename"]
    expected = [f"{GARAGE_EN}: body: links to {target}, which {why}; {FIX_LINK}"]
    first = refused(site, lambda s: append(s, GARAGE_EN, f"\nSee {link}.\n"), expected)
    before = snapshot(first.output)
    append(site, "content/releases/2020/2020-cloud-agreement.en.md", "\nOne more sentence.\n")
    again = build(site, now=BEFORE_EMBARGO)
    assert again.returncode == 1, again.stderr
    assert again.problems() == expected
    assert snapshot(first.output) == before


def test_a_preview_build_shows_the_link(site: Path) -> None:
    append(site, GARAGE_EN, "\nSee [x]({filename}2021-embargoed-launch.en.md).\n")
    result = build(site, now=BEFORE_EMBARGO, conf="previewconf.py", output="preview")
    assert result.returncode == 0, result.stderr
    page = result.page("en/releases/2021/05/startup-garage-opens-an-innovation-base-in-shanghai/")
    hrefs = [a["href"] for a in page.select("article a")]
    assert any("embargoed-launch-of-the-quillotron" in href for href in hrefs), hrefs


def withheld_files(site: Path) -> list[str]:
    """Give the embargoed release files it alone refers to, in every spelling; return them."""
    images = site / "content" / "images"
    (images / "alias").symlink_to("2021")
    (site / "content" / "files").mkdir()
    names = {
        "images/2021/quillotron.jpg": "lead image",
        "images/2021/static-only.jpg": "static",
        "images/2021/attach-only.jpg": "attach",
        "images/2021/plain-only.jpg": "plain",
        "images/2021/2021-embargoed-launch-chart.png": "named after it",
        "files/plan.pdf": "outside STATIC_PATHS",
    }
    for name in names:
        (site / "content" / name).write_bytes((images / "2021" / "base.jpg").read_bytes())
    edit(
        site,
        EMBARGOED_EN,
        "contacts: [marc-belcourt]\n",
        'contacts: [marc-belcourt]\nimage: {src: images/alias/./quillotron.jpg, alt: "It"}\n',
    )
    append(
        site,
        EMBARGOED_EN,
        "\n![a]({static}../../images/2021/./static-only.jpg)"
        "\n![b]({attach}/images//2021/attach-only.jpg)"
        "\n![c](../../../../../images/2021/plain-only.jpg)"
        "\n[d]({static}../../files/plan.pdf)\n",
    )
    return ["images/" + n.split("/", 1)[1] if n.startswith("images") else n for n in names]


def test_files_only_withheld_releases_use_are_not_published(site: Path) -> None:
    names = withheld_files(site)
    before = build(site, now=BEFORE_EMBARGO)
    assert before.returncode == 0, before.stderr
    assert [n for n in names if (before.output / n).exists()] == []
    assert list(before.output.glob("media/*/base.jpg"))  # the visible release's lead photo
    assert traces(before.output) == []


def test_the_same_files_are_published_once_the_embargo_lifts(site: Path) -> None:
    names = withheld_files(site)
    after = build(site, now=AFTER_EMBARGO)
    assert after.returncode == 0, after.stderr
    published = {p.relative_to(after.output).as_posix() for p in after.files()}
    # {attach} moves its file beside the release page; the rest keep their paths. The
    # chart only named after the release is used by no page, so it stays unpublished.
    # The lead photo is published with its credits inside, under media/.
    unused = "images/2021/2021-embargoed-launch-chart.png"
    lead = "images/2021/quillotron.jpg"
    assert {n for n in names if n not in {"images/2021/attach-only.jpg", unused, lead}} <= published
    assert lead not in published
    assert any(n.startswith("media/") and n.endswith("/quillotron.jpg") for n in published)
    assert any(name.endswith("attach-only.jpg") for name in published)
    assert unused not in published


# --- 2. symbolic links ---------------------------------------------------------------


def link(site: Path, name: str, target: str | Path) -> None:
    """Make content/<name> a symbolic link to target."""
    path = site / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def elsewhere(site: Path) -> str:
    """Return a valid release, 2021-else, to be kept outside content/."""
    text = (site / GARAGE_EN).read_text(encoding="utf-8").replace("2021-garage-base", "2021-else")
    return text.replace("Startup Garage opens", "Elsewhere opens")


def outside_release(site: Path) -> None:
    """A valid release file outside content/, linked into the releases folder."""
    outside = site.parent / "elsewhere.en.md"
    outside.write_text(elsewhere(site), encoding="utf-8")
    link(site, "releases/2021/2021-else.en.md", outside)


def outside_release_folder(site: Path) -> None:
    """A folder outside content/ holding a valid release, linked in as a year's folder."""
    outside = site.parent / "elsewhere"
    outside.mkdir()
    (outside / "2021-else.en.md").write_text(elsewhere(site), encoding="utf-8")
    link(site, "releases/2022", outside)


SYMLINKS = {
    "folder outside content": (
        lambda s: link(s, "images/leak", s.parent),
        [f"content/images/leak: file: {OUTSIDE}"],
    ),
    "folder into releases": (
        lambda s: link(s, "images/sources", "../releases"),
        [f"content/images/sources: file: {INTO_RELEASES}"],
    ),
    "file into releases": (
        lambda s: link(
            s, "images/2021/copy.txt", "../../releases/2021/2021-embargoed-launch.en.md"
        ),
        [f"content/images/2021/copy.txt: file: {INTO_RELEASES}"],
    ),
    "loop": (lambda s: link(s, "images/loop", "loop"), [f"content/images/loop: file: {LOOP}"]),
    "release outside content": (
        outside_release,
        [f"content/releases/2021/2021-else.en.md: file: {OUTSIDE}"],
    ),
    "release folder outside content": (
        outside_release_folder,
        [
            f"content/releases/2022: file: {OUTSIDE}",
            f"content/releases/2022/2021-else.en.md: file: {OUTSIDE}",
        ],
    ),
}


@pytest.mark.parametrize("name", SYMLINKS)
def test_symbolic_links_that_leave_content_or_expose_sources_stop_the_build(
    site: Path, name: str
) -> None:
    mutate, expected = SYMLINKS[name]
    refused(site, mutate, expected)


def test_a_source_file_among_static_files_stops_the_build(site: Path) -> None:
    def mutate(s: Path) -> None:
        (s / "content/images/2021/notes.yml").write_text("secret: xylophrastic\n", encoding="utf-8")

    expected = [
        "content/images/2021/notes.yml: file:"
        " is a source file (.yml); source files are never published"
    ]
    refused(site, mutate, expected)


def test_check_reports_symbolic_links_too(site: Path) -> None:
    link(site, "images/sources", "../releases")
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "-r", str(ROOT), "check"],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == f"content/images/sources: file: {INTO_RELEASES}"


# --- 3. output paths -----------------------------------------------------------------

REPLACES = "a build replaces its output, so choose a separate folder like output/"
OUTPUTS = {
    "content": ("content", "content: OUTPUT_PATH: is the content folder content"),
    "inside content": (
        "content/images",
        "content/images: OUTPUT_PATH: is inside the content folder content",
    ),
    "project": (".", ".: OUTPUT_PATH: contains the content folder content"),
    "parent of the project": ("..", "{parent}: OUTPUT_PATH: contains the content folder content"),
    "theme": (str(ROOT / "theme"), "{root}/theme: OUTPUT_PATH: is the theme folder {root}/theme"),
    "plugins": (
        str(ROOT / "plugins" / "x"),
        "{root}/plugins/x: OUTPUT_PATH: is inside the plugins folder {root}/plugins",
    ),
    "link to content": ("content-link", "content: OUTPUT_PATH: is the content folder content"),
}


@pytest.mark.parametrize("name", OUTPUTS)
def test_unsafe_output_folders_are_refused_and_nothing_is_touched(site: Path, name: str) -> None:
    output, line = OUTPUTS[name]
    (site / "content-link").symlink_to("content")
    around = snapshot(site.parent)
    result = build(site, output=output)
    assert result.returncode == 1, result.stderr
    expected = line.format(parent=site.parent, root=ROOT) + f"; {REPLACES}"
    assert result.problems() == [expected]
    assert snapshot(site.parent) == around
    assert not (ROOT / "plugins" / "x").exists()


def test_an_output_below_a_file_is_one_line(site: Path) -> None:
    (site / "afile").write_text("x", encoding="utf-8")
    result = build(site, output="afile/output")
    assert result.returncode == 1
    assert result.problems() == [
        "afile/output: OUTPUT_PATH: cannot write beside the output (file exists)"
    ]


# --- 4. concurrent and interrupted builds ----------------------------------------------


def pelican(site: Path, *extra: str, now: str = AFTER_EMBARGO) -> Build:
    """Run the build with extra Pelican arguments, and the site copy's own cache (in the
    one -e: Pelican keeps only the last -e's pairs)."""
    cache, given = f"CACHE_PATH={json.dumps(str(cache_of(site)))}", list(extra)
    if "-e" in given:
        given.insert(given.index("-e") + 1, cache)
    else:
        given += ["-e", cache]
    argv = ["content", "-s", str(ROOT / "pelicanconf.py"), "-o", "output", *given]
    return Build(*inprocess.run(site, argv, {"PRESS_NOW": now}), site, site / "output")


def test_a_second_build_waits_then_stops_with_one_line(site: Path) -> None:
    first = build(site)
    assert first.returncode == 0, first.stderr
    before = snapshot(first.output)
    with open(site / ".output.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = pelican(site, "-e", "PRESS_LOCK_WAIT=1", now=BEFORE_EMBARGO)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "output: OUTPUT_PATH: another build is writing this output and did not finish"
        " within 1 seconds (PRESS_LOCK_WAIT); try again when it ends"
    )
    assert snapshot(first.output) == before
    assert pelican(site, now=BEFORE_EMBARGO).returncode == 0


def test_an_interrupted_swap_is_undone_by_the_next_build_even_a_failing_one(site: Path) -> None:
    first = build(site)
    assert first.returncode == 0, first.stderr
    before = snapshot(first.output)
    aside = site / ".output.previous-killed"
    aside.mkdir()
    first.output.rename(aside / "site")  # killed between the two renames
    (site / ".output.staging-killed").mkdir()  # a half-written staging folder
    # The killed build noted both in the lock file, as every build notes what it makes.
    (site / ".output.lock").write_text(".output.previous-killed\n.output.staging-killed\n")
    edit(site, GARAGE_EN, "date: 2021-05-21T09:00:00+02:00", "date: 21/05/2021")
    result = build(site)
    assert result.returncode == 1
    assert "output was left as it was." in result.stderr.splitlines()[-1]
    assert snapshot(first.output) == before
    assert sorted(p.name for p in site.iterdir()) == [
        ".output.lock",
        ".output.manifest.json",
        "content",
        "output",
    ]


# --- 5. releases silently dropped --------------------------------------------------------

DEEP = {
    "emphasis": "*" * 3000 + "x" + "*" * 3000,
    "lists": "".join("  " * depth + "- a\n" for depth in range(3000)),
    "numbered lists": "".join("   " * depth + "1. a\n" for depth in range(2000)),
    "quotes": "> " * 200 + "x",
    "tabs": "".join("\t" * depth + "- a\n" for depth in range(100)),
}


@pytest.mark.parametrize("name", DEEP)
def test_a_body_the_renderer_cannot_handle_is_an_error_in_build_and_check(
    site: Path, name: str
) -> None:
    expected = [f"{GARAGE_EN}: body: {TOO_DEEP}"]
    refused(site, lambda s: append(s, GARAGE_EN, "\n" + DEEP[name] + "\n"), expected)
    checked = subprocess.run(
        [sys.executable, "-m", "invoke", "-r", str(ROOT), "check"],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert checked.returncode == 1
    assert checked.stderr.splitlines()[:-1] == expected


# --- 6. tracebacks instead of lines ------------------------------------------------------

DATE_HINT = "write it like 2021-05-21T09:00:00+02:00"


def replace(name: str, old: str, new: str):
    """Return a mutation replacing text in one file."""
    return lambda s: edit(s, name, old, new)


def write_bytes(name: str, data: bytes):
    """Return a mutation writing bytes to one file."""
    return lambda s: (s / name).write_bytes(data)


def make_folder(name: str):
    """Return a mutation turning a file into a folder."""

    def mutate(s: Path) -> None:
        (s / name).unlink()
        (s / name).mkdir()

    return mutate


NOT_UTF8 = "is not UTF-8 text (byte 0xff at position 2); save it as UTF-8"
BROKEN_INPUTS = {
    "year 1 with an offset": (
        replace(GARAGE_EN, "date: 2021-05-21T09:00:00+02:00", "date: 0001-01-01T00:00:00+01:00"),
        [
            f'{GARAGE_EN}: date: "0001-01-01T00:00:00+01:00" is not between the years'
            f" 1900 and 2999; {DATE_HINT}"
        ],
    ),
    "embargo in year 9999": (
        replace(
            GARAGE_EN,
            "type: press-release",
            "embargo: 9999-12-31T23:59:59-12:00\ntype: press-release",
        ),
        [
            f'{GARAGE_EN}: embargo: "9999-12-31T23:59:59-12:00" is not between the years'
            f" 1900 and 2999; {DATE_HINT}"
        ],
    ),
    "boilerplate not UTF-8": (
        write_bytes("content/boilerplates/en.md", b"ab\xff"),
        [f"content/boilerplates/en.md: file: {NOT_UTF8}"],
    ),
    "boilerplate is a folder": (
        make_folder("content/boilerplates/fr.md"),
        ["content/boilerplates/fr.md: file: is a folder, not a file"],
    ),
    "contacts not UTF-8": (
        write_bytes(CONTACTS, b"- \xff"),
        [f"{CONTACTS}: file: is not UTF-8 text (byte 0xff at position 2); save it as UTF-8"],
    ),
    "contacts is a folder": (
        make_folder(CONTACTS),
        [f"{CONTACTS}: file: is a folder, not a file"],
    ),
}


@pytest.mark.parametrize("name", BROKEN_INPUTS)
def test_broken_inputs_are_one_line_each(site: Path, name: str) -> None:
    mutate, expected = BROKEN_INPUTS[name]
    refused(site, mutate, expected)


# --- 7. every message is one line ---------------------------------------------------------


@pytest.mark.parametrize("raw", ["\x00", "\n", "\r", "\u2028", "\u2029", "\x1b[2J", "\u202e"])
def test_a_problem_is_always_one_line(raw: str) -> None:
    line = str(Problem(f"a{raw}.md", f"f{raw}", f"bad {raw} value"))
    assert len(line.splitlines()) == 1
    assert line.isprintable()
    shown = raw.encode("unicode_escape").decode("ascii")
    assert line == f"a{shown}.md: f{shown}: bad {shown} value"


def test_control_characters_in_values_stay_on_one_line_in_a_build(site: Path) -> None:
    def mutate(s: Path) -> None:
        edit(s, GARAGE_EN, "date: 2021-05-21T09:00:00+02:00", 'date: "2021\\n05\\0\\u2028x"')
        edit(s, GARAGE_EN, "type: press-release", 'type: "press\\rrelease\\u2029x"')

    refused(
        site,
        mutate,
        [
            f'{GARAGE_EN}: date: "2021\\n05\\x00\\u2028x" is not a date and time; {DATE_HINT}',
            f'{GARAGE_EN}: type: "press\\rrelease\\u2029x" is not a release type (press-release,'
            " fact-sheet, speech, invitation, statement)",
        ],
    )


# --- 8. contact fields -----------------------------------------------------------------

CONTACT_FIELDS = {
    "name": ("name: Marc Belcourt", 'name: "Marc\\u2028Belcourt"', "name", "2028"),
    "organisation": (
        "organisation: BMW Group Canada\n  role: {en: Head",
        'organisation: "BMW \\u202eGroup"\n  role: {en: Head',
        "organisation",
        "202E",
    ),
    "role": ("{en: Head of", '{en: "Head\\0of', "role.en", "0000"),
    "email": (
        "email: marc.belcourt@example.com",
        'email: "marc\\u200b.belcourt@example.com"',
        "email",
        "200B",
    ),
    "fax": ('fax: "+1-905-428-5071"', 'fax: "+1-905\\x85-428-5071"', "fax", "0085"),
    "organisation per language": (
        "organisation: BMW Group Canada\n  role: {en: Head",
        'organisation: {en: BMW, fr: "BMW\\u2066Groupe"}\n  role: {en: Head',
        "organisation.fr",
        "2066",
    ),
    "url": (
        "email: marc.belcourt@example.com",
        'email: marc.belcourt@example.com\n  url: "https://example.com/\\u202egro"',
        "url",
        "202E",
    ),
}


@pytest.mark.parametrize("name", CONTACT_FIELDS)
def test_contact_fields_refuse_control_and_separator_characters(site: Path, name: str) -> None:
    old, new, field, code = CONTACT_FIELDS[name]
    if name == "role":
        new = new + ' corporate communications"'
        old = old + " corporate communications"
    expected = [
        f"{CONTACTS}: marc-belcourt.{field}: contains the invisible or line-breaking"
        f" character U+{code}; {ONE_LINE}"
    ]
    refused(site, replace(CONTACTS, old, new), expected)


def test_every_contact_text_field_is_checked() -> None:
    checked = {"name", "organisation", "role", "phone", "fax", "mobile", "email", "url"}
    made_of_ascii = {"topics", "photo"}  # ids and content paths: a-z, 0-9 and a few signs
    assert set(Contact.model_fields) - {"id"} == checked | made_of_ascii


# --- 9. cost attacks -----------------------------------------------------------------------


def tags(count: int) -> str:
    return "tags: [" + ", ".join(f"t{i}" for i in range(count)) + "]"


LIMITED = {
    "21 tags": (tags(21), "tags: has 21 tags; at most 20 are allowed (PRESS_MAX_TAGS)"),
    "10,000 tags": (tags(10_000), "tags: has 10000 tags; at most 20 are allowed (PRESS_MAX_TAGS)"),
    "6 topics": (
        "topics: [innovation, digital, corporate, research, events, sustainability]",
        "topics: has 6 topics; at most 5 are allowed (PRESS_MAX_TOPICS)",
    ),
    "a long tag": (
        "tags: [" + "a" * 61 + "]",
        "tags: tag is 61 characters long; at most 60 are allowed (PRESS_MAX_TAG_LENGTH)",
    ),
}


@pytest.mark.parametrize("name", LIMITED)
def test_limits_per_release(site: Path, name: str) -> None:
    line, message = LIMITED[name]
    field = line.split(":")[0]
    old = "tags: [startups, china]" if field == "tags" else "topics: [innovation, digital]"
    refused(site, replace(GARAGE_EN, old, line), [f"{GARAGE_EN}: {message}"])


def test_a_long_title_and_slug_are_refused(site: Path) -> None:
    def mutate(s: Path) -> None:
        edit(
            s,
            GARAGE_EN,
            "title: Startup",
            "slug: " + "b" * 81 + "\ntitle: " + "T" * 290 + " Startup",
        )

    refused(
        site,
        mutate,
        [
            f"{GARAGE_EN}: slug: slug is 81 characters long; at most 80 are allowed"
            " (PRESS_MAX_SLUG_LENGTH)",
            f"{GARAGE_EN}: title: title is 342 characters long; at most 300 are allowed"
            " (PRESS_MAX_TITLE_LENGTH)",
        ],
    )


def test_limits_are_settings(site: Path) -> None:
    edit(site, GARAGE_EN, "tags: [startups, china]", tags(25))
    assert pelican(site, "-e", "PRESS_MAX_TAGS=30").returncode == 0


# --- 10. spoofed chrome ------------------------------------------------------------------

SPOOFS = (
    '<div class="preview-banner">Preview spoof</div>\n\n'
    '<p class="preview-banner site-header">x</p>\n\n'
    '<span class="dateline">Fake dateline</span>\n\n'
    '<h2 id="main">Main</h2>\n\n<sup id="search">s</sup>\n\n<li id="content">c</li>\n'
)


def test_bodies_cannot_fake_the_interface(site: Path) -> None:
    append(site, GARAGE_EN, "\n" + SPOOFS)
    result = build(site)
    assert result.returncode == 0, result.stderr
    page = result.page("en/releases/2021/05/startup-garage-opens-an-innovation-base-in-shanghai/")
    assert page.select(".preview-banner") == []
    assert page.select(".site-header") == [] or "x" not in page.select(".site-header")[0].text
    assert [s.text for s in page.select(".dateline")] == ["Shanghai/Munich."]
    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids)), ids
    assert "Preview spoof" in page.text  # the text stays; only the disguise goes


# --- caches -------------------------------------------------------------------------------


def test_the_body_cache_holds_no_withheld_text(site: Path) -> None:
    result = build(site, now=BEFORE_EMBARGO)
    assert result.returncode == 0, result.stderr
    cache = cache_of(site) / "press-bodies.json"
    data = json.dumps(json.loads(cache.read_text(encoding="utf-8"))).lower()
    assert not [word for word in TRACES if word in data]


def test_count_and_wait_settings_that_are_not_numbers_are_one_line_each(site: Path) -> None:
    conf = site / "numbersconf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        'PRESS_MAX_TAGS = "many"\nPRESS_PAGE_SIZE = 0\nPRESS_FEED_LIMIT = True\n'
        'PRESS_LOCK_WAIT = "soon"\n',
        encoding="utf-8",
    )
    result = build(site, conf=str(conf))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "PRESS_FEED_LIMIT: True is not a whole number above 0; write one like 50",
        "PRESS_PAGE_SIZE: 0 is not a whole number above 0; write one like 10",
        "PRESS_MAX_TAGS: 'many' is not a whole number above 0; write one like 20",
        "PRESS_LOCK_WAIT: 'soon' is not a number of seconds; write one like 120",
    ]
    assert not (site / "output").exists()


@pytest.mark.parametrize("name", ["relative filename", "old pipe syntax"])
def test_check_reports_a_link_to_a_withheld_release_like_the_build(site: Path, name: str) -> None:
    link, target, why = LINKS[name]
    append(site, GARAGE_EN, f"\nSee {link}.\n")
    command = [sys.executable, "-m", "invoke", "-r", str(ROOT), "check"]
    env = {**os.environ, "PRESS_NOW": BEFORE_EMBARGO}
    checked = subprocess.run(command, cwd=site, env=env, capture_output=True, text=True)
    assert checked.returncode == 1
    assert checked.stderr.splitlines() == [
        f"{GARAGE_EN}: body: links to {target}, which {why}; {FIX_LINK}",
        "1 problem found; fix them, then run this again.",
    ]
    assert sorted(p.name for p in site.iterdir()) == ["content"]  # nothing written
