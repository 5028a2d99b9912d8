"""Figures in a topic: line drawings from the topics' figures/ folder with words that say what
they show, placed after a section or a step; every way a figure can be wrong gives one line
with file, line and field, and the topic is left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.cli import main
from kiosk.content import load_topics
from kiosk.content.document import Figure, SelfCare, Warnings, walk
from kiosk.content.loader import ContentError
from kiosk.narration.script import flatten, reading_blocks
from tests.topic_samples import VALID, write_topic

DRAWING = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="480" height="320" viewBox="0 0 480 320">'
    '<path d="M10 10 L470 310" stroke="currentColor" stroke-width="6" fill="none"/></svg>'
)
STEP = """
[[figures]]
file = "stretch.svg"
after_step = 3
alt = "A person stretches one leg. Hold it for 30 seconds."
"""
SECTION = """
[[figures]]
file = "glass.svg"
after_section = 1
alt = "A glass of water. Drink one glass now."
"""


def topic_folder(tmp_path: Path, figures: str, drawings: dict[str, str] | None = None) -> Path:
    write_topic(tmp_path, VALID + figures)
    folder = tmp_path / "figures"
    folder.mkdir(exist_ok=True)
    for name, text in (drawings if drawings is not None else {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return tmp_path


def only_error(root: Path) -> str:
    result = load_topics(root)
    assert result.topics == []
    (error,) = result.errors
    assert isinstance(error, ContentError)
    assert "\n" not in str(error)
    return str(error)


def test_figures_load_and_take_their_places_in_the_walk(tmp_path: Path) -> None:
    root = topic_folder(tmp_path, STEP + SECTION, {"stretch.svg": DRAWING, "glass.svg": DRAWING})
    result = load_topics(root)
    assert result.errors == []
    (topic,) = result.topics
    stretch, glass = topic.figures
    assert (stretch.after_step, stretch.after_section) == (2, None)
    assert (glass.after_section, glass.after_step) == (0, None)
    assert Path(stretch.path) == root / "figures" / "stretch.svg"
    kinds = [type(b).__name__ for b in walk(topic)]
    # The section figure after the first section; the step figure after the steps.
    assert kinds == [
        "Title", "Summary", "Section", "Figure", "Section", "SelfCare", "Figure", "Warnings"
    ]  # fmt: skip
    figures = [b for b in walk(topic) if isinstance(b, Figure)]
    assert [f.caption.field for f in figures] == ["figures[1].alt", "figures[0].alt"]
    # Read aloud with the page, in the same place: after the steps, before the warnings.
    sentences, _ = flatten(reading_blocks(topic))
    last_step = sentences.index("Stretch your legs slowly.")
    assert sentences[last_step + 1 : last_step + 3] == [
        "A person stretches one leg.",
        "Hold it for 30 seconds.",
    ]
    blocks = walk(topic)
    assert isinstance(blocks[5], SelfCare)
    assert isinstance(blocks[-1], Warnings)


@pytest.mark.parametrize(
    ("figures", "drawings", "message"),
    [
        (STEP.replace('alt = "A person stretches one leg. Hold it for 30 seconds."\n', ""),
         {"stretch.svg": DRAWING}, "figures 1 alt: is missing"),
        (STEP.replace('alt = "A person', 'alt = "   "\n# "'), {"stretch.svg": DRAWING},
         "figures 1 alt: is empty"),
        (STEP, {}, "no such drawing: figures/stretch.svg"),
        (STEP.replace("stretch.svg", "../stretch.svg"), {"stretch.svg": DRAWING},
         "must be a drawing's file name"),
        (STEP.replace("stretch.svg", "stretch.png"), {}, "must be a drawing's file name"),
        (STEP, {"stretch.svg": "<svg><path></svg>"}, "is not a valid SVG file"),
        (STEP, {"stretch.svg": "<html></html>"}, "is not an SVG drawing"),
        (STEP, {"stretch.svg": '<!DOCTYPE svg [<!ENTITY a "b">]><svg/>'},
         "declares entities or a DOCTYPE"),
        (STEP.replace("after_step = 3", "after_step = 4"), {"stretch.svg": DRAWING},
         "figures 1 after_step: must be a whole number from 1 to 3"),
        (STEP.replace("after_step = 3", 'after_step = "3"'), {"stretch.svg": DRAWING},
         "must be a whole number from 1 to 3"),
        (STEP.replace("after_step = 3", "after_step = 3\nafter_section = 1"),
         {"stretch.svg": DRAWING}, "needs after_section or after_step"),
        (STEP.replace("after_step = 3\n", ""), {"stretch.svg": DRAWING},
         "needs after_section or after_step"),
        (STEP.replace("alt =", "caption =").replace("\ncaption", '\nalt = "x y."\ncaption'),
         {"stretch.svg": DRAWING}, "unknown field 'caption'"),
    ],
)  # fmt: skip
def test_a_bad_figure_is_one_line_and_the_topic_is_left_out(
    tmp_path: Path, figures: str, drawings: dict[str, str], message: str
) -> None:
    error = only_error(topic_folder(tmp_path, figures, drawings))
    assert message in error
    assert "sample.toml:" in error


def test_check_content_refuses_a_drawing_qt_cannot_draw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Well-formed SVG that draws nothing (no size at all): the loader cannot tell, Qt can."""
    root = topic_folder(
        tmp_path, STEP, {"stretch.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>'}
    )
    assert main(["check-content", str(root), "--quiet"]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert "sample.toml:" in line
    assert "figures 1 file: stretch.svg cannot be drawn" in line


def test_topics_json_lists_each_figure_with_its_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["topics", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for topic in data:
        if topic["path"].startswith(str(paths.TOPICS)):
            assert len(topic["figures"]) >= 2, topic["id"]
        for figure in topic["figures"]:
            assert figure["alt"]
            assert figure["file"].endswith(".svg")
            assert (figure["after_section"] is None) != (figure["after_step"] is None)
            assert Path(figure["path"]).is_file()
