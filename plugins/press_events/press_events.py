"""Pelican side of press_events: one .ics file per invitation and language."""

from __future__ import annotations

from typing import Any

from pelican import signals
from press_core.plugin_order import check_plugin_order
from press_core.settings import PressSettings

from .ics import EventFacts, calendar_bytes, event_uid


def facts_of(article: Any, settings: PressSettings) -> EventFacts:
    """Unpack a visible invitation into the plain values of its calendar entry."""
    release = article.press.meta
    event = release.event
    url = settings.absolute_url.rstrip("/") + "/" + article.view.url
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
    """Write one .ics per visible invitation and language, where its view says (view.event)."""

    def __init__(self, context: dict, settings: dict, *args: Any, **kwargs: Any) -> None:
        self.context = context

    def generate_context(self) -> None:
        """Nothing to add: the event's page values are in each release's view."""

    def generate_output(self, writer: Any) -> None:
        """Write the .ics files through press_content's SafeWriter (withheld releases have none)."""
        press = self.context.get("press")
        if press is None:
            return
        settings = press.settings
        for article in press.articles:
            if article.view.event is None:
                continue
            data = calendar_bytes(
                facts_of(article, settings),
                event_uid(article.press.meta.key, settings.absolute_url),
                settings.timezone,
            )
            writer.write_bytes(article.view.event.ics_url, data, "press_events calendar")


def add_generator(pelican: Any) -> type:
    """Offer the generator to Pelican."""
    return EventsGenerator


def register() -> None:
    """Connect the handlers."""
    # initialized: every plugin is loaded, nothing is read yet; stop on a wrong PLUGINS.
    signals.initialized.connect(check_plugin_order)
    # get_generators: the .ics files are new output files, written through SafeWriter.
    signals.get_generators.connect(add_generator)
