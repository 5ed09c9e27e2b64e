"""press_events: an invitation's event facet (article.view.event) and its .ics per language."""

# The plugins that must come before this one in PLUGINS (press_core.plugin_order).
NEEDS: tuple[str, ...] = ("press_content", "press_i18n")

__all__ = ["NEEDS", "register"]


def register() -> None:
    """Connect the plugin; its modules load here, so a build found up to date never loads them."""
    from .press_events import register as connect

    connect()
