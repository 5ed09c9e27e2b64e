"""Publishing guarantees: embargo and drafts leave no trace, preview, atomic and safe output."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import (
    AFTER_EMBARGO,
    BEFORE_EMBARGO,
    ROOT,
    Build,
    build,
    copy_site,
    edit,
    snapshot,
    stable,
)
from pelican.utils import sanitised_join
from press_build import output
from press_core.errors import BuildStopped

GARAGE_EN = "content/releases/2021/2021-garage-base.en.md"
GARAGE_FR = "content/releases/2021/2021-garage-base.fr.md"
EMBARGOED_EN = "content/releases/2021/2021-embargoed-launch.en.md"
DRAFT = "content/releases/2021/2021-draft-note.en.md"
EMBARGO_LIFTS = "2021-06-01T09:00:00-04:00"

# Words, keys and slugs found only in the draft or in the embargoed pair.
DRAFT_TRACES = ("zanzibarquill", "2021-draft-note", "draft-note-about-quarterly-figures")
EMBARGO_TRACES = ("xylophrast", "quillotron", "2021-embargoed-launch")
EMBARGOED_PAGES = (
    "en/releases/2021/06/embargoed-launch-of-the-quillotron/index.html",
    "fr/communiques/2021/06/lancement-sous-embargo-du-quillotron/index.html",
)
DRAFT_PAGE = "en/releases/2021/02/draft-note-about-quarterly-figures/index.html"


def traces(folder: Path, words: tuple[str, ...]) -> dict[str, list[str]]:
    """Return, per word, every file under folder whose name or bytes contain it (any case)."""
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        data = path.read_bytes().lower()
        for word in words:
            if word.lower() in name.lower() or word.lower().encode() in data:
                found.setdefault(word, []).append(name)
    return found


def cross_link(site: Path) -> Path:
    """Make published releases point at the withheld ones, and give those images of their own."""
    images = site / "content" / "images" / "2021"
    shutil.copy(images / "base.jpg", images / "quillotron.jpg")
    shutil.copy(images / "base.jpg", images / "zanzibarquill.jpg")
    edit(
        site,
        GARAGE_EN,
        "  - key: 2020-cloud-agreement\n",
        "  - key: 2020-cloud-agreement\n  - key: 2021-embargoed-launch\n  - key: 2021-draft-note\n",
    )
    edit(
        site,
        GARAGE_FR,
        "  - key: 2020-cloud-agreement\n",
        "  - key: 2021-embargoed-launch\n  - key: 2021-draft-note\n",
    )
    edit(
        site,
        EMBARGOED_EN,
        "contacts: [marc-belcourt]\n",
        'contacts: [marc-belcourt]\nimage: {src: images/2021/quillotron.jpg, alt: "The quillotron"}\n',
    )
    edit(
        site,
        DRAFT,
        "contacts: [marc-belcourt]\n",
        'contacts: [marc-belcourt]\ntags: [startups, china]\nimage: {src: images/2021/zanzibarquill.jpg, alt: "Draft image"}\n',
    )
    return site


@pytest.fixture(scope="module")
def crossed_before(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Cross-linked fixture site, published build, before the embargo lifts."""
    site = cross_link(copy_site(tmp_path_factory.mktemp("crossed-before")))
    result = build(site, now=BEFORE_EMBARGO, conf="publishconf.py")
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def crossed_after(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Cross-linked fixture site, published build, after the embargo lifted."""
    site = cross_link(copy_site(tmp_path_factory.mktemp("crossed-after")))
    result = build(site, now=AFTER_EMBARGO, conf="publishconf.py")
    assert result.returncode == 0, result.stderr
    return result


# --- embargo and drafts --------------------------------------------------------


def test_published_build_has_no_trace_of_draft_or_embargoed(published: Build) -> None:
    assert traces(published.output, DRAFT_TRACES + EMBARGO_TRACES) == {}


def test_no_trace_even_when_published_releases_link_to_them(crossed_before: Build) -> None:
    assert traces(crossed_before.output, DRAFT_TRACES + EMBARGO_TRACES) == {}
    assert list(crossed_before.output.glob("media/*/base.jpg"))  # the visible lead photo


def test_nothing_beside_the_output_either(crossed_before: Build) -> None:
    # .output.lock: the lock that keeps two builds of one output apart; it holds no content.
    names = sorted(p.name for p in crossed_before.site.iterdir())
    assert names == [".output.lock", ".output.manifest.json", "content", "output"]


def test_draft_stays_out_after_the_embargo(crossed_after: Build) -> None:
    assert traces(crossed_after.output, DRAFT_TRACES) == {}


def test_embargoed_release_everywhere_it_belongs_after_the_embargo(crossed_after: Build) -> None:
    found = set(traces(crossed_after.output, ("quillotron",)).get("quillotron", []))
    expected = {
        *EMBARGOED_PAGES,
        "en/index.html", "fr/index.html",  # latest releases
        "en/topics/innovation/index.html", "fr/sujets/innovation/index.html",
        "en/tags/startups/index.html",
        "en/archive/2021/index.html", "fr/archives/2021/index.html",
        "en/releases/2021/05/startup-garage-opens-an-innovation-base-in-shanghai/index.html",  # related link
        "fr/communiques/2021/05/le-startup-garage-ouvre-une-base-d-innovation-a-shanghai/index.html",
        "sitemap.xml",
    }  # fmt: skip
    assert expected - found == set()
    # Its lead photo is published with its credits inside, under media/ (not images/).
    assert [n for n in found if n.startswith("media/") and n.endswith("/quillotron.jpg")]
    for lang, feeds in (("en", "feeds"), ("fr", "fils")):
        in_feeds = [name for name in found if name.startswith(f"{lang}/{feeds}/")]
        assert any(name.endswith(".xml") for name in in_feeds), (
            f"no RSS feed of {lang} has it: {sorted(found)}"
        )
        assert any(name.endswith(".atom") for name in in_feeds), (
            f"no Atom feed of {lang} has it: {sorted(found)}"
        )
        assert any("innovation" in name for name in in_feeds), (
            f"no innovation topic feed of {lang} has it"
        )


def withhold_more(site: Path) -> Path:
    """Give the withheld releases topics and tags of their own, which listings and feeds could leak."""
    edit(site, EMBARGOED_EN, "topics: [innovation]", "topics: [innovation, electromobility]")
    edit(site, EMBARGOED_EN, "tags: [startups]", "tags: [startups, secret-launch]")
    edit(
        site,
        DRAFT,
        "topics: [corporate]",
        "topics: [corporate, sustainability]\ntags: [china, quarterly]",
    )
    return site


def test_published_build_is_as_if_withheld_releases_did_not_exist(tmp_path: Path) -> None:
    full = withhold_more(copy_site(tmp_path / "full"))
    bare = withhold_more(copy_site(tmp_path / "bare"))
    for name in (DRAFT, EMBARGOED_EN, EMBARGOED_EN.replace(".en.md", ".fr.md")):
        (bare / name).unlink()
    one = build(full, now=BEFORE_EMBARGO, conf="publishconf.py")
    two = build(bare, now=BEFORE_EMBARGO, conf="publishconf.py")
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    assert stable(snapshot(one.output)) == stable(snapshot(two.output))


def test_one_language_under_embargo_leaves_no_trace_in_the_other(site: Path) -> None:
    for key in ("date", "embargo"):
        edit(
            site,
            EMBARGOED_EN,
            f"{key}: 2021-06-01T09:00:00-04:00",
            f"{key}: 2021-06-02T09:00:00-04:00",
        )
    result = build(site, now="2021-06-01T12:00:00-04:00", conf="publishconf.py")
    assert result.returncode == 0, result.stderr
    assert (result.output / EMBARGOED_PAGES[1]).is_file()
    assert traces(result.output, ("xylophrastic", "embargoed-launch-of-the-quillotron")) == {}


@pytest.mark.parametrize(
    ("now", "due"), [("2021-06-01T08:59:59-04:00", False), ("2021-06-01T13:00:00+00:00", True)]
)
def test_embargo_lifts_at_the_second_whatever_the_offset(
    tmp_path: Path, now: str, due: bool
) -> None:
    result = build(copy_site(tmp_path), now=now, conf="publishconf.py")
    assert result.returncode == 0, result.stderr
    assert bool(traces(result.output, ("xylophrast",))) is due
    assert all((result.output / page).is_file() is due for page in EMBARGOED_PAGES)


# --- preview ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def previewed(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Cross-linked fixture site, published build into output/ then preview build into preview/."""
    site = cross_link(copy_site(tmp_path_factory.mktemp("preview")))
    first = build(site, now=BEFORE_EMBARGO, conf="publishconf.py")
    assert first.returncode == 0, first.stderr
    before = snapshot(first.output)
    result = build(site, now=BEFORE_EMBARGO, conf="previewconf.py", output="preview")
    assert result.returncode == 0, result.stderr
    assert snapshot(first.output) == before, "the preview build changed output/"
    return result


def test_preview_settings_write_to_preview() -> None:
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "previewconf.py"))
    assert Path(settings["OUTPUT_PATH"]) == ROOT / "preview"
    assert settings["PRESS_PREVIEW"] is True
    assert read_settings(str(ROOT / "publishconf.py"))["PRESS_PREVIEW"] is False


