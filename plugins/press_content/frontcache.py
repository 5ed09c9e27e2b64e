"""Parsed front matter, loaded once per build and kept between builds, addressed by its text."""

from __future__ import annotations

import hashlib
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from press_core.jsonfile import read_object, write_object

from . import frontmatter

# A parse depends only on the YAML text and on how it is loaded: the loader's code, the
# PyYAML version and whether libyaml does the parsing.
LOADER = hashlib.sha256(
    "\0".join(
        [Path(frontmatter.__file__).read_text(encoding="utf-8"),
         yaml.__version__, frontmatter.SafeBase.__name__]
    ).encode()
).hexdigest()  # fmt: skip


def plain(value: Any) -> bool:
    """Tell whether a loaded value comes back unchanged from JSON: text, lists, text-keyed maps.

    An explicit YAML tag (`!!int`, `!!binary`, `!!timestamp`) makes other types, which
    JSON would change; such files are parsed on every build instead.
    """
    if isinstance(value, str):
        return True
    if isinstance(value, list):
        return all(map(plain, value))
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    return False


class FrontMatterCache:
    """Each front matter parsed once per build; parses of due releases kept in a JSON file.

    Only the parse is kept, never a verdict: validation, which depends on contacts.yml,
    the settings and the other releases, runs on every build.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.parsed: dict[str, Any] = {}  # this build's parses, in memory only
        self.used: dict[str, Any] = {}

    @cached_property
    def stored(self) -> dict[str, Any]:
        """Return what earlier builds kept, read on first use: never by a build that
        finds nothing changed (the file is megabytes at a thousand releases)."""
        return read_object(self.path)

    def key(self, yaml_text: str) -> str:
        """Return the address of a front matter: its text and the loader."""
        return hashlib.sha256(f"{LOADER}\0{yaml_text}".encode()).hexdigest()

    def split(self, text: str) -> tuple[frontmatter.SplitFile, str]:
        """Cut a release file and load its front matter unless this or an earlier build did.

        Returns the parts and the front matter's key; raises FrontMatterError as
        frontmatter.split does. The loaded mapping is shared: callers must not change it.
        """
        yaml_text, body = frontmatter.cut(text)
        key = self.key(yaml_text)
        meta = self.parsed.get(key)
        if meta is None:
            meta = self.stored.get(key)
            meta = meta if isinstance(meta, dict) else frontmatter.load(yaml_text)
            self.parsed[key] = meta
        return frontmatter.SplitFile(meta, body), key

    def keep(self, key: str) -> None:
        """Keep a parse for the next build: call it only for a valid release that is due."""
        meta = self.parsed.get(key)
        if meta is not None and (key in self.stored or plain(meta)):  # JSON gave it: plain
            self.used[key] = meta

    def save(self) -> None:
        """Write the parses this build kept, atomically, when they differ from the file;
        then let go of every parse: by then each release holds what it needs of its own
        (its validated metadata), and a file read afterwards is parsed again."""
        if self.path is not None and self.used != self.stored:
            write_object(self.path, self.used)
        self.parsed, self.used = {}, {}
        self.__dict__["stored"] = {}
