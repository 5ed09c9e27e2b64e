"""The newsroom's brand: name, SVG logo and accent colour, validated with one line per problem."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from .errors import shown
from .svg import parser, svg_problem

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
KEYS = ("name", "logo", "accent")
MIN_CONTRAST = 4.5  # WCAG AA for body text: the accent colours links on white
DEFAULT_ACCENT = "#1c69d4"


@dataclass(frozen=True)
class Brand:
    """What the header shows and the stylesheet colours with."""

    name: str
    accent: str = DEFAULT_ACCENT  # "#rrggbb", set as the CSS custom property --accent
    logo: str | None = None  # site-relative path of an SVG file of content/
    logo_width: int | None = None  # from the SVG's viewBox, scaled to LOGO_HEIGHT
    logo_height: int | None = None


LOGO_HEIGHT = 40  # CSS pixels; the header shows the logo this tall


def luminance(colour: str) -> float:
    """Return the WCAG relative luminance of a "#rrggbb" colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_on_white(colour: str) -> float:
    """Return the contrast ratio of a colour against white."""
    return 1.05 / (luminance(colour) + 0.05)


def accent_problems(accent: Any) -> list[str]:
    """Check the accent colour: a #rrggbb hex colour readable on white."""
    if not isinstance(accent, str) or not HEX_COLOUR.fullmatch(accent):
        return [f"PRESS_BRAND: accent: expected a colour like '#1c69d4', found {accent!r}"]
    ratio = contrast_on_white(accent)
    if ratio < MIN_CONTRAST:
        return [
            f"PRESS_BRAND: accent: {accent!r} is too light for links on white"
            f" (contrast {ratio:.1f}:1, at least {MIN_CONTRAST}:1 needed)"
        ]
    return []


def svg_box(path: Path) -> tuple[float, float] | None:
    """Return (width, height) of a checked SVG's viewBox, or None when there is none."""
    root = etree.fromstring(path.read_bytes(), parser())
    parts = (root.get("viewBox") or "").replace(",", " ").split()
    if len(parts) != 4:
        return None
    try:
        width, height = float(parts[2]), float(parts[3])
    except ValueError:
        return None
    return (width, height) if width > 0 and height > 0 else None


def logo_problems(logo: Any, content: Path) -> tuple[list[str], tuple[float, float] | None]:
    """Check the logo: an SVG file inside content/ with a viewBox; return its box too."""
    if logo is None:
        return [], None
    if not isinstance(logo, str) or not logo.endswith(".svg"):
        return [f"PRESS_BRAND: logo: expected the path of an .svg file, found {logo!r}"], None
    path = (content / logo).resolve()
    if not path.is_relative_to(content.resolve()) or not path.is_file():
        return [f"PRESS_BRAND: logo: {logo!r} is not a file inside {shown(content)}/"], None
    unsafe = svg_problem(path)
    if unsafe:
        return [f"PRESS_BRAND: logo: {logo!r} {unsafe}"], None
    box = svg_box(path)
    if box is None:
        return [
            f'PRESS_BRAND: logo: {logo!r} has no viewBox; add one like viewBox="0 0 200 40"'
        ], None
    return [], box


def read_brand(value: Any, site_name: str, content: Path) -> tuple[Brand | None, list[str]]:
    """Return the brand of PRESS_BRAND (defaults: the site name, no logo), or its problems."""
    value = {} if value is None else value
    if not isinstance(value, Mapping):
        return None, [f"PRESS_BRAND: expected a mapping with {', '.join(KEYS)}, found {value!r}"]
    problems = [
        f"PRESS_BRAND: {key}: unknown key; known keys are {', '.join(KEYS)}"
        for key in value
        if key not in KEYS
    ]
    name = value.get("name", site_name)
    if not isinstance(name, str) or not name.strip():
        problems.append(f"PRESS_BRAND: name: expected a non-empty text, found {name!r}")
    accent = value.get("accent", DEFAULT_ACCENT)
    problems += accent_problems(accent)
    logo = value.get("logo")
    logo_gaps, box = logo_problems(logo, content)
    problems += logo_gaps
    if problems:
        return None, problems
    width = round(LOGO_HEIGHT * box[0] / box[1]) if box else None
    return Brand(name.strip(), accent.lower(), logo, width, LOGO_HEIGHT if box else None), []


def brand_css(brand: Brand) -> str:
    """Return the stylesheet that sets the brand's accent as the theme's custom properties."""
    return f":root {{ --accent: {brand.accent}; --focus: {brand.accent}; }}\n"