def test_preview_shows_draft_and_embargoed_with_a_banner(previewed: Build) -> None:
    embargoed = previewed.page(EMBARGOED_PAGES[0]).find(class_="preview-banner")
    assert embargoed.strong.get_text() == "Embargoed until"
    assert embargoed.time["datetime"] == EMBARGO_LIFTS
    assert embargoed.time.get_text() == "June 1, 2021, 9:00\u202fa.m.\u00a0EDT"
    french = previewed.page(EMBARGOED_PAGES[1]).find(class_="preview-banner")
    assert french.strong.get_text() == "Sous embargo jusqu’au"
    assert "juin 2021" in french.time.get_text() and french.time.get_text().endswith("HAE")
    draft = previewed.page(DRAFT_PAGE).find(class_="preview-banner")
    assert draft.strong.get_text() == "Draft"
    assert "zanzibarquill" in previewed.page(DRAFT_PAGE).get_text()


def test_preview_banner_only_on_withheld_releases(previewed: Build) -> None:
    page = previewed.page(
        "en/releases/2021/05/startup-garage-opens-an-innovation-base-in-shanghai/"
    )
    assert page.find(class_="preview-banner") is None


def test_every_preview_page_is_noindex(previewed: Build) -> None:
    pages = [p for p in previewed.files() if p.suffix == ".html"]
    assert pages
    for path in pages:
        soup = previewed.page(path.relative_to(previewed.output).as_posix())
        assert [m["content"] for m in soup.find_all("meta", attrs={"name": "robots"})] == [
            "noindex"
        ], path
    assert (previewed.output / "robots.txt").read_text().endswith("User-agent: *\nDisallow: /\n")


