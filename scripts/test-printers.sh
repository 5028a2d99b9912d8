#!/usr/bin/env bash
# Real printing for the tests: start the CUPS spooler if it is not running and make two
# cups-pdf queues, one working (its PDFs land in ~/PDF) and one stopped. Idempotent.
# Sourced by run-tests; exports KIOSK_TEST_PRINTER, KIOSK_TEST_STOPPED_PRINTER, KIOSK_TEST_PDF_DIR.
set -euo pipefail

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo="sudo -n"
    else
        echo "setup: printing tests need root (or passwordless sudo) to start CUPS and add queues" >&2
        exit 1
    fi
fi
if ! lpstat -r 2>/dev/null | grep -q "is running"; then
    $sudo cupsd || { echo "setup: could not start the CUPS spooler (cupsd)" >&2; exit 1; }
    for _ in $(seq 50); do lpstat -r 2>/dev/null | grep -q "is running" && break; sleep 0.1; done
fi
ppd="lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"
for queue in kiosk-test-pdf kiosk-test-stopped; do
    if ! lpstat -p "$queue" >/dev/null 2>&1; then
        $sudo lpadmin -p "$queue" -E -v cups-pdf:/ -m "$ppd" 2>/dev/null \
            || { echo "setup: could not add the $queue print queue" >&2; exit 1; }
    fi
done
# cups-filters' default PostScript step turns text into outlines; with pdftocairo the PDF that
# cups-pdf writes keeps its text, so the tests can read the printed page back.
$sudo lpadmin -p kiosk-test-pdf -o pdftops-renderer-default=pdftocairo
$sudo cupsenable kiosk-test-pdf && $sudo cupsaccept kiosk-test-pdf
$sudo cupsdisable kiosk-test-stopped
export KIOSK_TEST_PRINTER=kiosk-test-pdf
export KIOSK_TEST_STOPPED_PRINTER=kiosk-test-stopped
export KIOSK_TEST_PDF_DIR="$HOME/PDF"
