"""press_i18n: per-page interface language, localized dates, the finished view of each release."""

from .press_i18n import register

# The plugins that must come before this one in PLUGINS (press_content.plugin_order).
NEEDS: tuple[str, ...] = ("press_content",)

__all__ = ["NEEDS", "register"]