def test_published_build_has_no_banner_and_no_noindex(crossed_after: Build) -> None:
    found = traces(crossed_after.output, ("preview-banner", 'name="robots"', "Disallow"))
    # Pages for missing addresses, and the notes standing for a release missing in a
    # language (each says so and links the original), are never indexed, in any build.
    noindex = found.pop('name="robots"', [])
    notes = [name for name in noindex if not name.endswith("404.html")]
    assert [n for n in noindex if n not in notes] == ["404.html", "en/404.html", "fr/404.html"]
    for name in notes:
        page = (crossed_after.output / name).read_text(encoding="utf-8")
        assert 'class="untranslated"' in page and "untranslated__link" in page, name
    assert {
        word: [n for n in names if not n.endswith(".css")] for word, names in found.items()
    } == {word: [] for word in found}


# --- atomic output ---------------------------------------------------------------


def test_failed_build_leaves_previous_output_byte_identical(site: Path) -> None:
    first = build(site)
    assert first.returncode == 0, first.stderr
    before = snapshot(first.output)
    edit(site, GARAGE_EN, "date: 2021-05-21T09:00:00+02:00", "date: 21/05/2021")
    failed = build(site)
    assert failed.returncode == 1
    assert failed.problems() == [
        f'{GARAGE_EN}: date: "21/05/2021" is not a date and time; write it like 2021-05-21T09:00:00+02:00'
    ]
    assert "1 problem found; nothing was published" in failed.stderr
    assert snapshot(first.output) == before
    assert sorted(p.name for p in site.iterdir()) == [
        ".output.lock",
        ".output.manifest.json",
        "content",
        "output",
    ]


