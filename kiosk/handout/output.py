"""The handout on paper or as a PDF: the same document, drawn on a printer or a PDF writer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPdfWriter

from kiosk.handout.layout import Handout


class HandoutError(Exception):
    """Why a handout could not be written or printed (one line)."""


def write_pdf(handout: Handout, out: Path) -> None:
    """Write the page as a one-page PDF."""
    try:  # QPdfWriter only says "begin() returned false"; find out why first
        out.touch()
    except OSError as exc:
        raise HandoutError(f"cannot write {out}: {exc.strerror}") from None
    writer = QPdfWriter(str(out))
    writer.setPageLayout(handout.layout)
    writer.setResolution(300)
    writer.setTitle(
        handout.document.metaInformation(handout.document.MetaInformation.DocumentTitle)
    )
    writer.setCreator("Clinic education kiosk")
    handout.document.print_(writer)
    del writer  # the file is complete once the writer is gone
    try:
        if out.stat().st_size == 0:
            raise HandoutError(f"cannot write {out}")
    except OSError as exc:
        raise HandoutError(f"cannot write {out}: {exc.strerror}") from None
