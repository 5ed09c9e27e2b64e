"""Templates compiled once per process and shared by every generator's Jinja environment."""

from __future__ import annotations

from jinja2 import DictLoader, Environment, pass_context, select_autoescape
from press_build.compiled import SharedTemplates

SOURCE = {"page.html": "<p>{{ text }}</p>", "page.txt": "{{ text }}"}


def environment(shared: SharedTemplates, sources: dict, **options) -> Environment:
    env = Environment(loader=DictLoader(sources), **options)
    env.bytecode_cache = shared
    return env


@pass_context
def exclaim(context, text: str) -> str:
    return text + "!"


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
