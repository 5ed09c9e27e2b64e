"""Write the corpus in PressClub's content contract (YAML front matter, contacts.yml)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import yaml

from bench import words
from bench.corpus import BOILERPLATE, LANGS, Corpus, Version
from bench.layouts.common import scalar, write_file

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="19"/></svg>\n'


def write(root: Path, corpus: Corpus) -> Path:
    """Write releases, contacts and boilerplates under `root`/content; return that path."""
    content = root / "content"
    for version in corpus.versions:
        write_file(release_path(content, version), front_matter(version) + "\n" + version.body)
    write_file(content / "contacts.yml", _contacts_yaml(corpus))
    for lang in LANGS:
        write_file(content / "boilerplates" / f"{lang}.md", BOILERPLATE[lang])
    # pelicanconf's PRESS_BRAND names this logo; the build checks that it exists.
    write_file(content / "images" / "brand" / "pressclub.svg", LOGO)
    return content


def release_path(content: Path, version: Version) -> Path:
    """Return where `version` lives: content/releases/<YYYY>/<key>.<lang>.md."""
    return content / "releases" / version.stem


def front_matter(version: Version) -> str:
    """Return the YAML front matter block of `version`, fenced by ---."""
    lines = _head(version) + _lists(version) + _related(version)
    return "---\n" + "\n".join(lines) + "\n---\n"


def _head(version: Version) -> list[str]:
    """Return the scalar fields, in the order the contract lists them."""
    r = version.release
    lines = [
        f"key: {r.key}",
        f"lang: {version.lang}",
        f"title: {scalar(version.title)}",
        f"slug: {version.slug}",
        f"date: {r.date.isoformat()}",
    ]
    lines += [f"updated: {r.updated.isoformat()}"] if r.updated else []
    lines += [f"embargo: {r.embargo.isoformat()}"] if r.embargo else []
    lines += ["status: published", f"type: {r.kind}", f"dateline: {scalar(version.dateline)}"]
    return lines + (_event(version) if r.kind == "invitation" else [])


def _event(version: Version) -> list[str]:
    """Return the event an invitation needs: two hours, a week after its date."""
    start = version.release.date + timedelta(days=7)
    return [
        "event:",
        f"  start: {start.isoformat()}",
        f"  end: {(start + timedelta(hours=2)).isoformat()}",
        f"  venue: {{name: {scalar(version.dateline)} Centre, address: 1 Main Street}}",
    ]


def _lists(version: Version) -> list[str]:
    """Return topics, tags, highlights, summary, contacts and author."""
    r = version.release
    lines = [
        f"topics: [{', '.join(r.topics)}]",
        f"tags: [{', '.join(version.tags)}]",
        "highlights:",
    ]
    lines += [f"  - {scalar(highlight)}" for highlight in version.highlights]
    return [
        *lines,
        f"summary: {scalar(version.summary)}",
        f"contacts: [{', '.join(r.contacts)}]",
        f"author: {r.author}",
    ]


def _related(version: Version) -> list[str]:
    """Return the related list: internal keys, then one external link."""
    title, url = version.link
    keys = [f"  - key: {key}" for key in version.release.related]
    return ["related:", *keys, f"  - title: {scalar(title)}", f"    url: {url}"]


def _contacts_yaml(corpus: Corpus) -> str:
    """Return contacts.yml: a list of contacts with a role per language."""
    entries = [
        {
            "id": c.id,
            "name": c.name,
            "organisation": words.ORGANISATION,
            "role": dict(zip(LANGS, words.ROLES[c.role], strict=True)),
            "phone": c.phone,
            "email": c.email,
        }
        for c in corpus.contacts
    ]
    return yaml.safe_dump(entries, allow_unicode=True, sort_keys=False)
