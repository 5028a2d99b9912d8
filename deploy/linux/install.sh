#!/usr/bin/env bash
# Install the clinic kiosk as the only thing on this machine's screen (Debian 12 / Ubuntu 22.04+):
#   - the system packages it needs (deploy/debian-packages.txt, deploy/debian-kiosk-packages.txt)
#     and the `kiosk` system user
#   - the program, from a wheel, in its own virtual environment /opt/clinic-kiosk/venv (the
#     command: /opt/clinic-kiosk/venv/bin/kiosk); the wheel is built from the checkout this
#     script is in, or given with --wheel FILE (one wheel for a whole fleet)
#   - /opt/clinic-kiosk/libexec/stop-kiosk.sh, the unit's ExecStop=
#   - /etc/clinic-kiosk/config.toml (only if missing, from the wheel's default config;
#     root:kiosk 0640, the PIN hash lives there)
#   - /etc/pam.d/clinic-kiosk and clinic-kiosk.service (cage on tty1), enabled for the next boot
# Run as root: sudo deploy/linux/install.sh [--wheel FILE]. Safe to run again: a second run with
# the same wheel (or the same checkout, which builds the same wheel byte for byte) changes
# nothing, not even a file's time, does not reinstall and does not restart the kiosk. Running it
# with a newer wheel or checkout is how the software is updated (see deploy/linux/README.md).
# An install of the old layout (a copy of the project in /opt/clinic-kiosk, with .venv) is
# replaced by this one.
set -euo pipefail
umask 022

PREFIX=/opt/clinic-kiosk
VENV="$PREFIX/venv"
LIBEXEC="$PREFIX/libexec"
STAMP="$VENV/.kiosk-wheel.sha256" # sha256 of the wheel installed last
CONFIG_DIR=/etc/clinic-kiosk
CONFIG="$CONFIG_DIR/config.toml"
KIOSK_USER=kiosk
KIOSK_HOME=/var/lib/clinic-kiosk # the unit's StateDirectory; systemd creates it at start
UNIT=clinic-kiosk.service
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"       # deploy/linux
DEPLOY="$(dirname "$HERE")"                                   # deploy
SOURCE="$(dirname "$DEPLOY")"                                 # the checkout
CHANGED=0 # set when this run changed the program or the service: a running kiosk is restarted
# Zip entries' times in a wheel built here, unless the caller gives another: the same checkout
# then builds the same wheel, byte for byte, and a second run finds it installed already.
# (1980-01-01, the earliest time a zip file can hold.)
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-315532800}"

# The kiosk plays speech through QtMultimedia, which talks to a PulseAudio-protocol sound
# server in the user's session. If the machine has none, PipeWire's is installed.
AUDIO_PACKAGES=(pipewire-pulse wireplumber dbus-user-session)

# A plain PATH: the virtual environment must be built from a Python every user can run
# (not one installed in root's home folder), since the kiosk runs as `kiosk`.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

PYTHON="" # the system's Python the virtual environment is made from (3.11 or newer)
WORK="" # this run's temporary folder (the wheel built from the checkout, pip's output)
cleanup() { if [ -n "$WORK" ]; then rm -rf "$WORK"; fi; }
trap cleanup EXIT

say() { printf 'install: %s\n' "$*" >&2; }
die() {
    printf 'install: %s\n' "$*" >&2
    exit 1
}
usage() {
    cat <<EOF
Usage: sudo $0 [--wheel FILE]

Installs the clinic kiosk as a systemd service under cage (see deploy/linux/README.md).
  --wheel FILE   install this wheel (kiosk-*.whl); without it, a wheel is built from the
                 checkout this script is in
EOF
}

WHEEL=""
while [ $# -gt 0 ]; do
    case "$1" in
    --wheel)
        WHEEL="${2:-}"
        [ -n "$WHEEL" ] || die "--wheel needs a file: --wheel kiosk-VERSION-py3-none-any.whl"
        shift 2
        ;;
    --wheel=*)
        WHEEL="${1#--wheel=}"
        [ -n "$WHEEL" ] || die "--wheel needs a file: --wheel kiosk-VERSION-py3-none-any.whl"
        shift
        ;;
    -h | --help)
        usage
        exit 0
        ;;
    *) die "unknown argument '$1' (usage: $0 [--wheel FILE])" ;;
    esac
