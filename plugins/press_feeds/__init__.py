"""press_feeds: journalist feeds, RSS 2.0 and Atom per language, topic and tag, built with feedgen."""

# The plugins that must come before this one in PLUGINS (press_content.plugin_order).
NEEDS: tuple[str, ...] = ("press_content", "press_i18n")

__all__ = ["NEEDS", "register"]


def register() -> None:
    """Connect the plugin; its modules load here, so a build found up to date never loads them."""
    from .press_feeds import register as connect

    connect()
