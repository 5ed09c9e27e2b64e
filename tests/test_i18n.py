"""Interface language: complete catalogs, up-to-date template, dates, gettext per page."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from babel.messages.pofile import read_po
from jinja2 import DictLoader, Environment
from press_content.releases import Link
from press_core import urls
from press_core.settings import read_settings
from press_i18n import labels
from press_i18n.catalogs import jinja_callables, load_catalogs, page_language
from press_i18n.dates import format_day, format_moment, iso_moment, moment_for
from press_i18n.release_view import related_views

import pelicanconf

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "theme" / "translations"
POT = TRANSLATIONS / "messages.pot"
FR_PO = TRANSLATIONS / "fr" / "LC_MESSAGES" / "messages.po"
LANGS = sorted(path.name for path in TRANSLATIONS.iterdir() if path.is_dir())  # fr, de, ...


def po_of(lang: str) -> Path:
    """Return the catalog of one language."""
    return TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"


NBSP, NNBSP = "\u00a0", "\u202f"
TORONTO = ZoneInfo("America/Toronto")


def read(path: Path, locale: str | None = None):
    """Parse a .po or .pot file with Babel."""
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def ids(catalog) -> set[str]:
    """Return the message ids of a catalog (the singular of plural entries)."""
    return {
        message.id if isinstance(message.id, str) else message.id[0]
        for message in catalog
        if message.id
    }


@pytest.fixture(scope="module")
def settings():
    """The PressClub settings of pelicanconf.py."""
    return read_settings(vars(pelicanconf))


@pytest.fixture(scope="module")
def catalogs(settings):
    """The theme's catalogs, compiled the way the build compiles them."""
    return load_catalogs(TRANSLATIONS, settings.langs, settings.default_lang)


# --- Catalogs -------------------------------------------------------------------


def test_every_language_has_a_catalog():
    assert LANGS == ["de", "fr"]


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_has_no_untranslated_or_fuzzy_entry(lang):
    catalog = read(po_of(lang), lang)
    assert not catalog.fuzzy, f"{po_of(lang).relative_to(ROOT)}: the header is marked fuzzy"
    bad = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            bad.append(message.id)
    assert bad == [], f"untranslated or fuzzy in {po_of(lang).relative_to(ROOT)}: {bad}"


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_placeholders_and_plural_forms_are_right(lang):
    catalog = read(po_of(lang), lang)
    assert catalog.num_plurals == 2
    errors = [(message.id, [str(e) for e in errs]) for message, errs in catalog.check()]
    assert errors == []


def test_french_catalog_follows_french_typography():
    catalog = read(FR_PO, "fr")
    for message in catalog:
        if not message.id:
            continue
        for text in message.string if isinstance(message.string, tuple) else (message.string,):
            assert "'" not in text, f"{message.id!r}: use the typographic apostrophe ’"
            assert not re.search(r" [:;!?»]|« ", text), (
                f"{message.id!r}: no-break space needed in {text!r}"
            )
            assert not re.search(r"\w[:;!?]", text), (
                f"{message.id!r}: space needed before the sign in {text!r}"
            )


def extract(output: Path) -> None:
    """Run the extraction command written at the top of theme/babel.cfg."""
    command = [
        sys.executable, "-m", "babel.messages.frontend", "-q", "extract",
        "-F", "theme/babel.cfg", "-o", str(output), "--no-wrap", "--sort-by-file",
        "plugins", "theme/templates",
    ]  # fmt: skip
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)


def test_template_catalog_is_up_to_date_with_templates_and_plugins(tmp_path):
    fresh = tmp_path / "messages.pot"
    extract(fresh)
    new, committed = ids(read(fresh)), ids(read(POT))
    assert new - committed == set(), (
        "strings missing from messages.pot: run the commands in theme/babel.cfg"
    )
    assert committed - new == set(), (
        "messages.pot has strings no template uses: run the commands in theme/babel.cfg"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_is_updated_from_the_template(lang):
    missing = ids(read(POT)) - ids(read(po_of(lang), lang))
    assert missing == set(), "run `pybabel update` (see theme/babel.cfg), then translate"


# --- Dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "locale", "expected"),
    [
        ("2021-05-21T09:00:00+02:00", "en_CA", f"May 21, 2021, 3:00{NNBSP}a.m.{NBSP}EDT"),
        ("2021-05-21T09:00:00+02:00", "fr_CA", f"21 mai 2021, 3{NBSP}h{NBSP}00{NBSP}HAE"),
        ("2021-12-21T19:05:00+02:00", "en_CA", f"December 21, 2021, 12:05{NNBSP}p.m.{NBSP}EST"),
        ("2021-12-21T19:05:00+02:00", "fr_CA", f"21 décembre 2021, 12{NBSP}h{NBSP}05{NBSP}HNE"),
        ("2021-06-01T09:00:00-04:00", "fr_CA", f"1er juin 2021, 9{NBSP}h{NBSP}00{NBSP}HAE"),
        ("2021-06-01T09:00:00-04:00", "en_CA", f"June 1, 2021, 9:00{NNBSP}a.m.{NBSP}EDT"),
    ],
)
def test_format_moment_uses_locale_and_newsroom_time_zone(moment, locale, expected):
    assert format_moment(datetime.fromisoformat(moment), locale, TORONTO) == expected


def test_day_is_the_newsroom_day_not_the_author_day():
    late = datetime.fromisoformat("2021-06-01T01:00:00+02:00")  # May 31, 7 p.m. in Toronto
    assert format_day(late, "fr_CA", TORONTO) == "31 mai 2021"
    assert format_day(late, "en_CA", TORONTO) == "May 31, 2021"


