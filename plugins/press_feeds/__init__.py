"""press_feeds: journalist feeds, RSS 2.0 and Atom per language, topic and tag, built with feedgen."""

from .press_feeds import register

# The plugins that must come before this one in PLUGINS (press_content.plugin_order).
NEEDS: tuple[str, ...] = ("press_content", "press_i18n")

__all__ = ["NEEDS", "register"]
