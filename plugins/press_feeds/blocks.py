"""The HTML of a feed item: highlights, an invitation's event, the body, the press contacts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape
from press_core.facets import EventFacet, Photo
from press_core.i18n_marks import N_

Gettext = Callable[[str, str], str]  # (lang, message) -> the message in that language


HIGHLIGHTS = N_("Highlights")
MORE = N_("For more information")
PHONE = N_("Phone:")
EMAIL = N_("Email:")
EVENT = N_("Event")
EVENT_LINES = (N_("Starts"), N_("Ends"), N_("Venue"), N_("RSVP"))
PHOTO_CREDIT = N_("Photo: %(credit)s")


@dataclass(frozen=True)
class LeadPhoto:
    """The lead image as a feed item shows it: absolute URLs, alt text, caption and credit."""

    src: str  # the web size JPEG
    width: int
    height: int
    alt: str
    caption: str | None  # only a caption the release states (else the alt text says it)
    credit: str
    original: str  # the original, to download


def lead_photo(picture: Photo, absolute: Callable[[str], str]) -> LeadPhoto:
    """Unpack press_media's lead picture, its URLs made absolute."""
    web = picture.web
    caption = picture.caption if picture.captioned else None
    return LeadPhoto(absolute(web.url), web.width, web.height, picture.alt, caption,
                     picture.credit, absolute(picture.print.url))  # fmt: skip


def lead_html(photo: LeadPhoto, translate: Callable[[str], str]) -> str:
    """Return the lead image as a figure linking to the original, with its caption and credit."""
    image = Markup('<a href="{0}"><img src="{1}" alt="{2}" width="{3}" height="{4}"></a>').format(
        photo.original, photo.src, photo.alt, photo.width, photo.height
    )
    credit = escape(translate(PHOTO_CREDIT) % {"credit": photo.credit})
    caption = f"{escape(photo.caption)} " if photo.caption else ""
    return f"<figure>{image}<figcaption>{caption}{credit}</figcaption></figure>"


@dataclass(frozen=True)
class ContactLine:
    """What a feed item says about one press contact."""

    name: str
    email: str
    phone: str | None = None


def contact_lines(contacts: Iterable[Any]) -> tuple[ContactLine, ...]:
    """Unpack press_content's contacts into the lines a feed item shows."""
    return tuple(ContactLine(c.name, c.email, c.phone or c.mobile) for c in contacts)


def event_lines(event: EventFacet) -> tuple[str | None, ...]:
    """Unpack a release view's event into the values shown beside EVENT_LINES, in order."""
    venue = f"{event.venue}, {event.address}"
    return (event.start.display, event.end.display, venue, event.rsvp)


def item_parts(
    highlights: Sequence[str],
    body: str,
    contacts: Sequence[ContactLine],
    translate: Callable[[str], str],
    event: Sequence[str | None] = (),
    lead: LeadPhoto | None = None,
) -> tuple[str, ...]:
    """Return the item's HTML in pieces to join by newlines; text is escaped, the body is
    already sanitized and kept as the same string (no copy)."""
    parts = [lead_html(lead, translate)] if lead else []
    if highlights:
        items = "".join(f"<li>{escape(line)}</li>" for line in highlights)
        parts.append(f"<h2>{escape(translate(HIGHLIGHTS))}</h2><ul>{items}</ul>")
    if event:
        lines = [
            f"<strong>{escape(translate(label))}</strong> {escape(value)}"
            for label, value in zip(EVENT_LINES, event, strict=True)
            if value
        ]
        parts.append(f"<h2>{escape(translate(EVENT))}</h2><p>" + "<br>".join(lines) + "</p>")
    parts.append(body)
    if contacts:
        parts.append(f"<h2>{escape(translate(MORE))}</h2>")
        parts += [contact_html(contact, translate) for contact in contacts]
    return tuple(parts)


def contact_html(contact: ContactLine, translate: Callable[[str], str]) -> str:
    """Return one contact as a paragraph: name, phone, e-mail."""
    lines = [f"<strong>{escape(contact.name)}</strong>"]
    if contact.phone:
        lines.append(f"{escape(translate(PHONE))} {escape(contact.phone)}")
    mailto = Markup('<a href="mailto:{0}">{1}</a>').format(
        quote(contact.email, safe="@.+-_"), contact.email
    )
    lines.append(f"{escape(translate(EMAIL))} {mailto}")
    return "<p>" + "<br>".join(lines) + "</p>"
