"""The fonts text is drawn in, so every machine (and every printed page) draws the same letters.

The kiosk bundles Open Sans (resources/fonts/) for the Latin script. A language whose letters
Open Sans does not have names its own fonts in resources/languages.toml (`fonts`): Chinese
takes Noto Sans CJK SC (Debian's fonts-noto-cjk), so its characters are drawn in their
Simplified Chinese forms, not in the Japanese or Korean forms that the system's own fallback
may pick for the same characters. Those fonts come after Open Sans in every family list: Latin
letters and digits stay Open Sans, and only the characters Open Sans lacks fall to them.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

from kiosk import languages, paths

log = logging.getLogger("kiosk")

BUNDLED = "Open Sans"  # the kiosk's own family (resources/fonts/*.ttf)

_loaded = False
_reported = False


def families(lang: str | None = None) -> list[str]:
    """The font families to draw text in, most preferred first: Open Sans, then the fonts of
    `lang` (a page in one language), then those of every other language offered, in the
    table's order (the screen, which may show any of them: `lang` None)."""
    table = languages.table().languages
    ordered = sorted(table, key=lambda language: language.code != lang) if lang else table
    found = [BUNDLED]
    for language in ordered:
        found += [family for family in language.fonts if family not in found]
    return found


def css_families(lang: str | None = None) -> str:
    """`families` as a stylesheet's font-family value: "Open Sans", "Noto Sans CJK SC"."""
    return ", ".join('"' + family.replace('"', "") + '"' for family in families(lang))


def missing_fonts() -> list[str]:
    """One line for each language that names fonts of which none is installed: its text is
    drawn in whatever font the system falls back to (perhaps the wrong forms, or empty boxes)."""
    installed = set(QFontDatabase.families())
    return [
        f"no font for {language.name} ({language.code}): none of {', '.join(language.fonts)} "
        "is installed, so its text may show in other letter forms or as empty boxes; install "
        "one of them (on Debian, deploy/debian-packages.txt lists the package)"
        for language in languages.table().languages
        if language.fonts and not installed.intersection(language.fonts)
    ]


def load_fonts(report: bool = True) -> None:
    """Register resources/fonts/*.ttf with Qt, and say which language has no font of its own
    (once per process; `report` False leaves saying it to `report_missing`)."""
    global _loaded  # noqa: PLW0603 - a process-wide fact: Qt's font database is global too
    if not _loaded:
        for font in sorted(paths.FONTS.glob("*.ttf")):
            if QFontDatabase.addApplicationFont(str(font)) < 0:
                log.warning("could not load font %s", font.name)
        _loaded = True
    if report:
        report_missing()


def report_missing() -> None:
    """Say which language has no font of its own (once per process). The running kiosk says
    it after its first frame: asking Qt for every family installed took 1-2 ms."""
    global _reported  # noqa: PLW0603 - see load_fonts
    if not _reported:
        _reported = True
        for line in missing_fonts():
            log.warning("%s", line)
