"""Every file the site publishes passes one rule, whatever its route (issue 21).

Routes: a release's front matter, a body link ({static}, {attach}, a plain path), a
contact photo, the brand logo, a plain static file. Images: no place (EXIF GPS, XMP or
IPTC location), at most PRESS_MEDIA_MAX_PIXELS. SVG: only drawing. Files no published
page uses are not published, but those of content/public/. Media RSS: no media:group
with a single media:content.
"""

from __future__ import annotations

import gzip
import io
import struct
import zlib
from pathlib import Path

import pytest
from conftest import Build, build, edit, snapshot
from lxml import etree
from media_fixture import GARAGE_EN, add_front_matter, photo
from PIL import Image, PngImagePlugin
from press_core.svg import svg_problem
from press_media.checks import image_facts
from press_media.settings import media_settings
from press_media.statics import static_message

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
ONLY_DRAW = "; SVG files may only draw, so remove it"
XMP_PLACE = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    b'syntax-ns#"><rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
    b' photoshop:City="Montreal"/></rdf:RDF></x:xmpmeta>'
)
GPS_LINE = "holds a GPS position in its EXIF data; remove it; only an image a release lists with gps_ok: true may keep a place"
MEDIA = "{http://search.yahoo.com/mrss/}"

UNSAFE_SVG = [
    (f"{SVG}<script>alert(1)</script></svg>", "has a <script> element"),
    (f"{SVG}<SCRIPT>alert(1)</SCRIPT></svg>", "has a <SCRIPT> element"),
    (
        f"{SVG}<h:script xmlns:h='http://www.w3.org/1999/xhtml'>alert(1)</h:script></svg>",
        "has a <script> element",
    ),
    (
        f"{SVG}<h:iframe xmlns:h='http://www.w3.org/1999/xhtml'/></svg>",
        "has an XHTML <iframe> element",
    ),
    (f"{SVG}<foreignObject><p>x</p></foreignObject></svg>", "has a <foreignObject> element"),
    (
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "has an event handler (onload)",
    ),
    (f"{SVG}<rect ONCLICK='x'/></svg>", "has an event handler (onclick)"),
    (
        f"{SVG}<set attributeName='onmouseover' to='alert(1)'/></svg>",
        "animates the attribute 'onmouseover'",
    ),
    (
        f"{SVG}<a><animate attributeName='href' values='https://x.example/'/></a></svg>",
        "animates the attribute 'href'",
    ),
    (
        f"{SVG}<image href='https://x.example/a.png'/></svg>",
        "refers to an outside file (href='https://x.example/a.png')",
    ),
    (
        f"{SVG}<use xlink:href='other.svg#a'/></svg>",
        "refers to an outside file (href='other.svg#a')",
    ),
    (
        f"{SVG}<image href='data:image/svg+xml;base64,AA'/></svg>",
        "refers to an outside file (href='data:image/svg+xml;base64,AA')",
    ),
    (
        f"{SVG}<g xml:base='https://x.example/'/></svg>",
        "refers to an outside file (base='https://x.example/')",
    ),
    (
        f"{SVG}<xi:include xmlns:xi='http://www.w3.org/2001/XInclude' href='/etc/passwd'/></svg>",
        "refers to an outside file (href='/etc/passwd')",
    ),
    (f"{SVG}<a href='javascript:alert(1)'><rect/></a></svg>", "has a javascript: URL"),
    (f"{SVG}<a xlink:href=' JaVaScRiPt:alert(1)'><rect/></a></svg>", "has a javascript: URL"),
    (f"{SVG}<a href='&#106;avascript:alert(1)'><rect/></a></svg>", "has a javascript: URL"),
    (f"{SVG}<a href='java&#x09;scr&#x0A;ipt:alert(1)'><rect/></a></svg>", "has a javascript: URL"),
    (
        f"{SVG}<style>@import url(https://x.example/a.css);</style></svg>",
        "imports a stylesheet (@import)",
    ),
    (
        f"{SVG}<style>rect {{fill: url('http://x.example/a.svg#g')}}</style></svg>",
        "refers to an outside file in url()",
    ),
    (f"{SVG}<rect style='fill:url(//x.example/a#g)'/></svg>", "refers to an outside file in url()"),
    (
        f"{SVG}<rect filter='url(https://x.example/f.svg#f)'/></svg>",
        "refers to an outside file in url()",
    ),
    (
        f"{SVG}<style>rect {{fill: u\\72l(http://x.example)}}</style></svg>",
        "writes a backslash escape, which could hide a url()",
    ),
    (
        f"<?xml-stylesheet href='https://x.example/a.css'?>{SVG}</svg>",
        "has a <?xml-stylesheet?> instruction",
    ),
    (f"{SVG}<script><![CDATA[alert(1)]]></script></svg>", "has a <script> element"),
    ("<foo><bar onclick='x'/></foo>", "has an event handler (onclick)"),
    (
        f"{SVG}<a xmlns:e='http://e.example' e:href='https://x.example'><rect/></a></svg>",
        "refers to an outside file (href='https://x.example')",
    ),
    (
        f"{SVG}<a href='data:text/html,&lt;script&gt;'><rect/></a></svg>",
        "refers to an outside file (href='data:text/html,<script>')",
    ),
    (
        f"{SVG}<style>@font-face {{src: url(https://x.example/f.woff)}}</style></svg>",
        "refers to an outside file in url()",
    ),
    (
        f"{SVG}<animate attributeName='xlink:href' values='#a;https://x.example'/></svg>",
        "animates the attribute 'xlink:href'",
    ),
]


