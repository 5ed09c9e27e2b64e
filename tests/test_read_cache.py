"""Reading on a rebuild: front matter parsed once, parses and kit sizes kept, nothing withheld."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import AFTER_EMBARGO, BEFORE_EMBARGO, build, edit, snapshot, stable
from media_fixture import add_media, photo
from press_content import frontmatter
from press_content.frontcache import FrontMatterCache
from press_content.reader import PressReader
from press_core.errors import shown

import tasks

TRACES = ("xylophrast", "quillotron", "2021-embargoed-launch", "zanzibarquill", "2021-draft-note")
DRAFT_TRACES = ("zanzibarquill", "2021-draft-note")
BASE_EN = "content/releases/2021/2021-garage-base.en.md"
BASE_FR = "content/releases/2021/2021-garage-base.fr.md"
RELEASES = 8  # files in tests/site
WITHHELD_BEFORE = 3  # the draft and the embargoed pair, before the embargo lifts


def read_all(site: Path, cache: Path, now: str, **override: Any) -> list[str]:
    """Read every release as one build does, save its caches; return the problem lines."""
    settings = tasks.pelican_settings(site)
    settings.update(CACHE_PATH=str(cache), PRESS_NOW=now, **override)
    reader = PressReader(settings)
    problems = []
    for path in tasks.release_files(settings):
        _, _, found = reader.release(str(path), shown(path))
        problems += [str(problem) for problem in found]
    reader.sources.bodies.save()  # as the gate does, once every release is read
    return problems


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count every front matter YAML load."""
    loads: list[str] = []
    original = frontmatter.load

    def load(yaml_text: str) -> dict:
        loads.append(yaml_text)
        return original(yaml_text)

    monkeypatch.setattr(frontmatter, "load", load)
    return loads


def test_a_rebuild_parses_no_unchanged_front_matter(site: Path, tmp_path: Path, counted) -> None:
    cache = tmp_path / "cache"
    assert read_all(site, cache, AFTER_EMBARGO) == []
    assert len(counted) == RELEASES  # each file once
    counted.clear()
    assert read_all(site, cache, AFTER_EMBARGO) == []
    assert len(counted) == 1  # only the draft, which is never kept
    edit(site, BASE_EN, "title: Startup Garage opens", "title: Startup Garage now opens")
    counted.clear()
    assert read_all(site, cache, AFTER_EMBARGO) == []
    assert [t for t in counted if "key: 2021-garage-base" in t] == [
        Path(site / BASE_EN).read_text(encoding="utf-8").split("---\n")[1]
    ]
    assert len(counted) == 2


def test_prerendering_and_reading_share_one_parse(tmp_path: Path, counted) -> None:
    from press_content.prerender import body_job

    front = FrontMatterCache(None)
    path = Path(__file__).parent / "site" / BASE_EN
    job = body_job(path, front)
    assert job is not None and job[1] == "en"
    split, key = front.split(path.read_text(encoding="utf-8"))
    assert split.meta["key"] == "2021-garage-base"
    assert len(counted) == 1
    assert key == front.key(path.read_text(encoding="utf-8").split("---\n")[1])


def test_a_changed_contacts_file_is_checked_again(site: Path, tmp_path: Path, counted) -> None:
    cache = tmp_path / "cache"
    assert read_all(site, cache, AFTER_EMBARGO) == []
    edit(site, "content/contacts.yml", "- id: julie-gagnon", "- id: julie-tremblay")
    problems = read_all(site, cache, AFTER_EMBARGO)
    users = sorted(
        shown(p)
        for p in (site / "content/releases").rglob("*.md")
        if "julie-gagnon" in p.read_text()
    )
    assert users  # the fixture names her somewhere
    assert len(counted) == RELEASES + 1  # first build, then only the draft: parses reused
    assert sorted({line.split(": ")[0] for line in problems}) == users
    assert any(
        line.endswith(
            'unknown contact id "julie-gagnon"; ids in content/contacts.yml:'
            " julie-tremblay, marc-belcourt"
        )
        for line in problems
    ), problems


