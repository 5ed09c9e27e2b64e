"""Plan the media output of visible releases: page values, originals, derivatives, press kits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import lxml.html
from press_content.frontmatter import split
from press_pages.pages import card_of
from press_pages.vcard import vcard

from .checks import image_facts
from .derive import Derived, derive
from .presskit import press_kit, unique_names
from .settings import MediaSettings
from .view import Download, MediaView, Picture, file_size, media_folder, picture, rendition_url


@dataclass(frozen=True)
class OutputFile:
    """One file to write: its output name, its bytes (or the cache file holding them), its source."""

    save_as: str
    data: bytes | Path
    source: str

    def read(self) -> bytes:
        """Return the bytes to write."""
        return self.data.read_bytes() if isinstance(self.data, Path) else self.data


@dataclass(frozen=True)
class Source:
    """One listed file, read once per build."""

    src: str
    data: bytes
    base: str  # output folder, named by content
    derived: Derived | None = None  # images only
    pixels: tuple[int, int] = (0, 0)


class MediaPlanner:
    """Collect the page values and output files of every visible release's media."""

    def __init__(
        self,
        content: Path,
        settings: MediaSettings,
        locales: dict[str, str],
        gettext: Callable[[str, str], str] = lambda lang, text: text,
        spool: Path | None = None,
        site_url: str = "",
    ) -> None:
        self.content = content
        self.site_url = site_url  # absolute site address, for the contact photos in vCards
        self.spool = spool  # a private folder outside the output for press kits, or memory
        self.gettext = gettext  # (lang, message) -> translation, for the credits file
        self.settings = settings
        self.locales = locales
        self.files: dict[str, OutputFile] = {}
        self.sources: dict[tuple[str, bool], Source] = {}

    def source(self, src: str, image: bool) -> Source:
        """Read a listed file once; derive an image once; plan its original for the output."""
        if (src, image) in self.sources:
            return self.sources[(src, image)]
        path = self.content / src
        data = path.read_bytes()
        base = media_folder(self.settings.folder, data)
        found = Source(src, data, base)
        if image:
            derived = derive(path, data, self.settings)
            facts = image_facts(path)
            found = Source(
                src, data, base, derived, (facts.width, facts.height) if facts else (0, 0)
            )
            for rendition in derived.renditions:
                self.add(rendition_url(base, src, rendition), derived.folder / rendition.name, src)
        self.add(f"{base}/{PurePosixPath(src).name}", data, src)
        self.sources[(src, image)] = found
        return found

    def add(self, save_as: str, data: bytes | Path, source: str) -> None:
        """Plan one output file; the same file listed twice is written once."""
        self.files.setdefault(save_as, OutputFile(save_as, data, source))

    def picture(self, entry: Any, locale: str, lead: bool = False) -> Picture:
        """Return the page values of one image entry."""
        found = self.source(entry.src, image=True)
        facts = (*found.pixels, len(found.data))
        return picture(entry, found.base, found.derived, facts, locale, lead)

    def download(self, entry: Any, locale: str) -> Download:
        """Return the page values of one attachment."""
        found = self.source(entry.src, image=False)
        name = PurePosixPath(entry.src).name
        kind = PurePosixPath(name).suffix.lstrip(".").upper()
        size = file_size(len(found.data), locale)
        return Download(f"{found.base}/{name}", entry.title, entry.description, kind, size)

    def view(self, article: Any, contacts: list[Any], title: str) -> MediaView:
        """Plan one release's media and its press kit; return what its page shows."""
        meta = article.press.meta
        locale = self.locales[meta.lang]
        lead = self.picture(meta.image, locale, lead=True) if meta.image else None
        gallery = tuple(self.picture(photo, locale) for photo in meta.images)
        attachments = tuple(self.download(item, locale) for item in meta.attachments)
        data = press_kit(self.kit_entries(article, contacts))
        save_as = f"{article.press.url}{meta.key}-{meta.lang}-press-kit.zip"
        self.add(save_as, self.park(save_as, data), article.source_path)
        kit = Download(save_as, title, None, "ZIP", file_size(len(data), locale))
        return MediaView(lead, gallery, attachments, kit)

    def park(self, save_as: str, data: bytes) -> bytes | Path:
        """Keep a press kit in the spool folder until it is written, not in memory."""
        if self.spool is None:
            return data
        path = self.spool / save_as.replace("/", "_")
        path.write_bytes(data)
        return path

    def labels(self, lang: str) -> dict[str, str]:
        """Return the credits file's labels in a language."""
        return {name: self.gettext(lang, text) for name, text in CREDIT_LABELS.items()}

    def kit_entries(self, article: Any, contacts: list[Any]) -> list[tuple[str, bytes]]:
        """List a press kit's files in a fixed order."""
        meta = article.press.meta
        body = split(Path(article.source_path).read_text(encoding="utf-8")).body
        entries = [
            ("release.md", f"# {meta.title}\n\n{body.strip()}\n".encode()),
            ("release.txt", release_text(meta, article.content).encode()),
            ("CREDITS.txt", credits(photos_of(meta), self.labels(meta.lang)).encode()),
        ]
        photos = photos_of(meta)
        names = unique_names([PurePosixPath(p.src).name for p in photos])
        entries += [
            (f"photos/{n}", self.source(p.src, True).data)
            for n, p in zip(names, photos, strict=True)
        ]
        names = unique_names([PurePosixPath(a.src).name for a in meta.attachments])
        entries += [
            (f"attachments/{n}", self.source(a.src, False).data)
            for n, a in zip(names, meta.attachments, strict=True)
        ]
        entries += [
            (f"contacts/{c.id}.vcf", vcard(card_of(c, meta.lang, self.site_url)).encode())
            for c in contacts
        ]
        return entries


def photos_of(meta: Any) -> list[Any]:
    """Return the lead image and the gallery photos, each source once."""
    seen, photos = set(), []
    for entry in ([meta.image] if meta.image else []) + list(meta.images):
        if entry.src not in seen:
            seen.add(entry.src)
            photos.append(entry)
    return photos


def N_(message: str) -> str:  # noqa: N802 - the name Babel extracts
    """Mark a message for translation; it is translated where it is used."""
    return message


KIT_TITLE = N_("Press kit")
CREDIT_LABELS = {
    "credit": N_("Credit: %(value)s"),
    "licence": N_("Licence: %(value)s"),
    "caption": N_("Caption: %(value)s"),
}


def credits(photos: list[Any], labels: dict[str, str]) -> str:
    """Write the credits file of a press kit: one block per photo, labels translated."""
    blocks = []
    for photo in photos:
        lines = [PurePosixPath(photo.src).name]
        for name, label in labels.items():
            value = getattr(photo, name, None)
            if value:
                lines.append(label % {"value": value})
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def release_text(meta: Any, html: str) -> str:
    """Write the release as plain text: title, summary, then the body's text."""
    body = lxml.html.fromstring(f"<div>{html}</div>").text_content().strip() if html else ""
    return f"{meta.title}\n\n{meta.summary}\n\n{body}\n"
