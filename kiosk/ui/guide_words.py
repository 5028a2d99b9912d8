"""What the audio guide says: a control's name and state, where the patient is, how keys work.

All of it comes from the widgets' accessible names and descriptions, the same words a screen
reader gets, so what is spoken and what is shown cannot drift apart.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QWidget


def describe(widget: QWidget | None) -> str:
    """A control as spoken: its name, then whether it is chosen or cannot be used now."""
    if not isinstance(widget, QAbstractButton):
        return ""
    name = widget.accessibleName() or widget.text()
    parts = [name]
    description = widget.accessibleDescription()
    if description:
        parts.append(description)
    if widget.isCheckable():
        if widget.property("textsize") or widget.property("lang"):  # one of several: chosen
            parts.append(
                QCoreApplication.translate("Guide", "chosen")
                if widget.isChecked()
                else QCoreApplication.translate("Guide", "not chosen")
            )
        else:
            parts.append(
                QCoreApplication.translate("Guide", "on")
                if widget.isChecked()
                else QCoreApplication.translate("Guide", "off")
            )
    if not widget.isEnabled():
        parts.append(QCoreApplication.translate("Guide", "not available now"))
    return ". ".join(p.rstrip(".") for p in parts if p) + "."


def keys_help() -> str:
    """How the keys work, said when the guide is turned on."""
    return QCoreApplication.translate(
        "Guide",
        "Use the arrow keys to move. Press Enter to choose. Press Escape to go back. "
        "On a topic or the page to print, press Space to listen or pause. "
        "Press plus or minus to change the volume.",
    )


def guide_on() -> str:
    """Said when the guide is turned on."""
    return QCoreApplication.translate("Guide", "Audio guide on.")


def guide_off() -> str:
    """Said when the guide is turned off."""
    return QCoreApplication.translate("Guide", "Audio guide off.")


def home_screen(topics: int) -> str:
    """Said when the topic list comes up."""
    if topics == 1:
        return QCoreApplication.translate("Guide", "Choose a topic. There is 1 topic.")
    return QCoreApplication.translate("Guide", "Choose a topic. There are {count} topics.").format(
        count=topics
    )


def groups_screen(topics: int, groups: int) -> str:
    """Said when the groups come up (a library of more than a screenful of topics)."""
    return QCoreApplication.translate(
        "Guide",
        "Choose a topic. There are {count} topics in {groups} groups. "
        "After the groups, you can choose a topic by its first letter.",
    ).format(count=topics, groups=groups)


def group_screen(name: str, topics: int) -> str:
    """Said when one group's topics come up."""
    if topics == 1:
        return QCoreApplication.translate("Guide", "{name}. There is 1 topic.").format(name=name)
    return QCoreApplication.translate("Guide", "{name}. There are {count} topics.").format(
        name=name, count=topics
    )


def topic_screen(title: str) -> str:
    """Said when a topic opens."""
    return QCoreApplication.translate(
        "Guide", "{title}. Press Space to hear it read aloud."
    ).format(title=title)


def handout_screen() -> str:
    """Said when the page to print comes up."""
    return QCoreApplication.translate(
        "Guide",
        "Your page to take home. Choose Print this page to print it. "
        "Press Space to hear it read aloud.",
    )
