"""The handout page as a QTextDocument: laid out for a patient, readable in black and white.

The same document is drawn for the on-screen preview, written as a PDF and sent to a printer,
so all three are one layout. Topic text is escaped: markup in a topic file prints as text.
"""

from __future__ import annotations

import functools
import html
import io
from typing import assert_never

from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QTextDocument

from kiosk import fonts, labels
from kiosk.config import Settings
from kiosk.content.document import Figure, Section, SelfCare, Summary, Title, Warnings, walk
from kiosk.content.model import Tier, Topic
from kiosk.content.sentences import join_sentences
from kiosk.figures import figure_image
from kiosk.handout.page import (
    LAYOUT_DPI,
    Handout,
    PageRecipe,
    draw_page,
    make_document,
    page_layout,
)
from kiosk.icons import svg_image

__all__ = ["LAYOUT_DPI", "Handout", "build_handout", "draw_page", "page_layout", "render_preview"]

BODY_PT = (13.0, 12.5, 12.0)  # tried in turn until the page fits; 12 pt is the floor
MIN_STEPS = 3
TWO_COLUMNS_AFTER = 4
FIGURES_ON_PAPER = 2  # beside the QR code, as tall as it: they take no extra height
FIGURE_PX = (132, 88)  # as laid out; drawn at three times that for the printer

# Black-and-white friendly: the tiers differ by word, icon and shade, most urgent darkest.
TIER_STYLE = {
    Tier.CALL_911: ("#000000", "#FFFFFF"),
    Tier.CALL_DOCTOR: ("#555555", "#FFFFFF"),
    Tier.WATCH: ("#DDDDDD", "#000000"),
}


def page_font(lang: str) -> QFont:
    """The page's font: Open Sans, then the fonts of the topic's language (Chinese characters in
    their Simplified forms), then any other language's."""
    fonts.load_fonts()  # the bundled ones, whoever lays a page out first
    font = QFont(fonts.BUNDLED)
    font.setFamilies(fonts.families(lang))
    return font


def qr_image(url: str) -> QImage:
    """The learn-more address as a QR code, big enough to scan from paper (a copy of the one
    made the first time: the preview, a language change and the print ask for the same few)."""
    return QImage(_qr_made(url))


