"""Media for the fixture site, made at test time with Pillow: galleries, attachments, GPS."""

from __future__ import annotations

from pathlib import Path

from conftest import edit
from PIL import Image

GARAGE_EN = "content/releases/2021/2021-garage-base.en.md"
GARAGE_FR = "content/releases/2021/2021-garage-base.fr.md"
EMBARGO_EN = "content/releases/2021/2021-embargoed-launch.en.md"
EMBARGO_FR = "content/releases/2021/2021-embargoed-launch.fr.md"
DRAFT_EN = "content/releases/2021/2021-draft-note.en.md"
GPS_IFD = 0x8825


def photo(
    path: Path, size: tuple[int, int], colour: tuple[int, int, int], gps: bool = False
) -> None:
    """Write a JPEG of one colour; with an EXIF GPS position when asked."""
    path.parent.mkdir(parents=True, exist_ok=True)
    exif = Image.Exif()
    if gps:
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (45.0, 30.0, 0.0), 3: "W", 4: (73.0, 34.0, 0.0)})
    Image.new("RGB", size, colour).save(path, "JPEG", quality=85, exif=exif)


def add_front_matter(site: Path, name: str, block: str) -> None:
    """Append lines to a release's front matter."""
    edit(site, name, "\n---\n", f"\n{block.strip()}\n---\n")


GARAGE_MEDIA = """
images:
- {src: media/garage-hall.jpg, alt: "The hall", credit: "Fixture studio", caption: "The hall.", licence: "CC BY 4.0"}
- {src: media/garage-desk.jpg, alt: "A desk", credit: "Fixture studio"}
attachments:
- {src: media/garage-facts.txt, title: "Key facts", description: "Plain text."}
"""
EMBARGO_MEDIA = """
images:
- {src: media/xylophrastic-secret.jpg, alt: "Secret", credit: "Fixture studio"}
- {src: media/garage-hall.jpg, alt: "The hall, shared", credit: "Fixture studio"}
- {src: images/2021/xylophrastic-static.jpg, alt: "Static secret", credit: "Fixture studio"}
attachments:
- {src: media/xylophrastic-brief.txt, title: "Brief"}
"""

DRAFT_MEDIA = """
images:
- {src: media/zanzibarquill-draft.jpg, alt: "Draft", credit: "Fixture studio"}
"""


def add_media(site: Path) -> None:
    """Give the published garage pair and the embargoed pair galleries and attachments."""
    content = site / "content"
    photo(content / "media/garage-hall.jpg", (1000, 600), (20, 80, 160))
    photo(content / "media/garage-desk.jpg", (400, 300), (160, 80, 20))
    (content / "media/garage-facts.txt").write_text("Garage facts.\n", encoding="utf-8")
    photo(content / "media/xylophrastic-secret.jpg", (500, 400), (1, 2, 3))
    photo(content / "images/2021/xylophrastic-static.jpg", (300, 200), (4, 5, 6))
    (content / "media/xylophrastic-brief.txt").write_text("xylophrastic brief\n", encoding="utf-8")
    for name in (GARAGE_EN, GARAGE_FR):
        add_front_matter(site, name, GARAGE_MEDIA)
    for name in (EMBARGO_EN, EMBARGO_FR):
        add_front_matter(site, name, EMBARGO_MEDIA)
    photo(content / "media/zanzibarquill-draft.jpg", (300, 200), (7, 8, 9))
    add_front_matter(site, DRAFT_EN, DRAFT_MEDIA)
