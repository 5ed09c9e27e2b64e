"""Write a photo's credits into its file as XMP and IPTC, without touching its pixels.

Pillow writes XMP only while it encodes an image, which would re-encode a staff
original; here metadata segments are inserted into the file as it is instead:
JPEG gets an APP1 XMP packet and an APP13 IPTC IIM block, PNG an iTXt XMP chunk,
WebP an "XMP " chunk (IPTC IIM has no place in PNG or WebP; their XMP carries the
same values). The file's own XMP and IPTC are replaced; its EXIF and pixels are kept.
The result depends only on the bytes and the credits: the same on every build.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

XMP_SIGNATURE = b"http://ns.adobe.com/xap/1.0/\x00"
XMP_EXTENSION = b"http://ns.adobe.com/xmp/extension/\x00"
PHOTOSHOP_SIGNATURE = b"Photoshop 3.0\x00"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_XMP_KEYWORD = b"XML:com.adobe.xmp"
IIM_LIMIT = 2000  # bytes: the longest IIM text field (caption); longer values are cut
WEBP_XMP_FLAG, WEBP_ALPHA_FLAG = 0x04, 0x10


@dataclass(frozen=True)
class Credits:
    """What a published photo says about itself, in the language of its release."""

    caption: str
    credit: str
    copyright: str
    licence: str
    url: str  # the release page, absolute
    title: str  # the release's headline
    lang: str


def stamp(data: bytes, credits: Credits) -> bytes:
    """Return the file with the credits inside; a format without a writer here is unchanged."""
    if data.startswith(b"\xff\xd8"):
        return stamp_jpeg(data, credits)
    if data.startswith(PNG_SIGNATURE):
        return stamp_png(data, xmp_packet(credits))
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return stamp_webp(data, xmp_packet(credits))
    return data


def alternatives(value: str, lang: str) -> str:
    """Return an XMP language alternative: the default and the release's language."""
    text = escape(value)
    return (
        f'<rdf:Alt><rdf:li xml:lang="x-default">{text}</rdf:li>'
        f"<rdf:li xml:lang={quoteattr(lang)}>{text}</rdf:li></rdf:Alt>"
    )


def xmp_packet(c: Credits) -> bytes:
    """Return the XMP packet of the credits: Dublin Core, Photoshop and XMP Rights."""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
        ' xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/">'
        f"<dc:title>{alternatives(c.title, c.lang)}</dc:title>"
        f"<dc:description>{alternatives(c.caption, c.lang)}</dc:description>"
        f"<dc:rights>{alternatives(c.copyright, c.lang)}</dc:rights>"
        f"<dc:source>{escape(c.url)}</dc:source>"
        f"<photoshop:Credit>{escape(c.credit)}</photoshop:Credit>"
        f"<photoshop:Headline>{escape(c.title)}</photoshop:Headline>"
        "<xmpRights:Marked>True</xmpRights:Marked>"
        f"<xmpRights:UsageTerms>{alternatives(c.licence, c.lang)}</xmpRights:UsageTerms>"
        f"<xmpRights:WebStatement>{escape(c.url)}</xmpRights:WebStatement>"
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="r"?>'
    ).encode()


def dataset(record: int, number: int, value: bytes) -> bytes:
    """Return one IPTC IIM dataset (standard form: a two-byte length)."""
    return bytes((0x1C, record, number)) + struct.pack(">H", len(value)) + value


def cut(text: str) -> bytes:
    """Encode a value in UTF-8, cut to the IIM limit on a character boundary."""
    return text.encode()[:IIM_LIMIT].decode(errors="ignore").encode()


def iim(c: Credits) -> bytes:
    """Return the IPTC IIM records: UTF-8, headline, credit, copyright, caption, terms."""
    return b"".join(
        (
            dataset(1, 90, b"\x1b%G"),  # coded character set: UTF-8
            dataset(2, 0, b"\x00\x04"),  # record version 4
            dataset(2, 40, cut(c.licence)),  # special instructions: the terms of use
            dataset(2, 105, cut(c.title)),  # headline
            dataset(2, 110, cut(c.credit)),  # credit line
            dataset(2, 116, cut(c.copyright)),  # copyright notice
            dataset(2, 120, cut(c.caption)),  # caption / abstract
        )
    )


def photoshop_block(c: Credits) -> bytes:
    """Return an APP13 payload: one Photoshop resource (0x0404) holding the IIM records."""
    records = iim(c)
    padding = b"\x00" * (len(records) % 2)
    return (
        PHOTOSHOP_SIGNATURE
        + b"8BIM\x04\x04\x00\x00"
        + struct.pack(">I", len(records))
        + records
        + padding
    )