def test_machine_readable_time_keeps_its_offset():
    assert (
        iso_moment(datetime.fromisoformat("2021-05-21T09:00:00+02:00"), TORONTO)
        == "2021-05-21T03:00:00-04:00"
    )
    assert (
        iso_moment(datetime.fromisoformat("2021-01-05T09:00:00+00:00"), TORONTO)
        == "2021-01-05T04:00:00-05:00"
    )
    moment = moment_for(datetime.fromisoformat("2021-05-21T09:00:00+02:00"), "fr_CA", TORONTO)
    assert (moment.iso, moment.day) == ("2021-05-21T03:00:00-04:00", "21 mai 2021")


# --- gettext per page -----------------------------------------------------------


def render(catalogs, source: str, **context) -> str:
    """Render a template string with the build's gettext installed."""
    env = Environment(
        loader=DictLoader({"page.html": source}), extensions=["jinja2.ext.i18n"], autoescape=True
    )
    env.install_gettext_callables(*jinja_callables(catalogs), newstyle=True)
    return env.get_template("page.html").render(**context)


def test_gettext_reads_page_lang_first(catalogs):
    french = SimpleNamespace(lang="fr")
    english = SimpleNamespace(lang="en")
    assert render(catalogs, '{{ _("Topics") }}', page_lang="fr") == "Sujets"
    assert render(catalogs, '{{ _("Topics") }}', page_lang="en", article=french) == "Topics"
    assert render(catalogs, '{{ _("Topics") }}', page_lang="fr", article=english) == "Sujets"


def test_gettext_falls_back_to_article_lang_then_default_lang(catalogs):
    assert render(catalogs, '{{ _("Topics") }}', article=SimpleNamespace(lang="fr")) == "Sujets"
    assert render(catalogs, '{{ _("Topics") }}') == "Topics"
    assert page_language({}, "en") == "en"


def test_gettext_sees_page_lang_set_by_a_child_template(catalogs):
    env = Environment(
        loader=DictLoader({
            "base.html": '<html lang="{{ page_lang }}">{{ _("Newsroom") }}{% block content %}{% endblock %}</html>',
            "macros.html": '{% macro card() %}{{ _("Phone") }}{% endmacro %}',
            "child.html": (
                '{% extends "base.html" %}{% set page_lang = "fr" %}'
                '{% from "macros.html" import card with context %}'
                "{% block content %}{{ card() }}{% endblock %}"
            ),
        }),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
    )  # fmt: skip
    env.install_gettext_callables(*jinja_callables(catalogs), newstyle=True)
    assert (
        env.get_template("child.html").render() == '<html lang="fr">Salle de presseTéléphone</html>'
    )


def test_ngettext_uses_french_plural_rule(catalogs):
    source = '{{ ngettext("Press contact", "Press contacts", n) }}'
    assert render(catalogs, source, page_lang="fr", n=1) == "Contact de presse"
    assert render(catalogs, source, page_lang="fr", n=2) == "Contacts de presse"
    assert render(catalogs, source, page_lang="en", n=2) == "Press contacts"


def test_translation_variables_are_escaped(catalogs):
    source = '{{ _("Photo: %(credit)s", credit=credit) }}'
    assert (
        render(catalogs, source, page_lang="fr", credit="<b>A & B</b>")
        == f"Photo{NBSP}: &lt;b&gt;A &amp; B&lt;/b&gt;"
    )


# --- Labels and URLs --------------------------------------------------------------


def test_release_type_and_language_labels(catalogs):
    assert labels.type_label(catalogs, "press-release", "fr") == "Communiqué de presse"
    assert labels.type_label(catalogs, "fact-sheet", "en") == "Fact sheet"
    assert labels.in_language(catalogs, "fr", "fr_CA", "en") == "en anglais"
    assert labels.in_language(catalogs, "en", "en_CA", "fr") == "in French"


def test_listing_urls_use_translated_section_names(settings):
    assert urls.topic_url(settings, "fr", "urban-mobility") == "fr/sujets/mobilite-urbaine/"
    assert urls.tag_url(settings, "fr", "Jeunes pousses") == "fr/mots-cles/jeunes-pousses/"
    assert urls.tag_url(settings, "en", "Électromobilité") == "en/tags/electromobilite/"
    assert urls.archive_url(settings, "fr", 2021) == "fr/archives/2021/"
    assert urls.vcard_url(settings, "fr", "marc-belcourt") == "fr/contacts/marc-belcourt.vcf"
    nav = urls.nav_links(settings, "fr")
    assert (nav.home, nav.topics, nav.contacts, nav.feeds) == (
        "fr/",
        "fr/sujets/",
        "fr/contacts/",
        "fr/fils/",
    )


def test_alternates_fall_back_to_the_other_home():
    both = {"en": "en/releases/x/", "fr": "fr/communiques/x/"}
    assert urls.alternates("en", both, ("en", "fr")) == [("fr", "fr/communiques/x/")]
    assert urls.alternates("en", {"en": "en/releases/x/"}, ("en", "fr")) == [("fr", "fr/")]


def test_tel_uri_keeps_the_digits():
    assert urls.tel_uri("+1-905-428-5078") == "tel:+19054285078"
    assert urls.tel_uri("+1 (514) 555.0142") == "tel:+15145550142"
    assert urls.tel_uri("905 428 5078") == "tel:9054285078"


def test_related_links_to_the_other_language_are_marked(settings, catalogs):
    links = [
        Link("Mémorandum", "fr/communiques/2020/10/m/", internal=True, lang="fr"),
        Link("Memorandum", "en/releases/2020/10/m/", internal=True, lang="en"),
        Link("Garage", "https://www.example.org/garage", internal=False),
    ]
    views = related_views(links, "en", settings, catalogs, {})
    assert [(v.note, v.host) for v in views] == [
        ("in French", ""),
        (None, ""),
        (None, "example.org"),
    ]
