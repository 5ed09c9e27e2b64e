"""Pelican side of press_events: one .ics file per invitation and language."""

from __future__ import annotations

from typing import Any

from pelican import signals
from press_core.ics import calendar_of
from press_core.plugin_order import check_plugin_order


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
