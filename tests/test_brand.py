"""The newsroom's brand (PRESS_BRAND): validation with one line per problem, header, colours."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, Build, build, snapshot
from press_core.brand import Brand, contrast_on_white, read_brand
from press_core.errors import shown

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 60"><rect width="9" height="9"/></svg>'


def content_with_logo(tmp_path: Path, text: str = LOGO) -> Path:
    """Return a content folder holding images/logo.svg."""
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "logo.svg").write_text(text, encoding="utf-8")
    return tmp_path


def test_brand_defaults_to_the_site_name_and_the_stylesheet_accent(tmp_path: Path) -> None:
    assert read_brand(None, "Newsroom", tmp_path) == (Brand("Newsroom", "#1c69d4"), [])


def test_logo_size_follows_its_viewbox_at_header_height(tmp_path: Path) -> None:
    content = content_with_logo(tmp_path)
    value = {"name": " ACME ", "logo": "images/logo.svg", "accent": "#0B5D3B"}
    assert read_brand(value, "Site", content) == (
        Brand("ACME", "#0b5d3b", "images/logo.svg", 200, 40),
        [],
    )


def test_every_brand_problem_is_one_line(tmp_path: Path) -> None:
    value = {"name": "", "logo": "logo.png", "accent": "blue", "colour": "#000000"}
    assert read_brand(value, "Site", tmp_path) == (
        None,
        [
            "PRESS_BRAND: colour: unknown key; known keys are name, logo, accent",
            "PRESS_BRAND: name: expected a non-empty text, found ''",
            "PRESS_BRAND: accent: expected a colour like '#1c69d4', found 'blue'",
            "PRESS_BRAND: logo: expected the path of an .svg file, found 'logo.png'",
        ],
    )


def test_logo_must_be_readable_svg_inside_content(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    content = content_with_logo(tmp_path / "content", "<svg><rect></svg>")
    (tmp_path / "outside.svg").write_text(LOGO, encoding="utf-8")
    (content / "images" / "plain.svg").write_text("<svg/>", encoding="utf-8")
    problems = [
        read_brand({"logo": logo}, "Site", content)[1]
        for logo in ("images/missing.svg", "../outside.svg", "images/logo.svg", "images/plain.svg")
    ]
    folder = shown(content)
    assert problems == [
        [f"PRESS_BRAND: logo: 'images/missing.svg' is not a file inside {folder}/"],
        [f"PRESS_BRAND: logo: '../outside.svg' is not a file inside {folder}/"],
        [
            "PRESS_BRAND: logo: 'images/logo.svg' is not well-formed XML (Opening and ending"
            " tag mismatch: rect line 1 and svg, line 1, column 18); save it again as plain SVG"
        ],
        [
            "PRESS_BRAND: logo: 'images/plain.svg' has no viewBox;"
            ' add one like viewBox="0 0 200 40"'
        ],
    ]


def test_accent_must_be_readable_on_white(tmp_path: Path) -> None:
    assert round(contrast_on_white("#1c69d4"), 1) == 5.2
    assert read_brand({"accent": "#ffcc00"}, "Site", tmp_path)[1] == [
        "PRESS_BRAND: accent: '#ffcc00' is too light for links on white"
        " (contrast 1.5:1, at least 4.5:1 needed)"
    ]


def test_header_shows_the_logo_and_the_accent(built: Build) -> None:
    page = built.page("fr/")
    (brand,) = page.select("header .brand")
    assert brand["href"] == "../fr/"
    assert brand.select_one("img.brand__logo").attrs == {
        "class": ["brand__logo"],
        "src": "../images/brand/pressclub.svg",
        "alt": "PressClub",
        "width": "120",
        "height": "40",
    }
    assert brand.get_text(strip=True) == "Salle de presse"
    sheets = [link["href"] for link in page.select('head link[rel="stylesheet"]')]
    assert len(sheets) == 2 and sheets[1] == "../theme/css/brand.css"
    assert re.fullmatch(r"\.\./theme/css/press\.[0-9a-f]{8}\.css", sheets[0])  # press_assets
    brand_css = built.output / "theme" / "css" / "brand.css"
    assert brand_css.read_text(encoding="utf-8") == (
        ":root { --accent: #1c69d4; --focus: #1c69d4; }\n"
    )
    assert (built.output / "images" / "brand" / "pressclub.svg").is_file()


def test_a_wrong_brand_stops_the_build_and_leaves_the_output(site: Path) -> None:
    first = build(site)
    assert first.returncode == 0, first.stderr
    before = snapshot(first.output)
    conf = site / "brandconf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa: F403\n"
        "PRESS_BRAND = {'name': 'X', 'logo': 'images/none.svg', 'accent': '#fff'}\n",
        encoding="utf-8",
    )
    result = build(site, conf=str(conf))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "PRESS_BRAND: accent: expected a colour like '#1c69d4', found '#fff'",
        "PRESS_BRAND: logo: 'images/none.svg' is not a file inside content/",
    ]
    assert "Traceback" not in result.stderr
    assert snapshot(first.output) == before
