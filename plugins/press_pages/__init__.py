"""press_pages: per-language listings, contacts directory, vCards and the language chooser."""

from press_core.plugin_order import register_on_call

from .options import OPTIONS

# The plugins that must come before this one in PLUGINS (press_content.plugin_order).
NEEDS: tuple[str, ...] = ("press_content", "press_i18n")

__all__ = ["NEEDS", "OPTIONS", "register"]

register = register_on_call(__name__)  # loads the plugin's modules when called
