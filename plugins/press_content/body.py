"""Release body: Markdown to HTML, typography of its language, allow-list sanitizing, dateline."""

from __future__ import annotations

import re
from html import escape

import nh3
from markdown import Markdown
from press_core.typography import Typography, rules_for

# Python-Markdown's "extra" minus abbr, attr_list, def_list and md_in_html, which
# releases do not use and which cost time on every paragraph.
EXTENSIONS = ["tables", "fenced_code", "footnotes", "sane_lists"]

ALLOWED_TAGS = {
    "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "ul", "ol", "li", "dl", "dt", "dd",
    "a", "img", "figure", "figcaption", "strong", "em", "b", "i", "blockquote", "q",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    "code", "pre", "sup", "sub", "abbr", "span", "div",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "abbr": {"title"},
    "ol": {"start"},
    "sup": {"id"}, "li": {"id"},
}  # fmt: skip
# The only class a body may carry is the one the footnotes extension writes: the
# site's own interface classes (preview-banner, dateline, ...) can never be faked.
ALLOWED_CLASSES = {"div": {"footnote"}}
# Ids only as the footnotes extension writes them (fn:1, fnref:1, fnref2:1): an id
# never collides with the page's own (main, search, ...), whose names have no colon.
FOOTNOTE_ID = re.compile(r"fn(?:ref\d*)?:[A-Za-z0-9_-]+")
URL_SCHEMES = {"http", "https", "mailto", "tel"}


DEEPEST = 128  # columns of indentation or quote markers a body line may open with


def too_deep(text: str) -> bool:
    """Tell whether a body nests lists or quotes so deeply that rendering would cost minutes.

    Python-Markdown's list and quote handling grows faster than the nesting depth, and
    fails with RecursionError at the end; deep nesting is refused before it starts.
    """
    for line in text.splitlines():
        opening = line[: len(line) - len(line.lstrip(" \t>"))]
        if len(opening.expandtabs(4)) > DEEPEST:
            return True
    return False


class BodyRenderer:
    """Turn Markdown bodies into safe HTML, one Markdown instance per language."""

    def __init__(self) -> None:
        self._markdown: dict[str, Markdown] = {}

    def render(self, text: str, lang: str, dateline: str | None) -> str:
        """Render a body; the dateline opens its first paragraph."""
        if lang not in self._markdown:
            self._markdown[lang] = Markdown(extensions=[*EXTENSIONS, Typography(lang)])
        html = sanitize(self._markdown[lang].reset().convert(text))
        return with_dateline(html, dateline, lang) if dateline else html


def sanitize(html: str) -> str:
    """Keep the elements releases need; drop scripts, handlers and odd URLs."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        attribute_filter=_footnote_ids_only,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def _footnote_ids_only(tag: str, attribute: str, value: str) -> str | None:
    """Keep an id only when it is a footnote's; every other attribute as nh3 allowed it."""
    if attribute == "id" and not FOOTNOTE_ID.fullmatch(value):
        return None
    return value


def with_dateline(html: str, dateline: str, lang: str) -> str:
    """Put the dateline, escaped, at the start of the first paragraph."""
    text = rules_for(lang).space(dateline)
    label = f'<span class="dateline">{escape(text.rstrip("."))}.</span>'
    if html.startswith("<p>"):
        return f"<p>{label} {html[3:]}"
    return f"<p>{label}</p>\n{html}"
