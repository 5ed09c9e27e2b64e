"""Plan a release body (headings, paragraphs, lists, links) and render it as Markdown."""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from bench import text, words

SECTIONS = 4


@dataclass(frozen=True)
class Block:
    """One Markdown block: a heading, a paragraph, or a bulleted or numbered list."""

    kind: str  # "h" | "p" | "ul" | "ol"
    heading: int = 0
    plans: tuple[text.Plan, ...] = ()


def plan_body(rng: Random, people: tuple[str, ...], year: int) -> tuple[Block, ...]:
    """Draw the blocks of a ~600-word body: a lead, then sections with lists."""
    blocks = [_paragraph(rng, people, year, 6)]
    for heading in rng.sample(range(len(words.HEADINGS)), SECTIONS):
        blocks.append(Block("h", heading=heading))
        blocks.append(_paragraph(rng, people, year, rng.randint(5, 7)))
        kind = rng.choice(("ul", "ol"))
        items = tuple(
            text.plan(rng, range(len(text.ITEMS)), people, year) for _ in range(rng.randint(3, 5))
        )
        blocks.append(Block(kind, plans=items))
        blocks.append(_paragraph(rng, people, year, rng.randint(3, 4)))
    return tuple(blocks)


def _paragraph(rng: Random, people: tuple[str, ...], year: int, sentences: int) -> Block:
    """Draw a paragraph of `sentences` sentences."""
    plans = tuple(
        text.plan(rng, range(len(text.SENTENCES)), people, year) for _ in range(sentences)
    )
    return Block("p", plans=plans)


def render_body(blocks: tuple[Block, ...], lang: str) -> str:
    """Render the blocks as Markdown in `lang`."""
    return "\n\n".join(_render_block(block, lang) for block in blocks) + "\n"


def _render_block(block: Block, lang: str) -> str:
    """Render one block."""
    if block.kind == "h":
        return "## " + words.HEADINGS[block.heading][lang == "fr"]
    if block.kind == "p":
        return " ".join(text.render(text.SENTENCES, p, lang) for p in block.plans)
    items = (text.render(text.ITEMS, p, lang) for p in block.plans)
    marks = ("1." if block.kind == "ol" else "-" for _ in block.plans)
    return "\n".join(f"{mark} {item}" for mark, item in zip(marks, items, strict=True))
