"""press_seo: sitemaps, robots.txt, canonical links, Open Graph, Twitter cards and JSON-LD."""

# The plugins that must come before this one in PLUGINS (press_content.plugin_order).
NEEDS: tuple[str, ...] = ("press_content", "press_i18n")

__all__ = ["NEEDS", "register"]


def register() -> None:
    """Connect the plugin; its modules load here, so a build found up to date never loads them."""
    from .press_seo import register as connect

    connect()