done

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

# The packages of a list file: one per line; comments (#) and blank lines left out.
package_list() {
    [ -f "$1" ] || die "missing $1 (run this script from the project's deploy/linux folder)"
    grep -vE '^\s*(#|$)' "$1" | tr -d ' \t\r'
}

apt_install() {
    local pkg missing=()
    for pkg in "$@"; do
        installed "$pkg" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq || die "apt-get update failed (no network?)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
        die "apt-get install failed for: ${missing[*]}"
}

system_packages() {
    local wanted
    mapfile -t wanted < <(
        package_list "$DEPLOY/debian-packages.txt"
        package_list "$DEPLOY/debian-kiosk-packages.txt"
    )
    apt_install "${wanted[@]}"
    if installed pulseaudio || installed pipewire-pulse; then
        return 0
    fi
    apt_install "${AUDIO_PACKAGES[@]}"
}

# --wheel FILE: an existing file with a wheel's name, made absolute (pip is run elsewhere).
wheel_argument() {
    [ -n "$WHEEL" ] || return 0
    [ -e "$WHEEL" ] || die "no such wheel: $WHEEL"
    if [ ! -f "$WHEEL" ] || [ ! -r "$WHEEL" ]; then
        die "not a readable file: $WHEEL"
    fi
    case "$(basename "$WHEEL")" in
    kiosk-*-py3-none-any.whl) ;;
    *) die "not a kiosk wheel (its name should be kiosk-VERSION-py3-none-any.whl): $WHEEL" ;;
    esac
    WHEEL="$(realpath "$WHEEL")"
}

# The old layout kept a copy of the project in /opt/clinic-kiosk. A git checkout there is
# somebody's own: it is left alone, and nothing is installed over it.
old_layout() { [ -e "$PREFIX/.venv" ] || [ -e "$PREFIX/pyproject.toml" ] || [ -e "$PREFIX/kiosk" ]; }

refuse_a_checkout_in_prefix() {
    if [ -e "$PREFIX/.git" ]; then
        die "$PREFIX is a git checkout (the old layout): move it elsewhere, e.g. 'mv $PREFIX /usr/local/src/clinic-kiosk', and run its deploy/linux/install.sh from there"
    fi
}

kiosk_user() {
    if ! getent passwd "$KIOSK_USER" >/dev/null; then
        say "creating the system user $KIOSK_USER"
        useradd --system --user-group --home-dir "$KIOSK_HOME" --no-create-home \
            --shell /usr/sbin/nologin --comment "Clinic education kiosk" "$KIOSK_USER"
    fi
    # The screen, touch and sound devices (logind also grants them to the active session;
    # the groups keep them working if it does not). `render` is missing on some systems.
    local group
    for group in video input render audio; do
        getent group "$group" >/dev/null || continue
        if ! id -nG "$KIOSK_USER" | tr ' ' '\n' | grep -qx "$group"; then
            usermod -a -G "$group" "$KIOSK_USER"
        fi
    done
}

find_python() {
    local candidate
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

# The virtual environment, made once (again only if it is broken or its Python has changed).
virtual_env() {
    local want have
    want="$("$PYTHON" -I -c 'import sys; print(*sys.version_info[:2])')"
    have="$("$VENV/bin/python" -I -c 'import sys; print(*sys.version_info[:2])' 2>/dev/null || true)"
    [ "$have" = "$want" ] && return 0
    say "creating the virtual environment $VENV"
    install -d -m 0755 -o root -g root "$PREFIX"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV" || die "could not create $VENV (is python3-venv installed?)"
    CHANGED=1
}

# The first line of pip's output that says what went wrong, for a one-line message.
# (pip nests the output of its build environment's own pip, indented, inside its own.)
pip_error() {
    local line
    line="$(grep -m1 -E '^\s*ERROR: ' "$1" || grep -m1 -E '^\s*error: ' "$1" ||
        grep -v '^\s*$' "$1" | tail -n 1 || true)"
    line="$(printf '%s' "$line" | sed -E 's/^\s+//; s/^(ERROR|error): //')"
    printf '%s' "${line:-pip said nothing}"
}

