"""Signal handlers of press_assets: theme assets written under fingerprinted names."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from pelican import signals
from press_core.plugin_order import check_plugin_order

from .fingerprint import Asset, asset_url, theme_assets

STATIC = "static"  # the theme's asset folder; THEME_STATIC_PATHS stays empty


def assets_of(settings: dict) -> dict[str, Asset]:
    """Return the fingerprinted assets of the build's theme."""
    return theme_assets(Path(settings["THEME"]) / STATIC)


def install(generator: Any) -> None:
    """Give every template `asset('css/press.css')`: the URL of its fingerprinted copy."""
    assets = assets_of(generator.settings)
    static_dir = generator.settings.get("THEME_STATIC_DIR", "theme")
    generator.env.globals["asset"] = partial(asset_url, assets, static_dir)


class AssetGenerator:
    """Write each theme asset once, under its fingerprinted name only."""

    def __init__(
        self, context: dict, settings: dict, path: str, theme: str, output_path: str, *args: Any
    ) -> None:
        self.settings = settings

    def generate_output(self, writer: Any) -> None:
        """Write the fingerprinted copies through the build's writer."""
        static_dir = self.settings.get("THEME_STATIC_DIR", "theme")
        for asset in assets_of(self.settings).values():
            writer.write_bytes(f"{static_dir}/{asset.hashed}", asset.data, f"theme/{asset.name}")


def add_generator(pelican: Any) -> type:
    """Offer the generator to Pelican."""
    return AssetGenerator


def register() -> None:
    """Connect the handlers."""
    # initialized: every plugin is loaded, nothing is read yet; stop on a wrong PLUGINS.
    signals.initialized.connect(check_plugin_order)
    # generator_init: every generator's Jinja environment gets the asset() helper.
    signals.generator_init.connect(install)
    # get_generators: the fingerprinted files are new output, written through SafeWriter.
    signals.get_generators.connect(add_generator)
