"""Templates compiled once, shared by the Jinja environment of every generator.

Pelican gives each generator its own Jinja environment, and each compiled every template
it used: about sixty compilations per build for some twenty templates. This cache keeps
each compiled template in memory, keyed by the template's name and file and by every
environment option that changes the compiled code (delimiters, extensions, autoescape,
filters and tests with what they are passed); Jinja's own checksum of the source drops a
template that was edited. Each build has one; a caller that builds again in the same
process (the live preview, the tests' in-process runner) hands each build the one it
keeps (`PressBuild.templates`), so that only an edited template is compiled again.

A build also keeps its compiled templates in the cache folder (`folder`, set once the
build holds the cache's lock), one file per key, written whole or not at all, so that the
next build, a new process, compiles none of them: compiling every template was 0.6 s of
a one-edit rebuild at 1,000 pairs. A file is Jinja's own bytecode format, which carries
Jinja's format version, the Python version and the source's checksum: Jinja drops a file
made by another Python or for an edited template, and the template is compiled again.
Templates hold no release text, so nothing withheld is kept there.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


def options(environment: Any, name: str) -> tuple:
    """Return what, besides the source, decides how an environment compiles a template."""
    escape = environment.autoescape
    return (
        tuple(sorted(environment.extensions)),
        environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string,
        environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix,
        environment.trim_blocks, environment.lstrip_blocks,
        environment.newline_sequence, environment.keep_trailing_newline,
        environment.optimized, environment.is_async, environment.finalize,
        bool(escape(name) if callable(escape) else escape),
        getattr(environment, "newstyle_gettext", None),  # i18n: {% trans %} compiles by it
        repr(sorted(environment.policies.items(), key=repr)),  # values may be dicts
        _kinds(environment.filters), _kinds(environment.tests),
    )  # fmt: skip


def _kinds(functions: dict[str, Any]) -> tuple:
    """Return each filter's or test's name and what it is passed: compiled calls differ by it."""
    return tuple(
        sorted((name, str(getattr(f, "jinja_pass_arg", ""))) for name, f in functions.items())
    )


class SharedTemplates(BytecodeCache):
    """Compiled templates kept in this process for every environment compiled alike."""

    def __init__(self, folder: Path | None = None) -> None:
        self.compiled: dict[tuple, bytes] = {}
        self.folder = folder  # where compiled templates outlive the process, None: nowhere

    def get_bucket(self, environment: Any, name: str, filename: str | None, source: str) -> Bucket:
        """Return a template's bucket, holding the code kept for it when there is any."""
        bucket = Bucket(
            environment, self.get_cache_key(name, filename), self.get_source_checksum(source)
        )
        bucket.press_key = (bucket.key, options(environment, name))
        data = self.compiled.get(bucket.press_key)
        if data is None and self.folder is not None:
            data = _read(self._file(bucket.press_key))
        if data is not None:
            bucket.bytecode_from_string(data)  # Jinja drops it if the source's checksum differs
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        """Unused: get_bucket loads, knowing the template's name."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep a template Jinja has just compiled."""
        data = self.compiled[bucket.press_key] = bucket.bytecode_to_string()
        if self.folder is not None:
            _write(self._file(bucket.press_key), data)

    def _file(self, key: tuple) -> Path:
        """Return the file that keeps a key's compiled template in the cache folder."""
        stable = _ADDRESS.sub("", repr(key))  # a function's repr names where it is in memory
        return self.folder / (hashlib.sha256(stable.encode()).hexdigest() + ".jinja")


_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def _read(file: Path) -> bytes | None:
    """Return a kept template's bytes, None when there is none (or it cannot be read)."""
    try:
        return file.read_bytes()
    except OSError:
        return None


def _write(file: Path, data: bytes) -> None:
    """Keep a compiled template whole or not at all; a cache that refuses it costs nothing."""
    temporary = file.with_name(f".{file.name}.{os.getpid()}.part")  # each process its own
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, file)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
