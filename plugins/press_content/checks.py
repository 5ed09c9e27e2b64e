"""Whole-site validation shared by the build and `./dev check`: one set of rules."""

from __future__ import annotations

from press_core.errors import Problem, shown

from .build import Sources
from .contacts import Contact
from .links import link_problems
from .releases import Release, catalog_problems
from .site import boilerplate_problems, read_boilerplates


def site_problems(
    build: Sources, read: list[tuple[Release | None, list[Problem]]]
) -> tuple[dict[str, Contact], list[Problem]]:
    """Check contacts, each file's own problems and the rules between files; return all."""
    settings, contacts, problems = build.settings, build.contacts, list(build.contact_problems)
    own = [problem for _, found in read for problem in found]
    releases = [release for release, _ in read if release is not None]
    names = {lang: value["name"] for lang, value in settings.languages.items()}
    problems += boilerplate_problems(build.content, settings)
    problems += own + catalog_problems(releases, names, {p.path for p in own})
    problems += read_boilerplates(build.content, settings)[1]
    problems += link_problems(build.content, settings.releases_dir, shown)
    return contacts, sorted(set(problems))
