#!/bin/sh
# ExecStop= of clinic-kiosk.service: stop the kiosk first, and let cage exit on its own.
#
# systemd would otherwise send SIGTERM straight to cage (the main process) and to the kiosk at
# once. Debian 12's cage 0.1.4 aborts on SIGTERM or SIGINT (its signal handler is handed the
# wrong pointer and fails an assertion in wl_display_terminate; fixed in cage 0.2), which takes
# the kiosk's Wayland connection down under it before it has shut down cleanly. So: SIGTERM to
# cage's clients only (the kiosk; Xwayland too if one was started), then wait for cage, which
# exits with status 0 once its client has gone. systemd sets MAINPID (cage) for this command and
# bounds the wait with TimeoutStopSec=; whatever is left after this is stopped as usual.
set -u

[ -n "${MAINPID:-}" ] || exit 0 # cage has already exited (the kiosk crashed, say)
pkill -TERM --parent "$MAINPID" || exit 0 # no client to stop: leave cage to systemd
while kill -0 "$MAINPID" 2>/dev/null; do
    sleep 0.1
done
exit 0
