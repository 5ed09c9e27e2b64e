"""Unit tests of press_search: plain functions, and the real Pagefind binary on tiny sites."""

from __future__ import annotations

import stat
import sys
from datetime import datetime
from pathlib import Path

import pytest
from press_core.calendar import year_month
from press_core.errors import Problem
from press_core.settings import read_settings
from press_core.urls import search_url
from press_i18n.catalogs import load_catalogs
from press_i18n.dates import moment_for
from press_i18n.release_view import ReleaseView
from press_search import indexing, pagefind
from press_search.fields import (
    SearchFields,
    filter_groups,
    release_folders,
    search_fields,
    search_pages,
)

import pelicanconf

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = read_settings(vars(pelicanconf))
CATALOGS = load_catalogs(ROOT / "theme" / "translations", SETTINGS.langs, "en")
RELEASE = """<!DOCTYPE html><html lang="{lang}"><head><title>t</title></head><body>
<nav>menu navigationword</nav><article data-pagefind-body><h1>{title}</h1><p>{text}</p></article></body></html>"""
LISTING = """<!DOCTYPE html><html lang="en"><head><title>l</title></head><body><h1>Listing</h1>
<p>listingword</p></body></html>"""


def test_release_glob_names_each_release_folder_once_sorted() -> None:
    assert pagefind.release_glob(["fr/communiques/", "en/releases/"]) == (
        "{en/releases,fr/communiques}/**/*.html"
    )
    assert release_folders(SETTINGS) == ["en/releases/", "fr/communiques/"]


def test_counted_and_reason_read_pagefind_output() -> None:
    report = "Total:\n  Indexed 2 languages\n  Indexed 7 pages\n  Indexed 310 words\n"
    assert [pagefind.counted(report, n) for n in ("languages", "pages", "words", "sorts")] == [
        2,
        7,
        310,
        0,
    ]
    assert pagefind.reason("\nError: no html\nMost likely...\nError: no html\n") == "Error: no html"
    assert pagefind.reason("something odd\n") == "something odd"
    assert pagefind.reason("") == "no message"


def test_search_urls_come_from_the_sections_table() -> None:
    assert search_url(SETTINGS, "en") == "en/search/"
    assert search_url(SETTINGS, "fr") == "fr/recherche/"
    bare = read_settings({"PRESS_LANGUAGES": {"en": {"locale": "en_CA", "name": "English"}}})
    assert search_url(bare, "en") == "en/search/"  # a site without the entry still gets a page


def test_search_pages_link_each_other_and_the_browsing_pages() -> None:
    en, fr = search_pages(SETTINGS)
    assert (en.save_as, fr.save_as) == ("en/search/index.html", "fr/recherche/index.html")
    assert fr.alternates == (("en", "en/search/"),)
    assert fr.hreflang == (("en", "en/search/"), ("fr", "fr/recherche/"))
    assert (fr.topics_url, fr.archive_url) == ("fr/sujets/", "fr/archives/")
    assert [(g.key, g.name, g.values) for g in fr.filters] == [  # no release: no values
        ("type", "Type", ()),
        ("topic", "Topic", ()),
        ("year", "Year", ()),
    ]
    assert fr.meta_names == ("Type", "Date")


def view_of(lang: str, date: str, type_label: str, topics: list[str]) -> ReleaseView:
    """Return a release view as press_i18n builds it, with only what the search reads."""
    moment = datetime.fromisoformat(date)
    return ReleaseView(
        url="", lang=lang, date=moment_for(moment, SETTINGS.locale(lang), SETTINGS.timezone),
        updated=None, filed=year_month(moment, SETTINGS.timezone), type_label=type_label,
        topics=tuple((t, SETTINGS.topic_label(t, lang), "") for t in topics),
        tags=(), archive_url="", contacts=(), author=None, related=(), alternates=(),
        hreflang=(), untranslated=(), state=None, embargo=None, event=None, byline=None,
        absolute_url="", share=None,
    )  # fmt: skip


def test_search_fields_are_in_the_release_language_and_its_newsroom_calendar() -> None:
    date = "2021-01-01T02:00:00+00:00"  # December 31 in Toronto
    topics = ["innovation", "urban-mobility"]
    french = view_of("fr", date, "Communiqué de presse", topics)
    fields = search_fields(french, CATALOGS.gettext)
    assert fields == SearchFields(
        meta=(("Type", "Communiqué de presse"), ("Date", "31 décembre 2020")),
        filters=(
            ("Type", "Communiqué de presse"),
            ("Sujet", "Innovation"),
            ("Sujet", "Mobilité urbaine"),
            ("Année", "2020"),
        ),
        sort_date="2020-12-31",
    )
    english = search_fields(view_of("en", date, "Press release", topics), CATALOGS.gettext)
    assert english.meta == (("Type", "Press release"), ("Date", "December 31, 2020"))
    assert english.filters[1:] == (
        ("Topic", "Innovation"),
        ("Topic", "Urban mobility"),
        ("Year", "2020"),
    )


