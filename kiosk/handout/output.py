"""The handout as a PDF: the laid-out page drawn on a PDF writer, exactly as on the preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPainter, QPdfWriter

from kiosk import fonts
from kiosk.handout.page import LAYOUT_DPI, Handout, draw_page
from kiosk.handout.pdf_text import restore_characters

PDF_DPI = 300


class HandoutError(Exception):
    """Why a handout could not be written or printed (one line)."""


def write_pdf(handout: Handout, out: Path) -> None:
    """Write the page as a one-page PDF."""
    try:  # QPdfWriter only says "begin() returned false"; find out why first
        with out.open("ab"):
            pass
    except OSError as exc:
        raise HandoutError(f"cannot write {out}: {exc.strerror}") from None
    writer = QPdfWriter(str(out))
    writer.setPageLayout(handout.layout)
    writer.setResolution(PDF_DPI)
    writer.setCreator("Clinic education kiosk")
    painter = QPainter(writer)  # the origin is the top left of the printable area
    if not painter.isActive():
        raise HandoutError(f"cannot write {out}")
    draw_page(handout, painter, PDF_DPI / LAYOUT_DPI)
    painter.end()
    del writer  # the file is complete once the writer is gone
    try:
        written = out.read_bytes()
        if not written:
            raise HandoutError(f"cannot write {out}")
        # Chinese characters that Qt's map of the text gives as look-alike radicals (人 as ⼈).
        text = handout.document.toPlainText()
        fixed = restore_characters(written, text, fonts.families())
        if fixed != written:
            out.write_bytes(fixed)
    except OSError as exc:
        raise HandoutError(f"cannot write {out}: {exc.strerror}") from None
