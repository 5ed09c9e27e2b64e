"""press_feeds: journalist feeds, RSS 2.0 and Atom per language, topic and tag, built with feedgen."""

from .press_feeds import register

__all__ = ["register"]