def write(path: Path, data: bytes | str) -> Path:
    """Write a file, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def png_header(width: int, height: int) -> bytes:
    """Return a PNG that only claims its size: Pillow reads the header, never the pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 16)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def jpeg_with_iptc_city(path: Path) -> Path:
    """Write a JPEG whose Photoshop APP13 segment holds an IPTC city (2:90)."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(buffer, "JPEG")
    iptc = b"\x1c\x02\x5a" + struct.pack(">H", 8) + b"Montreal"
    resource = (
        b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    )
    payload = b"Photoshop 3.0\x00" + resource
    segment = b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload
    data = buffer.getvalue()
    return write(path, data[:2] + segment + data[2:])


def located(path: Path, kind: str) -> Path:
    """Write a small image that records a place, in one of several ways."""
    image = Image.new("RGB", (8, 8), (1, 2, 3))
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "xmp-jpeg":
        image.save(path, "JPEG", xmp=XMP_PLACE)
    elif kind == "xmp-png":
        info = PngImagePlugin.PngInfo()
        info.add_itxt("XML:com.adobe.xmp", XMP_PLACE.decode())
        image.save(path, "PNG", pnginfo=info)
    elif kind == "iptc-jpeg":
        jpeg_with_iptc_city(path)
    else:  # gps-png, gps-webp
        exif = Image.Exif()
        exif[0x8825] = {1: "N", 2: (45.0, 30.0, 0.0)}
        image.save(path, kind.split("-")[1].upper(), exif=exif)
    return path


@pytest.mark.parametrize(("text", "message"), UNSAFE_SVG)
def test_unsafe_svg_is_refused_with_one_line(tmp_path: Path, text: str, message: str) -> None:
    assert svg_problem(write(tmp_path / "x.svg", text)) == message + ONLY_DRAW


def test_svg_that_is_not_plain_well_formed_xml_is_refused(tmp_path: Path) -> None:
    broken = write(tmp_path / "broken.svg", f"{SVG}<rect></svg>")
    entities = write(
        tmp_path / "dtd.svg", f"<!DOCTYPE svg [<!ENTITY a 'b'>]>{SVG}<text>&a;</text></svg>"
    )
    laughs = "<!DOCTYPE svg [" + "".join(
        f"<!ENTITY l{i} '&l{i - 1};&l{i - 1};'>" for i in range(1, 30)
    )
    bomb = write(tmp_path / "bomb.svg", f"{laughs}<!ENTITY l0 'ha'>]>{SVG}<text>&l29;</text></svg>")
    assert svg_problem(broken) == (
        "is not well-formed XML (Opening and ending tag mismatch: rect line 1 and svg, line 1,"
        " column 116); save it again as plain SVG"
    )
    utf16 = write(tmp_path / "utf16.svg", f"{SVG}<script>x</script></svg>".encode("utf-16"))
    assert svg_problem(utf16) == "has a <script> element" + ONLY_DRAW
    packed = write(tmp_path / "packed.svg", gzip.compress(f"{SVG}<rect/></svg>".encode()))
    assert svg_problem(packed) == "is compressed (gzip); save it as plain SVG"
    assert svg_problem(write(tmp_path / "empty.svg", "")) == (
        "is not well-formed XML (Document is empty, line 1, column 1); save it again as plain SVG"
    )
    assert svg_problem(entities) == "declares a DOCTYPE; remove it (entities are not allowed)"
    assert svg_problem(bomb) == (  # libxml2 stops the expansion before our own check
        "is not well-formed XML (Maximum entity nesting depth exceeded, line 1, column 6);"
        " save it again as plain SVG"
    )


def test_svg_that_only_draws_passes(tmp_path: Path) -> None:
    drawing = (
        f"{SVG}<defs><linearGradient id='g'/><rect id='r'/></defs><style>rect {{fill: url(#g)}}"
        "</style><use href='#r'/><rect fill='url(#g)'/><image href='data:image/png;base64,AA'/>"
        "<text>javascript is a language</text></svg>"
    )
    assert svg_problem(write(tmp_path / "ok.svg", drawing)) is None
    assert svg_problem(Path(__file__).parent / "site/content/images/brand/pressclub.svg") is None


@pytest.mark.parametrize(
    ("kind", "place"),
    [
        ("gps-png", "a GPS position in its EXIF data"),
        ("gps-webp", "a GPS position in its EXIF data"),
        ("xmp-jpeg", "a location in its XMP data"),
        ("xmp-png", "a location in its XMP data"),
        ("iptc-jpeg", "a location in its IPTC data"),
    ],
)
def test_every_kind_of_place_is_found(tmp_path: Path, kind: str, place: str) -> None:
    path = located(tmp_path / f"photo.{kind.split('-')[1]}", kind)
    settings = media_settings({}, str(tmp_path / "cache"))
    assert image_facts(path).place == place
    remedy = "remove it; only an image a release lists with gps_ok: true may keep a place"
    assert static_message(path, settings, place_ok=False) == f"holds {place}; {remedy}"
    assert static_message(path, settings, place_ok=True) is None


def test_pixel_count_and_kinds_of_file_are_limited_without_a_traceback(tmp_path: Path) -> None:
    settings = media_settings({"PRESS_MEDIA_MAX_PIXELS": 1_000_000}, str(tmp_path / "cache"))
    bomb = write(tmp_path / "bomb.png", png_header(30000, 30000))
    large = write(tmp_path / "large.png", png_header(2000, 1000))
    warned = write(tmp_path / "warned.png", png_header(10000, 10000))  # Pillow only warns
    limit = "the limit is 1.0 megapixels (PRESS_MEDIA_MAX_PIXELS)"
    assert static_message(bomb, settings, False) == f"has more than 179.0 megapixels; {limit}"
    assert (
        static_message(large, settings, False) == f"is 2000 × 1000 pixels (2.0 megapixels); {limit}"
    )
    assert (
        static_message(warned, settings, False)
        == f"is 10000 × 10000 pixels (100.0 megapixels); {limit}"
    )
    assert static_message(write(tmp_path / "fake.jpg", "text"), settings, False) == (
        "is not an image Pillow can read (JPEG, PNG, WebP, ...)"
    )
    assert static_message(write(tmp_path / "notes.txt", "text"), settings, False) is None
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "a" * 50_000_000, zip=True)  # a text chunk that inflates to 50 MB
    Image.new("RGB", (8, 8)).save(tmp_path / "ztxt.png", pnginfo=info)
    assert static_message(tmp_path / "ztxt.png", settings, False) == (
        "is not an image Pillow can read (JPEG, PNG, WebP, ...)"
    )
    assert static_message(write(tmp_path / "phone.HEIC", "ftyp"), settings, False) == (
        "is not an image Pillow can read (JPEG, PNG, WebP, ...)"
    )
    for name in ("page.html", "page.XHTML", "feed.xml", "app.js"):
        suffix = Path(name).suffix.lower()
        assert static_message(write(tmp_path / name, "<x/>"), settings, False) == (
            f"is a web page or script ({suffix}); publish it as a PDF or a picture instead"
        )
    assert static_message(write(tmp_path / "a.svgz", b"\x1f\x8b"), settings, False) == (
        "is a compressed SVG; save it as a plain .svg file so it can be checked"
    )


def test_every_static_route_gets_one_line_per_file(site: Path) -> None:
    content = site / "content"
    photo(content / "images/contacts/marc.jpg", (40, 30), (9, 9, 9), gps=True)
    edit(site, "content/contacts.yml", "  email: marc.belcourt@example.com\n",
         "  email: marc.belcourt@example.com\n  photo: images/contacts/marc.jpg\n")  # fmt: skip
    photo(content / "images/2021/body-static.jpg", (40, 30), (9, 9, 9), gps=True)
    located(content / "media/2021/body-media.jpg", "xmp-jpeg")
    write(content / "images/2021/huge.png", png_header(30000, 30000))
    write(content / "images/2021/chart.svg", f"{SVG}<script>alert(1)</script></svg>")
    write(content / "media/2021/attach.svg", f"{SVG}<rect onclick='x'/></svg>")
    write(content / "public/kit/logo.svg", f"{SVG}<a href='javascript:x'><rect/></a></svg>")
    body = (
        "\n![a]({static}/images/2021/body-static.jpg) ![b]({static}/media/2021/body-media.jpg)"
        " ![c]({static}/images/2021/huge.png) ![d](/images/2021/chart.svg)"
        " [e]({attach}/media/2021/attach.svg)\n"
    )
    edit(site, GARAGE_EN, "in a technology park.", "in a technology park." + body)
    result = build(site)
    assert result.returncode == 1
    assert result.problems() == [
        "content/images/2021/body-static.jpg: file: " + GPS_LINE,
        "content/images/2021/chart.svg: file: has a <script> element" + ONLY_DRAW,
        "content/images/2021/huge.png: file: has more than 179.0 megapixels;"
        " the limit is 80.0 megapixels (PRESS_MEDIA_MAX_PIXELS)",
        "content/images/contacts/marc.jpg: file: " + GPS_LINE,
        "content/media/2021/attach.svg: file: has an event handler (onclick)" + ONLY_DRAW,
        "content/media/2021/body-media.jpg: file: holds a location in its XMP data; remove it;"
        " only an image a release lists with gps_ok: true may keep a place",
        "content/public/kit/logo.svg: file: has a javascript: URL" + ONLY_DRAW,
    ]
    assert "Traceback" not in result.stderr
    assert not result.output.exists()


def test_unsafe_brand_logo_and_static_svg_leave_the_output_as_it_was(site: Path) -> None:
    first = build(site)
    assert first.returncode == 0, first.stderr
    before = snapshot(first.output)
    logo = site / "content/images/brand/pressclub.svg"
    logo.write_text(logo.read_text().replace("<svg ", "<svg onload='alert(1)' ", 1))
    result = build(site)
    assert result.returncode == 1
    assert result.problems() == [
        "PRESS_BRAND: logo: 'images/brand/pressclub.svg' has an event handler (onload)" + ONLY_DRAW
    ]
    logo.write_text(logo.read_text().replace(" onload='alert(1)'", ""))
    write(site / "content/images/2021/map.svg", f"{SVG}<use href='https://x.example/a#b'/></svg>")
    edit(
        site,
        GARAGE_EN,
        "in a technology park.",
        "in a technology park. ![m]({static}/images/2021/map.svg)",
    )
    result = build(site)
    assert result.problems() == [
        "content/images/2021/map.svg: file: refers to an outside file"
        " (href='https://x.example/a#b')" + ONLY_DRAW
    ]
    assert snapshot(first.output) == before
    assert not list(site.glob(".output.staging-*"))


def test_front_matter_images_get_the_same_rule(site: Path) -> None:
    content = site / "content"
    write(content / "media/huge.png", png_header(30000, 30000))
    write(content / "media/large.png", png_header(9000, 9000))
    located(content / "media/iptc.jpg", "iptc-jpeg")
    add_front_matter(site, GARAGE_EN, """
