"""Run `pelican ARGS` inside the test process, as the command would run in its own.

Starting Python, Pelican, Jinja and every plugin costs about a second per build; most
tests build the fixture site several times. The run here takes Pelican's own argument
parsing and settings reading, then starts each build as clean as a new process would
(live.fresh, which the live preview uses for the same reason), and ends it as a process
exit would: search runs still under way stopped, the output lock released.

Two things are kept across the builds of one test process, as the live preview keeps
them: the compiled templates (`PressBuild.templates`; a template is compiled again when
its source changes), and WeasyPrint, imported here once, so that the process each build
forks to lay out its PDFs does not import it again (half a second per build).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

import pelican

from live import fresh

PLUGINS = Path(__file__).resolve().parents[1] / "plugins"
KEPT: dict[str, object] = {}  # "templates": press_build.SharedTemplates, once a build made it

import press_media.layout  # noqa: E402, F401  (WeasyPrint, the way every build imports it)


@contextlib.contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables for the duration of the block, then restore them."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def logged_to(stream: io.StringIO) -> Iterator[None]:
    """Show warnings and errors on stream, as `pelican` shows them on its console."""
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.WARNING)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)


def run(site: Path, argv: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    """Run `pelican argv` in folder site with env added; return exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with (
        environment(env),
        contextlib.chdir(site),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        logged_to(out),
    ):
        code = _build(argv)
    return code, out.getvalue(), err.getvalue()


def _build(argv: list[str]) -> int:
    """Build once and return the exit code the command would end with."""
    _clean()
    try:
        instance, _ = pelican.get_instance(pelican.parse_arguments(argv))
        if hasattr(instance, "templates"):  # press_build's PressPelican
            import press_build

            instance.templates = KEPT.setdefault("templates", press_build.SharedTemplates())
        instance.run()
        return 0
    except SystemExit as stop:  # plugins stop a build this way (problems printed, or up to date)
        return _exit_code(stop.code)
    except Exception as error:  # `pelican` logs the error with its traceback and exits
        print(traceback.format_exc(), end="")
        return getattr(error, "exitcode", 1)
    finally:
        _end()


def _exit_code(code: object) -> int:
    """Return the exit status Python gives `sys.exit(code)`, printing a message as it does."""
    if code is None or isinstance(code, int):
        return code or 0
    print(code, file=sys.stderr)
    return 1


def _clean() -> None:
    """Forget what an earlier build in this process left: signal receivers, Pelican caches."""
    fresh.unplug(_plugin_modules())
    fresh.reset_pelican()


def _plugin_modules() -> set[str]:
    """Return the names of the loaded plugin modules.

    As live.fresh.plugin_modules, without resolving every module's path: that takes
    a quarter of a second, and these plugins are always imported from PLUGINS.
    """
    root = f"{PLUGINS}{os.sep}"
    return {
        name
        for name, module in list(sys.modules.items())
        if (getattr(module, "__file__", None) or "").startswith(root)
    }


def _end() -> None:
    """Do what the end of a `pelican` process does (the pipeline already stopped search
    runs and released the lock, whatever way the build ended)."""
    fresh.reset_pelican()  # let go of this build's pages
