"""iCalendar (RFC 5545) text of one event, built with the icalendar library."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar

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
    calendar.add_component(event)
    # A year either side: the VTIMEZONE then holds real standard and daylight rules.
    calendar.add_missing_timezones(
        first_date=(facts.start - YEAR).date(), last_date=(facts.end + YEAR).date()
    )
    return calendar.to_ical()
