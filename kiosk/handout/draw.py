"""The drawing process: writes a page's PDF away from the kiosk's screen.

Drawing a page into a PDF takes 30-50 ms for a page in Chinese (most of it the PDF writer
embedding the font), and Qt holds the interpreter while it does: in the kiosk, even from a
thread, the screen would miss its frames. So the kiosk writes the page's recipe into a folder
(`save_recipe`: its HTML and font as JSON, its pictures as raw pixels, which costs no encoding)
and this process makes the same document from it and writes the PDF.

Run as `python -m kiosk.handout.draw FOLDER OUT.pdf`. It exits 0 once the PDF is complete, or
prints one line (why not) and exits 1.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage

from kiosk.handout.page import PageRecipe

RECIPE = "page.json"


class RecipeError(Exception):
    """A recipe folder that cannot be read back (one line)."""


def save_recipe(recipe: PageRecipe, folder: Path) -> None:
    """Write the recipe into `folder` (made if need be): page.json and one raw file for each
    picture. A picture already there from the page before (the tier icons, a page printed
    again) is not written again: its file is named after Qt's key for those very pixels.
    Pictures no longer used are removed. Raises OSError (a full disk, a folder gone)."""
    folder.mkdir(parents=True, exist_ok=True)
    pictures: dict[str, dict[str, Any]] = {}
    for name, image in recipe.images.items():
        raw = f"image-{image.cacheKey():x}.raw"
        path = folder / raw
        if not path.is_file() or path.stat().st_size != image.sizeInBytes():
            with path.open("wb") as out:
                out.write(image.constBits())
        pictures[name] = {
            "file": raw,
            "width": image.width(),
            "height": image.height(),
            "bytes_per_line": image.bytesPerLine(),
            "format": image.format().value,
            "colours": list(image.colorTable()),  # for pictures of a few indexed colours
        }
    page = {
        "html": recipe.html,
        "families": list(recipe.families),
        "point_size": recipe.point_size,
        "paper": recipe.paper,
        "images": pictures,
    }
    (folder / RECIPE).write_text(json.dumps(page), encoding="utf-8")
    used = {picture["file"] for picture in pictures.values()}
    for old in folder.glob("image-*.raw"):
        if old.name not in used:
            old.unlink(missing_ok=True)


def load_recipe(folder: Path) -> PageRecipe:
    """The recipe `save_recipe` wrote; RecipeError if it is missing or damaged."""
    try:
        page = json.loads((folder / RECIPE).read_text(encoding="utf-8"))
        images = {}
        for name, picture in page["images"].items():
            data = (folder / picture["file"]).read_bytes()
            width, height = picture["width"], picture["height"]
            if len(data) != picture["bytes_per_line"] * height:
                raise RecipeError(f"the picture {name} is not whole")
            image = QImage(
                data, width, height, picture["bytes_per_line"], QImage.Format(picture["format"])
            )
            if picture["colours"]:
                image.setColorTable(picture["colours"])
            images[name] = image.copy()  # its own pixels, not the bytes read
        return PageRecipe(
            str(page["html"]),
            tuple(str(family) for family in page["families"]),
            float(page["point_size"]),
            str(page["paper"]),
            images,
        )
    except OSError as exc:
        raise RecipeError(f"cannot read the page to draw: {exc.strerror}") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise RecipeError(f"the page to draw is damaged ({exc.__class__.__name__})") from None


def main(argv: list[str]) -> int:
    if len(argv) != 2:  # FOLDER OUT.pdf
        print("usage: python -m kiosk.handout.draw FOLDER OUT.pdf", file=sys.stderr)
        return 2
    # It draws on paper, never on a screen (under cage the kiosk itself is told "wayland").
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

    from kiosk import fonts  # noqa: PLC0415
    from kiosk.handout.output import HandoutError, write_pdf  # noqa: PLC0415
    from kiosk.handout.page import Handout, make_document  # noqa: PLC0415

    app = QGuiApplication([sys.argv[0]])  # noqa: F841 - fonts and the PDF writer need one
    fonts.load_fonts(report=False)
    try:
        recipe = load_recipe(Path(argv[0]))
        write_pdf(Handout(make_document(recipe), recipe, recipe.point_size, 0, True), Path(argv[1]))
    except (RecipeError, HandoutError) as exc:
        print(exc, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
