"""The handout PDF, read back as a patient's page: one page, every part, a QR code that scans."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk import paths
from kiosk.config import Settings
from kiosk.content import Tier, load_topics
from kiosk.content.loader import parse_topic
from kiosk.fonts import load_fonts
from kiosk.handout.layout import build_handout
from kiosk.handout.output import write_pdf
from tests.conftest import run_main
from tests.topic_samples import VALID


def pdf_text(pdf: Path) -> str:
    # -raw: the order the page was drawn in, so two-column lists read one column at a time.
    out = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    # NFKC undoes the font's ligatures (the "fl" in "fluid" is one glyph in the PDF).
    return " ".join(unicodedata.normalize("NFKC", out.stdout).split())


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(
        next(line.split()[1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )


def qr_codes(pdf: Path, tmp_path: Path) -> list[str]:
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(tmp_path / "page")], check=True)
    scan = subprocess.run(
        ["zbarimg", "--quiet", "--raw", *map(str, tmp_path.glob("page*.png"))],
        capture_output=True,
        text=True,
        check=False,
    )
    return scan.stdout.split()


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("topic_id", ["ibs-leg-pain", "diarrhea-leg-pain"])
def test_shipped_topic_handout(tmp_path: Path, topic_id: str, paper: str) -> None:
    pdf = tmp_path / "handout.pdf"
    done = run_main("handout", topic_id, "--paper", paper, "-o", str(pdf))
    assert done.returncode == 0, done.stderr
    topic = load_topics(paths.TOPICS).find(topic_id, "en")
    assert topic is not None
    assert pdf_pages(pdf) == 1
    text = pdf_text(pdf)
    assert topic.title in text
    for tier in Tier:
        for sign in topic.signs(tier):
            assert " ".join(sign.split()) in text, sign
    for words in (
        "Call 911 now",
        "Call your doctor now or go to urgent care",
        "Watch closely and call your doctor if",
        "What you can do at home",
        "does not replace advice",
        "English",
        topic.learn_more,
    ):
        assert words in text
    # The shipped topics fit whole: every step is on the page (check-content warns otherwise).
    assert [step for step in topic.self_care if step not in text] == []
    assert qr_codes(pdf, tmp_path) == [topic.learn_more]


def test_over_long_topic_still_fits_one_page_and_keeps_every_warning(
    qapp: QApplication, tmp_path: Path
) -> None:
    load_fonts()
    steps = ",\n".join(f'    "Do step number {n} and then rest for a while."' for n in range(30))
    signs = ",\n".join(f'    "Warning sign number {n} is here."' for n in range(8))
    text = VALID.replace(
        '    "Rest your legs.",\n    "Drink a glass of water.",\n    "Stretch your legs slowly.",',
        steps + ",",
    ).replace('watch = ["The pain does not go away in a week."]', f"watch = [\n{signs}\n]")
    folder = tmp_path / "topics" / "en"
    folder.mkdir(parents=True)
    (folder / "sample.toml").write_text(text, encoding="utf-8")
    topic = parse_topic(text.encode(), folder / "sample.toml", "en")
    assert not isinstance(topic, Exception)
    assert len(topic.self_care) == 30
    handout = build_handout(topic, Settings())
    assert handout.fits
    assert handout.body_pt == 12.0
    assert 3 <= handout.steps_shown < 30
    pdf = tmp_path / "long.pdf"
    write_pdf(handout, pdf)
    assert pdf_pages(pdf) == 1
    page = pdf_text(pdf)
    for n in range(8):
        assert f"Warning sign number {n} is here." in page


def test_a_page_laid_out_again_is_looked_for_where_it_fitted_and_is_the_same(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second preview of a page (or a language switched back) lays it out twice, not
    four or more times; what it remembers is only where to look first, so a wrong guess (the
    topic changed since) still gives the page a fresh search gives."""
    from kiosk.handout import layout  # noqa: PLC0415

    load_fonts()
    steps = ",\n".join(f'    "Do step number {n} and then rest for a while."' for n in range(30))
    text = VALID.replace(
        '    "Rest your legs.",\n    "Drink a glass of water.",\n    "Stretch your legs slowly.",',
        steps + ",",
    )
    topic = parse_topic(text.encode(), tmp_path / "en" / "sample.toml", "en")
    assert not isinstance(topic, Exception)
    made: list[int] = []
    html = layout.handout_html

    def counted(*args: object, **kwargs: object) -> str:
        made.append(1)
        return html(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(layout, "handout_html", counted)
    monkeypatch.setattr(layout, "_FITTED", {})

    def page(handout: layout.Handout) -> tuple[object, ...]:
        plain = handout.document.toPlainText()
        return (handout.fits, handout.body_pt, handout.steps_shown, handout.figures_shown, plain)

    fresh = build_handout(topic, Settings())
    searched = len(made)
    assert fresh.fits
    assert 3 <= fresh.steps_shown < 30
    assert searched > 2
    made.clear()
    again = build_handout(topic, Settings())
    assert len(made) == 2
    assert page(again) == page(fresh)
    for wrong in (1, 3, 40):  # before, after and past the place it fits at
        for key in layout._FITTED:
            layout._FITTED[key] = wrong
        assert page(build_handout(topic, Settings())) == page(fresh)


def test_markup_in_a_topic_prints_as_text(qapp: QApplication, tmp_path: Path) -> None:
    text = VALID.replace('title = "A sample topic"', 'title = "<b>Bold</b> & <i>odd</i>"')
    topic = parse_topic(text.encode(), tmp_path / "en" / "sample.toml", "en")
    assert not isinstance(topic, Exception)
    pdf = tmp_path / "markup.pdf"
    write_pdf(build_handout(topic, Settings()), pdf)
    assert "<b>Bold</b> & <i>odd</i>" in pdf_text(pdf)


def test_unknown_topic_and_unwritable_output_are_one_line(tmp_path: Path) -> None:
    done = run_main("handout", "nope", "-o", str(tmp_path / "x.pdf"))
    assert (done.returncode, done.stderr.strip()) == (1, "kiosk: no topic 'nope' in language 'en'")
    done = run_main("handout", "ibs-leg-pain", "-o", str(tmp_path / "missing" / "x.pdf"))
    assert done.returncode == 1
    assert done.stderr.strip().startswith(f"kiosk: cannot write {tmp_path / 'missing' / 'x.pdf'}")


def test_check_content_warns_when_a_topic_is_too_long_for_one_page(tmp_path: Path) -> None:
    steps = ",\n".join(f'    "Do step number {n} and then rest for a while."' for n in range(30))
    text = VALID.replace(
        '    "Rest your legs.",\n    "Drink a glass of water.",\n    "Stretch your legs slowly.",',
        steps + ",",
    )
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "sample.toml").write_text(text, encoding="utf-8")
    done = run_main("check-content", str(tmp_path), "--quiet")
    assert done.returncode == 0  # a warning: the page still prints, with fewer steps
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1
    assert "handout: only" in warnings[0]
    assert "of 30 self-care steps fit on the one-page handout" in warnings[0]
