"""Release body: Markdown to HTML, typography of its language, allow-list sanitizing, dateline."""

from __future__ import annotations

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
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"},
    "sup": {"id"}, "li": {"id"}, "div": {"class"},
}  # fmt: skip
URL_SCHEMES = {"http", "https", "mailto", "tel"}


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
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def with_dateline(html: str, dateline: str, lang: str) -> str:
    """Put the dateline, escaped, at the start of the first paragraph."""
    text = rules_for(lang).space(dateline)
    label = f'<span class="dateline">{escape(text.rstrip("."))}.</span>'
    if html.startswith("<p>"):
        return f"<p>{label} {html[3:]}"
    return f"<p>{label}</p>\n{html}"