images:
- {src: media/huge.png, alt: A, credit: B}
- {src: media/large.png, alt: A, credit: B}
- {src: media/iptc.jpg, alt: A, credit: B}
""")  # fmt: skip
    result = build(site)
    limit = "the limit is 80.0 megapixels (PRESS_MEDIA_MAX_PIXELS)"
    assert result.returncode == 1
    assert result.problems() == [
        f'{GARAGE_EN}: images[0].src: "media/huge.png" has more than 179.0 megapixels; {limit}',
        f'{GARAGE_EN}: images[1].src: "media/large.png" is 9000 × 9000 pixels (81.0 megapixels);'
        f" {limit}",
        f'{GARAGE_EN}: images[2].src: "media/iptc.jpg" holds a location in its IPTC data;'
        " remove it, or add gps_ok: true to this image if the place may be published",
    ]
    assert "Traceback" not in result.stderr


def test_only_used_files_and_public_ones_are_published(site: Path) -> None:
    content = site / "content"
    photo(content / "images/2021/unannounced-roadster.jpg", (40, 30), (1, 1, 1))
    write(content / "images/notes/plan.txt", "secret plan")
    photo(content / "images/2021/located-ok.jpg", (40, 30), (2, 2, 2), gps=True)
    add_front_matter(
        site,
        GARAGE_EN,
        "images:\n- {src: images/2021/located-ok.jpg, alt: A, credit: B, gps_ok: true}",
    )
    photo(content / "media/2021/linked.jpg", (40, 30), (3, 3, 3))
    edit(
        site,
        GARAGE_EN,
        "in a technology park.",
        "in a technology park. ![x]({static}/media/2021/linked.jpg)",
    )
    write(content / "public/board/annual-report.txt", "public report")
    # Not published, so not refused: a located photo and a scripted SVG nobody uses yet.
    photo(content / "images/2021/unused-located.jpg", (40, 30), (4, 4, 4), gps=True)
    write(content / "images/2021/unused.svg", f"{SVG}<script>alert(1)</script></svg>")
    result = build(site)
    assert result.returncode == 0, result.stderr
    published = {p.relative_to(result.output).as_posix() for p in result.files()}
    assert {"images/brand/pressclub.svg", "media/2021/linked.jpg",
            "public/board/annual-report.txt"} <= published  # fmt: skip
    # Photos a release lists are published by press_media, with their credits inside.
    for name in ("base.jpg", "located-ok.jpg"):
        assert [p for p in published if p.startswith("media/") and p.endswith(f"/{name}")], name
        assert f"images/2021/{name}" not in published
    assert not [name for name in published if "roadster" in name or "plan.txt" in name]
    assert not [name for name in published if "unused" in name]
    assert "roadster" not in "".join(p.read_text(errors="ignore") for p in result.files())


def test_check_lists_unused_files_without_failing(site: Path) -> None:
    import subprocess
    import sys

    from conftest import ROOT

    photo(site / "content/images/2021/unannounced-roadster.jpg", (40, 30), (1, 1, 1))
    photo(site / "content/media/2021/spare.jpg", (40, 30), (1, 1, 1))
    command = [sys.executable, "-m", "invoke", "-r", str(ROOT), "check"]
    result = subprocess.run(command, cwd=site, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "content/images/2021/unannounced-roadster.jpg: file: no published page uses it,"
        " so it is not published",
        "content/media/2021/spare.jpg: file: no published page uses it, so it is not published",
    ]


def test_every_feed_groups_only_several_renditions(media_site: Build) -> None:
    feeds = [
        path
        for path in media_site.files()
        if path.suffix in {".xml", ".atom"} and {"feeds", "fils"} & set(path.parts)
    ]
    photos = 0
    for feed in feeds:
        tree = etree.parse(str(feed))
        for group in tree.iter(f"{MEDIA}group"):
            assert len(group.findall(f"{MEDIA}content")) >= 2, feed
        for content in tree.iter(f"{MEDIA}content"):
            photos += 1
            assert [child.tag for child in content] == [f"{MEDIA}thumbnail", f"{MEDIA}credit"]
    assert len(feeds) > 20
    assert photos > 10
