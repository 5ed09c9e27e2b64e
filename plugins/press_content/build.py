"""What press_content reads once per run: contacts.yml and the reading caches, with the settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from press_core.errors import Problem, shown
from press_core.settings import PressSettings, read_settings

from .bodycache import BodyCache
from .contacts import Contact, load_contacts
from .frontcache import FrontMatterCache


@dataclass(frozen=True)
class Sources:
    """The inputs every reader and check of one run shares (kept on the run's press_build Build)."""

    settings: PressSettings
    content: Path  # Pelican's PATH
    contacts: dict[str, Contact]
    contact_problems: list[Problem]
    bodies: BodyCache
    front: FrontMatterCache  # each release file's front matter, parsed once


def open_sources(settings: Mapping[str, Any], press: PressSettings | None = None) -> Sources:
    """Read contacts.yml and open the reading caches (and the settings when not given:
    `./dev check` reads without a build; a bad setting raises SettingsError)."""
    press = press if press is not None else read_settings(settings)
    content = Path(settings["PATH"])
    contacts_path = content / press.contacts_file
    contacts, problems = load_contacts(
        contacts_path, shown(contacts_path), list(press.langs), press.topics
    )
    kept = press.body_cache
    folder = Path(settings["CACHE_PATH"])
    front = FrontMatterCache(folder / "press-frontmatter.json" if kept else None)
    bodies = BodyCache(folder / "press-bodies.json" if kept else None, front)
    return Sources(press, content, contacts, problems, bodies, front)
