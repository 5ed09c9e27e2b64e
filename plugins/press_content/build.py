"""What one build reads once: the settings with their one "now", contacts.yml, the body cache."""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from press_core.errors import Problem, shown
from press_core.settings import PressSettings, read_settings

from .bodycache import BodyCache
from .contacts import Contact, load_contacts

KEY = "PRESS_BUILD"  # key of this run's PressBuild in Pelican's settings


@dataclass(frozen=True)
class PressBuild:
    """The inputs every generator and reader of one run shares."""

    settings: PressSettings
    content: Path  # Pelican's PATH
    contacts: dict[str, Contact]
    contact_problems: list[Problem]
    bodies: BodyCache


def open_build(settings: MutableMapping[str, Any]) -> PressBuild:
    """Read the settings (raising SettingsError), contacts.yml and the body cache."""
    press = read_settings(settings)
    content = Path(settings["PATH"])
    contacts_path = content / press.contacts_file
    contacts, problems = load_contacts(contacts_path, shown(contacts_path), list(press.langs))
    cache = (
        Path(settings["CACHE_PATH"]) / "press-bodies.json"
        if settings.get("PRESS_BODY_CACHE", True)
        else None
    )
    return PressBuild(press, content, contacts, problems, BodyCache(cache))


def start_build(settings: MutableMapping[str, Any]) -> PressBuild:
    """Open a new build for this run and keep it in Pelican's settings."""
    settings[KEY] = open_build(settings)
    return settings[KEY]


def build_of(settings: MutableMapping[str, Any]) -> PressBuild:
    """Return this run's build; outside a Pelican run (./dev check), open one on first use."""
    return settings.get(KEY) or start_build(settings)
