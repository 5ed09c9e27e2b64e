"""press_media: galleries, downloads, attachments, press kits for journalists."""

from .settings import OPTIONS

# The plugins that must come before this one in PLUGINS (press_core.plugin_order).
NEEDS: tuple[str, ...] = ("press_content", "press_i18n")

__all__ = ["NEEDS", "OPTIONS", "register"]


def register() -> None:
    """Connect the plugin; its modules load here, so a build found up to date never loads them."""
    from .press_media import register as connect

    connect()
