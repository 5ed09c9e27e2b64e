"""press_pages settings: tags paired across languages, and the footer's links per language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from press_core import urls
from press_core.options import Option, OptionError

FOOTER_KINDS = ("legal", "privacy", "accessibility", "about")  # in the order the footer shows
PAIRS_EXAMPLE = "[{'en': 'china', 'fr': 'chine'}]"
FOOTER_EXAMPLE = "{'en': {'legal': 'https://example.com/legal'}}"
SAFE_SCHEMES = ("https://", "http://", "/")


def _pair_problem(pair: Any) -> str | None:
    """Say what is wrong with one pair of tags, or None."""
    if not isinstance(pair, Mapping) or len(pair) < 2:
        return f"{pair!r} is not a pair of tags; write one like {PAIRS_EXAMPLE}"
    if not all(isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in pair.items()):
        return f"{pair!r}: each language needs a tag as text; write one like {PAIRS_EXAMPLE}"
    return None


def tag_pairs(value: Any) -> tuple[Mapping[str, str], ...]:
    """Check PRESS_TAG_PAIRS: a list of {lang: tag}; a tag slug is in one pair per language."""
    if not isinstance(value, Sequence) or isinstance(value, str | bytes):
        raise OptionError(f"{value!r} is not a list of tag pairs; write one like {PAIRS_EXAMPLE}")
    seen: set[tuple[str, str]] = set()
    for pair in value:
        problem = _pair_problem(pair)
        if problem:
            raise OptionError(problem)
        for lang, tag in pair.items():
            if (lang, urls.tag_slug(tag)) in seen:
                raise OptionError(f"{lang}: {tag!r} is in two pairs; keep it in one")
            seen.add((lang, urls.tag_slug(tag)))
    return tuple(dict(pair) for pair in value)


def _link_problem(lang: Any, links: Any) -> str | None:
    """Say what is wrong with one language's footer links, or None."""
    if not isinstance(lang, str) or not isinstance(links, Mapping):
        return f"{lang!r}: not a language's links; write them like {FOOTER_EXAMPLE}"
    for kind, url in links.items():
        if kind not in FOOTER_KINDS:
            return f"{lang}: {kind!r} is not a footer link; use {', '.join(FOOTER_KINDS)}"
        # Only web addresses and site paths: no javascript: or data: address in a link.
        if not isinstance(url, str) or not url.startswith(SAFE_SCHEMES) or url.startswith("//"):
            return f"{lang}: {kind}: {url!r} is not an http(s) address or a path starting with /"
    return None


def footer_links(value: Any) -> Mapping[str, Mapping[str, str]]:
    """Check PRESS_FOOTER_LINKS: lang -> {legal|privacy|accessibility|about: address}."""
    if not isinstance(value, Mapping):
        raise OptionError(
            f"{value!r} is not a mapping of languages; write one like {FOOTER_EXAMPLE}"
        )
    for lang, links in value.items():
        problem = _link_problem(lang, links)
        if problem:
            raise OptionError(problem)
    return value


def unknown_languages(name: str, langs: Sequence[str], used: Sequence[str]) -> list[str]:
    """Return one line per language a setting names that PRESS_LANGUAGES lacks."""
    return [
        f"{name}: {lang!r} is not a language of PRESS_LANGUAGES ({', '.join(langs)})"
        for lang in sorted(set(used) - set(langs))
    ]


OPTIONS: tuple[Option, ...] = (
    # Tags that are one subject in several languages: their pages link each other.
    Option("PRESS_TAG_PAIRS", (), tag_pairs),
    # Legal notice, privacy, accessibility and "about" pages, linked from every footer.
    Option("PRESS_FOOTER_LINKS", {}, footer_links),
)
