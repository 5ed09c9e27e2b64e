"""press_assets: theme files written under content-hashed names, with an asset() helper."""

from press_core.plugin_order import register_on_call

# The plugins that must come before this one in PLUGINS (press_core.plugin_order):
# press_content first (the sites' order; press_build's SafeWriter writes the files).
NEEDS: tuple[str, ...] = ("press_content",)

__all__ = ["NEEDS", "register"]

register = register_on_call(__name__)  # loads the plugin's modules when called
