"""Where a release missing in a language sends readers of that language: one small page."""

from __future__ import annotations


def untranslated_url(lang: str, key: str) -> str:
    """Return the page of `lang` that says release `key` exists in other languages only.

    A file, not a folder's index.html: the sitemap lists index pages only, and it sits
    outside the releases folders that Pagefind indexes.
    """
    return f"{lang}/{key}.html"
