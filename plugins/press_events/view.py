"""press_events' facet of a release view: an invitation's event, finished for pages and feeds."""

from __future__ import annotations

from dataclasses import dataclass

from press_content.schema import Event
from press_core.settings import PressSettings
from press_core.urls import ics_path
from press_i18n.dates import Moment, moment_for


@dataclass(frozen=True)
class EventView:
    """When and where an invitation's event happens, as pages, feeds and the home show it."""

    start: Moment  # .iso, .display, .day in the newsroom's zone and the page's locale
    end: Moment
    venue: str
    address: str
    rsvp: str | None  # e-mail address or web address, as written
    rsvp_href: str | None  # mailto: or the web address
    ics_url: str  # site-relative URL of the language's .ics file (written by press_events)
    over: bool = False  # the event ended before the build's "now": no sign-up, no calendar link


def rsvp_href(rsvp: str | None) -> str | None:
    """Return a link target for an RSVP given as an e-mail or a web address."""
    if not rsvp:
        return None
    return rsvp if rsvp.startswith(("https://", "http://")) else f"mailto:{rsvp}"


def event_view(event: Event, lang: str, save_as: str, settings: PressSettings) -> EventView:
    """Return the view of one language version's event."""
    locale, zone = settings.locale(lang), settings.timezone
    return EventView(
        start=moment_for(event.start, locale, zone),
        end=moment_for(event.end, locale, zone),
        venue=event.venue.name,
        address=event.venue.address,
        rsvp=event.rsvp,
        rsvp_href=rsvp_href(event.rsvp),
        ics_url=ics_path(save_as),
        over=event.end <= settings.now,
    )