def test_a_changed_setting_is_checked_again(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert read_all(site, cache, AFTER_EMBARGO) == []
    problems = read_all(site, cache, AFTER_EMBARGO, PRESS_MAX_TAGS=1)
    assert f"{shown(site / BASE_EN)}: tags: has 2 tags; at most 1 are allowed (PRESS_MAX_TAGS)" in (
        problems
    )


def test_bad_front_matter_is_never_kept(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    edit(site, BASE_EN, "contacts: [marc-belcourt]", "contacts: [nobody]")
    first = read_all(site, cache, AFTER_EMBARGO)
    assert read_all(site, cache, AFTER_EMBARGO) == first
    stored = json.loads((cache / "press-frontmatter.json").read_text(encoding="utf-8"))
    assert "nobody" not in json.dumps(stored)
    assert len(stored) == RELEASES - 2  # neither the draft nor the file with a problem


def test_a_value_json_would_change_is_parsed_every_build() -> None:
    front = FrontMatterCache(None)
    split, key = front.split("---\ntitle: !!binary aGVsbG8=\nkey: x\n---\nBody\n")
    assert split.meta["title"] == b"hello"
    front.keep(key)
    assert front.used == {}
    split, key = front.split("---\ntitle: no\ntags: [a, 0123]\n---\nBody\n")
    front.keep(key)
    assert front.used == {key: {"title": "no", "tags": ["a", "0123"]}}


def cached_build(site: Path, cache: Path, now: str, conf: str = "pelicanconf.py", output="output"):
    """Build as staff do, with the caches in a folder of the test's own."""
    done = build(site, now=now, conf=conf, output=output, settings={"CACHE_PATH": str(cache)})
    assert done.returncode == 0, done.stderr
    return site / output


@pytest.mark.parametrize(
    ("conf", "now", "kept", "traces"),
    [
        ("publishconf.py", BEFORE_EMBARGO, RELEASES - WITHHELD_BEFORE, TRACES),
        ("previewconf.py", BEFORE_EMBARGO, RELEASES - WITHHELD_BEFORE, TRACES),
        ("pelicanconf.py", AFTER_EMBARGO, RELEASES - 1, DRAFT_TRACES),  # the embargo has lifted
    ],
)
def test_no_withheld_release_reaches_a_cache(site: Path, tmp_path: Path, conf, now, kept, traces):
    add_media(site)
    cache = tmp_path / "cache"
    cached_build(site, cache, now, conf)
    cached_build(site, cache, now, conf)  # a rebuild keeps what it used, and nothing more
    front = json.loads((cache / "press-frontmatter.json").read_text(encoding="utf-8"))
    kits = json.loads((cache / "press-media" / "kits.json").read_text(encoding="utf-8"))
    assert len(front) == kept
    assert len(kits) == kept
    for name in ("press-frontmatter.json", "press-bodies.json", "press-media/kits.json"):
        text = (cache / name).read_text(encoding="utf-8").lower()
        assert [word for word in traces if word in text] == [], name


def test_a_rebuild_after_edits_equals_a_cold_build(site: Path, tmp_path: Path) -> None:
    add_media(site)
    cache = tmp_path / "cache"
    cached_build(site, cache, AFTER_EMBARGO)
    edit(site, BASE_EN, "title: Startup Garage opens", "title: Startup Garage now opens")
    edit(site, "content/contacts.yml", '"+1-905-428-5078"', '"+1-905-428-5079"')
    photo(site / "content/media/garage-hall.jpg", (1000, 600), (200, 30, 30))  # replaced
    edit(site, BASE_FR, "date: 2021-05-21", "embargo: 2030-01-01T00:00:00+00:00\ndate: 2021-05-21")
    (site / "content/releases/2021/2021-english-only.en.md").unlink()
    warm = snapshot(cached_build(site, cache, AFTER_EMBARGO, output="warm"))
    cold = snapshot(cached_build(site, tmp_path / "cold-cache", AFTER_EMBARGO, output="cold"))
    assert stable(warm) == stable(cold)
    assert "Startup Garage now opens" in (site / "warm/en/index.html").read_text(encoding="utf-8")
    # Embargoed again: gone everywhere; the French side only has the note that the English
    # release is not translated, which links the English page.
    (note,) = (site / "warm/fr").rglob("*garage*")
    assert note.relative_to(site / "warm/fr").as_posix() == "2021-garage-base.html"
    text = note.read_text(encoding="utf-8")
    assert 'class="untranslated"' in text and "Startup Garage now opens" in text
    assert "Garage ouvre" not in text  # nothing of the withheld French version


def test_the_caches_let_go_once_saved_and_a_later_read_is_the_same(
    site: Path, tmp_path: Path, counted
) -> None:
    settings = tasks.pelican_settings(site)
    settings.update(CACHE_PATH=str(tmp_path / "cache"), PRESS_NOW=AFTER_EMBARGO)
    reader = PressReader(settings)
    path = site / BASE_EN
    before = reader.release(str(path), shown(path))
    reader.sources.bodies.save()  # the gate: every release read
    bodies, front = reader.sources.bodies, reader.sources.front
    # Nothing of the file or of this build's parses stays for the rest of the build.
    assert (bodies.stored, bodies.used, bodies.fresh) == ({}, {}, {})
    assert (front.stored, front.parsed, front.used) == ({}, {}, {})
    assert json.loads((tmp_path / "cache" / "press-bodies.json").read_text())  # saved first
    counted.clear()
    # The live preview reads its one edited release afterwards: parsed and rendered again.
    after = reader.release(str(path), shown(path))
    assert len(counted) == 1
    assert after[1] == before[1] and after[0] == before[0] and after[2] == before[2] == []
