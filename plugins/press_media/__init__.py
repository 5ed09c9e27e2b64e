"""press_media: galleries, downloads, attachments, press kits for journalists."""

from .press_media import register

# The plugins that must come before this one in PLUGINS (press_core.plugin_order).
NEEDS: tuple[str, ...] = ("press_content", "press_i18n")

__all__ = ["NEEDS", "register"]
