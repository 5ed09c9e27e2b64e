"""schema.org Event of an invitation, for search engines' event listings."""

from __future__ import annotations

from dataclasses import dataclass

from press_core.urls import absolute

from .meta import ReleaseFacts, Site


@dataclass(frozen=True)
class EventFacts:
    """When and where an invitation's event happens, in plain values."""

    start: str  # ISO 8601 with the offset, in the newsroom's time zone
    end: str
    venue: str
    address: str
    rsvp: str | None = None  # e-mail address or web address


def event_data(site: Site, facts: ReleaseFacts, event: EventFacts) -> dict:
    """Return the schema.org Event of an invitation (an in-person event, as scheduled)."""
    canonical = absolute(site.siteurl, facts.url)
    organizer = {"@type": "Organization", "name": site.name, "url": absolute(site.siteurl, "")}
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": facts.title,
        "description": facts.summary,
        "url": canonical,
        "inLanguage": facts.locale.replace("_", "-"),
        "startDate": event.start,
        "endDate": event.end,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": event.venue,
            "address": {"@type": "PostalAddress", "streetAddress": event.address},
        },
        "organizer": organizer,
    }
    if event.rsvp and event.rsvp.startswith(("https://", "http://")):
        data["offers"] = {"@type": "Offer", "url": event.rsvp, "price": 0}
    return data
