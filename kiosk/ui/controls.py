"""The patient's comfort controls, the same on every screen: language, text size, contrast and
(on the home screen) the audio guide.

They only ask for a change (`choice_requested(name, value)`, name being a `VisitChoices`
field); the app changes the visit and every screen follows, so the controls always show the
visit's real state.

The language control is one tap while the kiosk offers two languages (the other one's button,
named in its own words). With three or more it is one button, named for the visit's language,
that opens the language picker (`kiosk/ui/language_picker.py`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk import labels
from kiosk.config import TEXT_SIZES
from kiosk.session import VisitChoices
from kiosk.theme import Metrics, Palette
from kiosk.ui.language_picker import LanguagePicker
from kiosk.ui.widgets import TouchButton

PICKER_FROM = 3  # languages offered from which the language control opens a picker


def _group(*buttons: TouchButton) -> QWidget:
    """Buttons that stay together on one row when a bar wraps."""
    group = QWidget()
    row = QHBoxLayout(group)
    row.setContentsMargins(0, 0, 0, 0)
    for button in buttons:
        row.addWidget(button)
    return group


class ComfortControls(QObject):
    """Makes the controls for one screen; the screen places `groups` in its bar."""

    choice_requested = Signal(str, object)  # a VisitChoices field and its new value
    picker_opened = Signal(str)  # the language picker opened; its title, for the audio guide

    def __init__(self, owner: QWidget, with_guide: bool = False) -> None:
        super().__init__(owner)
        self._owner = owner
        self.languages: dict[str, TouchButton] = {}  # two languages: a button for each
        # Three or more: one button for the visit's language opens the picker (made then).
        self.language_menu = TouchButton("", icon="language")
        self.language_menu.clicked.connect(self._open_picker)
        self.language_menu.hide()
        self.picker: LanguagePicker | None = None
        self._language_group = _group(self.language_menu)
        self.sizes = {size: TouchButton("A", role="size") for size in TEXT_SIZES}
        for size, button in self.sizes.items():
            button.setCheckable(True)
            button.setProperty("textsize", str(size))
            button.clicked.connect(lambda _=False, s=size: self._ask("text_size", s))
        self.contrast = TouchButton("", icon="contrast")
        self.contrast.setCheckable(True)
        self.contrast.clicked.connect(
            lambda checked: self._ask("theme", "high-contrast" if checked else "light")
        )
        self.guide: TouchButton | None = None
        groups = [self._language_group, _group(*self.sizes.values()), _group(self.contrast)]
        if with_guide:
            self.guide = TouchButton("", icon="headphones")
            self.guide.setCheckable(True)
            self.guide.clicked.connect(lambda checked: self._ask("audio_guide", checked))
            groups.append(_group(self.guide))
        self.groups = groups
        self._choices: VisitChoices | None = None
        self._sizes: Metrics | None = None
        self.retranslate()

    def _ask(self, name: str, value: object) -> None:
        self.choice_requested.emit(name, value)
        if self._choices is not None:
            self.show_choices(self._choices)  # stay true to the visit until it changes

    def buttons(self) -> list[TouchButton]:
        """Every control, in the order keys reach them."""
        found = [b for b in self.languages.values() if not b.isHidden()]
        if self.picker is not None:
            found.append(self.language_menu)
        found += [*self.sizes.values(), self.contrast]
        return found + ([self.guide] if self.guide else [])

    def set_languages(self, langs: list[str]) -> None:
        """The languages the kiosk offers, in order: a button for each, named in its own
        language; from three on, the picker instead."""
        row = self._language_group.layout()
        assert row is not None
        for button in self.languages.values():
            row.removeWidget(button)
            button.deleteLater()
        self.languages = {}
        if len(langs) >= PICKER_FROM:
            if self.picker is None:
                self.picker = LanguagePicker(self._owner)
                self.picker.chosen.connect(lambda code: self._ask("language", code))
                if self._sizes is not None:
                    self.picker.apply(self._sizes)
            self.picker.set_languages([(lang, labels.language_name(lang)) for lang in langs])
            self.language_menu.show()
            if self._choices is not None:
                self.show_choices(self._choices)
            return
        self.language_menu.hide()
        if self.picker is not None:
            self.picker.deleteLater()
            self.picker = None
        for lang in langs:
            button = TouchButton(labels.language_name(lang))
            button.setProperty("lang", lang)
            button.clicked.connect(lambda _=False, code=lang: self._ask("language", code))
            row.addWidget(button)
            self.languages[lang] = button
        if self._choices is not None:
            self.show_choices(self._choices)

    def show_choices(self, choices: VisitChoices) -> None:
        """Show the visit's language, text size, theme and guide."""
        self._choices = choices
        for lang, button in self.languages.items():
            button.setVisible(lang != choices.language)  # offer the others, in their own words
        if self.picker is not None:
            self.language_menu.set_words(labels.language_name(choices.language))
            self.language_menu.setAccessibleDescription(self._menu_description())
        for size, button in self.sizes.items():
            button.setChecked(size == choices.text_size)
        self.contrast.setChecked(choices.theme == "high-contrast")
        if self.guide is not None:
            self.guide.setChecked(choices.audio_guide)

    def retranslate(self) -> None:
        """Words and accessible names in the current language."""
        names = {
            100: QCoreApplication.translate("ComfortControls", "Text size: normal"),
            130: QCoreApplication.translate("ComfortControls", "Text size: large"),
            170: QCoreApplication.translate("ComfortControls", "Text size: largest"),
        }
        for size, button in self.sizes.items():
            button.setAccessibleName(names.get(size, f"{size} %"))
        self.contrast.set_words(QCoreApplication.translate("ComfortControls", "Contrast"))
        self.contrast.setAccessibleName(
            QCoreApplication.translate("ComfortControls", "High contrast")
        )
        if self.guide is not None:
            self.guide.set_words(QCoreApplication.translate("ComfortControls", "Audio guide"))
        self.language_menu.setAccessibleDescription(self._menu_description())
        if self.picker is not None:
            self.picker.retranslate()

    @staticmethod
    def _menu_description() -> str:
        return QCoreApplication.translate("ComfortControls", "Choose a language")

    @Slot()
    def _open_picker(self) -> None:
        if self.picker is None or self._choices is None:
            return
        self.picker.open(self._choices.language, self.language_menu)
        self.picker_opened.emit(self.picker.title.text())

    def close_picker(self) -> None:
        """Close the language picker if it is open (the screen changes, the visit ends)."""
        if self.picker is not None and self.picker.is_open:
            self.picker.close()

    def apply(self, sizes: Metrics, palette: Palette) -> None:
        """Spacing and icon colours for the current look."""
        self._sizes = sizes
        for group in self.groups:
            layout = group.layout()
            if layout is not None:
                layout.setSpacing(sizes.gap)
        for button in (self.contrast, self.guide, self.language_menu):
            if button is not None:
                button.paint_icon(palette.secondary_fg, sizes.icon, palette.primary_fg)
        if self.picker is not None:
            self.picker.apply(sizes)
