"""iCalendar text of one event (icalendar): press_events writes it, press_media kits it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar

from .settings import PressSettings

YEAR = timedelta(days=366)
PRODID = "-//PressClub//Newsroom invitations//EN"


@dataclass(frozen=True)
class EventFacts:
    """What a calendar entry says about one invitation, in one language."""

    key: str
    language: str  # BCP 47 tag, like fr-CA
    summary: str
    description: str
    location: str
    url: str  # absolute URL of the release page
    start: datetime
    end: datetime
    stamp: datetime  # when the release was last changed; keeps builds reproducible
    organizer: tuple[str, str] | None = None  # the first press contact: (name, e-mail)


def event_uid(key: str, site_url: str) -> str:
    """Return a UID shared by every language of an invitation, so calendars merge them."""
    host = urlsplit(site_url).hostname or "localhost"
    return f"{key}@{host}"


def in_zone(moment: datetime, zone: ZoneInfo) -> datetime:
    """Return the moment in the newsroom zone when its offset is that zone's, else in UTC."""
    local = moment.astimezone(zone)
    if local.utcoffset() == moment.utcoffset():
        return local
    return moment.astimezone(ZoneInfo("UTC"))


def calendar_bytes(facts: EventFacts, uid: str, zone: ZoneInfo) -> bytes:
    """Return the .ics file of an event: one VEVENT, plus the VTIMEZONE it refers to."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", facts.stamp.astimezone(ZoneInfo("UTC")))
    event.add("dtstart", in_zone(facts.start, zone))
    event.add("dtend", in_zone(facts.end, zone))
    event.add("summary", facts.summary, parameters={"LANGUAGE": facts.language})
    event.add("description", facts.description, parameters={"LANGUAGE": facts.language})
    event.add("location", facts.location, parameters={"LANGUAGE": facts.language})
    event.add("url", facts.url, parameters={"VALUE": "URI"})
    if facts.organizer:
        name, email = facts.organizer
        organizer = icalendar.vCalAddress(f"mailto:{email}")
        organizer.params["CN"] = icalendar.vText(name)
        event.add("organizer", organizer)
    calendar.add_component(event)
    # A year either side: the VTIMEZONE then holds real standard and daylight rules.
    calendar.add_missing_timezones(
        first_date=(facts.start - YEAR).date(), last_date=(facts.end + YEAR).date()
    )
    return calendar.to_ical()


def facts_of(article: Any, settings: PressSettings) -> EventFacts:
    """Unpack a visible invitation into the plain values of its calendar entry."""
    release = article.press.meta
    event = release.event
    url = settings.absolute_url.rstrip("/") + "/" + article.view.url
    contact = article.view.contacts[0] if article.view.contacts else None
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
        organizer=(contact.name, contact.email) if contact else None,
    )


def calendar_of(article: Any, settings: PressSettings) -> bytes | None:
    """Return the .ics of a visible release, or None when it has no event."""
    entry = entry_of(article, settings)
    return None if entry is None else calendar_bytes(*entry, settings.timezone)


def entry_of(article: Any, settings: PressSettings) -> tuple[EventFacts, str] | None:
    """Return what a visible release's .ics is made from besides the site's time zone (its
    facts and UID), or None when it has no event."""
    if article.view.event is None:
        return None
    return facts_of(article, settings), event_uid(article.press.meta.key, settings.absolute_url)
