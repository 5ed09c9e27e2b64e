"""Journalist feeds: RSS 2.0 and Atom per language, topic and tag, built with feedgen."""


def register() -> None:
    """Connect nothing yet: the Pelican generator for feeds comes in phase 2."""
