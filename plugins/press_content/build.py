"""What one build reads once: settings with their one "now", contacts.yml, the reading caches."""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from press_core.errors import Problem, shown
from press_core.settings import PressSettings, read_settings

from .bodycache import BodyCache
from .contacts import Contact, load_contacts
from .frontcache import FrontMatterCache

KEY = "PRESS_BUILD"  # key of this run's PressBuild in Pelican's settings


@dataclass(frozen=True)
class PressBuild:
    """The inputs every generator and reader of one run shares."""

    settings: PressSettings
    content: Path  # Pelican's PATH
    contacts: dict[str, Contact]
    contact_problems: list[Problem]
    bodies: BodyCache
    front: FrontMatterCache  # each release file's front matter, parsed once


def open_build(settings: MutableMapping[str, Any]) -> PressBuild:
    """Read the settings (raising SettingsError), contacts.yml and the reading caches."""
    press = read_settings(settings)
    content = Path(settings["PATH"])
    contacts_path = content / press.contacts_file
    contacts, problems = load_contacts(
        contacts_path, shown(contacts_path), list(press.langs), press.topics
    )
    kept = press.body_cache
    folder = Path(settings["CACHE_PATH"])
    front = FrontMatterCache(folder / "press-frontmatter.json" if kept else None)
    bodies = BodyCache(folder / "press-bodies.json" if kept else None, front)
    return PressBuild(press, content, contacts, problems, bodies, front)


def start_build(settings: MutableMapping[str, Any]) -> PressBuild:
    """Open a new build for this run and keep it in Pelican's settings."""
    settings[KEY] = open_build(settings)
    return settings[KEY]


def build_of(settings: MutableMapping[str, Any]) -> PressBuild:
    """Return this run's build; outside a Pelican run (./dev check), open one on first use."""
    return settings.get(KEY) or start_build(settings)
