"""Chinese text that reads back from the printed page's PDF as it was written.

A PDF says which character each glyph stands for (its ToUnicode map): that is what search, copy
and paste, screen readers and pdftotext read. Qt's PDF writer makes the map from the font, and
when the font draws two characters with one glyph it takes the character with the lower code
point. CJK fonts (Noto Sans CJK among them) draw the Kangxi radicals (U+2F00-U+2FDF) and the
CJK Radicals Supplement (U+2E80-U+2EFF) with the very glyphs of everyday characters, so a page
that shows 人 and 食 reads back as ⼈ (U+2F08) and ⻝ (U+2EDD), though it looks and prints right.

Qt writes the map uncompressed, four hex digits for each character. Each radical in it is put
back as the character of the page's own text that the font draws with the same glyph, in place
and at the same length, so nothing else in the file moves.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from PySide6.QtGui import QFont, QRawFont

from kiosk.content.sentences import han_characters

_CMAP = re.compile(rb"begincmap.*?endcmap", re.DOTALL)
# One map entry's characters: an array [<4E00> <2F08> ...], or one character after two glyph ids.
_ARRAY = re.compile(rb"\[[^\]]*\]")
_ONE = re.compile(rb"^(<[0-9A-Fa-f]{4}> <[0-9A-Fa-f]{4}> )<([0-9A-Fa-f]{4})>", re.MULTILINE)
_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")


def is_radical(code: int) -> bool:
    """A character of the CJK Radicals Supplement or the Kangxi radicals."""
    return 0x2E80 <= code <= 0x2FDF


def restore_characters(pdf: bytes, text: str, families: Sequence[str]) -> bytes:
    """The PDF with each radical of its ToUnicode maps that stands for a character of `text`
    (drawn with the same glyph by one of `families`) put back as that character."""
    blocks = _CMAP.findall(pdf)
    found = {code for block in blocks for code in _codes(block) if is_radical(code)}
    found -= {ord(ch) for ch in text}  # a radical the text itself has stays one
    if not found:
        return pdf
    wanted = _characters_for(found, text, families)
    if not wanted:
        return pdf

    def one(hexcode: re.Match[bytes]) -> bytes:
        code = int(hexcode.group(1), 16)
        return b"<%04X>" % wanted[code] if code in wanted else hexcode.group(0)

    def entry(match: re.Match[bytes]) -> bytes:
        if match.re is _ARRAY:
            return _HEX.sub(one, match.group(0))
        start, end = match.group(1).split()[:2]
        code = int(match.group(2), 16)
        # <a> <b> <u> gives a..b the characters u, u+1, ...: only a single one can be put back.
        if start != end or code not in wanted:
            return match.group(0)
        return match.group(1) + b"<%04X>" % wanted[code]

    def block(match: re.Match[bytes]) -> bytes:
        return _ONE.sub(entry, _ARRAY.sub(entry, match.group(0)))

    return _CMAP.sub(block, pdf)


def _codes(block: bytes) -> Iterable[int]:
    for array in _ARRAY.findall(block):
        yield from (int(h, 16) for h in _HEX.findall(array))
    yield from (int(h, 16) for _, h in _ONE.findall(block))


def _characters_for(radicals: set[int], text: str, families: Sequence[str]) -> dict[int, int]:
    """For each radical, the character of `text` that the first font able to tell draws with
    the same glyph; else, for a Kangxi radical, its compatibility equivalent if `text` has it."""
    characters = sorted({ch for ch in han_characters(text) if not is_radical(ord(ch))})
    result: dict[int, int] = {}
    for family in families:
        left = radicals - result.keys()
        if not left:
            break
        font = QRawFont.fromFont(QFont(family))
        if not font.isValid():
            continue
        by_glyph: dict[int, int] = {}
        for ch in characters:
            glyphs = font.glyphIndexesForString(ch)
            if glyphs and glyphs[0]:
                by_glyph.setdefault(glyphs[0], ord(ch))
        for code in left:
            glyphs = font.glyphIndexesForString(chr(code))
            if glyphs and glyphs[0] in by_glyph:
                result[code] = by_glyph[glyphs[0]]
    present = set(characters)
    for code in radicals - result.keys():
        same = unicodedata.normalize("NFKC", chr(code))
        if same != chr(code) and same in present:
            result[code] = ord(same)
    return result
