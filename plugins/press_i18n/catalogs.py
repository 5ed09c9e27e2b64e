"""Interface translations: Babel catalogs compiled in memory, and gettext for Jinja."""

from __future__ import annotations

import gettext as gettext_module
import logging
from collections.abc import Callable, Iterable, Mapping
from io import BytesIO
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import pass_context
from jinja2.runtime import Context

logger = logging.getLogger(__name__)
DOMAIN = "messages"


def po_path(translations: Path, lang: str) -> Path:
    """Return the catalog file of a language: translations/<lang>/LC_MESSAGES/messages.po."""
    return translations / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_po(path: Path, lang: str) -> gettext_module.NullTranslations:
    """Compile one .po file to .mo in memory and load it (fuzzy entries left out)."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    missing = [m.id for m in catalog if m.id and (m.fuzzy or not m.string)]
    if missing:
        logger.warning(
            "%s: %d interface strings are untranslated or fuzzy, e.g. %r",
            path,
            len(missing),
            missing[0],
        )
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext_module.GNUTranslations(buffer)


class Catalogs:
    """The interface translations of one build, by language; English is the source text."""

    def __init__(
        self, translations: Mapping[str, gettext_module.NullTranslations], default_lang: str
    ) -> None:
        self.translations = dict(translations)
        self.default_lang = default_lang
        self.null = gettext_module.NullTranslations()

    def of(self, lang: str) -> gettext_module.NullTranslations:
        """Return the translations of a language; the source text when it has no catalog."""
        return self.translations.get(lang, self.null)

    def gettext(self, lang: str, message: str) -> str:
        """Translate one interface string into a language."""
        return self.of(lang).gettext(message)

    def ngettext(self, lang: str, singular: str, plural: str, count: int) -> str:
        """Translate an interface string that depends on a number."""
        return self.of(lang).ngettext(singular, plural, count)


def load_catalogs(translations: Path, langs: Iterable[str], default_lang: str) -> Catalogs:
    """Compile the catalog of every configured language that has one."""
    found = {
        lang: compile_po(po_path(translations, lang), lang)
        for lang in langs
        if po_path(translations, lang).is_file()
    }
    return Catalogs(found, default_lang)


def page_language(context: Context | Mapping[str, Any], default_lang: str) -> str:
    """Return the language of the page being rendered: page_lang, else article.lang, else the default."""
    lang = context.get("page_lang")
    if lang:
        return lang
    article = context.get("article")
    return getattr(article, "lang", None) or default_lang


def jinja_callables(catalogs: Catalogs) -> tuple[Callable[..., str], Callable[..., str]]:
    """Return gettext and ngettext for Jinja that translate into the page's language."""

    @pass_context
    def gettext(context: Context, message: str) -> str:
        return catalogs.gettext(page_language(context, catalogs.default_lang), message)

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, count: int) -> str:
        lang = page_language(context, catalogs.default_lang)
        return catalogs.ngettext(lang, singular, plural, count)

    return gettext, ngettext
