"""Unit tests of press_content's pure functions: no build needed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from press_content import frontmatter
from press_content.body import BodyRenderer, sanitize
from press_content.releases import Link, Release, build_release, resolve_related
from press_content.schema import validate
from press_core.settings import read_settings
from press_core.typography import NBSP, NNBSP, french_spacing
from press_core.urls import slugify

import pelicanconf

SETTINGS = read_settings({k: getattr(pelicanconf, k) for k in dir(pelicanconf) if k.isupper()})
CONTEXT = {
    "langs": ["en", "fr"],
    "types": ["press-release"],
    "topics": {"innovation": {}},
    "contacts": {"marc"},
}
VALID = {
    "key": "2021-a", "lang": "en", "title": "A title", "date": "2021-05-21T09:00:00+02:00",
    "type": "press-release", "summary": "Summary.", "contacts": ["marc"],
}  # fmt: skip


def test_yaml_keeps_what_staff_typed() -> None:
    data = frontmatter.load("title: no\nsummary: 0123\ndateline: 10:30\ntags: [yes, off]\nempty:\n")
    assert data == {
        "title": "no",
        "summary": "0123",
        "dateline": "10:30",
        "tags": ["yes", "off"],
        "empty": "",
    }


def test_yaml_refuses_a_field_given_twice() -> None:
    # Front matter starts on line 2 of the file, after the opening dashes.

    with pytest.raises(
        frontmatter.FrontMatterError, match=r'line 4, column 1: field "title" is given twice'
    ):
        frontmatter.load("title: a\nlang: en\ntitle: b\n")


def test_yaml_never_builds_python_objects() -> None:
    with pytest.raises(frontmatter.FrontMatterError, match="could not determine a constructor"):
        frontmatter.load("title: !!python/object/apply:os.system ['true']\n")


def test_front_matter_must_open_the_file() -> None:
    with pytest.raises(
        frontmatter.FrontMatterError, match="must start with a line of three dashes"
    ):
        frontmatter.split("title: x\n")
    with pytest.raises(frontmatter.FrontMatterError, match="no closing line"):
        frontmatter.split("---\ntitle: x\n")


def test_split_returns_body() -> None:
    assert frontmatter.split("---\ntitle: x\n---\nBody\n").body == "Body\n"


def test_valid_front_matter_gives_typed_values() -> None:
    meta, problems = validate(VALID, "p.md", CONTEXT)
    assert problems == []
    assert meta.date == datetime(2021, 5, 21, 7, tzinfo=UTC)
    assert meta.status == "published" and meta.topics == [] and meta.related == []


def test_time_of_day_is_not_a_date() -> None:
    _, problems = validate({**VALID, "date": "10:30"}, "p.md", CONTEXT)
    assert [str(p) for p in problems] == [
        'p.md: date: "10:30" is not a date and time; write it like 2021-05-21T09:00:00+02:00'
    ]


def test_updated_before_date_is_refused() -> None:
    _, problems = validate({**VALID, "updated": "2021-05-20T09:00:00+02:00"}, "p.md", CONTEXT)
    assert [str(p) for p in problems] == ["p.md: updated: must not be earlier than date"]


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Journée portes ouvertes à Montréal", "journee-portes-ouvertes-a-montreal"),
        ("L'Œuvre « Cities in Progress » : étape 1!", "l-oeuvre-cities-in-progress-etape-1"),
        ("   ", "release"),
    ],
)
def test_slug_folds_accents(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_long_slug_is_cut_at_a_word() -> None:
    slug = slugify("word " * 40)
    assert len(slug) <= 80 and not slug.endswith("-") and slug.endswith("word")


def test_french_spacing() -> None:
    assert french_spacing("Il dit : « oui ! » Vraiment ? Oui ; 10:30") == (
        f"Il dit{NBSP}: «{NBSP}oui{NNBSP}!{NBSP}» Vraiment{NNBSP}? Oui{NNBSP}; 10:30"
    )


def test_french_body_leaves_code_and_urls_alone() -> None:
    html = BodyRenderer().render("Voir : <https://x.org/?a=1> et `a : b ?`", "fr", None)
    assert f"Voir{NBSP}:" in html.replace("&nbsp;", NBSP)
    assert "<code>a : b ?</code>" in html and 'href="https://x.org/?a=1"' in html


def test_english_body_is_not_retypeset() -> None:
    assert "Note : yes" in BodyRenderer().render("Note : yes", "en", None)


def test_sanitizer_keeps_release_markup_and_drops_scripts() -> None:
    html = sanitize(
        '<h2>T</h2><table><tr><td>1</td></tr></table><blockquote>q</blockquote><img src="a.jpg" alt="a" onerror="x()">'
        '<a href="javascript:alert(1)">j</a><script>alert(1)</script><p onclick="x()">p</p>'
    )
    assert "<h2>T</h2>" in html and "<td>1</td>" in html and "<blockquote>q</blockquote>" in html
    assert 'src="a.jpg"' in html
    for bad in ("onerror", "javascript:", "<script", "onclick", "alert"):
        assert bad not in html


def test_dateline_is_escaped_and_opens_the_first_paragraph() -> None:
    html = BodyRenderer().render("First.\n\nSecond.", "en", "Munich <b>")
    assert html.startswith('<p><span class="dateline">Munich &lt;b&gt;.</span> First.</p>')


def release(key: str, lang: str, related: list) -> Release:
    meta, problems = validate(
        {**VALID, "key": key, "lang": lang, "related": related}, f"{key}.{lang}", CONTEXT
    )
    assert not problems
    return build_release(SETTINGS, f"{key}.{lang}", meta)


def test_related_prefers_the_same_language_then_the_other() -> None:
    page = release(
        "2021-a",
        "fr",
        [{"key": "2021-b"}, {"key": "2021-c"}, {"title": "Site", "url": "https://x.org"}],
    )
    visible = {
        (r.meta.key, r.meta.lang): r
        for r in (
            release("2021-b", "fr", []),
            release("2021-b", "en", []),
            release("2021-c", "en", []),
        )
    }
    links = resolve_related(page, visible, SETTINGS.langs)
    assert links == [
        Link("A title", "fr/communiques/2021/05/a-title/", internal=True, lang="fr"),
        Link("A title", "en/releases/2021/05/a-title/", internal=True, lang="en"),
        Link("Site", "https://x.org", internal=False),
    ]
    assert [link.in_other_language("fr") for link in links] == [False, True, False]


def test_related_to_a_withheld_release_is_left_out() -> None:
    page = release("2021-a", "en", [{"key": "2021-secret"}])
    assert resolve_related(page, {}, SETTINGS.langs) == []


def test_curly_quotes_dashes_and_ellipsis_in_bodies() -> None:
    from press_core.typography import typeset

    assert (
        typeset('He said "it\'s done" -- really...', "en")
        == "He said \u201cit\u2019s done\u201d \u2013 really\u2026"
    )
    assert typeset('Il a dit "c\'est fait" : oui !', "fr") == (
        f"Il a dit «{NBSP}c\u2019est fait{NBSP}»{NBSP}: oui{NNBSP}!"
    )
    assert (
        typeset("'Quoted' (\"paren\") --- end", "en")
        == "\u2018Quoted\u2019 (\u201cparen\u201d) \u2014 end"
    )


def test_body_cache_renders_once_and_never_keeps_withheld_bodies(tmp_path) -> None:
    from press_content.bodycache import BodyCache

    class Counting(BodyRenderer):
        calls = 0

        def render(self, text: str, lang: str, dateline: str | None) -> str:
            Counting.calls += 1
            return super().render(text, lang, dateline)

    path = tmp_path / "bodies.json"
    first = BodyCache(path)
    html = first.render(Counting(), "Public : *text*", "en", "Munich")
    first.render(Counting(), "Secret xylophrastic", "en", None, keep=False)
    first.save()
    assert "xylophrastic" not in path.read_text(encoding="utf-8")
    second = BodyCache(path)
    assert second.render(Counting(), "Public : *text*", "en", "Munich") == html
    assert (
        second.render(Counting(), "Public : *text*", "fr", "Munich") != html
    )  # language is part of the key
    assert Counting.calls == 3


def test_prerender_on_two_processes_gives_what_the_reader_would(tmp_path, monkeypatch) -> None:
    from pathlib import Path

    from press_content import prerender as parallel
    from press_content.bodycache import BodyCache

    monkeypatch.setattr(parallel, "MIN_JOBS", 1)
    paths = sorted(Path(__file__).parent.joinpath("site", "content", "releases").rglob("*.md"))
    cache = BodyCache(tmp_path / "bodies.json")
    assert parallel.prerender(cache, paths, workers=2) == len(paths)
    serial = BodyRenderer()
    for path in paths:
        text, lang, dateline = parallel.body_job(path)
        assert cache.lookup(text, lang, dateline) == serial.render(text, lang, dateline)
    assert parallel.prerender(cache, paths, workers=2) == 0  # nothing left to render
    cache.save()  # bodies rendered ahead are not kept unless a release used them
    assert not (tmp_path / "bodies.json").exists()
    # Saved at the gate, the cache lets go of them: a later prerender renders them again.
    assert parallel.prerender(cache, paths, workers=2) == len(paths)
