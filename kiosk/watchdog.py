"""Telling systemd the kiosk is alive (the sd_notify protocol, without a library).

READY=1 once the window is up; WATCHDOG=1 at half the unit's `WatchdogSec`, sent from the GUI
event loop, so a frozen kiosk stops sending and systemd restarts it; STOPPING=1 on the way out.
Outside systemd (no NOTIFY_SOCKET) every call does nothing.
"""

from __future__ import annotations

import logging
import os
import socket

from PySide6.QtCore import QObject, QTimer, Slot

log = logging.getLogger("kiosk.watchdog")


def notify(message: str, env: dict[str, str] | None = None) -> bool:
    """Send one sd_notify message; False if there is nobody to tell or it could not be sent."""
    env = env if env is not None else dict(os.environ)
    address = env.get("NOTIFY_SOCKET", "")
    if not address or address[0] not in "/@":
        return False
    target = "\0" + address[1:] if address.startswith("@") else address  # abstract namespace
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.sendto(message.encode(), target)
    except OSError as exc:
        log.warning("cannot tell systemd %r: %s", message, exc.strerror or exc)
        return False
    return True


def watchdog_interval_ms(env: dict[str, str] | None = None) -> int:
    """Half the watchdog time systemd asks for, in ms; 0 if no watchdog is asked for us.

    WATCHDOG_PID names the service's main process. Under cage that is the compositor, our
    parent, so the parent's pid counts as ours (the unit then needs NotifyAccess=all).
    """
    env = env if env is not None else dict(os.environ)
    try:
        usec = int(env.get("WATCHDOG_USEC", "0"))
    except ValueError:
        return 0
    pid = env.get("WATCHDOG_PID", "")
    if pid and pid not in (str(os.getpid()), str(os.getppid())):
        return 0
    return max(1, usec // 2000) if usec > 0 else 0


class Watchdog(QObject):
    """Pings systemd from the event loop while the kiosk is responsive."""

    def __init__(self, parent: QObject | None = None, env: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self._env = env if env is not None else dict(os.environ)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._ping)
        self.pings = 0
        self.started = False  # READY=1 was said; only then is STOPPING=1 owed

    @property
    def active(self) -> bool:
        """True while systemd is being pinged."""
        return self._timer.isActive()

    def start(self, status: str = "Showing patients the topics") -> None:
        """The kiosk is up: say READY (with what it is doing, for `systemctl status`) and
        start pinging if systemd asked for a watchdog."""
        self.started = True
        notify(f"READY=1\nSTATUS={status}", self._env)
        interval = watchdog_interval_ms(self._env)
        if interval and self._env.get("NOTIFY_SOCKET"):
            self._timer.start(interval)
            self._ping()
            log.info("systemd watchdog: pinging every %d ms", interval)

    def say_status(self, status: str) -> None:
        """What the kiosk is doing now, for `systemctl status` (only once READY was said)."""
        if self.started:
            notify(f"STATUS={status}", self._env)

    def stop(self) -> None:
        """The kiosk is closing on purpose (nothing to say if it never said it was ready)."""
        self._timer.stop()
        if self.started:
            self.started = False
            notify("STOPPING=1", self._env)

    @Slot()
    def _ping(self) -> None:
        if notify("WATCHDOG=1", self._env):
            self.pings += 1
