"""Translated labels the plugins (not the templates) choose: release types, language names."""

from __future__ import annotations

import logging

from babel import Locale
from press_core.i18n_marks import N_

from .catalogs import Catalogs

logger = logging.getLogger(__name__)


RELEASE_TYPES = {
    "press-release": N_("Press release"),
    "fact-sheet": N_("Fact sheet"),
    "speech": N_("Speech"),
    "invitation": N_("Invitation"),
    "statement": N_("Statement"),
}
IN_LANGUAGE = N_("in %(language)s")
NOT_TRANSLATED = N_("This release is not available in %(language)s.")


def type_label(catalogs: Catalogs, release_type: str, lang: str) -> str:
    """Return the label of a release type in a language."""
    source = RELEASE_TYPES.get(release_type)
    if source is None:
        logger.warning(
            "release type %r has no label in press_i18n.labels; showing the id", release_type
        )
        return release_type
    return catalogs.gettext(lang, source)


def language_name(locale_name: str, lang: str) -> str:
    """Return the name of a language as written in a locale: "French", "anglais"."""
    return Locale.parse(locale_name).languages.get(lang, lang)


def in_language(catalogs: Catalogs, page_lang: str, locale_name: str, lang: str) -> str:
    """Return "in French" / "en anglais": a note beside a link to another language."""
    return catalogs.gettext(page_lang, IN_LANGUAGE) % {"language": language_name(locale_name, lang)}


def not_translated(catalogs: Catalogs, page_lang: str, locale_name: str, lang: str) -> str:
    """Return the note shown on a release that has no version in a language."""
    return catalogs.gettext(page_lang, NOT_TRANSLATED) % {
        "language": language_name(locale_name, lang)
    }
