"""Qt's namespace of flags and enums (`Qt.AlignmentFlag`, `Qt.FocusReason`, ...), made the
first time one of them is used rather than when a module is imported.

PySide makes every enum of the `Qt` namespace at once, the first time the name is looked up:
93 enum classes and some 1,200 members through Python's `enum` module, 44 ms on a slow 2-core
machine, a third of what a bare PySide6 page takes to show its first frame. The kiosk's first
frame (the attract screen, `kiosk.start`) is built without one of them: its few flags are set by
name through Qt's properties (`setProperty("alignment", "AlignCenter")`), so the modules it
imports take `Qt` from here, and the namespace is made after that frame, when the rest of the
kiosk is built. Type checkers see PySide's own `Qt`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
else:

    class _Namespace:
        """Looks each name up in PySide's `Qt`, which is made on the first look-up."""

        __slots__ = ()

        def __getattr__(self, name: str) -> Any:
            from PySide6.QtCore import Qt  # noqa: PLC0415 - the point of this module

            return getattr(Qt, name)

    Qt = _Namespace()

__all__ = ["Qt"]
