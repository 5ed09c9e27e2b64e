"""Plan the media output of visible releases: page values, originals, derivatives, press kits."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

from press_core import urls
from press_core.i18n_marks import N_
from press_pages.pages import card_of
from press_pages.vcard import vcard

from .checks import image_facts
from .derive import Derived, derive, hashes
from .kit_texts import TextValues, text_entries, texts_key
from .kits import KitEntry, KitSizes, entry_bytes, kit_key, made_entry, text_entry
from .presskit import KitExtras, press_kit, unique_names, zip_time
from .printed import pdf_name
from .release_text import CREDIT_LABELS, kit_text
from .settings import MediaSettings
from .stamp import Credits, stamp
from .view import Download, MediaView, Picture, file_size, picture, rendition_url

# The terms a photo carries when its entry names no licence (translated per release).
DEFAULT_LICENCE = N_("Free for editorial use with the credit shown")


@dataclass(frozen=True)
class OutputFile:
    """One file to write: its output name, its bytes (or the file holding them, or their maker)."""

    save_as: str
    data: bytes | Path | Callable[[], bytes]
    source: str
    key: str = ""  # what the bytes are made from (a press kit's kit_key), when known

    def read(self) -> bytes:
        """Return the bytes to write."""
        if isinstance(self.data, Path):
            return self.data.read_bytes()
        return self.data if isinstance(self.data, bytes) else self.data()


@dataclass(frozen=True)
class Source:
    """One listed file, read once per build."""

    src: str
    data: bytes
    digest: str  # sha256 of data
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
        sizes: KitSizes | None = None,
        organisation: str = "",
        extras: KitExtras | None = None,
    ) -> None:
        self.content = content
        self.organisation = organisation  # the credit of a photo whose entry names none
        self.site_url = site_url  # absolute site address, for the contact photos in vCards
        self.spool = spool  # a private folder outside the output for press kits, or memory
        self.gettext = gettext  # (lang, message) -> translation, for the credits file
        self.settings = settings
        self.locales = locales
        self.files: dict[str, OutputFile] = {}
        self.sources: dict[tuple[str, bool, Credits | None], Source] = {}
        self.sizes = sizes or KitSizes(None)  # kit sizes known from earlier builds
        self.cards: dict[tuple[str, str], bytes] = {}  # vCards by (contact id, language)
        self.reads: dict[Path, tuple[bytes, str, str]] = {}  # bytes, sha256, derivative key
        self.extras = extras or KitExtras()
        # Only bodies changed since the last build: its kit keys of the releases whose body
        # did not (PressMediaGenerator.kept("kits")); each due kit's key, for the next build.
        self.known_kits: dict[str, str] = {}
        self.kit_keys: dict[str, str] = {}

    def read(self, path: Path) -> tuple[bytes, str, str]:
        """Read a listed file once per build: its bytes, their sha256, its derivatives' key."""
        if path not in self.reads:
            data = path.read_bytes()
            self.reads[path] = (data, *hashes(data, self.settings))
        return self.reads[path]

    def keys(self, paths: list[Path]) -> dict[Path, str]:
        """Return the derivatives' cache key of each file, reading each once."""
        return {path: self.read(path)[2] for path in paths}

    def source(self, src: str, image: bool, credits: Credits | None = None) -> Source:
        """Read a listed file once; derive an image once; plan its files for the output.

        An image's original and derivatives carry its credits (stamp): its output folder
        is named by the stamped original, so each language version has files of its own.
        """
        if (src, image, credits) in self.sources:
            return self.sources[(src, image, credits)]
        path = self.content / src
        data, digest, key = self.read(path)
        if credits is not None:
            data = stamp(data, credits)
            digest = hashlib.sha256(data).hexdigest()
        base = f"{self.settings.folder}/{digest[:16]}"  # as view.media_folder names it
        found = Source(src, data, digest, base)
        if image:
            derived = derive(path, self.read(path)[0], self.settings, key)
            facts = image_facts(path)
            pixels = (facts.width, facts.height) if facts else (0, 0)
            found = Source(src, data, digest, base, derived, pixels)
            for rendition in derived.renditions:
                made = partial(stamped, derived.folder / rendition.name, credits)
                self.add(rendition_url(base, src, rendition), made, src)
        self.add(f"{base}/{PurePosixPath(src).name}", data, src)
        self.sources[(src, image, credits)] = found
        return found

    def derived(self, src: str) -> Derived:
        """Return an image's derivatives (derive_all made them), planning no output file."""
        path = self.content / src
        data, _, key = self.read(path)
        return derive(path, data, self.settings, key)

    def add(self, save_as: str, data: Any, source: str, key: str = "") -> None:
        """Plan one output file; the same file listed twice is written once."""
        self.files.setdefault(save_as, OutputFile(save_as, data, source, key))

    def credits(self, entry: Any, article: Any) -> Credits:
        """Return what one photo of a release carries: caption (else alt), credit, terms, URL."""
        meta = article.press.meta
        credit = entry.credit or self.organisation
        licence = entry.licence or self.gettext(meta.lang, DEFAULT_LICENCE)
        url = urls.absolute(self.site_url, article.press.url)
        copyright = f"© {meta.date.year} {credit}"
        return Credits(
            entry.caption or entry.alt, credit, copyright, licence, url, meta.title, meta.lang
        )

    def picture(self, entry: Any, article: Any, locale: str, lead: bool = False) -> Picture:
        """Return the page values of one image entry."""
        credits = self.credits(entry, article)
        found = self.source(entry.src, True, credits)
        facts = (*found.pixels, len(found.data))
        web = max((r for r in found.derived.renditions if r.kind == "jpg"), key=lambda r: r.width)
        web_bytes = len(stamped(found.derived.folder / web.name, credits))
        texts = (credits.credit, credits.caption, credits.licence, web_bytes)
        return picture(entry, found.base, found.derived, facts, locale, lead, texts)

    def download(self, entry: Any, locale: str) -> Download:
        """Return the page values of one attachment."""
        found = self.source(entry.src, image=False)
        name = PurePosixPath(entry.src).name
        kind = PurePosixPath(name).suffix.lstrip(".").upper()
        size = file_size(len(found.data), locale)
        return Download(f"{found.base}/{name}", entry.title, entry.description, kind, size)

    def view(self, article: Any, contacts: list[Any], title: str, keep: bool = False) -> MediaView:
        """Plan one release's media and its press kit; return what its page shows.

        keep: the release is due, so its kit's size may be kept for the next build.
        """
        meta = article.press.meta
        locale = self.locales[meta.lang]
        lead = self.picture(meta.image, article, locale, lead=True) if meta.image else None
        gallery = tuple(self.picture(photo, article, locale) for photo in meta.images)
        attachments = tuple(self.download(item, locale) for item in meta.attachments)
        save_as = f"{article.press.url}{meta.key}-{meta.lang}-press-kit.zip"
        size = self.kit(save_as, article, contacts, keep)
        kit = Download(save_as, title, None, "ZIP", file_size(size, locale))
        return MediaView(lead, gallery, attachments, kit, self.pdf(article, locale))

    def pdf(self, article: Any, locale: str) -> Download | None:
        """Plan a release's PDF next to its kit, when one was made; return its download."""
        made = self.extras.pdfs.get(article.source_path)
        if made is None:
            return None
        save_as = pdf_name(article)
        self.add(save_as, made, article.source_path)
        title = self.gettext(article.lang, PDF_TITLE)
        return Download(save_as, title, None, "PDF", file_size(made.stat().st_size, locale))

    def kit(self, save_as: str, article: Any, contacts: list[Any], keep: bool) -> int:
        """Plan a press kit and return its size; zip it now only when no build knows its size.

        The kit is addressed by what its text files are made from, so an unchanged release's
        texts are not written at all: a known kit is zipped, texts made, only when written.
        """
        known = self.known_kits.get(article.source_path)
        size = self.sizes.size(known) if known is not None else None
        if known is not None and size is not None:  # the last build's kit: keyed, sized
            if keep:
                self.sizes.keep(known, size)
                self.kit_keys[article.source_path] = known
            self.add(
                save_as, partial(self.kit_bytes, article, contacts), article.source_path, known
            )
            return size
        source = Path(article.source_path)
        made_from = texts_key(self.text_values(article), article.content, source)
        entries = self.kit_entries(article, contacts, [])
        key = kit_key(entries, zip_time(article.press.meta, self.extras.zone), made_from)
        if keep:
            self.kit_keys[article.source_path] = key
        size = self.sizes.size(key)
        if size is None:
            data = self.kit_bytes(article, contacts)
            size, stored = len(data), self.park(save_as, data)
        else:
            stored = partial(self.kit_bytes, article, contacts)
        if keep:
            self.sizes.keep(key, size)
        self.add(save_as, stored, article.source_path, key)
        return size

    def kit_bytes(self, article: Any, contacts: list[Any]) -> bytes:
        """Zip a release's press kit, its text files written now."""
        source = Path(article.source_path)
        texts = text_entries(self.text_values(article), article.content, source)
        return self.zipped(article, self.kit_entries(article, contacts, texts))

    def zipped(self, article: Any, entries: list[KitEntry]) -> bytes:
        """Zip kit entries, each dated at the release's last update."""
        when = zip_time(article.press.meta, self.extras.zone)
        return press_kit([(name, entry_bytes(data)) for name, data, _ in entries], when)

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

    def kit_entries(
        self, article: Any, contacts: list[Any], texts: list[KitEntry]
    ) -> list[KitEntry]:
        """List a press kit's files in a fixed order, after its text files (texts)."""
        meta = article.press.meta
        entries = [*texts, *self.made_entries(article)]
        photos = photos_of(meta)
        names = unique_names([PurePosixPath(p.src).name for p in photos])
        entries += [
            self.photo_entry(f"photos/{n}", p, article) for n, p in zip(names, photos, strict=True)
        ]
        names = unique_names([PurePosixPath(a.src).name for a in meta.attachments])
        entries += [
            self.file_entry(f"attachments/{n}", a.src, False)
            for n, a in zip(names, meta.attachments, strict=True)
        ]
        return entries + [
            text_entry(f"contacts/{c.id}.vcf", self.card(c, meta.lang)) for c in contacts
        ]

    def text_values(self, article: Any) -> TextValues:
        """Return the values the text files show: page facts, photo credits, their labels."""
        meta, lang = article.press.meta, article.lang
        count = len(article.view.contacts)
        heading = self.extras.ngettext(lang, "Press contact", "Press contacts", count)
        boilerplate = self.extras.boilerplates.get(lang, "")
        text = kit_text(article, boilerplate, partial(self.gettext, lang), heading)
        # What each photo file carries inside (stamp), defaults included: the same words.
        carried = tuple((p.src, self.credits(p, article)) for p in photos_of(meta))
        return text, carried, tuple(self.labels(lang).items())

    def made_entries(self, article: Any) -> list[KitEntry]:
        """Return the release's PDF and its event's calendar file, when it has them."""
        entries = []
        pdf = self.extras.pdfs.get(article.source_path)
        if pdf is not None:
            entries.append(made_entry("release.pdf", pdf))  # named by its PDF key, not read
        calendar = self.extras.calendar(article)
        if calendar is not None:  # named as the page offers it
            entries.append(text_entry(PurePosixPath(article.view.event.ics_url).name, calendar))
        return entries

    def file_entry(self, name: str, src: str, image: bool) -> KitEntry:
        """Return a listed file as a kit entry, with the digest computed when it was read."""
        found = self.source(src, image)
        return name, found.data, found.digest

    def photo_entry(self, name: str, entry: Any, article: Any) -> KitEntry:
        """Return a photo as a kit entry: the same file, credits inside, as the page offers."""
        found = self.source(entry.src, True, self.credits(entry, article))
        return name, found.data, found.digest

    def card(self, contact: Any, lang: str) -> bytes:
        """Return a contact's vCard in a language, made once per build."""
        if (contact.id, lang) not in self.cards:
            self.cards[(contact.id, lang)] = vcard(card_of(contact, lang, self.site_url)).encode()
        return self.cards[(contact.id, lang)]


def stamped(path: Path, credits: Credits | None) -> bytes:
    """Return a cached derivative with the credits of the release that shows it inside."""
    data = path.read_bytes()
    return stamp(data, credits) if credits is not None else data


def photos_of(meta: Any) -> list[Any]:
    """Return the lead image and the gallery photos, each source once."""
    seen, photos = set(), []
    for entry in ([meta.image] if meta.image else []) + list(meta.images):
        if entry.src not in seen:
            seen.add(entry.src)
            photos.append(entry)
    return photos


KIT_TITLE = N_("Press kit")
PDF_TITLE = N_("The release as a PDF")  # the download's title, as the kit's is
