"""Safe output: staged builds swapped in on success, writes kept inside the output."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from pelican.utils import get_relative_path, path_to_url
from pelican.writers import Writer
from press_core.errors import BuildStopped, Problem

from . import fingerprint
from . import staging as stages
from .memo import OutputMemo, sha256
from .memo import recover as recover_manifest
from .pages import Page

BATCH = 1500  # pages left for the workers at most at once: each holds its context

# Folders the output must never be, contain or sit inside: a build replaces its output.
GUARDED = (("PATH", "content"), ("THEME", "theme"), ("CACHE_PATH", "cache"))


def inside(root: str | os.PathLike, name: str, plain: set[str] | None = None) -> Path:
    """Return root/name, refusing any path that leaves root (../x, /x, ../root-evil/x, links).

    Compared as resolved paths, not string prefixes: Pelican's sanitised_join lets
    ../output-evil/x through. A name is resolved fully only when it goes through a
    symbolic link; a build's staging folder holds none, so most names are only normalized.
    `plain` holds the folders under root already found to be no link (the writer's):
    a build writes thousands of files into a few hundred folders, each checked once.
    """
    base = _real(os.fspath(root))
    target = os.path.normpath(os.path.join(base, name))
    if _linked(base, target, set() if plain is None else plain):
        target = os.path.realpath(target)
    if target == base or os.path.commonpath([base, target]) != base:
        raise ValueError(name)
    return Path(target)


@functools.lru_cache(maxsize=64)
def _real(root: str) -> str:
    return os.path.realpath(root)


def _linked(base: str, target: str, plain: set[str]) -> bool:
    """Tell whether a folder between base and target (or target itself) is a symbolic link;
    note in `plain` the folders found to be none."""
    path, walked = target, []
    while len(path) > len(base) and path.startswith(base):
        if path in plain:
            break
        if os.path.islink(path):
            return True
        walked.append(path)
        path = os.path.dirname(path)
    else:
        if not path.startswith(base):
            return True
    plain.update(walked[1:])  # the folders; target itself may still become a file or a link
    return False


def within(path: Path, folder: Path) -> bool:
    """Tell whether a resolved path is the folder or inside it (compared by parts, not text)."""
    return path == folder or folder in path.parents


def stop(problems: list[Problem], staging: str | os.PathLike | None, output: str) -> NoReturn:
    """Stop the build with every problem on its own line; nothing is published.

    The pipeline (PressBuild.abandon) then stops what features started, removes the
    staging folder and unlocks the output; `staging` only tells that the build had begun.
    """
    lines = [str(problem) for problem in sorted(set(problems))]
    noun = "problem" if len(lines) == 1 else "problems"
    lines.append(
        f"{len(lines)} {noun} found; nothing was published and {output} was left as it was."
    )
    raise BuildStopped(lines)


def final_path(output: str | os.PathLike) -> Path:
    """Return the output folder as the build will replace it: absolute, links resolved."""
    return Path(output).resolve()


def placement_problem(final: Path, settings: dict[str, Any], shown: Any) -> Problem | None:
    """Refuse an output that is, contains or sits inside a folder the build must not replace."""
    guarded = [(Path(settings[key]).resolve(), name) for key, name in GUARDED]
    guarded += [(Path(path).resolve(), "plugins") for path in settings.get("PLUGIN_PATHS", [])]
    projects = {Path(settings["PATH"]).resolve().parent, Path.cwd().resolve()}
    projects |= {Path(path).resolve().parent for path in settings.get("PLUGIN_PATHS", [])}
    for folder, name in guarded + [(folder, "project") for folder in sorted(projects)]:
        if final == folder:
            relation = "is"
        elif within(folder, final):
            relation = "contains"
        elif within(final, folder) and name != "project":
            relation = "is inside"
        else:
            continue
        return Problem(
            shown(final),
            "OUTPUT_PATH",
            f"{relation} the {name} folder {shown(folder)}; a build replaces its output,"
            " so choose a separate folder like output/",
        )
    if final.exists() and not final.is_dir():
        return Problem(shown(final), "OUTPUT_PATH", "is a file; choose a folder like output/")
    return None


def lock_cache(cache: Path, wait: float, shown: Any, final: Path) -> int:
    """Hold the cache folder's lock (stages.lock_cache), or stop the build saying why."""
    try:
        return stages.lock_cache(cache, wait)
    except OSError as error:
        stop([Problem(shown(cache), "CACHE_PATH", _reason(error))], None, shown(final))


def prepare(final: Path, wait: float, shown: Any) -> tuple[int, Path]:
    """Lock the output, recover from any interrupted build; return the lock and a fresh
    staging folder."""
    handle = None
    try:
        handle = stages.lock(final, wait)
        stages.recover(final, handle)
        recover_manifest(final)
        return handle, stages.begin(final, handle)
    except OSError as error:
        stages.unlock(handle)
        stop([Problem(shown(final), "OUTPUT_PATH", _reason(error))], None, shown(final))


def _reason(error: OSError) -> str:
    """Return the words of a staging or locking failure: staging's own, else the system's."""
    return str(error) if isinstance(error, stages.StagingError) else error.strerror


class SafeWriter(Writer):
    """Pelican's writer, refusing paths outside the output and pages that share a URL."""

    def __init__(
        self, output_path: str, settings: dict | None = None, memo: OutputMemo | None = None
    ) -> None:
        super().__init__(output_path, settings=settings)
        self.memo = memo  # this build's manifest: unchanged files are taken over
        self.sources: dict[Path, str] = {}
        self.linked: set[str] = set()  # files taken over from the previous output
        self.folders: set[str] = set()  # folders take_over has made
        self.plain: set[str] = set()  # folders of the output found to be no link (inside)

    def take_over(self, name: str, old: Path) -> None:
        """Link the previous output's unchanged file into this build's output.

        The two names share one inode, so that file must never be opened for writing:
        _open_w hands Pelican a sink for it.
        """
        path = self.refuse_outside(name, name)
        self.make_folder(path.parent)
        os.link(old, path)
        self.linked.add(str(path))

    def refuse_outside(self, name: str, source: str) -> Path:
        """Return the output path of a name; a path outside the output stops the build."""
        try:
            return inside(self.output_path, name, self.plain)
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
        """Check the file name, then let Pelican render it (or reuse it) and write it."""
        if name:
            paginated = kwargs.get("paginated") or (args[1] if len(args) > 1 else None)
            if paginated:  # the pages of one listing share a name; _open_w checks each page
                self.refuse_outside(name, _source_of(context, kwargs, name))
            else:
                self.claim(name, _source_of(context, kwargs, name))
            memo = self.memo
            if memo is not None:
                key = self.page_key(memo, name, template, context, args, kwargs)
                template = KeyedTemplate(template, memo, key, context, self)
        return super().write_file(name, template, context, *args, **kwargs)

    def page_key(
        self, memo: OutputMemo, name, template, context, args, kwargs
    ) -> Callable[[], str | None]:
        """Return what computes the key of one write_file call: the site's digest and what the
        page gets. What can change later (the site digest, the page's siteurl) is taken now."""
        relative = kwargs.get("relative_urls", args[0] if args else False)
        siteurl = (
            path_to_url(get_relative_path(name)) if relative else context.get("localsiteurl", "")
        )
        return functools.partial(
            _page_key, memo, memo.site, siteurl, name, template.name, args, kwargs
        )

    def write_made(self, names, parts, make, source: str, shows=None) -> None:
        """Write files made together by make() (a feed's RSS and Atom), reusing unchanged ones.

        `shows`, when given, names every release whose body the files show: when only
        release bodies changed since the last build and none of these, the files keep
        their last key without `parts` being described again (as pages do, OutputMemo.unshown).
        """
        memo = self.memo
        key = None
        shown = None if shows is None else frozenset(map(os.path.normpath, shows))
        last = {memo.unshown(n) for n in names} if memo is not None and shown is not None else set()
        if len(last) == 1 and None not in last:
            key = last.pop()
        elif memo is not None and memo.site:
            try:
                key = fingerprint.digest(memo.site, names, parts, frozen=memo.frozen)
            except fingerprint.UnkeyableError:
                key = None
        old = [memo.reusable(name, key) for name in names] if memo is not None else [None]
        if all(path is not None for path in old):
            for name, path in zip(names, old, strict=True):
                self.claim(name, source)
                self.take_over(name, path)
                memo.kept(name)
            return
        data = make()
        for name, item in zip(names, data, strict=True):
            if memo is not None:
                memo.record(name, key, item, shown)
                memo.count(False)
            self.write_bytes(name, item, source)

    def _open_w(self, filename, encoding, override=False):  # Pelican's signature
        """Refuse any file outside the output where Pelican opens it, paginated pages included.

        write_file claims only unpaginated names, and Pelican's own sanitised_join
        compares string prefixes, so ../output-evil/x.html would pass it.
        """
        path = self.refuse_outside(filename, str(filename))
        if str(path) in self.linked:
            return _Sink()  # taken over by a link: writing would change the old output too
        return _Named(super()._open_w(filename, encoding, override), str(path))

    def write_bytes(self, name: str, data: bytes, source: str) -> Path:
        """Write a file that no template renders (feeds, vCards, sitemaps, PDFs, photos).

        The same bytes the previous output holds under that name are linked, not written.
        """
        path = self.claim(name, source)
        memo = self.memo
        known = memo.files.get(name) if memo is not None else None  # write_made noted it
        digest = known[1] if known else sha256(data)
        old = memo.same_bytes(name, digest) if memo is not None else None
        if old is not None:
            self.take_over(name, old)
        else:
            try:
                self.make_folder(path.parent)
                path.write_bytes(data)
            except OSError as error:
                raise named(error, path) from None
        if memo is not None and name not in memo.files:
            memo.files[name] = ["", digest]  # so the old copy can be told identical
        return path

    def make_folder(self, folder: Path) -> None:
        """Make a folder of the output once per build (thousands of files share a few hundred)."""
        if str(folder) not in self.folders:
            folder.mkdir(parents=True, exist_ok=True)
            self.folders.add(str(folder))


class KeyedTemplate:
    """A template that renders a page only when the manifest has no page of the same key.

    With several workers, a page to render is left for the end of the build
    (press_build.pages) and Pelican writes an empty placeholder meanwhile. A page the
    previous output lacks (every page of a cold build) cannot be reused: its key, only
    the next build needs, is computed by whoever renders it, on every core.
    """

    def __init__(
        self,
        template: Any,
        memo: OutputMemo,
        key: Callable[[], str | None],
        context: dict,
        writer: Any,
    ) -> None:
        self.template, self.memo, self.key, self.context = template, memo, key, context
        self.writer = writer
        self.name = template.name

    def page_key(self, name: str) -> str | None:
        """Return the key of one output file of this call (a listing writes several).

        A page that showed no release whose body alone changed since the last build keeps
        the key it had (OutputMemo.unshown): its values are not described again.
        """
        kept = self.memo.unshown(name)
        if kept is not None:
            return kept
        if callable(self.key):
            self.key = self.key()  # once per call, in whichever process renders its pages
        return f"{self.key}:{name}" if self.key else None

    def render(self, localcontext: dict) -> str:
        """Return the page, or link the previous output's file when its key is unchanged."""
        name = localcontext["output_file"]
        if name in self.memo.previous:
            old = self.memo.reusable(name, self.page_key(name))
            if old is not None:
                self.writer.take_over(name, old)  # Pelican's write of "" goes to a sink
                self.memo.kept(name)
                return ""
        page = Page(
            name, self.template, localcontext, self.context, functools.partial(self.page_key, name)
        )
        if self.memo.workers > 1:
            if len(self.memo.pending) >= BATCH:
                self.memo.flush()  # their placeholders are written; this one's is not yet
            self.memo.pending.append(page)
            return ""
        data, shown = page.render()
        self.memo.record(name, page.key_value(), data, shown)
        self.memo.count(False)
        return data.decode("utf-8")


def _page_key(memo: OutputMemo, site: str, siteurl: str, *call: Any) -> str | None:
    """Return a page's key: the site's digest and what its write_file call passed."""
    if not site:
        return None
    try:
        return fingerprint.page_digest(siteurl, memo.frozen, site, *call)
    except fingerprint.UnkeyableError:
        return None


class _Sink:
    """A file that takes writes and keeps nothing (for files taken over by a link)."""

    def __enter__(self) -> _Sink:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def write(self, text: str) -> int:
        return len(text)


class _Named:
    """A file being written whose write errors name it (a full disk names no file)."""

    def __init__(self, file: Any, path: str) -> None:
        self.file, self.path = file, path

    def __enter__(self) -> _Named:
        self.file.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.file.__exit__(*exc)
        except OSError as error:  # the last buffered bytes are written at close
            raise named(error, self.path) from None

    def write(self, text: str) -> int:
        try:
            return self.file.write(text)
        except OSError as error:
            raise named(error, self.path) from None


def named(error: OSError, path: str | os.PathLike) -> OSError:
    """Return a write error that names the file it was writing."""
    if error.filename:
        return error
    return type(error)(error.errno, error.strerror, os.fspath(path))


def _source_of(context: dict, kwargs: dict, name: str) -> str:
    content = kwargs.get("article") or kwargs.get("page") or context.get("article")
    source = getattr(content, "source_path", None)
    return os.path.relpath(source) if source else name