def broken_theme_settings(tmp_path: Path) -> Path:
    """Write settings whose release template fails while pages are being written."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    template = theme / "templates" / "release.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(
        text.replace(
            "{% block content %}", "{% block content %}{{ article.no_such_field.boom }}", 1
        ),
        encoding="utf-8",
    )
    conf = tmp_path / "brokenconf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\nTHEME = {str(theme)!r}\n"
    )
    return conf


def test_build_failing_while_writing_leaves_output_byte_identical(
    site: Path, tmp_path: Path
) -> None:
    first = build(site)
    assert first.returncode == 0, first.stderr
    before = snapshot(first.output)
    failed = build(site, conf=str(broken_theme_settings(tmp_path)))
    assert failed.returncode != 0
    assert snapshot(first.output) == before


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    one = build(
        copy_site(tmp_path / "one"), conf="publishconf.py", extra_env={"PYTHONHASHSEED": "1"}
    )
    two = build(
        copy_site(tmp_path / "elsewhere" / "two"),
        conf="publishconf.py",
        extra_env={"PYTHONHASHSEED": "2"},
    )
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    assert stable(snapshot(one.output)) == stable(snapshot(two.output))
    again = build(one.site, conf="publishconf.py", extra_env={"PYTHONHASHSEED": "3"})
    assert stable(snapshot(again.output)) == stable(snapshot(two.output))


# --- nothing outside the output --------------------------------------------------

SLUG_MESSAGE = "may contain only lowercase letters a-z, digits and single hyphens inside (like 2021-startup-garage)"
IMAGE_MESSAGE = "must be a path inside content/, like images/2021/photo.jpg"
TRAVERSALS = {
    "slug": (
        lambda s: edit(s, GARAGE_EN, "type: press-release", "slug: ../x\ntype: press-release"),
        [f'{GARAGE_EN}: slug: "../x" {SLUG_MESSAGE}'],
    ),
    "key": (
        lambda s: edit(s, GARAGE_EN, "key: 2021-garage-base", "key: ../../etc"),
        [f'{GARAGE_EN}: key: "../../etc" {SLUG_MESSAGE}'],
    ),
    "absolute image": (
        lambda s: edit(s, GARAGE_EN, "src: images/2021/base.jpg", "src: /etc/passwd"),
        [f'{GARAGE_EN}: image.src: "/etc/passwd" {IMAGE_MESSAGE}'],
    ),
    "climbing image": (
        lambda s: edit(
            s, GARAGE_EN, "src: images/2021/base.jpg", "src: images/../../../etc/passwd"
        ),
        [f'{GARAGE_EN}: image.src: "images/../../../etc/passwd" {IMAGE_MESSAGE}'],
    ),
}


@pytest.mark.parametrize("case", sorted(TRAVERSALS))
def test_traversal_in_metadata_is_refused(tmp_path: Path, case: str) -> None:
    site = copy_site(tmp_path / "nest" / "deeper")
    first = build(site)
    assert first.returncode == 0, first.stderr
    around = snapshot(tmp_path)
    change, expected = TRAVERSALS[case]
    change(site)
    result = build(site)
    assert result.returncode == 1
    assert result.problems() == expected
    after = snapshot(tmp_path)
    changed = {
        name for name in set(around) ^ set(after) | {n for n in around if around[n] != after.get(n)}
    }
    assert changed == {f"nest/deeper/site/{GARAGE_EN}"}


def test_traversal_in_tags_never_leaves_the_output(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "nest" / "deeper")
    edit(
        site,
        GARAGE_EN,
        "tags: [startups, china]",
        'tags: ["../../../escaped", "..", "/tmp/escaped", "a/../../b"]',
    )
    around = snapshot(tmp_path)
    result = build(site)
    outside = {
        name for name in snapshot(tmp_path) if not name.startswith("nest/deeper/site/output")
    } - {"nest/deeper/site/.output.lock", "nest/deeper/site/.output.manifest.json"}
    assert outside == set(around), result.stderr
    for path in tmp_path.rglob("*"):
        assert "escaped" not in path.name or path.is_relative_to(result.output), path


def test_inside_rejects_sibling_prefix_that_pelican_accepts(tmp_path: Path) -> None:
    root = tmp_path / "output"
    root.mkdir()
    # Pelican's own check compares string prefixes: output-evil starts with output.
    assert (
        sanitised_join(str(root), "../output-evil/x.html")
        == (tmp_path / "output-evil" / "x.html").as_posix()
    )
    for name in ("../output-evil/x.html", "../x", "/etc/passwd", "a/../../x", ".."):
        with pytest.raises(ValueError):
            output.inside(root, name)
    assert output.inside(root, "en/x/index.html") == (root / "en/x/index.html").resolve()
    assert output.inside(root, "a/../b.html") == (root / "b.html").resolve()


def test_inside_follows_symlinks(tmp_path: Path) -> None:
    root = tmp_path / "output"
    root.mkdir()
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", root / "link")
    with pytest.raises(ValueError):
        output.inside(root, "link/x.html")


@pytest.mark.parametrize(
    "name", ["../output-evil/x.html", "/tmp/press-evil.html", "a/../../x.html"]
)
def test_safe_writer_refuses_to_write_outside(tmp_path: Path, name: str) -> None:
    root = tmp_path / "output"
    root.mkdir()
    writer = output.SafeWriter(str(root), settings={"OUTPUT_PATH": str(root)})
    with pytest.raises(BuildStopped) as stopped:
        writer.write_bytes(name, b"evil", "tests/evil")
    assert stopped.value.exit_code == 1
    assert (
        stopped.value.lines[0]
        == f'tests/evil: URL: "{name}" would be written outside the output directory'
    )
    assert not (tmp_path / "output-evil").exists()
    assert not Path("/tmp/press-evil.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_safe_writer_checks_paginated_pages_too(tmp_path: Path) -> None:
    from jinja2 import Template
    from pelican.settings import DEFAULT_CONFIG

    root = tmp_path / "output"
    root.mkdir()
    writer = output.SafeWriter(str(root), settings={**DEFAULT_CONFIG, "OUTPUT_PATH": str(root)})
    # Pelican writes a paginated listing without the claim of a single page; the
    # sibling prefix must still be refused, before any folder is made for it.
    with pytest.raises(BuildStopped) as stopped:
        writer.write_file(
            "../output-evil/x.html",
            Template("evil"),
            {"localsiteurl": ""},
            paginated={"articles": []},
        )
    assert (
        stopped.value.lines[0]
        == '../output-evil/x.html: URL: "../output-evil/x.html" would be written outside the output directory'
    )
    with pytest.raises(BuildStopped):  # and at the one place Pelican opens files
        writer._open_w(str(tmp_path / "output-evil" / "x.html"), "utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_safe_writer_refuses_one_file_from_two_sources(tmp_path: Path) -> None:
    writer = output.SafeWriter(str(tmp_path), settings={"OUTPUT_PATH": str(tmp_path)})
    writer.write_bytes("robots.txt", b"one", "first")
    with pytest.raises(BuildStopped) as stopped:
        writer.write_bytes("robots.txt", b"two", "second")
    assert (
        stopped.value.lines[0]
        == "second: URL: /robots.txt is also produced by first; each page needs its own URL"
    )
    assert (tmp_path / "robots.txt").read_bytes() == b"one"
