"""Strange text in a topic file, shown, highlighted and printed: markup stays the characters it
is (never interpreted), right-to-left and combining characters come through unchanged, and the
kiosk never crashes. Property-based: hypothesis writes the text."""

from __future__ import annotations

import html
import json
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.app import Kiosk
from kiosk.config import Settings
from kiosk.content import ContentError, LoadResult, load_topics
from kiosk.content.catalog import Catalog
from kiosk.content.loader import parse_topic
from kiosk.handout.layout import build_handout
from kiosk.ui.widgets import ReadingLabel
from tests.gui.conftest import FAST, MakeKiosk
from tests.topic_samples import VALID, write_topic

PIECES = [
    "<b>bold</b>",
    "<img src='file:///etc/passwd'>",
    "<a href='https://example.org'>a link</a>",
    "<script>alert(1)</script>",
    "<qt><h1>big</h1></qt>",
    "&amp; &lt;tag&gt; &#60;",
    "<span style='font-size:200pt'>huge</span>",
    "שלום לכם",  # Hebrew, right to left
    "مرحبا بكم",  # Arabic, right to left
    "\u202eevil\u202c",  # right-to-left override
    "cafe\u0301 man\u0303ana",  # combining accents
    "Z\u0351\u0352\u0353a\u0354\u0355",  # a pile of combining marks
    "\u200b\u200d\ufeff",  # zero-width characters
    "👩‍⚕️ 🩺",
    "Rest your legs.",
]

# Text a topic field can hold: the pieces above mixed with any printable characters (TOML
# itself refuses control characters, which the loader's own property tests cover).
texts = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30),
    ),
    min_size=1,
    max_size=4,
).map(" ".join)


def _topic_text(title: str, summary: str, section: str, step: str) -> str:
    def q(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)  # a TOML basic string is a JSON string

    text = VALID.replace('title = "A sample topic"', f"title = {q(title)}")
    text = text.replace(
        '"""\nYour legs can hurt for many reasons. Rest and water help most of the time.\n"""',
        q(summary),
    )
    text = text.replace('text = "Rest your legs. Drink water."', f"text = {q(section)}")
    return text.replace('"Rest your legs.",', f"{q(step)},")


def _plain(widget: QLabel) -> str:
    return widget.text() if widget.textFormat() == Qt.TextFormat.PlainText else ""


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(fields=st.tuples(texts, texts, texts, texts))
def test_strange_text_is_shown_and_printed_as_itself(
    make_kiosk: MakeKiosk, fields: tuple[str, str, str, str]
) -> None:
    """Whatever the text, the loader takes it or refuses it in one line; once taken, every
    label shows it as plain text, the reading highlight escapes it, and the page prints it."""
    source = _topic_text(*fields)
    result = parse_topic(source.encode("utf-8"), Path("topics/en/sample.toml"), "en")
    if isinstance(result, ContentError):
        event("refused in one line")
        assert "\n" not in str(result)
        return
    event("shown, highlighted and printed")
    kiosk = _kiosk(make_kiosk)
    kiosk.library.content = Catalog.of(LoadResult([result], []))
    kiosk.visits.start()
    kiosk.reading.open_topic("sample")
    page = kiosk.window.topic.page
    assert page is not None
    labels = page.findChildren(QLabel)
    for label in labels:
        assert label.textFormat() in (Qt.TextFormat.PlainText, Qt.TextFormat.AutoText)
        if label.textFormat() == Qt.TextFormat.AutoText:
            assert not QtGui.Qt.mightBeRichText(label.text()), label.text()
    shown = [_plain(label) for label in labels]
    assert any(result.title == text for text in shown)
    reading = [label for label in labels if isinstance(label, ReadingLabel)]
    for label in reading:
        label.highlight(0)
        assert label.textFormat() == Qt.TextFormat.RichText
        assert html.escape(label.sentences[0]) in label.text()
        label.highlight(None)
        assert label.text() == " ".join(label.sentences)
    printed = " ".join(build_handout(result, Settings()).document.toPlainText().split())
    assert " ".join(result.title.split()) in printed
    kiosk.visits.reset()
    assert kiosk.window.current_screen == "attract"


_made: list[Kiosk] = []


def _kiosk(make_kiosk: MakeKiosk) -> Kiosk:
    """One kiosk for all of a test's examples (building one per example would take minutes)."""
    if _made and _made[0].window.isVisible():
        return _made[0]
    _made.clear()
    _made.append(make_kiosk(FAST))
    return _made[0]


def test_a_clinic_folder_of_strange_files_still_gives_a_working_kiosk(
    make_kiosk: MakeKiosk, tmp_path: Path
) -> None:
    """Garbage, a huge file, deep nesting and markup in a clinic's folder: the good topics
    load, each bad file has one line of reason, and the kiosk shows the good ones."""
    clinic = tmp_path / "clinic"
    write_topic(clinic, bytes(range(256)).decode("latin-1"), name="garbage")
    write_topic(clinic, "x = " + "[" * 5000 + "]" * 5000, name="deep")
    write_topic(clinic, 'title = "' + "a" * 400_000 + '"', name="huge")
    good = VALID.replace('id = "sample"', 'id = "marked"').replace(
        'title = "A sample topic"', 'title = "<b>Marked</b> &amp; <i>up</i>"'
    )
    write_topic(clinic, good, name="marked")
    content = load_topics([clinic])
    assert [t.id for t in content.topics] == ["marked"]
    assert len(content.errors) == 3
    for error in content.errors:
        assert "\n" not in str(error)
    kiosk = make_kiosk(FAST, content=content)
    kiosk.visits.start()
    tile = kiosk.window.home.tiles[0]
    tile.click()
    page = kiosk.window.topic.page
    assert page is not None
    assert any(
        label.text() == "<b>Marked</b> &amp; <i>up</i>" for label in page.findChildren(QLabel)
    )