def test_missing_binary_is_one_problem(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "gone"))
    with pytest.raises(pagefind.SearchError) as caught:
        pagefind.find_binary()
    assert caught.value.problem == Problem(
        str(tmp_path / "gone"),
        "Pagefind binary",
        "not found; install the pinned packages: .venv/bin/pip install -r requirements.txt",
    )


def test_missing_package_is_the_same_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pagefind.service", None)  # import raises ImportError
    with pytest.raises(pagefind.SearchError) as caught:
        pagefind.find_binary()
    assert str(caught.value) == (
        "pagefind: Pagefind binary: not found; install the pinned packages:"
        " .venv/bin/pip install -r requirements.txt"
    )


def test_the_installed_binary_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    assert pagefind.find_binary().is_file()


def write(site: Path, name: str, text: str) -> None:
    path = site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_index_site_indexes_only_release_pages_per_language(tmp_path: Path) -> None:
    write(tmp_path, "en/releases/a/index.html", RELEASE.format(lang="en", title="A", text="wind"))
    write(
        tmp_path, "fr/communiques/b/index.html", RELEASE.format(lang="fr", title="B", text="vent")
    )
    write(tmp_path, "en/index.html", LISTING)
    folders = ["en/releases/", "fr/communiques/"]
    assert [
        p.relative_to(tmp_path).as_posix() for p in pagefind.release_pages(tmp_path, folders)
    ] == [
        "en/releases/a/index.html",
        "fr/communiques/b/index.html",
    ]
    stats = indexing.index_site(pagefind.find_binary(), tmp_path, folders)
    assert (stats.pages, stats.languages) == (2, 2)
    assert stats.words == 4  # A, wind, B, vent: not the menu, not the listing
    bundle = tmp_path / "pagefind"
    assert (bundle / "pagefind-ui.js").is_file() and (bundle / "wasm.fr.pagefind").is_file()
    assert stats.size == pagefind.folder_size(bundle) > 0


def test_each_language_is_indexed_by_its_own_run_and_merged(tmp_path: Path) -> None:
    write(tmp_path, "en/releases/a/index.html", RELEASE.format(lang="en", title="A", text="wind"))
    write(
        tmp_path, "fr/communiques/b/index.html", RELEASE.format(lang="fr", title="B", text="vent")
    )
    indexing.index_site(pagefind.find_binary(), tmp_path, ["en/releases/", "fr/communiques/"])
    bundle = tmp_path / "pagefind"
    entry = pagefind.read_entry(bundle)
    assert sorted(entry["languages"]) == ["en", "fr"]
    assert [info["page_count"] for info in entry["languages"].values()] == [1, 1]
    for info in entry["languages"].values():  # every file the entry names is in the bundle
        assert (bundle / f"pagefind.{info['hash']}.pf_meta").is_file()
    assert {p.name[:3] for p in (bundle / "fragment").iterdir()} == {"en_", "fr_"}
    assert not list(tmp_path.glob(".pagefind-*"))  # the runs' folders are gone


def test_a_page_in_another_folders_language_is_indexed_in_one_run(tmp_path: Path) -> None:
    write(tmp_path, "en/releases/a/index.html", RELEASE.format(lang="en", title="A", text="wind"))
    write(
        tmp_path, "fr/communiques/b/index.html", RELEASE.format(lang="en", title="B", text="gust")
    )
    stats = indexing.index_site(
        pagefind.find_binary(), tmp_path, ["en/releases/", "fr/communiques/"]
    )
    assert (stats.pages, stats.languages) == (2, 1)
    assert pagefind.read_entry(tmp_path / "pagefind")["languages"]["en"]["page_count"] == 2


