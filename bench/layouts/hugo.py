"""Write the corpus as a multilingual Hugo site using the theme in bench/hugo_theme."""

from __future__ import annotations

from pathlib import Path

import yaml

from bench import words
from bench.corpus import Corpus, Version
from bench.layouts.common import plain_body, write_file

THEMES_DIR = Path(__file__).resolve().parents[1]
THEME = "hugo_theme"
FEEDS = ["HTML", "RSS", "Atom"]


def write(root: Path, corpus: Corpus) -> Path:
    """Write config.yaml and content/ under `root`; return `root` (Hugo's --source)."""
    write_file(root / "config.yaml", yaml.safe_dump(config(), allow_unicode=True, sort_keys=False))
    for version in corpus.versions:
        text = front_matter(version, corpus) + "\n" + plain_body(version, corpus, url)
        write_file(release_path(root, version), text)
    return root


def release_path(root: Path, version: Version) -> Path:
    """Return where `version` lives: content/releases/<YYYY>/<key>.<lang>.md."""
    return root / "content" / "releases" / version.stem


def url(version: Version) -> str:
    """Return the path Hugo gives `version` (see the permalinks setting)."""
    date = version.release.date
    return f"/{version.lang}/releases/{date.year}/{date.month:02d}/{version.slug}/"


def config() -> dict:
    """Return the site configuration: two languages, topics and tags, RSS and Atom."""
    return {
        "baseURL": "https://press.example.org/",
        "title": f"{words.ORGANISATION} newsroom",
        "themesDir": str(THEMES_DIR),
        "theme": THEME,
        "defaultContentLanguage": "en",
        "defaultContentLanguageInSubdir": True,
        "paginate": 10,
        "disableKinds": [],
        "taxonomies": {"topic": "topics", "tag": "tags"},
        "permalinks": {"releases": "/releases/:year/:month/:slug/"},
        "mediaTypes": {"application/atom+xml": {"suffixes": ["xml"]}},
        "outputFormats": {
            "Atom": {"mediaType": "application/atom+xml", "baseName": "atom", "rel": "alternate"}
        },
        "outputs": {"home": FEEDS, "section": FEEDS, "term": FEEDS, "taxonomy": ["HTML"]},
        "languages": {
            "en": {"languageName": "English", "weight": 1},
            "fr": {
                "languageName": "Français",
                "weight": 2,
                "title": f"Salle de presse {words.ORGANISATION}",
            },
        },
    }


def front_matter(version: Version, corpus: Corpus) -> str:
    """Return YAML front matter with Hugo's field names."""
    r = version.release
    fields = {
        "title": version.title,
        "slug": version.slug,
        "date": r.date.isoformat(),
        "translationKey": r.key,
        "topics": list(r.topics),
        "tags": list(version.tags),
        "summary": version.summary,
        "author": corpus.contact(r.author).name,
        "releasetype": r.kind,
        "dateline": version.dateline,
    }
    if r.updated:
        fields["lastmod"] = r.updated.isoformat()
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n"
