"""press_pages: per-language listings, contacts directory, vCards and the language chooser."""

from .options import OPTIONS

# The plugins that must come before this one in PLUGINS (press_content.plugin_order).
NEEDS: tuple[str, ...] = ("press_content", "press_i18n")

__all__ = ["NEEDS", "OPTIONS", "register"]


def register() -> None:
    """Connect the plugin; its modules load here, so a build found up to date never loads them."""
    from .press_pages import register as connect

    connect()
