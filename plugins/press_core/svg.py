"""Say whether an SVG file is safe to publish on the newsroom's own origin.

Opened at its URL, an SVG is a document: a script, an event handler or an XHTML element
in it runs with the newsroom's cookies. So only drawing is allowed: no script, handler,
foreignObject, XHTML, outside reference (a link, `<use>`, image, stylesheet or font that
is not a `#fragment` or an embedded picture) and no `javascript:` URL, however written.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

FORBIDDEN = {"script", "foreignobject", "handler", "listener"}  # any namespace, any case
XHTML = "http://www.w3.org/1999/xhtml"
SAFE_DATA = re.compile(r"data:image/(?:png|jpeg|gif|webp);", re.IGNORECASE)
URL = re.compile(r"url\(\s*['\"]?([^)'\"]*)", re.IGNORECASE)
INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f]+")
SCHEMES = ("javascript:", "vbscript:", "livescript:")
GZIP = b"\x1f\x8b"
MAX_BYTES = 5_000_000  # a logo or drawing; anything larger is refused before parsing


def parser() -> etree.XMLParser:
    """Return a parser that expands no entity, loads no DTD and never uses the network."""
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


def local(name: object) -> str:
    """Return an element or attribute name without its namespace, in lower case."""
    return etree.QName(name).localname.lower() if isinstance(name, str) else ""


def outside(reference: str) -> bool:
    """Tell whether a reference leaves the file: anything but `#id` or an embedded picture."""
    reference = INVISIBLE.sub("", reference)
    return bool(reference) and not reference.startswith("#") and not SAFE_DATA.match(reference)


def text_problem(text: str) -> str | None:
    """Name a `javascript:` URL, an @import or an outside url() in a value or style."""
    squeezed = INVISIBLE.sub("", text).lower()
    if any(scheme in squeezed for scheme in SCHEMES):
        return "has a javascript: URL"
    if "@import" in squeezed:
        return "imports a stylesheet (@import)"
    if "\\" in text:
        return "writes a backslash escape, which could hide a url()"
    if any(outside(found) for found in URL.findall(text)):
        return "refers to an outside file in url()"
    return None


def attribute_problem(name: str, value: str) -> str | None:
    """Name an event handler, an outside reference or an animated link or handler."""
    if name.startswith("on"):
        return f"has an event handler ({name})"
    animated = INVISIBLE.sub("", value).lower()
    if name == "attributename" and (animated.startswith("on") or animated.endswith("href")):
        return f"animates the attribute {value!r}"
    if name in {"href", "src", "base"} and outside(value) and not text_problem(value):
        return f"refers to an outside file ({name}={value!r})"
    return None


def element_problem(element: etree._Element) -> str | None:
    """Name the first unsafe thing in one element: its kind, attributes or text."""
    if not isinstance(element.tag, str):  # a comment or processing instruction
        is_pi = isinstance(element, etree._ProcessingInstruction)
        return f"has a <?{element.target}?> instruction" if is_pi else None
    name = local(element.tag)
    if name in FORBIDDEN:
        return f"has a <{etree.QName(element.tag).localname}> element"
    if etree.QName(element.tag).namespace == XHTML:
        return f"has an XHTML <{name}> element"
    for key, value in element.attrib.items():
        problem = attribute_problem(local(key), value) or text_problem(value)
        if problem:
            return problem
    return text_problem(element.text or "") if name == "style" else None


def svg_problem(path: Path) -> str | None:
    """Return why an SVG file may not be published, or None when it only draws."""
    if path.stat().st_size > MAX_BYTES:
        return f"is larger than {MAX_BYTES // 1_000_000} MB; an SVG that big is not a logo"
    data = path.read_bytes()
    if data.startswith(GZIP):  # lxml would inflate it, bomb or not
        return "is compressed (gzip); save it as plain SVG"
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as error:
        return f"is not well-formed XML ({error.msg}); save it again as plain SVG"
    if root.getroottree().docinfo.internalDTD is not None:
        return "declares a DOCTYPE; remove it (entities are not allowed)"
    around = (*root.itersiblings(preceding=True), *root.itersiblings())
    for element in (*around, *root.iter()):
        problem = element_problem(element)
        if problem:
            return f"{problem}; SVG files may only draw, so remove it"
    return None
