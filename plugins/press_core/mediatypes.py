"""Media types of the files a newsroom publishes: named here, not read from the system.

Python's mimetypes reads the machine's own tables, which differ between machines; this
table gives every build and every upload the same answer.
"""

from __future__ import annotations

from pathlib import PurePosixPath

MEDIA_TYPES = {
    ".html": "text/html",
    ".xml": "application/xml",  # RSS feeds and sitemaps
    ".atom": "application/atom+xml",
    ".opml": "text/x-opml",
    ".xsl": "application/xslt+xml",
    ".vcf": "text/vcard",
    ".ics": "text/calendar",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".zip": "application/zip",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".svg": "image/svg+xml",
    ".ico": "image/vnd.microsoft.icon",
    ".mp3": "audio/mpeg",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".wasm": "application/wasm",
    # Pagefind's index: compressed binary files the search script fetches.
    ".pagefind": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
}
# Types whose files are text: served with their encoding.
TEXT_TYPES = {".xml", ".atom", ".xsl"} | {
    s for s, t in MEDIA_TYPES.items() if t.startswith("text/")
}


def media_type(name: str) -> str | None:
    """Return the media type of a file name by its suffix, or None when it is not known."""
    return MEDIA_TYPES.get(PurePosixPath(name).suffix.lower())
