"""Make text and HTML fit to travel in a feed: XML-safe, single-line, absolute links."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import lxml.html

# Everything XML 1.0 allows (section 2.2, production [2]) minus the C1 control
# block U+007F-U+009F, which XML only discourages but which is never text: it is
# what Windows-1252 quotes become when a word processor's paste is mis-decoded.
_NOT_XML_TEXT = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Runs of ASCII whitespace only: no-break spaces (U+00A0, U+202F) are French
# typography, not layout, and must survive inside a title.
_ASCII_SPACE_RUN = re.compile("[\t\n\r ]+")
_HTML_SPACE = " \t\n\f\r"
# Schemes whose URLs urljoin() would return unchanged; spares it for most links.
_ABSOLUTE_PREFIXES = ("https://", "http://", "mailto:", "tel:")


def xml_safe(text: str) -> str:
    """Remove the characters XML 1.0 cannot carry, and C1 control characters."""
    return _NOT_XML_TEXT.sub("", text)


def clean_line(text: str) -> str:
    """Return XML-safe single-line text: ASCII whitespace runs collapsed, ends stripped."""
    # str.strip() strips every Unicode space, as feedparser does on reading.
    return _ASCII_SPACE_RUN.sub(" ", xml_safe(text)).strip()


def is_absolute_url(url: str) -> bool:
    """Tell whether url is an absolute http(s) URL."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def resolve_url(base_url: str, url: str) -> str | None:
    """Resolve url against base_url; None when url cannot be parsed."""
    try:
        return urljoin(base_url, url.strip(_HTML_SPACE))
    except ValueError:  # e.g. "//[::1" (unbalanced IPv6 bracket)
        return None


def _absolute(base_url: str, url: str) -> str | None:
    """Resolve url unless it already is absolute (the common case: a fast path)."""
    return url if url.startswith(_ABSOLUTE_PREFIXES) else resolve_url(base_url, url)


def absolutize_srcset(srcset: str, base_url: str) -> str:
    """Resolve every image URL of a srcset attribute against base_url."""
    # Follows the HTML "parse a srcset attribute" steps, minus their error
    # recovery: a URL is a run of non-space characters (it may contain commas),
    # its optional descriptors run to the next comma.
    candidates: list[str] = []
    pos, end = 0, len(srcset)
    while pos < end:
        while pos < end and (srcset[pos] in _HTML_SPACE or srcset[pos] == ","):
            pos += 1
        start = pos
        while pos < end and srcset[pos] not in _HTML_SPACE:
            pos += 1
        url, descriptor = srcset[start:pos], ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            comma = srcset.find(",", pos)
            stop = end if comma < 0 else comma
            descriptor, pos = srcset[pos:stop].strip(_HTML_SPACE), stop
        absolute = resolve_url(base_url, url) if url else None
        if absolute:
            candidates.append(" ".join(filter(None, (absolute, descriptor))))
    return ", ".join(candidates)


def absolutize_html(html: str, base_url: str) -> str:
    """Return the HTML fragment XML-safe, with every link and image URL made absolute."""
    fragment = lxml.html.fragment_fromstring(xml_safe(html), create_parent="div")
    # href, src, cite, longdesc, data, ... and url() in styles (lxml's list);
    # a relative URL that cannot be resolved is dropped rather than kept.
    fragment.rewrite_links(lambda url: _absolute(base_url, url))
    for element in fragment.iter("img", "source"):
        if element.get("srcset"):
            srcset = absolutize_srcset(element.get("srcset"), base_url)
            _set_or_drop(element, "srcset", srcset)
    for element in fragment.iter("video"):
        if element.get("poster"):
            poster = resolve_url(base_url, element.get("poster"))
            _set_or_drop(element, "poster", poster)
    serialized = lxml.html.tostring(fragment, encoding="unicode")
    # Drop the <div> wrapper created above: the body goes out as it came in.
    # Character references such as &#1; decode to characters XML refuses.
    return xml_safe(serialized[len("<div>") : -len("</div>")])


def _set_or_drop(element: lxml.html.HtmlElement, name: str, value: str | None) -> None:
    """Set an attribute, or remove it when there is no usable value."""
    if value:
        element.set(name, value)
    else:
        del element.attrib[name]
