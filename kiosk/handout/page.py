"""A laid-out page and the recipe it is made from, so any process can make the same page.

The recipe (the page's HTML, its font, width, paper and pictures) is what `build_handout` and
`printer_check_page` settle on. The kiosk makes the page's document from it for the preview,
and the drawing process (`kiosk.handout.draw`) makes the very same document from it again, to
write the PDF away from the screen. This module needs only Qt and the kiosk's fonts, so that
process starts quickly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPainter, QTextDocument

PAPER = {"letter": QPageSize.PageSizeId.Letter, "a4": QPageSize.PageSizeId.A4}
MARGIN_MM = 10.0
LAYOUT_DPI = 96


def page_layout(paper: str) -> QPageLayout:
    """The page: Letter or A4, portrait, with margins a home printer can reach."""
    return QPageLayout(
        QPageSize(PAPER.get(paper, QPageSize.PageSizeId.Letter)),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


@dataclass(frozen=True, slots=True)
class PageRecipe:
    """Everything a page's document is made from."""

    html: str  # Qt's rich-text subset
    families: tuple[str, ...]  # the default font's families, most preferred first
    point_size: float
    paper: str  # "letter" or "a4" (anything else is Letter)
    images: dict[str, QImage] = field(default_factory=dict)  # by the name the HTML uses

    @property
    def layout(self) -> QPageLayout:
        return page_layout(self.paper)


def make_document(recipe: PageRecipe) -> QTextDocument:
    """The page's document, laid out as one sheet the width of the page's printable area: it
    is drawn exactly so on the preview, the PDF and the printer (never re-flowed into pages),
    so measuring it is the truth."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    font = QFont(recipe.families[0])
    font.setFamilies(list(recipe.families))
    font.setPointSizeF(recipe.point_size)
    # No ligatures: "fl" stays two letters, so the text survives any print driver and can be
    # searched and read back from the printed PDF.
    font.setFeature(QFont.Tag("liga"), 0)
    document.setDefaultFont(font)
    for name, image in recipe.images.items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    document.setHtml(recipe.html)
    document.setTextWidth(recipe.layout.paintRectPixels(LAYOUT_DPI).width())
    return document


@dataclass(frozen=True, slots=True)
class Handout:
    """A laid-out page, the recipe it was made from, and what had to give way for it to fit."""

    document: QTextDocument
    recipe: PageRecipe
    body_pt: float
    steps_shown: int
    fits: bool
    figures_shown: int = 0

    @property
    def layout(self) -> QPageLayout:
        return self.recipe.layout


def draw_page(handout: Handout, painter: QPainter, scale: float) -> None:
    """Draw the laid-out page with its top left at the painter's origin, scaled from the
    layout's resolution to the device's."""
    painter.save()
    painter.scale(scale, scale)
    handout.document.drawContents(painter)
    painter.restore()
