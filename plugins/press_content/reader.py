"""Pelican reader for releases: YAML front matter, typed validation, safe body."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any, ClassVar

from pelican.readers import BaseReader
from press_i18n.typography import french_spacing

from . import frontmatter
from .body import BodyRenderer
from .bodycache import BodyCache
from .contacts import load_contacts
from .errors import Problem
from .plaintext import markup_problems
from .releases import Release, build_release, file_name_problems
from .schema import ReleaseMeta, validate
from .settings import read_settings

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def shown(path: str | os.PathLike) -> str:
    """Return a path as staff know it: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


class PressReader(BaseReader):
    """Read content/releases/<YYYY>/<key>.<lang>.md files."""

    enabled = True
    file_extensions: ClassVar[list[str]] = ["md"]

    def __init__(self, settings: dict[str, Any]) -> None:
        super().__init__(settings)
        self.press = read_settings(settings)
        self.content_path = Path(settings["PATH"])
        self.renderer = BodyRenderer()
        cache = (
            Path(settings["CACHE_PATH"]) / "press-bodies.json"
            if settings.get("PRESS_BODY_CACHE", True)
            else None
        )
        self.bodies = BodyCache(cache)
        contacts_path = self.content_path / self.press.contacts_file
        contacts, problems = load_contacts(
            contacts_path, shown(contacts_path), list(self.press.langs)
        )
        self.context = {
            "langs": list(self.press.langs),
            "types": list(self.press.release_types),
            "topics": self.press.topics,
            "contacts": known_contact_ids(contacts, problems),
        }

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Return the body HTML and Pelican metadata; problems travel in the metadata."""
        path = shown(source_path)
        release, body, problems = self.release(source_path, path)
        if release is None:
            return "", self.failed(path, problems)
        meta = release.meta
        # Bodies of releases not yet due are never cached: no embargoed text on disk.
        keep = release.is_due(self.press.now)
        content = self.bodies.render(self.renderer, body, meta.lang, meta.dateline, keep=keep)
        return content, self.metadata(release, problems)

    def release(self, source_path: str, path: str) -> tuple[Release | None, str, list[Problem]]:
        """Parse and validate one file; return the release, its Markdown body and problems."""
        try:
            split = frontmatter.split(Path(source_path).read_text(encoding="utf-8"))
        except frontmatter.FrontMatterError as error:
            return None, "", [Problem(path, "front matter", str(error))]
        except UnicodeDecodeError as error:
            message = f"is not UTF-8 text (byte {error.object[error.start]:#04x} at position {error.start}); save it as UTF-8"
            return None, "", [Problem(path, "file", message)]
        meta, problems = validate(split.meta, path, self.context)
        if meta is None:
            return None, "", problems
        relative = Path(source_path).resolve().relative_to(self.releases_root()).as_posix()
        problems += file_name_problems(path, relative, meta, self.press.timezone)
        problems += self.image_problems(path, meta)
        problems += markup_problems(path, meta)
        return build_release(self.press, path, typeset(meta)), split.body, problems

    def releases_root(self) -> Path:
        """Return the folder that holds the releases."""
        return (self.content_path / self.press.releases_dir).resolve()

    def image_problems(self, path: str, meta: ReleaseMeta) -> list[Problem]:
        """Check that the lead image exists inside content/."""
        if meta.image and not (self.content_path / meta.image.src).is_file():
            return [
                Problem(
                    path,
                    "image.src",
                    f'file "{shown(self.content_path / meta.image.src)}" does not exist',
                )
            ]
        return []

    def metadata(self, release: Release, problems: list[Problem]) -> dict[str, Any]:
        """Return the metadata Pelican needs, with the release itself attached."""
        meta = release.meta
        return {
            "title": meta.title,
            "date": meta.date,
            **({"modified": meta.updated} if meta.updated else {}),
            "lang": meta.lang,
            "key": meta.key,
            "slug": release.slug,
            "url": release.url,
            "save_as": release.save_as,
            "summary": escape(meta.summary),
            "status": "published",
            "template": "release",
            "press": release,
            "press_problems": problems,
        }

    def failed(self, path: str, problems: list[Problem]) -> dict[str, Any]:
        """Return placeholder metadata for a file that cannot be read; the build stops later."""
        return {
            "title": path, "date": EPOCH, "lang": self.press.default_lang, "key": f"invalid:{path}",
            "url": "", "save_as": "", "status": "published", "template": "release",
            "press": None, "press_problems": problems,
        }  # fmt: skip


def typeset(meta: ReleaseMeta) -> ReleaseMeta:
    """Apply French spacing to the display text of a French release.

    Metadata keeps the quotes staff typed (only bodies get curly quotes): titles and
    summaries are quoted by journalists and must match what communications wrote.
    """
    if meta.lang != "fr":
        return meta
    return meta.model_copy(
        update={
            "title": french_spacing(meta.title),
            "summary": french_spacing(meta.summary),
            "highlights": [french_spacing(line) for line in meta.highlights],
            "dateline": meta.dateline and french_spacing(meta.dateline),
        }
    )


def known_contact_ids(contacts: dict, problems: list[Problem]) -> Any:
    """Return the ids releases may use; a broken contacts entry still counts as known.

    Its own problem is reported once; echoing it in every release would bury it.
    """
    if any(p.field == "file" for p in problems):
        return _Anything()
    return set(contacts) | {p.field.split(".")[0] for p in problems}


class _Anything:
    """Stands for the contact ids while contacts.yml itself has problems."""

    def __contains__(self, item: object) -> bool:
        return True

    def __iter__(self):
        return iter(())
