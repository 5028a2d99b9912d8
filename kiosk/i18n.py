"""Qt translations of the kiosk's own words (topic text is content, in per-language files)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from kiosk import paths

log = logging.getLogger("kiosk.i18n")


# Translators are installed on the one application, so they are tracked here and not per
# Translations object: a second kiosk in the same process (a screenshot, a test) must not leave
# the first one's language behind.
_installed: list[QTranslator] = []
# Loaded once per language and kept: a new QTranslator at every language change would pile up
# (one patient after another switching languages, all day).
# Keyed by the folder too: a kiosk on another resources folder (KIOSK_RESOURCES) has its own.
_loaded: dict[tuple[str, str], tuple[bool, list[QTranslator]]] = {}


def uninstall_all(app: QCoreApplication) -> None:
    """Take every translator the kiosk installed out of the application: its words are
    English again (a tool, or a test, that follows another in the same process)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()


class Translations:
    """Swaps the installed translators when the patient changes language."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed = _installed
        self.language = ""

    def use(self, language: str) -> bool:
        """Install the kiosk's and Qt's translations; False if the kiosk's own are missing."""
        if language == self.language:
            return True
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        self.language = language
        QLocale.setDefault(QLocale(language))
        key = (language, str(paths.I18N))
        if key not in _loaded:
            _loaded[key] = self._load(language)
        found, translators = _loaded[key]
        for translator in translators:
            self._app.installTranslator(translator)
            self._installed.append(translator)
        return found

    def _load(self, language: str) -> tuple[bool, list[QTranslator]]:
        """Whether the kiosk's own words exist in `language`, and the translators to install."""
        found: list[QTranslator] = []
        kiosk = QTranslator(self._app)
        own = kiosk.load(f"kiosk_{language}", str(paths.I18N))
        if own:
            found.append(kiosk)
        else:
            log.warning("no translation file kiosk_%s.qm in %s", language, paths.I18N)
            kiosk.deleteLater()
        qt = QTranslator(self._app)
        qt_path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if language != "en" and qt.load(f"qtbase_{language}", qt_path):
            found.append(qt)
        else:
            qt.deleteLater()
        return own, found
