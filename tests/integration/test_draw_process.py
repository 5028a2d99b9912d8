"""The drawing process (`python -m kiosk.handout.draw`): the same page as the kiosk draws, from
the recipe the kiosk writes down, and one line when it cannot."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk import paths
from kiosk.config import Settings
from kiosk.content import load_topics
from kiosk.handout.draw import RECIPE, RecipeError, load_recipe, save_recipe
from kiosk.handout.layout import build_handout, printer_check_page
from kiosk.handout.output import write_pdf
from tests.integration.test_handout_pdf import pdf_pages, pdf_text


def draw(folder: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.handout.draw", str(folder), str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def pixels(pdf: Path, tmp_path: Path) -> bytes:
    stem = tmp_path / pdf.stem
    subprocess.run(
        ["pdftoppm", "-r", "60", "-gray", "-singlefile", str(pdf), str(stem)], check=True
    )
    return stem.with_suffix(".pgm").read_bytes()


@pytest.mark.parametrize("lang", ["en", "es", "zh"])
def test_the_process_draws_the_very_page_the_kiosk_would(
    qapp: QApplication, tmp_path: Path, lang: str
) -> None:
    """Text, pictures (the QR code, the tier icons, the drawings) and layout: the PDF the
    process writes looks, read and rendered, exactly like the one drawn in the kiosk."""
    topic = load_topics(paths.TOPICS).find("ibs-leg-pain", lang)
    assert topic is not None
    handout = build_handout(topic, Settings())
    # The English page carries its drawings, so those are compared too (the Spanish and the
    # Chinese pages, their text longer, give some or all of them up to fit).
    assert handout.figures_shown > 0 or lang != "en"
    write_pdf(handout, tmp_path / "kiosk.pdf")
    save_recipe(handout.recipe, tmp_path / "recipe")
    done = draw(tmp_path / "recipe", tmp_path / "process.pdf")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""
    assert pdf_pages(tmp_path / "process.pdf") == 1
    assert pdf_text(tmp_path / "process.pdf") == pdf_text(tmp_path / "kiosk.pdf")
    assert topic.title[:4] in pdf_text(tmp_path / "process.pdf")
    assert pixels(tmp_path / "process.pdf", tmp_path) == pixels(tmp_path / "kiosk.pdf", tmp_path)


def test_the_staff_test_page_too(qapp: QApplication, tmp_path: Path) -> None:
    page = printer_check_page(Settings(clinic_name="Main St"), "front", "1 Dec 2026 09:00")
    save_recipe(page.recipe, tmp_path / "recipe")
    done = draw(tmp_path / "recipe", tmp_path / "test.pdf")
    assert done.returncode == 0, done.stdout + done.stderr
    text = pdf_text(tmp_path / "test.pdf")
    assert "Kiosk printer test page" in text
    assert "Main St" in text


def test_pictures_of_indexed_colours_come_back_whole(qapp: QApplication, tmp_path: Path) -> None:
    """The QR code is a two-colour picture: its colour table travels with its pixels."""
    topic = load_topics(paths.TOPICS).find("ibs-leg-pain", "en")
    assert topic is not None
    recipe = build_handout(topic, Settings()).recipe
    save_recipe(recipe, tmp_path)
    again = load_recipe(tmp_path)
    assert again.images.keys() == recipe.images.keys()
    assert recipe.images["qr.png"].colorCount() == 2
    for name, image in recipe.images.items():
        assert again.images[name] == image, name
    assert (again.html, again.families, again.point_size, again.paper) == (
        recipe.html,
        recipe.families,
        recipe.point_size,
        recipe.paper,
    )


def damage(folder: Path, how: str) -> str:
    """Damage a written recipe; the line the process should say."""
    page = json.loads((folder / RECIPE).read_text(encoding="utf-8"))
    if how == "not json":
        (folder / RECIPE).write_text("{ half a recipe", encoding="utf-8")
        return "the page to draw is damaged (JSONDecodeError)"
    if how == "no html":
        del page["html"]
        (folder / RECIPE).write_text(json.dumps(page), encoding="utf-8")
        return "the page to draw is damaged (KeyError)"
    if how == "cut picture":
        raw = folder / page["images"]["qr.png"]["file"]
        raw.write_bytes(raw.read_bytes()[:100])
        return "the picture qr.png is not whole"
    (folder / RECIPE).unlink()
    return "cannot read the page to draw: No such file or directory"


@pytest.mark.parametrize("how", ["not json", "no html", "cut picture", "missing"])
def test_a_damaged_recipe_gets_one_line_and_no_page(
    qapp: QApplication, tmp_path: Path, how: str
) -> None:
    topic = load_topics(paths.TOPICS).find("ibs-leg-pain", "en")
    assert topic is not None
    save_recipe(build_handout(topic, Settings()).recipe, tmp_path / "recipe")
    said = damage(tmp_path / "recipe", how)
    with pytest.raises(RecipeError, match=f"^{re.escape(said)}$"):
        load_recipe(tmp_path / "recipe")
    done = draw(tmp_path / "recipe", tmp_path / "out.pdf")
    assert (done.returncode, done.stdout) == (1, said + "\n")
    assert not (tmp_path / "out.pdf").exists()


def test_a_pdf_that_cannot_be_written_gets_one_line(qapp: QApplication, tmp_path: Path) -> None:
    topic = load_topics(paths.TOPICS).find("ibs-leg-pain", "en")
    assert topic is not None
    save_recipe(build_handout(topic, Settings()).recipe, tmp_path / "recipe")
    out = tmp_path / "missing" / "out.pdf"
    done = draw(tmp_path / "recipe", out)
    assert (done.returncode, done.stdout) == (1, f"cannot write {out}: No such file or directory\n")
    usage = subprocess.run(
        [sys.executable, "-m", "kiosk.handout.draw"], capture_output=True, text=True, check=False
    )
    assert usage.returncode == 2
    assert usage.stderr.startswith("usage: python -m kiosk.handout.draw FOLDER OUT.pdf")


def test_pictures_are_written_once_and_those_no_longer_used_removed(
    qapp: QApplication, tmp_path: Path
) -> None:
    """The tier icons, and a page printed again, are not written for every print (most of the
    recipe's bytes); a picture the next page does not use goes, so the folder does not grow."""
    topics = load_topics(paths.TOPICS)
    english, chinese = topics.find("ibs-leg-pain", "en"), topics.find("ibs-leg-pain", "zh")
    assert english is not None
    assert chinese is not None
    first = build_handout(english, Settings()).recipe
    save_recipe(first, tmp_path)
    written = {raw.name: raw.stat().st_mtime_ns for raw in tmp_path.glob("image-*.raw")}
    assert len(written) == len({image.cacheKey() for image in first.images.values()})
    for raw in tmp_path.glob("image-*.raw"):
        raw.touch()  # any picture written again would show a new time
    touched = {raw.name: raw.stat().st_mtime_ns for raw in tmp_path.glob("image-*.raw")}
    save_recipe(build_handout(english, Settings()).recipe, tmp_path)
    assert {raw.name: raw.stat().st_mtime_ns for raw in tmp_path.glob("image-*.raw")} == touched
    other = build_handout(chinese, Settings()).recipe
    save_recipe(other, tmp_path)
    kept = {raw.name for raw in tmp_path.glob("image-*.raw")}
    assert kept == {f"image-{image.cacheKey():x}.raw" for image in other.images.values()}
    assert kept & set(written)  # the icons stayed
    assert set(written) - kept  # the English QR code and drawings went
    done = draw(tmp_path, tmp_path / "out.pdf")
    assert done.returncode == 0, done.stdout
    assert chinese.title[:4] in pdf_text(tmp_path / "out.pdf")
