#!/usr/bin/env bash
# Set up everything the kiosk and its tests need, from nothing, on Debian 12 or Ubuntu 22.04+.
# Idempotent: a second run checks and does nothing. Sourced by run-kiosk and run-tests.
#   - system packages listed in deploy/debian-packages.txt (the kiosk's) and
#     deploy/debian-test-packages.txt (the tests') (apt-get, as root or through sudo)
#   - a virtual environment in .venv with the kiosk and its pinned dependencies
#   - compiled translations (resources/i18n/kiosk_<code>.ts -> .qm, for each language in
#     resources/languages.toml)
set -euo pipefail

KIOSK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$KIOSK_ROOT/.venv"
say() { printf 'setup: %s\n' "$*" >&2; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

system_packages() {
    local wanted missing=()
    mapfile -t wanted < <(cat "$KIOSK_ROOT/deploy/debian-packages.txt" \
        "$KIOSK_ROOT/deploy/debian-test-packages.txt" | grep -vE '^\s*(#|$)' | tr -d ' \t\r')
    if ! command -v dpkg-query >/dev/null 2>&1; then
        say "no dpkg here (not Debian or Ubuntu): install the equivalents of deploy/debian-packages.txt and deploy/debian-test-packages.txt yourself"
        return 0
    fi
    for pkg in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo="sudo -n"
        else
            die "needs root to install: ${missing[*]} (run 'sudo apt-get install ${missing[*]}' once, then again)"
        fi
    fi
    command -v apt-get >/dev/null 2>&1 || die "no apt-get: install ${missing[*]} and run again"
    say "installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq || die "apt-get update failed (no network or no package mirror?)"
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || die "apt-get install failed for: ${missing[*]}"
}

find_python() {
    local candidate
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

python_env() {
    local python stamp want
    python="$(find_python)" || die "needs Python 3.11 or newer with venv (apt-get install python3.11 python3.11-venv)"
    want="$(cat "$KIOSK_ROOT/pyproject.toml" | sha256sum | cut -c1-16)-$("$python" -c 'import sys; print(sys.version_info[:2])')"
    stamp="$VENV/.kiosk-installed"
    if [ -x "$VENV/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
        return 0
    fi
    say "creating the virtual environment in .venv"
    "$python" -m venv "$VENV" || die "could not create .venv (is python3-venv installed?)"
    "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null || die "pip upgrade failed (no network?)"
    "$VENV/bin/python" -m pip install -q -e "$KIOSK_ROOT[test]" || die "pip install failed (no network?)"
    echo "$want" > "$stamp"
}

translations() {
    local lang ts qm langs
    # The languages the kiosk offers (KIOSK_RESOURCES, if set, names another resources folder).
    local i18n="${KIOSK_RESOURCES:-$KIOSK_ROOT/resources}/i18n"
    langs="$("$VENV/bin/python" -m kiosk.languages codes)" || die "could not read resources/languages.toml"
    for lang in $langs; do
        ts="$i18n/kiosk_$lang.ts"
        qm="$i18n/kiosk_$lang.qm"
        if [ ! -f "$ts" ]; then
            say "no translation file $ts: the kiosk's own words stay in English for '$lang' (scripts/update-translations makes it)"
            continue
        fi
        if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
            "$VENV/bin/pyside6-lrelease" -silent "$ts" -qm "$qm" || die "could not compile $ts"
        fi
    done
}

bytecode() {
    # Compiled once here, so the kiosk does not recompile itself at every start (some systems
    # set PYTHONDONTWRITEBYTECODE, which stops Python from caching it on its own).
    "$VENV/bin/python" -m compileall -q "$KIOSK_ROOT/kiosk" >/dev/null || say "could not precompile kiosk/ (it still runs)"
}

system_packages
python_env
translations
bytecode
