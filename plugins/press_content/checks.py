"""Whole-site validation shared by the build and `./dev check`: one set of rules."""

from __future__ import annotations

from pathlib import Path

from press_core.errors import Problem
from press_core.settings import PressSettings

from .contacts import Contact, load_contacts
from .reader import shown
from .releases import Release, catalog_problems


def site_problems(
    content: Path, settings: PressSettings, read: list[tuple[Release | None, list[Problem]]]
) -> tuple[dict[str, Contact], list[Problem]]:
    """Check contacts, each file's own problems and the rules between files; return all."""
    contacts_path = content / settings.contacts_file
    contacts, problems = load_contacts(contacts_path, shown(contacts_path), list(settings.langs))
    own = [problem for _, found in read for problem in found]
    releases = [release for release, _ in read if release is not None]
    names = {lang: value["name"] for lang, value in settings.languages.items()}
    problems += own + catalog_problems(releases, names, {p.path for p in own})
    return contacts, sorted(set(problems))
