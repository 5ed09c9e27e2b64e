"""Pelican side of press_events: one .ics file per invitation and language."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pelican import signals
from press_build import Build
from press_build import signals as phases
from press_core.ics import calendar_of
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
        for article in press.articles:
            data = calendar_of(article, press.settings)
            if data is not None:
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
    # views (after press_i18n's, which made each view): the releases' event facets.
    phases.views.connect(give_events)