def segment(marker: int, payload: bytes) -> bytes:
    """Return one JPEG marker segment; a payload too long for one is left out."""
    if len(payload) + 2 > 0xFFFF:
        return b""
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def jpeg_headers(data: bytes) -> tuple[list[bytes], int]:
    """Split the APPn and comment segments after SOI; return them and where the rest starts."""
    found, at = [], 2
    while (
        at + 4 <= len(data)
        and data[at] == 0xFF
        and (0xE0 <= data[at + 1] <= 0xEF or data[at + 1] == 0xFE)
    ):
        end = at + 2 + struct.unpack(">H", data[at + 2 : at + 4])[0]
        if end > len(data):
            break
        found.append(data[at:end])
        at = end
    return found, at


def ours(header: bytes) -> bool:
    """Tell whether a JPEG segment is XMP or Photoshop data, which the build's replace."""
    payload = header[4:]
    return (header[1] == 0xE1 and payload.startswith((XMP_SIGNATURE, XMP_EXTENSION))) or (
        header[1] == 0xED and payload.startswith(PHOTOSHOP_SIGNATURE)
    )


def stamp_jpeg(data: bytes, c: Credits) -> bytes:
    """Insert XMP (APP1) and IPTC (APP13) after the file's own headers; the scan is untouched."""
    headers, rest = jpeg_headers(data)
    kept = b"".join(h for h in headers if not ours(h))
    added = segment(0xE1, XMP_SIGNATURE + xmp_packet(c)) + segment(0xED, photoshop_block(c))
    return data[:2] + kept + added + data[rest:]


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    """Return one PNG chunk with its CRC."""
    body = kind + payload
    return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))


def stamp_png(data: bytes, packet: bytes) -> bytes:
    """Insert an iTXt XMP chunk before the first IDAT, replacing the file's own XMP."""
    out, at, placed = [data[:8]], 8, False
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        chunk = data[at : at + 12 + length]
        at += 12 + length
        if kind in (b"iTXt", b"tEXt", b"zTXt") and chunk[8:].startswith(PNG_XMP_KEYWORD + b"\x00"):
            continue
        if kind == b"IDAT" and not placed:
            out.append(png_chunk(b"iTXt", PNG_XMP_KEYWORD + b"\x00\x00\x00\x00\x00" + packet))
            placed = True
        out.append(chunk)
    return b"".join(out) + data[at:]


def riff_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """Split a WebP file's chunks into (fourcc, payload)."""
    chunks, at = [], 12
    while at + 8 <= len(data):
        kind, size = data[at : at + 4], struct.unpack("<I", data[at + 4 : at + 8])[0]
        chunks.append((kind, data[at + 8 : at + 8 + size]))
        at += 8 + size + size % 2
    return chunks


def canvas(kind: bytes, payload: bytes) -> tuple[int, int, int]:
    """Return a simple WebP's width, height and VP8X alpha flag, from its bitstream header."""
    if kind == b"VP8L":
        bits = struct.unpack("<I", payload[1:5])[0]
        alpha = WEBP_ALPHA_FLAG if bits >> 28 & 1 else 0
        return (bits & 0x3FFF) + 1, (bits >> 14 & 0x3FFF) + 1, alpha
    width, height = struct.unpack("<HH", payload[6:10])
    return width & 0x3FFF, height & 0x3FFF, 0


def riff_chunk(kind: bytes, payload: bytes) -> bytes:
    """Return one RIFF chunk, padded to an even length."""
    return kind + struct.pack("<I", len(payload)) + payload + b"\x00" * (len(payload) % 2)


def stamp_webp(data: bytes, packet: bytes) -> bytes:
    """Add an XMP chunk (and the VP8X header a simple WebP lacks), replacing the file's own."""
    chunks = [(k, p) for k, p in riff_chunks(data) if k != b"XMP "]
    if not chunks:
        return data
    kind, payload = chunks[0]
    if kind == b"VP8X":
        chunks[0] = (kind, bytes((payload[0] | WEBP_XMP_FLAG,)) + payload[1:])
    elif kind in (b"VP8 ", b"VP8L"):
        width, height, alpha = canvas(kind, payload)
        header = bytes((WEBP_XMP_FLAG | alpha, 0, 0, 0))
        header += (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
        chunks.insert(0, (b"VP8X", header))
    else:
        return data
    body = b"WEBP" + b"".join(riff_chunk(k, p) for k, p in [*chunks, (b"XMP ", packet)])
    return b"RIFF" + struct.pack("<I", len(body)) + body
