"""Plugin order enforced by code: each PressClub plugin names the plugins it needs before it.

A plugin package declares `NEEDS = ("press_content", ...)` in its `__init__.py`;
every plugin connects `check_plugin_order` to `initialized` (blinker keeps one copy),
so the check runs whichever of them is present.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Any

from .errors import BuildStopped


def register_on_call(package: str) -> Callable[[], None]:
    """Return a plugin package's `register()`: it imports the package's main module
    (`press_x.press_x`) only when Pelican calls it, so a build found up to date before the
    plugins load (press_build.pipeline.up_to_date) never loads readers or templates.
    """

    def register() -> None:
        importlib.import_module(f"{package}.{package}").register()

    return register


def order_problems(loaded: Sequence[tuple[str, Sequence[str]]]) -> list[str]:
    """Return one line per plugin needed but missing from PLUGINS or placed after its user."""
    position = {name: index for index, (name, _) in enumerate(loaded)}
    problems = []
    for index, (name, needs) in enumerate(loaded):
        for need in needs:
            if need not in position:
                problems.append(f"PLUGINS: {name} needs {need} before it; add {need} to PLUGINS")
            elif position[need] > index:
                problems.append(
                    f"PLUGINS: {name} needs {need} before it; move {need} ahead of {name}"
                )
    return problems


def check_plugin_order(pelican: Any) -> None:
    """Stop the build, one line per problem, when PLUGINS is misordered or incomplete."""
    loaded = [(p.__name__.rsplit(".", 1)[-1], getattr(p, "NEEDS", ())) for p in pelican.plugins]
    problems = order_problems(loaded)
    if problems:
        raise BuildStopped(problems)
