"""press_feeds: journalist feeds, RSS 2.0 and Atom per language, topic and tag, built with feedgen."""

from press_core.plugin_order import register_on_call

# The plugins that must come before this one in PLUGINS (press_content.plugin_order).
NEEDS: tuple[str, ...] = ("press_content", "press_i18n")

__all__ = ["NEEDS", "register"]

register = register_on_call(__name__)  # loads the plugin's modules when called
