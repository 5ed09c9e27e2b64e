"""Pelican side of press_events: one .ics file per invitation and language."""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo

from pelican import signals
from press_build import Build
from press_build import signals as phases
from press_core.ics import EventFacts, calendar_bytes, entry_of
from press_core.plugin_order import check_plugin_order

from .view import event_view


def give_events(generator: Any, build: Build) -> None:
    """Give the view of every visible invitation its event facet (`view.event`)."""
    site = generator.context.get("press")
    for article in site.articles if site is not None else ():
        event = article.press.meta.event
        if event is not None:
            facet = event_view(event, article.lang, article.save_as, site.settings)
            article.view = replace(article.view, event=facet)


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
        zone = press.settings.timezone
        for article in press.articles:
            entry = entry_of(article, press.settings)
            if entry is not None:  # made only when its facts changed since the last build
                names, parts = [article.view.event.ics_url], (entry, zone.key)
                make = functools.partial(_made, entry, zone)
                writer.write_made(names, parts, make, "press_events calendar")


def _made(entry: tuple[EventFacts, str], zone: ZoneInfo) -> tuple[bytes]:
    """Return the one file write_made expects for an invitation: its .ics."""
    return (calendar_bytes(*entry, zone),)


def add_generator(pelican: Any) -> type:
    """Offer the generator to Pelican."""
    return EventsGenerator


def register() -> None:
    """Connect the handlers."""
    # initialized: every plugin is loaded, nothing is read yet; stop on a wrong PLUGINS.
    signals.initialized.connect(check_plugin_order)
    # get_generators: the .ics files are new output files, written through SafeWriter.
    signals.get_generators.connect(add_generator)
    # views (after press_i18n's, which made each view): the releases' event facets.
    phases.views.connect(give_events)
