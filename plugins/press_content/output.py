"""Safe output: staged builds swapped in on success, writes kept inside the output."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from pelican.writers import Writer
from press_core.errors import Problem


def staging_dir(final: str | os.PathLike) -> Path:
    """Return the directory a build writes into before it is swapped in."""
    final_path = Path(final).resolve()
    return final_path.parent / f".{final_path.name}.staging"


def begin(final: str | os.PathLike) -> Path:
    """Create an empty staging directory beside the final output."""
    staging = staging_dir(final)
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    return staging


def commit(staging: Path, final: str | os.PathLike) -> None:
    """Replace the final output by the staged one, as one rename where possible."""
    final_path = Path(final).resolve()
    old = final_path.parent / f".{final_path.name}.previous"
    shutil.rmtree(old, ignore_errors=True)
    if final_path.exists():
        final_path.rename(old)
    staging.rename(final_path)
    shutil.rmtree(old, ignore_errors=True)


def abandon(staging: str | os.PathLike) -> None:
    """Remove a staging directory after a failed build."""
    path = Path(staging)
    if path.name.endswith(".staging"):
        shutil.rmtree(path, ignore_errors=True)


def inside(root: str | os.PathLike, name: str) -> Path:
    """Return root/name, refusing any path that leaves root (../x, /x, ../root-evil/x, links).

    Compared as resolved paths, not string prefixes: Pelican's sanitised_join lets
    ../output-evil/x through.
    """
    base = os.path.realpath(root)
    target = os.path.realpath(os.path.join(base, name))
    if target == base or os.path.commonpath([base, target]) != base:
        raise ValueError(name)
    return Path(target)


def stop(problems: list[Problem], staging: str | os.PathLike | None, output: str) -> None:
    """Print every problem on its own line, drop the staged output and exit non-zero."""
    for problem in sorted(set(problems)):
        print(problem, file=sys.stderr)
    count = len(set(problems))
    noun = "problem" if count == 1 else "problems"
    print(
        f"{count} {noun} found; nothing was published and {output} was left as it was.",
        file=sys.stderr,
    )
    if staging is not None:
        abandon(staging)
    raise SystemExit(1)


class SafeWriter(Writer):
    """Pelican's writer, refusing paths outside the output and pages that share a URL."""

    def __init__(self, output_path: str, settings: dict | None = None) -> None:
        super().__init__(output_path, settings=settings)
        self.sources: dict[Path, str] = {}

    def refuse_outside(self, name: str, source: str) -> Path:
        """Return the output path of a name; a path outside the output stops the build."""
        try:
            return inside(self.output_path, name)
        except ValueError:
            final = (self.settings or {}).get("OUTPUT_PATH", self.output_path)
            stop(
                [Problem(source, "URL", f'"{name}" would be written outside the output directory')],
                self.output_path,
                final,
            )

    def claim(self, name: str, source: str) -> Path:
        """Reserve an output file for a source; two sources for one file stop the build."""
        final = (self.settings or {}).get("OUTPUT_PATH", self.output_path)
        path = self.refuse_outside(name, source)
        if path in self.sources:
            first = self.sources[path]
            stop(
                [
                    Problem(
                        source,
                        "URL",
                        f"/{name} is also produced by {first}; each page needs its own URL",
                    )
                ],
                self.output_path,
                final,
            )
        self.sources[path] = source
        return path

    def write_file(self, name, template, context, *args, **kwargs):
        """Check the file name, then let Pelican render and write it."""
        if name:
            paginated = kwargs.get("paginated") or (args[1] if len(args) > 1 else None)
            if paginated:  # the pages of one listing share a name; _open_w checks each page
                self.refuse_outside(name, _source_of(context, kwargs, name))
            else:
                self.claim(name, _source_of(context, kwargs, name))
        return super().write_file(name, template, context, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):  # Pelican's signature
        """Refuse any file outside the output where Pelican opens it, paginated pages included.

        write_file claims only unpaginated names, and Pelican's own sanitised_join
        compares string prefixes, so ../output-evil/x.html would pass it.
        """
        self.refuse_outside(filename, str(filename))
        return super()._open_w(filename, encoding, override)

    def write_bytes(self, name: str, data: bytes, source: str) -> Path:
        """Write a file that no template renders (feeds, vCards, sitemaps)."""
        path = self.claim(name, source)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path


def _source_of(context: dict, kwargs: dict, name: str) -> str:
    content = kwargs.get("article") or kwargs.get("page") or context.get("article")
    source = getattr(content, "source_path", None)
    return os.path.relpath(source) if source else name
