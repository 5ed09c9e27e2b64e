"""Whole-site validation shared by the build and `./dev check`: one set of rules."""

from __future__ import annotations

from pathlib import Path

from .contacts import Contact, load_contacts
from .errors import Problem
from .links import link_problems
from .reader import shown
from .releases import Release, catalog_problems
from .settings import PressSettings
from .site import read_boilerplates


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
    problems += read_boilerplates(content, settings, shown)[1]
    problems += link_problems(content, settings.releases_dir, shown)
    return contacts, sorted(set(problems))
