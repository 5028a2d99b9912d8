"""The PDF's map of its text (ToUnicode) gives Chinese characters back, not the look-alike
radicals that CJK fonts draw with the same glyphs and Qt's writer may name instead (人 as ⼈)."""

from __future__ import annotations

import pytest

from kiosk.app import application
from kiosk.fonts import families
from kiosk.handout.pdf_text import is_radical, restore_characters

CMAP = b"""%PDF-1.4
4 0 obj
<< /Length 300 >>
stream
/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
2 beginbfrange
<0000> <0000> <0000>
<0001> <0005> [<2F08> <6C34> <2EE5> <0041> <2F3C>]
<0006> <0006> <2F47>
<0007> <0008> <2F54>
endbfrange
endcmap
endstream
endobj
"""


@pytest.fixture(autouse=True)
def _app() -> None:
    application()  # the fonts are asked which glyph draws each character


def test_each_radical_is_put_back_as_the_pages_own_character() -> None:
    # 人 水 鱼 A 心 日: 鱼 (U+9C7C) shares its glyph with ⻥ (U+2EE5, the simplified fish
    # radical), which has no compatibility equivalent: only the font can tell.
    fixed = restore_characters(CMAP, "人水鱼A心日", families("zh"))
    assert b"<0001> <0005> [<4EBA> <6C34> <9C7C> <0041> <5FC3>]" in fixed
    assert b"<0006> <0006> <65E5>" in fixed
    assert len(fixed) == len(CMAP)  # in place: no offset in the file moves


def test_a_range_of_characters_and_a_radical_the_text_has_are_left_as_they_are() -> None:
    # <0007> <0008> <2F54> gives two glyphs two characters in a row: it cannot be put back by
    # changing its first; and a page that really shows ⼈ keeps it.
    fixed = restore_characters(CMAP, "⼈水鱼心日水", families("zh"))
    assert b"[<2F08> <6C34> <9C7C> <0041> <5FC3>]" in fixed
    assert b"<0007> <0008> <2F54>" in fixed


def test_without_a_font_the_kangxi_radicals_still_come_back_by_their_equivalents() -> None:
    fixed = restore_characters(CMAP, "人水鱼心日", ["No Such Font"])
    assert b"[<4EBA> <6C34> <2EE5> <0041> <5FC3>]" in fixed  # ⻥ has no equivalent to go by
    assert b"<0006> <0006> <65E5>" in fixed


def test_a_pdf_without_radicals_or_maps_is_untouched() -> None:
    plain = CMAP.replace(b"<2F08>", b"<4EBA>").replace(b"<2EE5>", b"<9C7C>")
    plain = plain.replace(b"<2F3C>", b"<5FC3>").replace(b"<2F47>", b"<65E5>")
    plain = plain.replace(b"<2F54>", b"<6C34>")
    assert restore_characters(plain, "人水鱼心日", families("zh")) is plain
    assert restore_characters(b"%PDF-1.4\n", "人", families("zh")) == b"%PDF-1.4\n"


def test_the_radical_blocks() -> None:
    assert is_radical(0x2E80)
    assert is_radical(0x2FD5)
    assert not is_radical(0x4EBA)
    assert not is_radical(0x3002)
