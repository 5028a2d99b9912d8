"""The order of the topic tiles: the way a reader of the screen's language looks for a title."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.content import load_topics
from tests.gui.conftest import MakeKiosk
from tests.topic_samples import VALID, write_topic


def write_titled(root: Path, topic_id: str, title: str, lang: str) -> None:
    text = (
        VALID.replace('id = "sample"', f'id = "{topic_id}"')
        .replace('lang = "en"', f'lang = "{lang}"')
        .replace('title = "A sample topic"', f'title = "{title}"')
    )
    write_topic(root, text, name=topic_id, lang=lang)


def shown_titles(make_kiosk: MakeKiosk, qtbot: QtBot, root: Path, lang: str) -> list[str]:
    content = load_topics([root])
    assert content.errors == []
    kiosk = make_kiosk(content=content)
    kiosk.visit.update(language=lang)
    kiosk.visits.start()
    if kiosk.window.home.browsing:  # more than a screenful: these name no group, all in one
        kiosk.window.home.show_group(("category", "other"))
    tiles = kiosk.window.home.tiles
    qtbot.wait_until(lambda: all(t.isVisible() for t in tiles))
    # Left to right, then top to bottom: the order a reader sees them in.
    placed = sorted(tiles, key=lambda t: (t.y(), t.x()))
    return [t.title.text() for t in placed]


def test_numbers_in_titles_sort_by_value(
    make_kiosk: MakeKiosk, qtbot: QtBot, tmp_path: Path
) -> None:
    for number in (1, 10, 11, 2):
        write_titled(tmp_path, f"topic-{number}", f"Topic {number}", "en")
    titles = shown_titles(make_kiosk, qtbot, tmp_path, "en")
    assert titles == ["Topic 1", "Topic 2", "Topic 10", "Topic 11"]


def test_spanish_titles_sort_as_a_spanish_reader_expects(
    make_kiosk: MakeKiosk, qtbot: QtBot, tmp_path: Path
) -> None:
    titles = {
        "zapato": "Zapato",
        "arbol": "Árbol",
        "nube": "nube",
        "name": "Ñame",
        "arroz": "Arroz",
        "oso": "Oso",
        "tema-10": "Tema 10",
        "tema-9": "Tema 9",
    }
    for topic_id, title in titles.items():
        write_titled(tmp_path, topic_id, title, "es")
    write_titled(tmp_path, "ankle", "Ankle pain", "en")  # only in English: after the Spanish ones
    shown = shown_titles(make_kiosk, qtbot, tmp_path, "es")
    # Accents do not send a word to the end; ñ is its own letter, after n.
    expected = ["Árbol", "Arroz", "nube", "Ñame", "Oso", "Tema 9", "Tema 10", "Zapato"]
    assert shown == [*expected, "Ankle pain"]
