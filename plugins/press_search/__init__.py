"""press_search: a Pagefind index of the published releases, and a search page per language."""

from press_core.options import Option

# The plugins that must come before this one in PLUGINS (press_core.plugin_order).
NEEDS: tuple[str, ...] = ("press_content", "press_i18n")

# No option of its own (its Indexing is kept on the run's press_build Build).
OPTIONS: tuple[Option, ...] = ()

__all__ = ["NEEDS", "OPTIONS", "register"]


def register() -> None:
    """Connect the plugin; its modules load here, so a build found up to date never loads them."""
    from .press_search import register as connect

    connect()
