"""Content hashes in the names of theme assets, so they can be cached for ever."""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


@dataclass(frozen=True)
class Asset:
    """A theme file under its fingerprinted name, with the bytes to write."""

    name: str  # as templates ask for it: css/press.css
    hashed: str  # as it is written: css/press.1a2b3c4d.css
    data: bytes


def hashed_name(name: str, data: bytes) -> str:
    """Return a file name with the first 8 hex digits of its content hash before the suffix."""
    path = PurePosixPath(name)
    digest = hashlib.sha256(data).hexdigest()[:8]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def rewrite_css(name: str, text: str, hashed: dict[str, str]) -> str:
    """Point a stylesheet's relative url(...) references at the fingerprinted files."""

    def swap(match: re.Match) -> str:
        quote, ref = match.groups()
        target = posixpath.normpath(posixpath.join(posixpath.dirname(name), ref))
        if target not in hashed:
            return match.group(0)
        new = posixpath.relpath(hashed[target], posixpath.dirname(name) or ".")
        return f"url({quote}{new}{quote})"

    return CSS_URL.sub(swap, text)


def theme_assets(folder: Path) -> dict[str, Asset]:
    """Fingerprint every file under a theme's static folder; stylesheets after what they use."""
    files = {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}
    assets: dict[str, Asset] = {}
    for name, path in sorted(files.items(), key=lambda item: item[0].endswith(".css")):
        data = path.read_bytes()
        if name.endswith(".css"):
            known = {n: a.hashed for n, a in assets.items()}
            data = rewrite_css(name, data.decode("utf-8"), known).encode("utf-8")
        assets[name] = Asset(name, hashed_name(name, data), data)
    return assets


def asset_url(assets: dict[str, Asset], static_dir: str, name: str) -> str:
    """Return the site-relative URL of a theme asset's fingerprinted copy."""
    return f"{static_dir}/{assets[name].hashed}"
