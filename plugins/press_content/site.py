"""The build's view of the newsroom: visible releases, contacts, boilerplates."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from press_core.errors import Problem, shown
from press_core.settings import PressSettings

from .body import BodyRenderer
from .contacts import Contact
from .releases import Release


@dataclass
class PressSite:
    """Shared by every PressClub plugin through context['press'] for one build."""

    settings: PressSettings
    contacts: dict[str, Contact]
    boilerplates: dict[str, str]
    articles: list[Any] = field(default_factory=list)  # visible releases, newest first
    withheld: list[Release] = field(default_factory=list)  # drafts and embargoed, published build
    feed_links: dict[str, list[Any]] = field(
        default_factory=dict
    )  # lang -> language feeds (press_feeds)

    def in_lang(self, lang: str) -> list[Any]:
        """Return the visible releases of one language, newest first."""
        return [article for article in self.articles if article.lang == lang]

    def withheld_images(self) -> set[str]:
        """Return images used only by releases that are not published yet."""
        used = {a.press.meta.image.src for a in self.articles if a.press.meta.image}
        held = {r.meta.image.src for r in self.withheld if r.meta.image}
        return held - used


def newest_first(articles: list[Any]) -> list[Any]:
    """Sort releases newest first; equal dates by key, then language, for stable output."""
    return sorted(articles, key=lambda a: (-a.date.timestamp(), a.press.meta.key, a.lang))


def boilerplate_problems(content: Path, settings: PressSettings) -> list[Problem]:
    """Report each language that has no boilerplate file."""
    folder = content / settings.boilerplate_dir
    return [
        Problem(
            shown(folder / f"{lang}.md"),
            "file",
            f"not found; write the boilerplate in {settings.languages[lang]['name']}",
        )
        for lang in settings.langs
        if not (folder / f"{lang}.md").is_file()
    ]


def read_boilerplates(content: Path, settings: PressSettings) -> dict[str, str]:
    """Render content/boilerplates/<lang>.md for each language that has one."""
    renderer = BodyRenderer()
    folder = content / settings.boilerplate_dir
    texts = {lang: folder / f"{lang}.md" for lang in settings.langs}
    return {
        lang: renderer.render(path.read_text(encoding="utf-8"), lang, None)
        for lang, path in texts.items()
        if path.is_file()
    }
