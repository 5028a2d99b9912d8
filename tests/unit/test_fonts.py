"""The fonts text is drawn in (kiosk/fonts.py): Open Sans, then each language's own; Chinese in
its Simplified forms on screen and on paper; a language whose fonts are all missing is said in
one line, and nothing else changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QLabel

from kiosk import fonts, theme
from kiosk.app import application
from kiosk.config import Settings
from kiosk.content import load_topics
from kiosk.handout.layout import build_handout, page_font
from tests.language_samples import resources_with
from tests.topic_samples import VALID_ZH, write_topic

CHINESE = "腹泻时腿疼：直骨写，请多喝水。"  # 直 骨 写 are drawn differently in the JP and KR forms


@pytest.fixture(autouse=True)
def _app() -> None:
    application()
    fonts.load_fonts()


def drawn_in(text: str, font: QFont) -> set[str]:
    """The families Qt really draws `text` with in `font` (fallbacks included)."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine().setLineWidth(100_000)
    layout.endLayout()
    return {run.rawFont().familyName() for run in layout.glyphRuns()}


def test_open_sans_comes_first_then_the_languages_own_fonts() -> None:
    assert fonts.families() == ["Open Sans", "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei"]
    assert fonts.families("zh") == fonts.families()
    assert fonts.families("en") == fonts.families()  # English text never needs them
    assert fonts.css_families() == (
        '"Open Sans", "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei"'
    )


def test_a_pages_own_language_comes_before_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    japanese = (
        '\n[ja]\nname = "日本語"\nvoice = ["jpx/ja"]\ndirection = "ltr"\nreadability = "none"\n'
    )
    japanese += 'fonts = ["Noto Sans CJK JP"]\n'
    monkeypatch.setenv("KIOSK_RESOURCES", str(resources_with(tmp_path, japanese)))
    assert fonts.families()[:3] == ["Open Sans", "Noto Sans CJK SC", "Noto Sans SC"]
    assert fonts.families("ja")[:3] == ["Open Sans", "Noto Sans CJK JP", "Noto Sans CJK SC"]


def test_the_screen_draws_chinese_in_noto_sans_cjk_sc() -> None:
    label = QLabel(CHINESE)
    label.setStyleSheet(theme.stylesheet(theme.PALETTES["light"], theme.metrics(100, 1.0)))
    label.ensurePolished()
    assert label.font().families()[:2] == ["Open Sans", "Noto Sans CJK SC"]
    assert drawn_in(CHINESE, label.font()) == {"Noto Sans CJK SC"}
    assert drawn_in("Leg pain 38.9 °C", label.font()) == {"Open Sans"}
    assert drawn_in("IBS 会让腿疼吗？", label.font()) == {"Open Sans", "Noto Sans CJK SC"}


def test_the_page_draws_chinese_in_noto_sans_cjk_sc(tmp_path: Path) -> None:
    write_topic(tmp_path, VALID_ZH, lang="zh")
    (topic,) = load_topics(tmp_path).topics
    handout = build_handout(topic, Settings())
    used: set[str] = set()
    block = handout.document.begin()  # every block of the page, those in its tables too
    while block.isValid():
        layout = block.layout()
        for n in range(layout.lineCount()):
            used |= {run.rawFont().familyName() for run in layout.lineAt(n).glyphRuns()}
        block = block.next()
    assert {"Open Sans", "Noto Sans CJK SC"} <= used
    assert not {"Noto Sans CJK JP", "Noto Sans CJK KR", "Noto Sans CJK TC"} & used
    assert drawn_in(CHINESE, page_font("zh")) == {"Noto Sans CJK SC"}


def test_a_language_with_none_of_its_fonts_installed_is_said_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = resources_with(tmp_path, "")
    table = copy / "languages.toml"
    text = table.read_text(encoding="utf-8")
    shipped = 'fonts = ["Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei"]'
    assert shipped in text
    table.write_text(text.replace(shipped, 'fonts = ["No Such Font", "Nor This One"]'), "utf-8")
    monkeypatch.setenv("KIOSK_RESOURCES", str(copy))
    (line,) = fonts.missing_fonts()
    assert line.startswith("no font for 简体中文 (zh): none of No Such Font, Nor This One ")
    assert "\n" not in line
    # The page is laid out all the same, in whatever the system draws Chinese with.
    write_topic(tmp_path / "topics", VALID_ZH, lang="zh")
    (topic,) = load_topics(tmp_path / "topics").topics
    assert build_handout(topic, Settings()).fits


def test_nothing_is_said_when_every_language_has_a_font() -> None:
    assert fonts.missing_fonts() == []
