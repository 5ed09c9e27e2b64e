"""Generate a deterministic corpus of bilingual releases and write it in three layouts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cached_property
from random import Random
from zoneinfo import ZoneInfo

from bench import body, text, words

LANGS = ("en", "fr")
TZ = ZoneInfo("America/Toronto")
FIRST_DAY = datetime(2020, 1, 6, tzinfo=TZ)
SPAN_DAYS = 6 * 365
# Later than every generated date: PRESS_NOW for our build, so nothing is embargoed.
PRESS_NOW = "2026-06-01T12:00:00+00:00"
MAX_SLUG = 80  # the contract's longest slug (press_core.limits)
BOILERPLATE = {
    "en": f"{words.ORGANISATION} is a fictional maker of electric buses, bicycles and chargers, "
    "invented for this benchmark. It employs 4,200 people in nine countries.\n",
    "fr": f"{words.ORGANISATION} est un fabricant fictif d’autobus, de vélos et de bornes électriques, "
    "inventé pour ce banc d’essai. Elle emploie 4 200 personnes dans neuf pays.\n",
}


@dataclass(frozen=True)
class Contact:
    """One press contact as contacts.yml holds it."""

    id: str
    name: str
    role: int
    phone: str
    email: str


@dataclass(frozen=True)
class Release:
    """One release, language-neutral: both language versions render from it."""

    key: str
    date: datetime
    updated: datetime | None
    embargo: datetime | None
    kind: str
    topics: tuple[str, ...]
    tags: tuple[int, ...]
    contacts: tuple[str, ...]
    author: str
    related: tuple[str, ...]
    link: int
    city: int
    title: text.Plan
    summary: tuple[text.Plan, ...]
    highlights: tuple[text.Plan, ...]
    body: tuple[body.Block, ...]


@dataclass(frozen=True)
class Version:
    """One language version of a release, every text rendered."""

    release: Release
    lang: str
    title: str
    slug: str
    dateline: str
    summary: str
    highlights: tuple[str, ...]
    tags: tuple[str, ...]
    body: str

    @property
    def link(self) -> tuple[str, str]:
        """Return the external related link (title, URL) of this version."""
        noun = words.NOUNS[self.release.link][2 if self.lang == "fr" else 0]
        return (
            f"{words.ORGANISATION}: {noun}",
            f"https://www.example.org/{self.lang}/{text.slugify(noun)}/",
        )

    @property
    def stem(self) -> str:
        """Return the file path shared by the layouts: <YYYY>/<key>.<lang>.md."""
        return f"{self.release.date.year}/{self.release.key}.{self.lang}.md"


@dataclass(frozen=True)
class Corpus:
    """Contacts, releases and their rendered language versions."""

    seed: int
    contacts: tuple[Contact, ...]
    releases: tuple[Release, ...]
    versions: tuple[Version, ...]

    @cached_property
    def _by_key(self) -> dict[tuple[str, str], Version]:
        """Index the versions by (key, lang)."""
        return {(v.release.key, v.lang): v for v in self.versions}

    def version(self, key: str, lang: str) -> Version:
        """Return the `lang` version of release `key`."""
        return self._by_key[key, lang]

    def contact(self, contact_id: str) -> Contact:
        """Return the contact with id `contact_id`."""
        return next(c for c in self.contacts if c.id == contact_id)


def build_corpus(pairs: int, seed: int) -> Corpus:
    """Generate `pairs` bilingual releases, the same ones for the same seed."""
    rng = Random(seed)  # noqa: S311 - a seeded, reproducible corpus; nothing secret
    contacts = _contacts(rng)
    tag_weights = _tag_weights(rng)
    releases: list[Release] = []
    for index in range(pairs):
        releases.append(_release(rng, index, pairs, releases, contacts, tag_weights))
    return Corpus(seed, contacts, tuple(releases), _versions(releases))


def _contacts(rng: Random) -> tuple[Contact, ...]:
    """Draw eight press contacts with distinct names."""
    names = rng.sample([f"{f} {last}" for f in words.FIRST_NAMES for last in words.LAST_NAMES], 8)
    return tuple(
        Contact(
            text.slugify(name),
            name,
            rng.randrange(len(words.ROLES)),
            f"+1 416 555 {rng.randrange(1000, 9999)}",
            f"{text.slugify(name)}@northwind.example",
        )
        for name in names
    )


def _tag_weights(rng: Random) -> list[float]:
    """Give tags Zipf-like popularity: a few large tags, many small ones."""
    ranks = list(range(len(words.NOUNS)))
    rng.shuffle(ranks)
    return [1 / (rank + 1) for rank in ranks]


def _release(
    rng: Random,
    index: int,
    pairs: int,
    earlier: list[Release],
    contacts: tuple[Contact, ...],
    tag_weights: list[float],
) -> Release:
    """Draw release number `index` of `pairs`."""
    date, updated, embargo = _dates(rng, index, pairs)
    people = tuple(c.name for c in contacts)
    title = text.plan(rng, range(len(text.TITLES)), people, date.year)
    chosen = rng.sample(contacts, rng.randint(1, 2))
    return Release(
        key=f"{date.year}-{text.slugify(words.NOUNS[title.nouns[0]][0])}-{index:05d}",
        date=date,
        updated=updated,
        embargo=embargo,
        kind=rng.choices(words.RELEASE_TYPES, words.TYPE_WEIGHTS)[0],
        topics=tuple(t[0] for t in rng.sample(words.TOPICS, rng.randint(1, 3))),
        tags=_tags(rng, tag_weights),
        contacts=tuple(c.id for c in chosen),
        author=rng.choice(contacts).id,
        related=_related(rng, earlier),
        link=rng.randrange(len(words.NOUNS)),
        city=rng.randrange(len(words.CITIES)),
        title=title,
        summary=tuple(text.plan(rng, text.PLAIN, people, date.year) for _ in range(2)),
        highlights=tuple(
            text.plan(rng, text.PLAIN, people, date.year) for _ in range(rng.randint(1, 3))
        ),
        body=body.plan_body(rng, people, date.year),
    )


def _dates(
    rng: Random, index: int, pairs: int
) -> tuple[datetime, datetime | None, datetime | None]:
    """Spread releases over six years; some are updated, some had an embargo."""
    day = FIRST_DAY + timedelta(days=SPAN_DAYS * index // max(pairs, 1))
    date = day.replace(hour=rng.choice((7, 8, 9, 10, 11, 14)), minute=rng.choice((0, 30)))
    updated = date + timedelta(days=1, hours=2) if rng.random() < 0.1 else None
    embargo = date if rng.random() < 0.1 else None
    return date, updated, embargo


def _tags(rng: Random, weights: list[float]) -> tuple[int, ...]:
    """Draw two to five distinct tags (noun indices)."""
    wanted = rng.randint(2, 5)
    tags: list[int] = []
    while len(tags) < wanted:
        tag = rng.choices(range(len(words.NOUNS)), weights)[0]
        tags += [] if tag in tags else [tag]
    return tuple(tags)


def _related(rng: Random, earlier: list[Release]) -> tuple[str, ...]:
    """Pick up to two recent earlier releases as related."""
    recent = earlier[-40:]
    return tuple(r.key for r in rng.sample(recent, min(len(recent), rng.randint(1, 2))))


def _versions(releases: list[Release]) -> tuple[Version, ...]:
    """Render both language versions of every release, slugs unique per language."""
    used: set[tuple[str, str]] = set()
    versions = []
    for release in releases:
        for lang in LANGS:
            version = _render(release, lang)
            versions.append(replace(version, slug=_unique(version.slug, lang, used)))
    return tuple(versions)


def _unique(slug: str, lang: str, used: set[tuple[str, str]]) -> str:
    """Return `slug`, or `slug-2`, `slug-3`... if taken in `lang`; mark it used.

    Every slug keeps to the contract's length (PRESS_MAX_SLUG_LENGTH's default): a long
    title loses its last words, and a suffix takes the room it needs.
    """
    candidate, n = _shortened(slug, MAX_SLUG), 1
    while (lang, candidate) in used:
        n += 1
        suffix = f"-{n}"
        candidate = _shortened(slug, MAX_SLUG - len(suffix)) + suffix
    used.add((lang, candidate))
    return candidate


def _shortened(slug: str, most: int) -> str:
    """Return `slug` cut after its last whole word that fits in `most` characters."""
    if len(slug) <= most:
        return slug
    return slug[: most + 1].rsplit("-", 1)[0]


def _render(release: Release, lang: str) -> Version:
    """Render the `lang` version of `release`."""
    title = text.render(text.TITLES, release.title, lang)
    fr = lang == "fr"
    return Version(
        release=release,
        lang=lang,
        title=title,
        slug=text.slugify(title),
        dateline=words.CITIES[release.city][fr],
        summary=" ".join(text.render(text.SENTENCES, p, lang) for p in release.summary),
        highlights=tuple(text.render(text.SENTENCES, p, lang) for p in release.highlights),
        tags=tuple(words.NOUNS[t][2] if fr else words.NOUNS[t][0] for t in release.tags),
        body=body.render_body(release.body, lang),
    )
