"""press_i18n: per-page interface language, localized dates, the finished view of each release."""

from press_core.plugin_order import register_on_call

# The plugins that must come before this one in PLUGINS (press_content.plugin_order).
NEEDS: tuple[str, ...] = ("press_content",)

__all__ = ["NEEDS", "register"]

register = register_on_call(__name__)  # loads the plugin's modules when called
