"""Signal handlers of press_i18n: gettext in every Jinja environment, finished release values."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from pelican import signals
from press_build import Build, build_of, find_build
from press_build import signals as phases
from press_core import urls
from press_core.plugin_order import check_plugin_order

from . import release_view
from .catalogs import Catalogs, jinja_callables, load_catalogs
from .wrapping import breakable

CATALOGS = "press_catalogs"  # context key: the catalogs of this build


def catalogs_of(generator: Any) -> Catalogs:
    """Return the build's catalogs, compiled by the first generator that asks.

    Pelican makes a new context for every build and shares it between generators, so
    the catalogs are compiled once per build (and again after an edit in autoreload).
    """
    catalogs = generator.context.get(CATALOGS)
    if catalogs is None:
        settings = build_of(generator).settings
        translations = Path(generator.settings["THEME"]) / "translations"
        catalogs = load_catalogs(translations, settings.langs, settings.default_lang)
        generator.context[CATALOGS] = catalogs
    return catalogs


def install(generator: Any) -> None:
    """Give a generator's Jinja environment gettext and the URL helpers of every page."""
    build = find_build(generator)
    if build is None:  # a generator made outside a build (to find files) renders nothing
        return
    settings = build.settings
    env = generator.env
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(*jinja_callables(catalogs_of(generator)), newstyle=True)
    env.globals.update(
        press_nav={lang: urls.nav_links(settings, lang) for lang in settings.langs},
        press_languages={lang: settings.languages[lang]["name"] for lang in settings.langs},
        vcard_url=partial(urls.vcard_url, settings),
    )
    env.filters["tel_uri"] = urls.tel_uri
    env.filters["breakable"] = breakable  # e-mail addresses wrap at "@" and dots only


def give_views(generator: Any, build: Build) -> None:
    """Give every visible release its one finished view (`article.view`)."""
    site = generator.context.get("press")
    if site is None:
        return
    content = Path(generator.settings["PATH"])
    release_view.attach_views(site, catalogs_of(generator), content)


def register() -> None:
    """Connect the handlers."""
    # initialized: every plugin is loaded, nothing is read yet; stop on a wrong PLUGINS.
    signals.initialized.connect(check_plugin_order)
    # generator_init: each generator (ours and other plugins') has just made its Jinja env.
    signals.generator_init.connect(install)
    # views (press_build's phase, Pelican's article_generator_finalized): the gated
    # releases and their translations are final.
    phases.views.connect(give_views)
