"""Draw the sample site's gallery photos and documents with Pillow: original artwork made here.

Run once from the repository root: `.venv/bin/python -m bench.make_media`; the files are committed.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]


def artwork(seed: int, size: tuple[int, int], palette: list[tuple[int, int, int]]) -> Image.Image:
    """Draw soft overlapping discs on a two-colour gradient."""
    rng = random.Random(seed)  # noqa: S311 - repeatable artwork, not secrets
    width, height = size
    image = Image.new("RGB", size)
    top, bottom = palette[0], palette[1]
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    shapes = ImageDraw.Draw(layer)
    for _ in range(9):
        r = rng.randint(height // 10, height // 3)
        x, y = rng.randint(0, width), rng.randint(0, height)
        colour = (*rng.choice(palette[2:]), 150)
        shapes.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    for i in range(40):
        angle = i / 40 * math.tau
        x = width / 2 + math.cos(angle) * width / 3
        y = height / 2 + math.sin(angle) * height / 3
        shapes.ellipse([x - 6, y - 6, x + 6, y + 6], fill=(255, 255, 255, 200))
    return Image.alpha_composite(image.convert("RGBA"), layer).convert("RGB")


PHOTOS = {
    "media/2021/garage-workshop.jpg": (
        11,
        [(18, 36, 74), (40, 90, 150), (240, 180, 60), (90, 200, 220)],
    ),
    "media/2021/garage-pitch.jpg": (
        12,
        [(60, 20, 70), (200, 90, 80), (250, 220, 120), (80, 40, 160)],
    ),
    "media/2021/rd-lab.jpg": (
        21,
        [(220, 230, 235), (120, 150, 170), (20, 140, 140), (240, 160, 40)],
    ),
    "media/2021/rd-campus.jpg": (
        22,
        [(20, 60, 40), (120, 180, 120), (250, 250, 230), (30, 90, 160)],
    ),
}
DOCUMENTS = {
    "media/2021/startup-garage-facts.pdf": "BMW Startup Garage - key facts (PressClub sample document)",
    "media/2021/china-rd-figures.pdf": "BMW Group R&D in China - figures (PressClub sample document)",
}
NOTES = {
    "media/2021/startup-garage-contacts.txt": (
        "PressClub sample attachment, written here.\n"
        "Startup Garage scouting hubs: Munich, Mountain View, Shanghai, Seoul, Tel Aviv.\n"
    ),
}


def main() -> None:
    """Write every sample file under content/."""
    for name, (seed, palette) in PHOTOS.items():
        path = ROOT / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        artwork(seed, (2400, 1600), palette).save(path, "JPEG", quality=72, optimize=True)
    for name, title in DOCUMENTS.items():
        page = Image.new("RGB", (1240, 1754), "white")
        draw = ImageDraw.Draw(page)
        draw.text((120, 160), title, fill="black", font_size=36)
        draw.text(
            (120, 240), "Made by PressClub for its sample newsroom.", fill="black", font_size=28
        )
        page.save(ROOT / "content" / name, "PDF", resolution=150)
    for name, text in NOTES.items():
        (ROOT / "content" / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
