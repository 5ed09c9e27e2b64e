"""Generate parallel English/French sentences and Markdown bodies from one plan."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from random import Random

from bench import words

# (English, French) templates; `_slots` fills the fields.
SENTENCES: tuple[tuple[str, str], ...] = (
    ("{NA0} {v0} {n1} in {c0}.", "{NA0} {v0} {n1} à {c0}."),
    (
        "According to {p}, {n0} {v0} {n1}: {num} {w2} by {year}.",
        "Selon {p}, {n0} {v0} {n1} : {num} {w2} d’ici {year}.",
    ),
    ("Why does {n0} matter for {na1}?", "Pourquoi {n0} compte-t-il pour {na1} ?"),
    ("“{NA0} {v0} {n1},” said {p}.", "« {NA0} {v0} {n1} », a déclaré {p}."),
    (
        "Last year, {num} {w0} were counted in {c0}, up {pct} per cent.",
        "L’an dernier, {num} {w0} ont été recensés à {c0}, en hausse de {pct} %.",
    ),
    ("More details are on [the {b0} page]({url0}).", "Plus de détails sur [la page {b0}]({url0})."),
    (
        "This **{a0} {b1}** {v1} {n2} across {c0} and {c1}.",
        "Ce **{b1} {a0}** {v1} {n2} à {c0} et à {c1}.",
    ),
    (
        "{NA1} {v1} {na2} together with {n0} and {n1} in {c1}.",
        "{NA1} {v1} {na2} avec {n0} et {n1} à {c1}.",
    ),
    (
        "Work on {na0} starts in {c0}; {n1} follows in {year}.",
        "Les travaux sur {na0} commencent à {c0} ; {n1} suit en {year}.",
    ),
)
# Templates without Markdown, for summaries and highlights.
PLAIN = (0, 1, 3, 4, 7, 8)
ITEMS: tuple[tuple[str, str], ...] = (
    ("{NA0} in {c0}", "{NA0} à {c0}"),
    ("{num} {w1} for {n2}", "{num} {w1} pour {n2}"),
    ("[{B0}]({url0}) {v0} {na1}", "[{B0}]({url0}) {v0} {na1}"),
    ("{pct} per cent fewer {w2} by {year}", "{pct} % de {w2} en moins d’ici {year}"),
)
TITLES: tuple[tuple[str, str], ...] = (
    ("{org} {v0} {na0} in {c0}", "{org} {v0} {na0} à {c0}"),
    ("{org} and {n1} {v0} {na0}", "{org} et {n1} {v0} {na0}"),
    ("{NA0} {v0} {na1} in {c0}", "{NA0} {v0} {na1} à {c0}"),
)


@dataclass(frozen=True)
class Plan:
    """Language-neutral choices for one sentence: rendered the same way in both languages."""

    template: int
    nouns: tuple[int, ...]
    adjs: tuple[int, ...]
    verbs: tuple[int, ...]
    cities: tuple[int, ...]
    person: str
    num: int
    pct: int
    year: int


def plan(rng: Random, templates: Sequence[int], people: tuple[str, ...], year: int) -> Plan:
    """Draw one sentence plan using one of the `templates` indices."""
    return Plan(
        template=rng.choice(templates),
        nouns=tuple(rng.sample(range(len(words.NOUNS)), 3)),
        adjs=tuple(rng.sample(range(len(words.ADJECTIVES)), 3)),
        verbs=tuple(rng.sample(range(len(words.VERBS)), 2)),
        cities=tuple(rng.sample(range(len(words.CITIES)), 2)),
        person=rng.choice(people),
        num=rng.randrange(20, 25000),
        pct=rng.randrange(3, 60),
        year=year + rng.randrange(1, 6),
    )


def render(templates: tuple[tuple[str, str], ...], p: Plan, lang: str) -> str:
    """Render a plan with one of the template tables in `lang`."""
    return templates[p.template][lang == "fr"].format(**_slots(p, lang))


def _slots(p: Plan, lang: str) -> dict[str, str]:
    """Fill every template field for `lang`."""
    fr = lang == "fr"
    slots = {"p": p.person, "year": str(p.year), "pct": str(p.pct), "org": words.ORGANISATION}
    slots["num"] = f"{p.num:,}".replace(",", " " if fr else ",")
    for k, (noun, adj) in enumerate(zip(p.nouns, p.adjs, strict=True)):
        slots.update(_noun_slots(k, noun, adj, fr))
        slots[f"a{k}"] = words.ADJECTIVES[adj][fr]
    for k, verb in enumerate(p.verbs):
        slots[f"v{k}"] = words.VERBS[verb][fr]
    for k, city in enumerate(p.cities):
        slots[f"c{k}"] = words.CITIES[city][fr]
    return slots


@cache  # a few thousand combinations, each rendered many times
def _noun_slots(k: int, noun: int, adj: int, fr: bool) -> dict[str, str]:
    """Noun phrases for noun number `k`: bare, plural, with article, with adjective."""
    en, article, fr_noun = words.NOUNS[noun]
    bare = fr_noun if fr else en
    the = f"{article}{'' if article.endswith('’') else ' '}" if fr else "the "
    with_adj = (
        f"{the}{bare} {words.ADJECTIVES[adj][1]}" if fr else f"the {words.ADJECTIVES[adj][0]} {en}"
    )
    return {
        f"b{k}": bare,
        f"B{k}": bare.capitalize(),
        f"w{k}": plural(bare, fr),
        f"n{k}": the + bare,
        f"N{k}": (the + bare).capitalize(),
        f"na{k}": with_adj,
        f"NA{k}": with_adj[0].upper() + with_adj[1:],
        f"url{k}": f"https://www.example.org/{'fr' if fr else 'en'}/{slugify(bare)}/",
    }


def plural(word: str, fr: bool) -> str:
    """Return a naive plural, good enough for filler text."""
    if word.endswith(("s", "x", "z")):
        return word
    if fr:
        return word + ("x" if word.endswith("eau") else "s")
    return word[:-1] + "ies" if word.endswith("y") and word[-2] not in "aeiou" else word + "s"


@lru_cache(maxsize=1024)  # the same nouns are slugified for every link
def slugify(text: str) -> str:
    """Fold accents and keep [a-z0-9-]."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = "".join(c if c.isalnum() else "-" for c in ascii_text.lower())
    return "-".join(part for part in cleaned.split("-") if part)
