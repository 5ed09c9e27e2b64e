"""Which press contacts a reader sees where: by topic, and grouped by organisation."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def covering(contacts: Iterable[Any], topic: str) -> tuple[Any, ...]:
    """Return the contacts that say they cover a topic, in the order of contacts.yml."""
    return tuple(contact for contact in contacts if topic in contact.topics)


def by_name(pair: tuple[str, Any]) -> str:
    """Sort key of a (name, members) pair: the name, case-insensitive."""
    return pair[0].casefold()


def by_organisation(contacts: Iterable[Any], lang: str) -> tuple[tuple[str, tuple[Any, ...]], ...]:
    """Group contacts under their organisation's name in a language, names in file order."""
    groups: dict[str, list[Any]] = {}
    for contact in contacts:
        groups.setdefault(contact.organisation_in(lang), []).append(contact)
    return tuple((name, tuple(members)) for name, members in sorted(groups.items(), key=by_name))