# A wheel built from the checkout this script is in, in a temporary folder: the checkout is
# copied first (without git's files, caches, build output or the set-up's .venv and compiled
# translations), so the build writes nothing into it and sees nothing left over from another.
build_wheel() {
    if [ ! -f "$SOURCE/pyproject.toml" ] || [ ! -f "$SOURCE/setup.py" ] || [ ! -d "$SOURCE/resources" ]; then
        die "$SOURCE is not a kiosk checkout: give a wheel with --wheel FILE"
    fi
    local copy="$WORK/source" log="$WORK/pip-wheel.log"
    mkdir -p "$copy" "$WORK/dist"
    tar -C "$SOURCE" --exclude=./.git --exclude=./.venv --exclude=./venv --exclude=./build --exclude=./dist \
        --exclude=./.mypy_cache --exclude=./.ruff_cache --exclude=./.pytest_cache \
        --exclude=./.hypothesis --exclude=__pycache__ --exclude='*.egg-info' \
        --exclude='./resources/i18n/*.qm' -cf - . | tar -C "$copy" --no-same-owner -xf -
    # The same files build the same wheel whatever modes the checkout has (a root-only one).
    chmod -R u+rwX,go+rX,go-w "$copy"
    say "building the wheel from $SOURCE"
    "$VENV/bin/python" -I -m pip wheel --quiet --no-deps --wheel-dir "$WORK/dist" "$copy" >"$log" 2>&1 ||
        die "could not build the wheel from $SOURCE: $(pip_error "$log") (the build fetches setuptools and PySide6-Essentials from the package index: no network?)"
    WHEEL="$(find "$WORK/dist" -name 'kiosk-*.whl' -print -quit)"
    [ -n "$WHEEL" ] || die "pip built no kiosk wheel from $SOURCE"
}

# The wheel's content, checked before it goes anywhere: a file named like a wheel may be none.
check_wheel() {
    "$PYTHON" -I - "$WHEEL" <<'EOF' || die "not a kiosk wheel (no kiosk package with its resources in it): $WHEEL"
import sys
import zipfile

try:
    names = set(zipfile.ZipFile(sys.argv[1]).namelist())
except (OSError, zipfile.BadZipFile):
    sys.exit(1)
sys.exit(not {"kiosk/__init__.py", "kiosk/resources/languages.toml"} <= names)
EOF
}

