#!/usr/bin/env bash
# Install the clinic kiosk as the only thing on this machine's screen (Debian 12 / Ubuntu 22.04+):
#   - the system packages it needs, and the `kiosk` system user
#   - the program in /opt/clinic-kiosk (copied from this checkout, or used in place if this
#     checkout is /opt/clinic-kiosk), set up there by scripts/bootstrap.sh
#   - /etc/clinic-kiosk/config.toml (only if missing; root:kiosk 0640, the PIN hash lives there)
#   - /etc/pam.d/clinic-kiosk and clinic-kiosk.service (cage on tty1), enabled for the next boot
# Run as root: sudo deploy/linux/install.sh. Safe to run again; running it again from a newer
# checkout is also how the software is updated (see deploy/linux/README.md).
set -euo pipefail
umask 022

PREFIX=/opt/clinic-kiosk
CONFIG_DIR=/etc/clinic-kiosk
CONFIG="$CONFIG_DIR/config.toml"
KIOSK_USER=kiosk
KIOSK_HOME=/var/lib/clinic-kiosk # the unit's StateDirectory; systemd creates it at start
UNIT=clinic-kiosk.service
SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"

# Packages the kiosk machine needs beyond deploy/debian-packages.txt (which bootstrap.sh installs,
# cage and the Qt Wayland libraries among them):
#   xwayland        Debian 12's cage 0.1.4 refuses to start when the Xwayland binary is missing
#   libpam-systemd  pam_systemd.so: registers the kiosk's session with logind, for the seat
#   libgl1-mesa-dri, libegl-mesa0  the GPU drivers cage draws with
DEPLOY_PACKAGES=(cage xwayland dbus libpam-systemd libgl1-mesa-dri libegl-mesa0)
# The kiosk plays speech through QtMultimedia, which talks to a PulseAudio-protocol sound
# server in the user's session. If the machine has none, PipeWire's is installed.
AUDIO_PACKAGES=(pipewire-pulse wireplumber dbus-user-session)

# A plain PATH: the virtual environment must be built from a Python every user can run
# (not one installed in root's home folder), since the kiosk runs as `kiosk`.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

say() { printf 'install: %s\n' "$*" >&2; }
die() {
    printf 'install: %s\n' "$*" >&2
    exit 1
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

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
    apt_install "${DEPLOY_PACKAGES[@]}"
    if installed pulseaudio || installed pipewire-pulse; then
        return 0
    fi
    apt_install "${AUDIO_PACKAGES[@]}"
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
        if getent group "$group" >/dev/null; then
            usermod -a -G "$group" "$KIOSK_USER"
        fi
    done
}

install_code() {
    if [ "$SOURCE" = "$(realpath -m "$PREFIX")" ]; then
        say "using $PREFIX in place"
        return 0
    fi
    if [ ! -f "$SOURCE/scripts/bootstrap.sh" ] || [ ! -f "$SOURCE/pyproject.toml" ]; then
        die "$SOURCE does not look like a kiosk checkout"
    fi
    say "copying $SOURCE to $PREFIX"
    local new="$PREFIX.new" old="$PREFIX.old"
    rm -rf "$new" "$old"
    mkdir -p "$new"
    tar -C "$SOURCE" --exclude=./.venv --exclude=./.mypy_cache --exclude=./.ruff_cache \
        --exclude=./.pytest_cache --exclude=./.hypothesis --exclude=__pycache__ -cf - . |
        tar -C "$new" --no-same-owner -xf -
    chmod -R u+rwX,go+rX,go-w "$new"
    # Keep the virtual environment (same path, so it stays valid): bootstrap.sh rebuilds it
    # only when pyproject.toml or the Python version changed.
    if [ -d "$PREFIX/.venv" ]; then
        mv "$PREFIX/.venv" "$new/.venv"
    fi
    if [ -e "$PREFIX" ]; then
        mv "$PREFIX" "$old"
    fi
    mv "$new" "$PREFIX"
    rm -rf "$old"
}

python_env() {
    say "setting up $PREFIX (scripts/bootstrap.sh)"
    "$PREFIX/scripts/bootstrap.sh"
    runuser -u "$KIOSK_USER" -- "$PREFIX/.venv/bin/kiosk" --version >/dev/null ||
        die "the $KIOSK_USER user cannot run $PREFIX/.venv/bin/kiosk (is its Python readable by all users?)"
}

config_file() {
    install -d -m 0750 -o root -g "$KIOSK_USER" "$CONFIG_DIR"
    if [ ! -e "$CONFIG" ]; then
        say "creating $CONFIG from resources/default-config.toml"
        install -m 0640 -o root -g "$KIOSK_USER" "$PREFIX/resources/default-config.toml" "$CONFIG"
    else
        chown root:"$KIOSK_USER" "$CONFIG"
        chmod 0640 "$CONFIG"
    fi
}

install_service() {
    install -m 0644 "$PREFIX/deploy/linux/clinic-kiosk.pam" /etc/pam.d/clinic-kiosk
    install -m 0644 "$PREFIX/deploy/linux/$UNIT" "/etc/systemd/system/$UNIT"
    if [ -d /run/systemd/system ]; then # systemd is running (not a chroot or image build)
        systemctl daemon-reload
    fi
    systemctl enable --quiet "$UNIT"
    systemctl set-default graphical.target >/dev/null
    if [ -d /run/systemd/system ] && systemctl is-active --quiet "$UNIT"; then
        say "restarting the running kiosk on the new version"
        systemctl restart "$UNIT"
    fi
}

next_steps() {
    cat <<EOF

The kiosk is installed and starts on tty1 at the next boot. Before that:

  1. Set the staff PIN (asked twice, not shown):
       sudo $PREFIX/.venv/bin/kiosk set-pin --config $CONFIG
  2. Choose the printer: see the queues with 'lpstat -p -d', add one with 'lpadmin' or the CUPS
     page (http://localhost:631), then set  printer = "QUEUE"  in $CONFIG
     (empty means the system's default printer). Set clinic_name and clinic_phone there too.
  3. Start it now with 'sudo systemctl start $UNIT' (this takes over tty1), or reboot.

More: $PREFIX/deploy/linux/README.md
EOF
}

[ "$(id -u)" -eq 0 ] || die "run as root: sudo $0"
command -v apt-get >/dev/null 2>&1 || die "needs a Debian or Ubuntu system (apt-get)"
command -v systemctl >/dev/null 2>&1 || die "needs systemd (systemctl)"

system_packages
kiosk_user
install_code
python_env
config_file
install_service
next_steps
