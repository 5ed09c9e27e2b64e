"""The build's view of the newsroom: visible releases, contacts, boilerplates."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from press_core.errors import Problem, UnreadableError, read_text, shown
from press_core.settings import PressSettings

from .body import BodyRenderer
from .contacts import Contact


@dataclass
class PressSite:
    """Shared by every PressClub plugin through context['press'] for one build."""

    settings: PressSettings
    contacts: dict[str, Contact]
    boilerplates: dict[str, str]
    articles: list[Any] = field(default_factory=list)  # visible releases, newest first
    withheld: list[Any] = field(default_factory=list)  # drafts and embargoed (published build)
    feed_links: dict[str, list[Any]] = field(
        default_factory=dict
    )  # lang -> language feeds (press_feeds)

    def in_lang(self, lang: str) -> list[Any]:
        """Return the visible releases of one language, newest first."""
        return [article for article in self.articles if article.lang == lang]


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
        if not (folder / f"{lang}.md").exists() and not (folder / f"{lang}.md").is_symlink()
    ]


def read_boilerplates(
    content: Path, settings: PressSettings
) -> tuple[dict[str, str], list[Problem]]:
    """Render content/boilerplates/<lang>.md for each language; return them and any problem."""
    renderer = BodyRenderer()
    folder = content / settings.boilerplate_dir
    found: dict[str, str] = {}
    problems: list[Problem] = []
    for lang in settings.langs:
        path = folder / f"{lang}.md"
        if not path.exists() and not path.is_symlink():
            continue
        try:
            found[lang] = renderer.render(read_text(path), lang, None)
        except (UnreadableError, FileNotFoundError) as error:
            message = str(error) if isinstance(error, UnreadableError) else "does not exist"
            problems.append(Problem(shown(path), "file", message))
        except Exception as error:  # a renderer failure names the file
            problems.append(
                Problem(
                    shown(path),
                    "body",
                    f"could not be rendered ({type(error).__name__}); simplify it",
                )
            )
    return found, problems
