"""The press kit's release.txt and release.md: every fact of the page, links with their addresses."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urljoin

import lxml.html
from press_core.i18n_marks import N_

# Elements that end a paragraph of plain text.
BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "table", "dl")
LINES = ("li", "tr", "dt", "dd")  # one line each inside their block
# Contact lines, by Contact field; the labels are translated (theme/translations).
CONTACT_LINES = {
    "phone": N_("Phone: %(value)s"),
    "mobile": N_("Mobile: %(value)s"),
    "fax": N_("Fax: %(value)s"),
    "email": N_("Email: %(value)s"),
    "url": N_("Website: %(value)s"),
}


@dataclass(frozen=True)
class KitText:
    """The finished values of a release's text files, in the release's language."""

    type_label: str
    when: str  # date, time and zone, as its page shows them
    updated: str | None  # "Updated: ..." already labelled
    title: str
    highlights: tuple[str, ...]
    dateline: str | None
    contacts_heading: str
    contacts: tuple[tuple[str, ...], ...]  # the lines of each contact card
    about_heading: str
    about_html: str  # the boilerplate, rendered
    online: str  # "Online: https://..." already labelled
    url: str  # the page's absolute address, base of its relative links


def contact_lines(contact: Any, lang: str, gettext: Callable[[str], str]) -> tuple[str, ...]:
    """Return a contact card as lines: name, role and organisation, then each way to reach them."""
    lines = [contact.name, f"{contact.role_in(lang)}, {contact.organisation_in(lang)}"]
    for field, label in CONTACT_LINES.items():
        value = getattr(contact, field, None)
        if value:
            lines.append(gettext(label) % {"value": value})
    return tuple(lines)


def plain_text(html: str, base: str) -> str:
    """Return HTML as plain text, each link followed by its absolute address in brackets."""
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for link in list(root.iter("a")):
        href = (link.get("href") or "").strip()
        if "footnote-backref" in (link.get("class") or ""):
            link.drop_tree()  # the "back to the text" arrow says nothing on paper
        elif href and not href.startswith("#"):
            address = urljoin(base, href)
            if link.text_content().strip() not in (address, address.removeprefix("mailto:")):
                link.tail = f" ({address})" + (link.tail or "")
    for element in root.iter("br", *LINES):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter("li"):
        element.text = "- " + (element.text or "")
    for element in root.iter(*BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    lines = (line.strip() for line in root.text_content().splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def head_lines(text: KitText) -> list[str]:
    """Return what opens both text files: type, time, update."""
    return [f"{text.type_label} · {text.when}", *([text.updated] if text.updated else [])]


def release_txt(text: KitText, body_html: str) -> str:
    """Write release.txt: the release as plain text, with every link's address."""
    parts = ["\n".join(head_lines(text)), text.title]
    if text.highlights:
        parts.append("\n".join(f"+++ {line}" for line in text.highlights))
    parts.append(plain_text(body_html, text.url))  # the body's HTML opens with the dateline
    parts.append(text.contacts_heading + "\n\n" + "\n\n".join(map("\n".join, text.contacts)))
    if text.about_html:
        parts.append(text.about_heading + "\n\n" + plain_text(text.about_html, text.url))
    parts.append(text.online)
    return "\n\n".join(parts) + "\n"


def release_md(text: KitText, body_markdown: str) -> str:
    """Write release.md: the release's own Markdown, framed by the page's other facts."""
    parts = ["  \n".join(head_lines(text)), f"# {text.title}"]
    if text.highlights:
        parts.append("\n".join(f"- **{line}**" for line in text.highlights))
    body = body_markdown.strip()
    if text.dateline:
        body = f"**{text.dateline.rstrip('.')}.** {body}"
    parts.append(body)
    cards = ("  \n".join(lines) for lines in text.contacts)
    parts.append(f"## {text.contacts_heading}\n\n" + "\n\n".join(cards))
    if text.about_html:
        parts.append(f"## {text.about_heading}\n\n" + plain_text(text.about_html, text.url))
    parts.append(text.online)
    return "\n\n".join(parts) + "\n"


def kit_text(article: Any, boilerplate: str, gettext: Callable[[str], str], plural: str) -> KitText:
    """Collect a release's text values from its finished view (press_i18n's ReleaseView)."""
    view, meta = article.view, article.press.meta
    return KitText(
        type_label=view.type_label,
        when=(view.stated_date or view.date).display,
        updated=f"{gettext('Updated:')} {(view.stated_updated or view.updated).display}"
        if view.updated
        else None,
        title=meta.title,
        highlights=tuple(meta.highlights),
        dateline=meta.dateline,
        contacts_heading=plural,
        contacts=tuple(contact_lines(c, meta.lang, gettext) for c in view.contacts),
        about_heading=gettext("About the company"),
        about_html=boilerplate,
        online=f"{gettext('Online:')} {view.absolute_url}",
        url=view.absolute_url,
    )


CREDIT_LABELS = {
    "credit": N_("Credit: %(value)s"),
    "licence": N_("Licence: %(value)s"),
    "caption": N_("Caption: %(value)s"),
}


def credits(photos: list[tuple[str, Any]], labels: dict[str, str]) -> str:
    """Write the credits file of a press kit: one block per (source, what it carries)."""
    blocks = []
    for src, carried in photos:
        lines = [PurePosixPath(src).name]
        for name, label in labels.items():
            value = getattr(carried, name, None)
            if value:
                lines.append(label % {"value": value})
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