@functools.lru_cache(maxsize=64)
def _qr_made(url: str) -> QImage:
    import segno  # noqa: PLC0415 - 40 ms to import; only needed once a page is printed

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=10, border=4)
    return QImage.fromData(buffer.getvalue())


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _self_care_html(block: SelfCare, lang: str, steps: int, body_pt: float) -> list[str]:
    """The self-care heading and its first `steps` steps as a checklist."""
    parts = [
        f'<h2 style="font-size:{body_pt + 2}pt; margin-top:4px; margin-bottom:0px;">'
        f"{_e(labels.self_care_heading(lang))}</h2>",
        '<table width="100%" cellspacing="0" cellpadding="2">',
    ]
    # Long lists take two columns (read down the first, then the second) to keep to one page.
    shown = [step.text for step in block.steps[:steps]]
    columns = 2 if len(shown) > TWO_COLUMNS_AFTER else 1
    rows = -(-len(shown) // columns)
    box = f'<img src="box.png" width="{body_pt + 3:.0f}" height="{body_pt + 3:.0f}">'
    for row in range(rows):
        cells = []
        for col in range(columns):
            index = col * rows + row
            if index < len(shown):
                cells.append(
                    f'<td valign="top" width="1">{box}</td>'
                    f'<td valign="top" width="{100 // columns}%" '
                    f'style="font-size:{body_pt}pt;">{_e(shown[index])}</td>'
                )
        parts.append(f"<tr>{''.join(cells)}</tr>")
    parts.append("</table>")
    return parts


def _warnings_html(block: Warnings, lang: str, body_pt: float) -> list[str]:
    """The warning heading and each tier: a word, an icon and a shade, then its signs."""
    parts = [
        f'<h2 style="font-size:{body_pt + 2}pt; margin-top:4px; margin-bottom:2px;">'
        f"{_e(labels.warning_heading(lang))}</h2>"
    ]
    for group in block.tiers:
        fill, ink = TIER_STYLE[group.tier]
        icon = f"{labels.tier_icon(group.tier)}-{'light' if ink == '#FFFFFF' else 'dark'}.png"
        signs = "".join(
            f'<p style="font-size:{body_pt}pt; margin:1px 6px 1px 6px;">'
            f"&#8226;&nbsp;{_e(sign.text)}</p>"
            for sign in group.signs
        )
        parts.append(
            f'<table width="100%" cellspacing="0" cellpadding="0" border="1.5" '
            f'style="border-color:#000000; border-style:solid; margin-bottom:4px;"><tr><td>'
            f'<table width="100%" cellspacing="0" cellpadding="4"><tr><td bgcolor="{fill}">'
            f'<img src="{icon}" width="{body_pt + 6:.0f}" height="{body_pt + 6:.0f}">&nbsp;'
            f'<span style="color:{ink}; font-size:{body_pt + 2}pt; font-weight:700;">'
            f"{_e(labels.tier_name(group.tier, lang))}</span></td></tr></table>"
            f"{signs}</td></tr></table>"
        )
    return parts


def printed_figures(topic: Topic) -> list[Figure]:
    """The drawings the page can carry: those of the self-care steps first (the page is the
    what-to-do), then those of the sections, at most FIGURES_ON_PAPER, each drawable."""
    figures = [b for b in walk(topic) if isinstance(b, Figure)]
    figures.sort(key=lambda b: b.figure.after_step is None)
    return [b for b in figures if figure_image(b.figure.path, "#000000", FIGURE_PX[0]) is not None][
        :FIGURES_ON_PAPER
    ]


def handout_html(
    topic: Topic, settings: Settings, steps: int, body_pt: float, figures: int = 0
) -> str:
    """The page's HTML (Qt's rich-text subset); `figures` drawings beside the QR code."""
    small = body_pt - 1.5
    tr = labels.handout_words(topic.lang)
    clinic = _e(settings.clinic_name)
    if settings.clinic_phone:
        clinic += f" &nbsp;·&nbsp; {_e(settings.clinic_phone)}"
    parts = [
        f'<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td><span style="font-size:{small}pt; font-weight:600;">{clinic}</span></td>'
        f'<td align="right"><span style="font-size:{small}pt;">'
        f"{_e(labels.current_as_of(labels.long_date(topic.current_as_of, topic.lang), topic.lang))}"
        f" &nbsp;·&nbsp; {_e(labels.language_name(topic.lang))}</span></td></tr></table>",
    ]
    for block in walk(topic):  # in the screen's order; the page leaves the sections out
        match block:
            case Title():
                parts.append(
                    f'<h1 style="font-size:{body_pt + 8}pt; margin-top:4px; margin-bottom:2px;">'
                    f"{_e(block.text)}</h1>"
                )
            case Summary():
                parts.append(
                    f'<p style="font-size:{body_pt + 1}pt; font-weight:600; margin-bottom:4px;">'
                    f"{_e(join_sentences(block.body.sentences))}</p>"
                )
            case Section():
                pass  # the page is the what-to-do and when-to-get-help, not the whole topic
            case SelfCare():
                parts += _self_care_html(block, topic.lang, steps, body_pt)
            case Figure():
                pass  # on paper they stand beside the QR code, below (printed_figures)
            case Warnings():
                parts += _warnings_html(block, topic.lang, body_pt)
            case _:
                assert_never(block)
    parts.append(
        f'<table width="100%" cellspacing="0" cellpadding="2" style="margin-top:2px;"><tr>'
        f'<td width="104" valign="top"><img src="qr.png" width="96" height="96"></td>'
        f'<td valign="middle" style="font-size:{small}pt;">'
        f"<b>{_e(tr['learn_more'])}</b><br>"
        f"{_e(topic.learn_more)}<br>"
        f"{_e(tr['not_advice'])}</td>"
        + "".join(
            f'<td width="{FIGURE_PX[0] + 8}" valign="top" align="right">'
            f'<img src="figure-{i}.png" width="{FIGURE_PX[0]}" height="{FIGURE_PX[1]}"></td>'
            for i in range(figures)
        )
        + "</tr></table>"
    )
    return "".join(parts)


# The attempt each topic's page fitted at, by topic, language and paper: tried first the next
# time (a fact about the topic and the page, nothing about who previewed it).
_FITTED: dict[tuple[str, str, str], int] = {}


# Whether a page fitted, by what decides it (its HTML, type and paper): the page one step fuller
# than the one a topic fitted at is asked about again at each preview of the topic, and laying
# it out again took a third of the preview's time. Only the page's own words are kept.
_FITS: dict[tuple[str, tuple[str, ...], float, str], bool] = {}
_FITS_KEPT = 256


def _fit_key(recipe: PageRecipe) -> tuple[str, tuple[str, ...], float, str]:
    return recipe.html, recipe.families, recipe.point_size, recipe.paper


def _fits(page: tuple[QTextDocument, PageRecipe], height: float) -> bool:
    """The laid-out page is no taller than `height` (remembered for its recipe)."""
    answer = page[0].size().height() <= height
    if len(_FITS) >= _FITS_KEPT:
        _FITS.clear()
    _FITS[_fit_key(page[1])] = answer
    return answer


def build_handout(
    topic: Topic, settings: Settings, paper: str | None = None, *, qr: bool = True
) -> Handout:
    """Lay the page out; shrink the type (not below 12 pt), then leave the drawings out, then
    drop self-care steps beyond the first three, until it fits one page. Warning signs are
    never dropped. `qr` False leaves the code's square blank (it is always the same size):
    enough to know what fits, for `check-content`, without encoding the address."""
    paper = paper or settings.paper
    layout = page_layout(paper)
    # Laid out in pixels at the document's own resolution, so point sizes mean real points.
    rect = layout.paintRectPixels(LAYOUT_DPI)
    code = qr_image(topic.learn_more) if qr else QImage(96, 96, QImage.Format.Format_Mono)
    images = {"qr.png": code, "box.png": svg_image("check-box", "#000000")}
    for tier in Tier:
        for shade, colour in (("light", "#FFFFFF"), ("dark", "#000000")):
            images[f"{labels.tier_icon(tier)}-{shade}.png"] = svg_image(
                labels.tier_icon(tier), colour
            )
    drawings = printed_figures(topic)
    for i, block in enumerate(drawings):
        image = figure_image(block.figure.path, "#000000", FIGURE_PX[0] * 3)
        assert image is not None  # printed_figures keeps only drawable ones
        images[f"figure-{i}.png"] = image
    # What gives way, in turn, until the page fits: the type shrinks to 12 pt, then the
    # drawings go, then the self-care steps beyond the first three. Never a warning sign.
    # The address is typed from paper: the drawings beside it leave it room for one line.
    small = page_font(topic.lang)
    small.setPixelSize(round((BODY_PT[0] - 1.5) * LAYOUT_DPI / 72))
    address = QFontMetricsF(small).horizontalAdvance(topic.learn_more)
    room = int((rect.width() - 104 - address - 24) // (FIGURE_PX[0] + 8))
    drawings = drawings[: max(0, room)]
    steps_all, some = len(topic.self_care), len(drawings)
    attempts = [(pt, steps_all, some) for pt in BODY_PT]
    attempts += [(BODY_PT[-1], steps_all, n) for n in range(some - 1, -1, -1)]
    attempts += [(BODY_PT[-1], n, 0) for n in range(steps_all - 1, MIN_STEPS - 1, -1)]

    families = tuple(page_font(topic.lang).families())

    def recipe(attempt: tuple[float, int, int]) -> PageRecipe:
        body_pt, steps, figures = attempt
        html_text = handout_html(topic, settings, steps, body_pt, figures)
        return PageRecipe(html_text, families, body_pt, paper, images)

    def laid_out(attempt: tuple[float, int, int]) -> tuple[QTextDocument, PageRecipe]:
        made = recipe(attempt)
        return make_document(made), made

    def fits(page: tuple[QTextDocument, PageRecipe]) -> bool:
        return _fits(page, rect.height())

    def attempt_fits(attempt: tuple[float, int, int]) -> bool:
        """As `fits`, without laying the page out if the same page was measured before."""
        made = recipe(attempt)
        known_answer = _FITS.get(_fit_key(made))
        return fits((make_document(made), made)) if known_answer is None else known_answer

    key = (topic.id, topic.lang, layout.pageSize().key())

    def made(index: int, page: tuple[QTextDocument, PageRecipe]) -> Handout:
        _FITTED[key] = index
        body_pt, steps, figures = attempts[index]
        return Handout(*page, body_pt, steps, True, figures)

    # Each attempt holds less than the one before (smaller type, fewer drawings, fewer steps),
    # so once one fits every later one does. The first that fits: the one this topic's page
    # fitted at last time, if it still fits and the one before it still does not (two layouts,
    # not four: a second preview, a language switched back); else found by halving, after
    # trying the first (most pages fit at once). What is remembered is only where to look
    # first: the answer is checked each time, so a changed topic or setting is laid out anew.
    known = _FITTED.get(key)
    if known is not None and 0 < known < len(attempts):
        page = laid_out(attempts[known])
        if fits(page) and not attempt_fits(attempts[known - 1]):
            return made(known, page)
    first = laid_out(attempts[0])
    if fits(first):
        return made(0, first)
    low, high, best = 1, len(attempts) - 1, None
    while low <= high:
        middle = (low + high) // 2
        page = laid_out(attempts[middle])
        if fits(page):
            best, high = (middle, page), middle - 1
        else:
            low = middle + 1
    if best is None:
        return Handout(*laid_out(attempts[-1]), attempts[-1][0], attempts[-1][1], False)
    return made(*best)


def render_preview(handout: Handout, width_px: int) -> QImage:
    """The page as a picture `width_px` wide: white paper with its margins, for the screen."""
    full = handout.layout.fullRectPixels(LAYOUT_DPI)
    paint = handout.layout.paintRectPixels(LAYOUT_DPI)
    scale = width_px / full.width()
    image = QImage(width_px, round(full.height() * scale), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.translate(paint.left() * scale, paint.top() * scale)
    draw_page(handout, painter, scale)
    painter.end()
    return image


def printer_check_page(settings: Settings, printer: str, when: str) -> Handout:
    """A page for staff to check the printer: clearly not a patient handout."""
    rows = [
        ("Clinic", settings.clinic_name),
        ("Printer", printer or "the system's default printer"),
        ("Printed", when),
        ("Paper", settings.paper.upper() if settings.paper == "a4" else "Letter"),
    ]
    table = "".join(f"<tr><td><b>{_e(k)}</b></td><td>{_e(v)}</td></tr>" for k, v in rows)
    recipe = PageRecipe(
        '<h1 style="font-size:28pt;">Kiosk printer test page</h1>'
        "<p>If you can read this page, the kiosk can print handouts for patients.</p>"
        f'<table cellpadding="6">{table}</table>'
        "<p>This page was printed from the staff screen. It is not for a patient.</p>",
        (fonts.BUNDLED,),
        14.0,
        settings.paper,
    )
    return Handout(make_document(recipe), recipe, 14.0, 0, True)
