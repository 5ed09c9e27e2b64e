"""press_seo: sitemaps, robots.txt, canonical links, Open Graph, Twitter cards and JSON-LD."""

from .press_seo import register

__all__ = ["register"]
