"""Pelican reader for releases: YAML front matter, typed validation, safe body."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cached_property
from html import escape
from pathlib import Path
from typing import Any, ClassVar

from pelican.readers import BaseReader
from press_core.errors import Problem, UnreadableError, read_text, shown
from press_core.typography import rules_for, unchanged

from . import frontmatter
from .body import BodyRenderer, too_deep
from .build import Sources, open_sources
from .links import OUTSIDE, within
from .plaintext import markup_problems
from .releases import Release, build_release, file_name_problems
from .schema import ReleaseMeta, validate
from .signals import release_read

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
TOO_DEEP = (
    "is nested too deeply to render (lists, quotes or emphasis inside one another); simplify it"
)


def failure(error: BaseException) -> str:
    """Name an unexpected error in a few words: its kind and its first line."""
    detail = str(error).strip().splitlines()
    return f"{type(error).__name__}: {detail[0]}" if detail else type(error).__name__


class PressReader(BaseReader):
    """Read content/releases/<YYYY>/<key>.<lang>.md files."""

    enabled = True
    # None: Pelican's discovery must not make one without the run's sources; press_content
    # installs it for .md files in each build's read phase (press_content.use_reader).
    file_extensions: ClassVar[list[str]] = []
    # Told the digests of each file's front matter and body as it is read (the build's
    # OutputMemo.note_split): a build where only bodies changed keeps the other pages' keys.
    note_split: Callable[[str, str, str], None] | None = None

    def __init__(self, settings: dict[str, Any], sources: Sources | None = None) -> None:
        """Read with a run's sources; without them (`./dev check`), read them first."""
        super().__init__(settings)
        build = self.sources = sources if sources is not None else open_sources(settings)
        self.press = build.settings
        self.content_path = Path(settings["PATH"])
        self.renderer = BodyRenderer()
        self.folders: dict[Path, Path] = {}  # folders resolved so far: as found -> real
        self.bodies = build.bodies
        self.front = build.front
        contacts, problems = build.contacts, build.contact_problems
        self.context = {
            "langs": list(self.press.langs),
            "types": list(self.press.release_types),
            "topics": self.press.topics,
            "contacts": known_contact_ids(contacts, problems),
            "limits": self.press.limits,
        }

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Return the body HTML and Pelican metadata; problems travel in the metadata."""
        path = shown(source_path)
        release, content, problems = self.release(source_path, path)
        if release is None:
            return "", self.failed(path, problems)
        return content, self.metadata(release, problems)

    def release(
        self, source_path: str, path: str, text: str | None = None
    ) -> tuple[Release | None, str, list[Problem]]:
        """Read, validate and render one file; return the release, its body HTML and problems.

        `text`, when given, is taken as the file's text (the live preview renders a saved
        text it has already compared). Never raises: any failure is a problem naming the
        file, so no release is ever dropped silently (Pelican would log and skip it), and
        `./dev check` sees it too.
        """
        try:
            return self._release(source_path, path, text)
        except Exception as error:  # every failure must become a line
            return None, "", [Problem(path, "file", f"could not be read: {failure(error)}")]

    def _release(
        self, source_path: str, path: str, text: str | None
    ) -> tuple[Release | None, str, list[Problem]]:
        try:
            if text is None:
                text = read_text(source_path)
                if release_read.receivers:  # only the live preview listens
                    release_read.send(source_path, text=text)
            split, parse = self.front.split(text)
            if self.note_split is not None:  # the body is the end of the text: the rest is front
                front = text[: len(text) - len(split.body)] if split.body else text
                self.note_split(source_path, text_digest(front), text_digest(split.body))
        except frontmatter.FrontMatterError as error:
            return None, "", [Problem(path, "front matter", str(error))]
        except (UnreadableError, FileNotFoundError) as error:
            message = str(error) if isinstance(error, UnreadableError) else "does not exist"
            return None, "", [Problem(path, "file", message)]
        meta, problems = validate(split.meta, path, self.context)
        if meta is None:
            return None, "", problems
        resolved = self.resolved(source_path)
        if not within(resolved, self.releases_root):
            return None, "", [Problem(path, "file", OUTSIDE)]
        relative = resolved.relative_to(self.releases_root).as_posix()
        problems += file_name_problems(path, relative, meta, self.press.timezone)
        problems += self.image_problems(path, meta)
        problems += markup_problems(path, meta)
        release = build_release(self.press, path, typeset(meta))
        # Bodies of releases not yet due are never cached: no embargoed text on disk.
        keep = release.is_due(self.press.now)
        if too_deep(split.body):
            return None, "", [Problem(path, "body", TOO_DEEP)]
        try:
            html = self.bodies.render(self.renderer, split.body, meta.lang, meta.dateline, keep)
        except RecursionError:
            return None, "", [Problem(path, "body", TOO_DEEP)]
        except Exception as error:  # the renderer's failure names the file
            return None, "", [Problem(path, "body", f"could not be rendered: {failure(error)}")]
        if keep and not problems:  # as bodies: nothing of a withheld release is kept
            self.front.keep(parse)
        return release, html, problems

    def resolved(self, source_path: str) -> Path:
        """Return a file's real path: its folder's resolved once per reader (a few hundred
        folders hold thousands of releases), the file followed only when it is a link."""
        path = Path(source_path)
        if path.is_symlink() or path.name in ("", ".", ".."):
            return path.resolve()
        folder = self.folders.get(path.parent)
        if folder is None:
            folder = self.folders[path.parent] = path.parent.resolve()
        return folder / path.name

    @cached_property
    def releases_root(self) -> Path:
        """Return the folder that holds the releases (resolved once per reader)."""
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


def text_digest(text: str) -> str:
    """Return the SHA-256 of a text (lone surrogates kept as they are)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def typeset(meta: ReleaseMeta) -> ReleaseMeta:
    """Apply the spacing rule of the release's language to its display text.

    Metadata keeps the quotes staff typed (only bodies get curly quotes): titles and
    summaries are quoted by journalists and must match what communications wrote.
    """
    space = rules_for(meta.lang).space
    if space is unchanged:
        return meta
    return meta.model_copy(
        update={
            "title": space(meta.title),
            "summary": space(meta.summary),
            "highlights": [space(line) for line in meta.highlights],
            "dateline": meta.dateline and space(meta.dateline),
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
