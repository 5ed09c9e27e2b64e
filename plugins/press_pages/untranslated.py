"""Pages for releases missing in a language: "this release exists in English only", a link."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from press_core.i18n_marks import N_
from press_i18n.labels import language_name
from press_i18n.untranslated import untranslated_url

from .pages import OutputPage

ONLY_IN = N_("This release exists in %(language)s only.")
READ_IT = N_("Read it in %(language)s")


@dataclass(frozen=True)
class Original:
    """The release a missing-language page points to, described in the page's language."""

    title: str  # as written, in its own language
    url: str
    lang: str
    note: str  # "This release exists in English only."
    link: str  # "Read it in English"


def untranslated_pages(site: Any, gettext: Callable[[str, str], str]) -> list[OutputPage]:
    """Return one page per published release and language it lacks (never a withheld one)."""
    settings, pages = site.settings, []
    for article in site.articles:
        if not article.press.is_due(settings.now):
            continue  # drafts and embargoed releases show only in previews: no trace of them
        have = {article.lang, *(t.lang for t in article.translations)}
        for lang in (lang for lang in settings.langs if lang not in have):
            name = language_name(settings.locale(lang), article.lang)
            original = Original(
                article.press.meta.title, article.url, article.lang,
                gettext(lang, ONLY_IN) % {"language": name},
                gettext(lang, READ_IT) % {"language": name},
            )  # fmt: skip
            others = tuple((o, u) for o, u in article.view.alternates if o != lang)
            pages.append(
                OutputPage(
                    untranslated_url(lang, article.press.meta.key),
                    "untranslated",
                    lang,
                    ((article.lang, article.url), *others),
                    (),  # no hreflang: it is not a version of the release
                    values={"original": original},
                )
            )
    return pages