def test_owned_names_the_files_of_a_language_and_leaves_the_shared_ones() -> None:
    languages = {"fr": {"hash": "fr_a6ea735512", "wasm": "fr", "page_count": 3}}
    names = [
        "fragment/fr_101a113.pf_fragment",
        "index/fr_1852552.pf_index",
        "filter/fr_6c5a31c.pf_filter",
        "fragment/en_101a113.pf_fragment",
        "fragment/free_1.pf_fragment",
        "pagefind.fr_a6ea735512.pf_meta",
        "pagefind.en_b01e6fb756.pf_meta",
        "wasm.fr.pagefind",
        "wasm.unknown.pagefind",
        "pagefind-ui.js",
        "pagefind-entry.json",
    ]
    assert pagefind.owned(languages, names) == (
        "filter/fr_6c5a31c.pf_filter",
        "fragment/fr_101a113.pf_fragment",
        "index/fr_1852552.pf_index",
        "pagefind.fr_a6ea735512.pf_meta",
        "wasm.fr.pagefind",
    )


def test_a_folder_without_pages_is_not_indexed(tmp_path: Path) -> None:
    write(tmp_path, "en/releases/a/index.html", RELEASE.format(lang="en", title="A", text="wind"))
    stats = indexing.index_site(
        pagefind.find_binary(), tmp_path, ["en/releases/", "fr/communiques/"]
    )
    assert (stats.pages, stats.languages) == (1, 1)


def test_index_site_reports_pagefind_failure_as_one_problem(tmp_path: Path) -> None:
    fake = tmp_path / "fake-pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: out of cheese' >&2\nexit 2\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    with pytest.raises(pagefind.SearchError) as caught:
        indexing.index_site(fake, tmp_path, ["en/releases/"])
    assert str(caught.value) == f"{fake}: search index: Pagefind failed: Error: out of cheese"


def test_index_site_reports_a_binary_that_cannot_start(tmp_path: Path) -> None:
    fake = tmp_path / "not-executable"
    fake.write_text("", encoding="utf-8")
    with pytest.raises(pagefind.SearchError) as caught:
        indexing.index_site(fake, tmp_path, ["en/releases/"])
    assert str(caught.value) == f"{fake}: Pagefind binary: cannot start: Permission denied"


def test_runs_started_early_are_merged_when_the_pages_stayed_the_same(tmp_path: Path) -> None:
    write(tmp_path, "en/releases/a/index.html", RELEASE.format(lang="en", title="A", text="wind"))
    write(
        tmp_path, "fr/communiques/b/index.html", RELEASE.format(lang="fr", title="B", text="vent")
    )
    folders = ["en/releases/", "fr/communiques/"]
    binary = pagefind.find_binary()
    pages = pagefind.pages_by_folder(tmp_path, folders)
    run = indexing.start(binary, tmp_path, pages, None)
    assert len(run.runs) == 2
    assert indexing.part_keys(binary, tmp_path, pages, None) == run.keys
    parts = run.finish()
    assert [part.folder for part in parts] == folders
    assert sorted(pagefind.read_entry(tmp_path / "pagefind")["languages"]) == ["en", "fr"]
    assert run.work is None and not list(tmp_path.glob(".pagefind-*"))


def test_runs_started_early_are_stopped_when_a_release_page_changed_after(tmp_path: Path) -> None:
    write(tmp_path, "en/releases/a/index.html", RELEASE.format(lang="en", title="A", text="wind"))
    folders = ["en/releases/"]
    binary = pagefind.find_binary()
    run = indexing.start(binary, tmp_path, pagefind.pages_by_folder(tmp_path, folders), None)
    write(tmp_path, "en/releases/a/index.html", RELEASE.format(lang="en", title="A", text="gale"))
    again = pagefind.pages_by_folder(tmp_path, folders)
    assert indexing.part_keys(binary, tmp_path, again, None) != run.keys
    run.cancel()
    assert all(process.process.poll() is not None for process in run.runs)
    assert not (tmp_path / "pagefind").exists() and not list(tmp_path.glob(".pagefind-*"))
    assert run.work is None


def test_filter_groups_keep_one_order_and_sort_their_values() -> None:
    views = [
        view_of("fr", "2020-03-01T12:00:00+00:00", "Invitation", ["urban-mobility"]),
        view_of("fr", "2021-03-01T12:00:00+00:00", "Communiqué de presse", ["events", "digital"]),
        view_of("en", "2019-03-01T12:00:00+00:00", "Speech", ["research"]),
    ]
    type_, topic, year = filter_groups(views, "fr", CATALOGS.gettext)
    assert (type_.key, type_.name, type_.values) == (
        "type",
        "Type",
        ("Communiqué de presse", "Invitation"),
    )
    assert (topic.key, topic.name, topic.values) == (
        "topic",
        "Sujet",
        ("Événements", "Mobilité urbaine", "Numérique"),
    )
    assert (year.key, year.name, year.values) == ("year", "Année", ("2021", "2020"))
