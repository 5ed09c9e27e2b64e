"""Helpers shared by the layouts: file writing, YAML scalars, the plain-Markdown body."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from bench import words
from bench.corpus import BOILERPLATE, Corpus, Version

LABELS = {
    "related": ("Related", "À lire aussi"),
    "contacts": ("Press contacts", "Contacts pour les médias"),
    "about": ("About", "À propos de"),
}
YAML_SPECIAL = set(":#\"'“«[]{}&*!|>%@`,")


def write_file(path: Path, content: str) -> None:
    """Write `content` to `path`, creating its directories."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


def scalar(value: str) -> str:
    """Return `value` as YAML would be typed: plain when safe, else double-quoted."""
    if YAML_SPECIAL.isdisjoint(value) and value == value.strip() and value[:1] not in "-?":
        return value
    return json.dumps(value, ensure_ascii=False)


def label(name: str, lang: str) -> str:
    """Return the `lang` text of a section label."""
    return LABELS[name][lang == "fr"]


def plain_body(version: Version, corpus: Corpus, link: Callable[[Version], str]) -> str:
    """Return the body a plain generator needs: what our theme adds around it, inlined."""
    parts = [f"+++ {highlight} +++" for highlight in version.highlights]
    parts.append(f"**{version.dateline}** – {version.body}")
    parts.append(_related(version, corpus, link))
    parts.append(_contacts(version, corpus))
    about = f"## {label('about', version.lang)} {words.ORGANISATION}"
    parts.append(f"{about}\n\n{BOILERPLATE[version.lang]}")
    return "\n\n".join(part.strip() for part in parts) + "\n"


def _related(version: Version, corpus: Corpus, link: Callable[[Version], str]) -> str:
    """List the related releases (linked with `link`) and the external link."""
    others = (corpus.version(key, version.lang) for key in version.release.related)
    items = [f"- [{other.title}]({link(other)})" for other in others]
    title, url = version.link
    items.append(f"- [{title}]({url})")
    return f"## {label('related', version.lang)}\n\n" + "\n".join(items)


def _contacts(version: Version, corpus: Corpus) -> str:
    """List the release's press contacts."""
    contacts = (corpus.contact(cid) for cid in version.release.contacts)
    items = [
        f"- **{c.name}**, {words.ROLES[c.role][version.lang == 'fr']}, {c.phone}, [{c.email}](mailto:{c.email})"
        for c in contacts
    ]
    return f"## {label('contacts', version.lang)}\n\n" + "\n".join(items)
