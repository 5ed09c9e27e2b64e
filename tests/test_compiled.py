"""Templates compiled once per process and shared by every generator's Jinja environment."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import AFTER_EMBARGO, ROOT, build, copy_site, edit
from jinja2 import DictLoader, Environment, pass_context, select_autoescape
from press_build.compiled import SharedTemplates

ENGLISH_ONLY = "content/releases/2021/2021-english-only.en.md"
SOURCE = {"page.html": "<p>{{ text }}</p>", "page.txt": "{{ text }}"}


def environment(shared: SharedTemplates, sources: dict, **options) -> Environment:
    env = Environment(loader=DictLoader(sources), **options)
    env.bytecode_cache = shared
    return env


@pass_context
def exclaim(context, text: str) -> str:
    return text + "!"


def count_compilations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Return the list every template compiled from now on is appended to, by name."""
    compiled: list[str] = []
    compile_ = Environment.compile

    def counted(self: Environment, source: Any, name: str | None = None, *args: Any) -> Any:
        compiled.append(name or "")
        return compile_(self, source, name, *args)

    monkeypatch.setattr(Environment, "compile", counted)
    return compiled


def test_a_template_compiled_once_serves_every_environment_compiled_alike() -> None:
    shared = SharedTemplates()
    first = environment(shared, SOURCE, autoescape=select_autoescape())
    assert first.get_template("page.html").render(text="<b>") == "<p>&lt;b&gt;</p>"
    assert len(shared.compiled) == 1
    second = environment(shared, SOURCE, autoescape=select_autoescape())
    assert second.get_template("page.html").render(text="<b>") == "<p>&lt;b&gt;</p>"
    assert len(shared.compiled) == 1  # taken from the cache, not compiled again


def test_environments_that_compile_differently_do_not_share() -> None:
    shared = SharedTemplates()
    escaping = environment(shared, SOURCE, autoescape=True)
    plain = environment(shared, SOURCE, autoescape=False)
    assert escaping.get_template("page.html").render(text="<b>") == "<p>&lt;b&gt;</p>"
    assert plain.get_template("page.html").render(text="<b>") == "<p><b></p>"
    assert len(shared.compiled) == 2
    filtered = environment(shared, {"f.txt": "{{ text|shout }}"})
    filtered.filters["shout"] = str.upper
    assert filtered.get_template("f.txt").render(text="a") == "A"
    other = environment(shared, {"f.txt": "{{ text|shout }}"})
    other.filters["shout"] = exclaim  # passed the context: its calls compile differently
    assert other.get_template("f.txt").render(text="a") == "a!"  # compiled for its own filter
    assert len({key[1] for key in shared.compiled}) == 4


def test_an_edited_template_is_compiled_again() -> None:
    shared = SharedTemplates()
    sources = dict(SOURCE)
    assert environment(shared, sources).get_template("page.txt").render(text="a") == "a"
    sources["page.txt"] = "[{{ text }}]"
    assert environment(shared, sources).get_template("page.txt").render(text="a") == "[a]"


def test_the_live_preview_compiles_its_templates_once_across_its_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from live.build import Builder

    site = copy_site(tmp_path / "site")
    theme = shutil.copytree(ROOT / "theme", tmp_path / "theme")
    overrides = {"CACHE_PATH": str(tmp_path / "cache"), "THEME": str(theme)}
    builder = Builder(ROOT / "pelicanconf.py", site / "content", tmp_path / "output", overrides)
    compiled = count_compilations(monkeypatch)
    monkeypatch.setenv("PRESS_NOW", AFTER_EMBARGO)
    monkeypatch.chdir(site)
    assert builder.run()
    assert "release.html" in compiled and len(compiled) == len(set(compiled))
    first = set(compiled)
    compiled.clear()
    # A title edit renders every listing here; the first build rendered them on workers,
    # which kept what they compiled in the cache folder: this process takes it from there.
    edit(site, ENGLISH_ONLY, "opens in Tel Aviv", "opens in Haifa")
    assert builder.run([str(site / ENGLISH_ONLY)])
    assert compiled == []
    assert len(list((tmp_path / "cache/press-templates").glob("*.jinja"))) > len(first)
    edit(site, ENGLISH_ONLY, "opens in Haifa", "opens in Eilat")
    assert builder.run([str(site / ENGLISH_ONLY)])
    assert compiled == []
    assert "Eilat" in (tmp_path / "output/en/index.html").read_text(encoding="utf-8")
    base = theme / "templates/base.html"
    base.write_text(base.read_text().replace("</footer>", "<p>Edited</p></footer>"))
    assert builder.run([str(base)])
    assert compiled == ["base.html"]  # only the edited template, once for every generator
    assert "<p>Edited</p>" in (tmp_path / "output/en/index.html").read_text(encoding="utf-8")


def test_a_new_process_takes_the_compiled_templates_an_earlier_build_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import inprocess

    site = copy_site(tmp_path)
    theme = shutil.copytree(ROOT / "theme", tmp_path / "theme")
    cache = tmp_path / "cache"
    settings = {"CACHE_PATH": str(cache), "THEME": str(theme), "PRESS_MEDIA_PDF": False}
    compiled = count_compilations(monkeypatch)

    def cold_build_in_a_new_process() -> str:
        """Build into a fresh output with nothing compiled in memory, as a new process."""
        monkeypatch.setattr(inprocess, "KEPT", {})
        shutil.rmtree(site / "output", ignore_errors=True)
        compiled.clear()
        result = build(site, settings=settings)
        assert result.returncode == 0, result.stderr
        return (site / "output/en/index.html").read_text(encoding="utf-8")

    first = cold_build_in_a_new_process()
    assert "release.html" in compiled
    kept = sorted((cache / "press-templates").glob("*.jinja"))
    assert len(kept) >= len(set(compiled))  # a file per template and way of compiling it
    assert not list((cache / "press-templates").glob(".*"))  # no half-written file left
    assert cold_build_in_a_new_process() == first
    assert compiled == []  # every template came from the cache folder
    base = theme / "templates/base.html"
    base.write_text(base.read_text().replace("</footer>", "<p>Edited</p></footer>"))
    assert "<p>Edited</p>" in cold_build_in_a_new_process()
    assert compiled == ["base.html"]  # Jinja's checksum dropped the kept base.html
    for file in kept:
        file.write_bytes(b"not a compiled template")  # damaged, or another Jinja's
    assert "<p>Edited</p>" in cold_build_in_a_new_process()
    assert "release.html" in compiled  # compiled again instead of failing
    assert cold_build_in_a_new_process() and compiled == []  # and kept whole again


def test_a_cache_folder_that_refuses_the_compiled_templates_costs_only_the_compiling(
    tmp_path: Path,
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")  # nothing can be written under it
    shared = SharedTemplates(blocked / "press-templates")
    assert environment(shared, SOURCE).get_template("page.txt").render(text="a") == "a"
    assert len(shared.compiled) == 1  # kept in memory all the same
    assert blocked.read_text() == "not a folder"
    kept = SharedTemplates(tmp_path / "press-templates")
    environment(kept, SOURCE).get_template("page.txt")
    assert [p.suffix for p in (tmp_path / "press-templates").iterdir()] == [".jinja"]
