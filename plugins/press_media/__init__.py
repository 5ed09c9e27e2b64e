"""press_media: galleries, downloads, attachments, press kits for journalists."""

from press_core.plugin_order import register_on_call

from .settings import OPTIONS

# The plugins that must come before this one in PLUGINS (press_core.plugin_order).
NEEDS: tuple[str, ...] = ("press_content", "press_i18n")

__all__ = ["NEEDS", "OPTIONS", "register"]

register = register_on_call(__name__)  # loads the plugin's modules when called
