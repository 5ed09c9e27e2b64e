"""Pelican side of press_events: page values for each invitation, then its .ics files."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from pelican import signals
from press_i18n.dates import Moment, moment_for

from .ics import EventFacts, calendar_bytes, event_uid


@dataclass(frozen=True)
class EventView:
    """Finished values of an invitation's event for partials/event.html."""

    ics_url: str  # site-relative
    start: Moment
    end: Moment
    venue: str
    address: str
    rsvp: str | None
    rsvp_href: str | None  # mailto: or the web address


def ics_path(save_as: str) -> str:
    """Return where an invitation's .ics goes: beside its page, named after its folder."""
    folder = posixpath.dirname(save_as)
    return posixpath.join(folder, f"{posixpath.basename(folder) or 'event'}.ics")


def rsvp_href(rsvp: str | None) -> str | None:
    """Return a link target for an RSVP given as an e-mail or a web address."""
    if not rsvp:
        return None
    return rsvp if rsvp.startswith(("https://", "http://")) else f"mailto:{rsvp}"


def facts_of(article: Any, settings: Any) -> EventFacts:
    """Unpack a Pelican article into the plain values of its calendar entry."""
    release = article.press.meta
    event = release.event
    url = settings.absolute_url.rstrip("/") + "/" + article.url
    return EventFacts(
        key=release.key,
        language=settings.locale(release.lang).replace("_", "-"),
        summary=release.title,
        description=f"{release.summary}\n\n{url}",
        location=f"{event.venue.name}, {event.venue.address}",
        url=url,
        start=event.start,
        end=event.end,
        stamp=release.updated or release.date,
    )


class EventsGenerator:
    """Give invitations their event values, then write one .ics per invitation and language."""

    def __init__(self, context: dict, settings: dict, *args: Any, **kwargs: Any) -> None:
        self.context = context

    def invitations(self) -> list[Any]:
        """Return the published releases that carry an event."""
        press = self.context.get("press")
        return [a for a in press.articles if a.press.meta.event] if press else []

    def generate_context(self) -> None:
        """Put the finished event values on each invitation."""
        settings = self.context["press"].settings if self.context.get("press") else None
        for article in self.invitations():
            event = article.press.meta.event
            locale = settings.locale(article.lang)
            article.press_event = EventView(
                ics_url=ics_path(article.save_as),
                start=moment_for(event.start, locale, settings.timezone),
                end=moment_for(event.end, locale, settings.timezone),
                venue=event.venue.name,
                address=event.venue.address,
                rsvp=event.rsvp,
                rsvp_href=rsvp_href(event.rsvp),
            )

    def generate_output(self, writer: Any) -> None:
        """Write the .ics files through press_content's SafeWriter."""
        for article in self.invitations():
            settings = self.context["press"].settings
            data = calendar_bytes(
                facts_of(article, settings),
                event_uid(article.press.meta.key, settings.absolute_url),
                ZoneInfo(settings.timezone),
            )
            writer.write_bytes(article.press_event.ics_url, data, "press_events calendar")


def add_generator(pelican: Any) -> type:
    """Offer the generator to Pelican."""
    return EventsGenerator


def register() -> None:
    """Connect the handlers."""
    signals.get_generators.connect(add_generator)
