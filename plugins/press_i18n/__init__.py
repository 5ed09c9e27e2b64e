"""press_i18n: per-page interface language, localized dates, the finished view of each release."""

# The plugins that must come before this one in PLUGINS (press_content.plugin_order).
NEEDS: tuple[str, ...] = ("press_content",)

__all__ = ["NEEDS", "register"]


def register() -> None:
    """Connect the plugin; its modules load here, so a build found up to date never loads them."""
    from .press_i18n import register as connect

    connect()
