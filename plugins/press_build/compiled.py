"""Templates compiled once, shared by the Jinja environment of every generator.

Pelican gives each generator its own Jinja environment, and each compiled every template
it used: about sixty compilations per build for some twenty templates. This cache keeps
each compiled template in memory (never on disk), keyed by the template's name and file
and by every environment option that changes the compiled code (delimiters, extensions,
autoescape, filters and tests with what they are passed); Jinja's own checksum of the
source drops a template that was edited. Each build has one; a caller that builds again
in the same process (the live preview, the tests' in-process runner) hands each build
the one it keeps (`PressBuild.templates`), so that only an edited template is compiled
again (compiling them all is half a second of a small site's build).
"""

from __future__ import annotations

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

    def __init__(self) -> None:
        self.compiled: dict[tuple, bytes] = {}

    def get_bucket(self, environment: Any, name: str, filename: str | None, source: str) -> Bucket:
        """Return a template's bucket, holding the code kept for it when there is any."""
        bucket = Bucket(
            environment, self.get_cache_key(name, filename), self.get_source_checksum(source)
        )
        bucket.press_key = (bucket.key, options(environment, name))
        data = self.compiled.get(bucket.press_key)
        if data is not None:
            bucket.bytecode_from_string(data)  # Jinja drops it if the source's checksum differs
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        """Unused: get_bucket loads, knowing the template's name."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep a template Jinja has just compiled."""
        self.compiled[bucket.press_key] = bucket.bytecode_to_string()
