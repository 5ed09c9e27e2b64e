"""press_assets: theme files written under content-hashed names, with an asset() helper."""

# The plugins that must come before this one in PLUGINS (press_core.plugin_order):
# press_content first (the sites' order; press_build's SafeWriter writes the files).
NEEDS: tuple[str, ...] = ("press_content",)

__all__ = ["NEEDS", "register"]


def register() -> None:
    """Connect the plugin; its modules load here, so a build found up to date never loads them."""
    from .press_assets import register as connect

    connect()