# The wheel into the virtual environment, unless it is the one installed last (same sha256).
install_wheel() {
    local sha log="$WORK/pip-install.log"
    sha="$(sha256sum "$WHEEL" | cut -d' ' -f1)"
    if [ -x "$VENV/bin/kiosk" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$sha" ]; then
        say "$VENV already has this wheel ($(basename "$WHEEL"))"
        return 0
    fi
    say "installing $(basename "$WHEEL") into $VENV"
    # Its pinned dependencies first (those already there are kept), then the kiosk itself in
    # full, even if the version number is the same as before.
    "$VENV/bin/python" -I -m pip install --quiet "$WHEEL" >"$log" 2>&1 ||
        die "pip could not install $(basename "$WHEEL"): $(pip_error "$log") (its dependencies come from the package index: no network?)"
    "$VENV/bin/python" -I -m pip install --quiet --no-deps --force-reinstall "$WHEEL" >"$log" 2>&1 ||
        die "pip could not install $(basename "$WHEEL"): $(pip_error "$log")"
    echo "$sha" >"$STAMP"
    CHANGED=1
}

check_runs() {
    runuser -u "$KIOSK_USER" -- "$VENV/bin/kiosk" --version >/dev/null ||
        die "the $KIOSK_USER user cannot run $VENV/bin/kiosk (is its Python readable by all users?)"
}

# put MODE SOURCE TARGET: install a root-owned file, unless it is already there as it should be
# (then it is left alone, time and all).
put() {
    local mode="$1" source="$2" target="$3"
    if cmp -s "$source" "$target" && [ "$(stat -c '%a %u %g' "$target")" = "${mode#0} 0 0" ]; then
        return 0
    fi
    install -m "$mode" -o root -g root "$source" "$target"
    CHANGED=1
}

stop_script() {
    if [ "$(stat -c '%a %u %g' "$LIBEXEC" 2>/dev/null)" != "755 0 0" ]; then
        install -d -m 0755 -o root -g root "$LIBEXEC"
    fi
    put 0755 "$HERE/stop-kiosk.sh" "$LIBEXEC/stop-kiosk.sh"
}

config_file() {
    install -d -m 0750 -o root -g "$KIOSK_USER" "$CONFIG_DIR"
    if [ ! -e "$CONFIG" ]; then
        local default
        default="$("$VENV/bin/python" -I -c \
            'from kiosk import paths; print(paths.SHIPPED_RESOURCES / "default-config.toml")')" ||
            die "could not find the default config in $VENV"
        say "creating $CONFIG from the kiosk's default-config.toml"
        install -m 0640 -o root -g "$KIOSK_USER" "$default" "$CONFIG"
    else
        chown root:"$KIOSK_USER" "$CONFIG"
        chmod 0640 "$CONFIG"
    fi
}

install_service() {
    put 0644 "$HERE/clinic-kiosk.pam" /etc/pam.d/clinic-kiosk
    put 0644 "$HERE/$UNIT" "/etc/systemd/system/$UNIT"
    # Without a running systemd (a container, a chroot, an image build) systemctl enables the
    # unit and sets the default target by making the links itself; there is nothing to reload
    # or restart.
    local running=0
    [ -d /run/systemd/system ] && running=1
    if [ "$running" -eq 1 ] && [ "$CHANGED" -eq 1 ]; then
        systemctl daemon-reload
    fi
    systemctl enable --quiet "$UNIT"
    if [ "$(systemctl get-default 2>/dev/null)" != graphical.target ]; then
        systemctl set-default graphical.target >/dev/null
    fi
    if [ "$running" -eq 1 ] && [ "$CHANGED" -eq 1 ] && systemctl is-active --quiet "$UNIT"; then
        say "restarting the running kiosk on the new version"
        systemctl restart "$UNIT"
    fi
}

# The old layout's copy of the project (and its .venv), once the kiosk runs from the new one;
# also what an interrupted run of the old installer left beside it.
remove_old_layout() {
    rm -rf "$PREFIX.new" "$PREFIX.old"
    old_layout || return 0
    say "removing the old installation's copy of the project from $PREFIX"
    local path
    for path in "$PREFIX"/* "$PREFIX"/.[!.]* "$PREFIX"/..?*; do
        [ -e "$path" ] || [ -L "$path" ] || continue
        case "$path" in
        "$VENV" | "$LIBEXEC") ;;
        *) rm -rf "$path" ;;
        esac
    done
}

next_steps() {
    cat <<EOF

The kiosk is installed and starts on tty1 at the next boot. Before that:

  1. Set the staff PIN (asked twice, not shown):
       sudo $VENV/bin/kiosk set-pin --config $CONFIG
  2. Choose the printer: see the queues with 'lpstat -p -d', add one with 'lpadmin' or the CUPS
     page (http://localhost:631), then set  printer = "QUEUE"  in $CONFIG
     (empty means the system's default printer). Set clinic_name and clinic_phone there too.
  3. Start it now with 'sudo systemctl start $UNIT' (this takes over tty1), or reboot.

More: $VENV/share/doc/clinic-kiosk/README.md
EOF
}

[ "$(id -u)" -eq 0 ] || die "run as root: sudo $0"
command -v apt-get >/dev/null 2>&1 || die "needs a Debian or Ubuntu system (apt-get)"
wheel_argument
refuse_a_checkout_in_prefix

# One run at a time: two at once would both be installing into /opt/clinic-kiosk.
mkdir -p /run/lock
exec 9>/run/lock/clinic-kiosk-install.lock
if ! flock -n 9; then
    say "waiting for another run of install.sh to finish"
    flock 9
fi
WORK="$(mktemp -d /tmp/clinic-kiosk-install.XXXXXX)"

system_packages
command -v systemctl >/dev/null 2>&1 || die "needs systemd (systemctl), which did not install"
PYTHON="$(find_python)" ||
    die "needs Python 3.11 or newer with venv (apt-get install python3.11 python3.11-venv)"
if [ -n "$WHEEL" ]; then
    check_wheel
fi
kiosk_user
virtual_env
if [ -z "$WHEEL" ]; then
    build_wheel
    check_wheel
fi
install_wheel
check_runs
stop_script
config_file
install_service
remove_old_layout
next_steps
