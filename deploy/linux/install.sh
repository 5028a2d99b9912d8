#!/usr/bin/env bash
# Install the clinic kiosk as the only thing on this machine's screen (Debian 12 / Ubuntu 22.04+):
#   - the system packages it needs, and the `kiosk` system user
#   - the program in /opt/clinic-kiosk (copied from this checkout, or used in place if this
#     checkout is /opt/clinic-kiosk), set up there by scripts/bootstrap.sh
#   - /etc/clinic-kiosk/config.toml (only if missing; root:kiosk 0640, the PIN hash lives there)
#   - /etc/pam.d/clinic-kiosk and clinic-kiosk.service (cage on tty1), enabled for the next boot
# Run as root: sudo deploy/linux/install.sh, from any folder the checkout is in (root makes the
# copy; the kiosk user only ever reads /opt/clinic-kiosk). Safe to run again: a second run from
# the same checkout changes nothing (files that are already right keep their times) and does not
# restart the kiosk. Running it from a newer checkout is how the software is updated (see
# deploy/linux/README.md).
set -euo pipefail
umask 022

PREFIX=/opt/clinic-kiosk
CONFIG_DIR=/etc/clinic-kiosk
CONFIG="$CONFIG_DIR/config.toml"
KIOSK_USER=kiosk
KIOSK_HOME=/var/lib/clinic-kiosk # the unit's StateDirectory; systemd creates it at start
UNIT=clinic-kiosk.service
CHANGED=0 # set when this run changed the program or the service: a running kiosk is restarted
SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"

# Packages the kiosk machine needs beyond deploy/debian-packages.txt (which bootstrap.sh installs,
# cage and the Qt Wayland libraries among them):
#   systemd         runs the service (a container or image may not have it yet)
#   procps          pkill, for the unit's ExecStop (deploy/linux/stop-kiosk.sh)
#   xwayland        Debian 12's cage 0.1.4 refuses to start when the Xwayland binary is missing
#   libpam-systemd  pam_systemd.so: registers the kiosk's session with logind, for the seat
#   libgl1-mesa-dri, libegl-mesa0  the GPU drivers cage draws with
DEPLOY_PACKAGES=(systemd procps cage xwayland dbus libpam-systemd libgl1-mesa-dri libegl-mesa0)
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
        getent group "$group" >/dev/null || continue
        if ! id -nG "$KIOSK_USER" | tr ' ' '\n' | grep -qx "$group"; then
            usermod -a -G "$group" "$KIOSK_USER"
        fi
    done
}

# What a copy of the program consists of: every path with its type and mode (and a link's
# target), and every file's content hash. Left out: git's files, caches, and what the set-up
# makes in place (the virtual environment, bytecode, build metadata, compiled translations).
tree_manifest() {
    local prune=(\( -path ./.git -o -path ./.venv -o -path ./.mypy_cache -o -path ./.ruff_cache
        -o -path ./.pytest_cache -o -path ./.hypothesis -o -name __pycache__ -o -name '*.egg-info'
        -o -name '*.qm' \) -prune)
    (
        cd "$1"
        find . "${prune[@]}" -o -printf '%y %m %p -> %l\n' | LC_ALL=C sort
        find . "${prune[@]}" -o -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum
    )
}

install_code() {
    if [ "$SOURCE" = "$(realpath -m "$PREFIX")" ]; then
        say "using $PREFIX in place"
        return 0
    fi
    if [ ! -f "$SOURCE/scripts/bootstrap.sh" ] || [ ! -f "$SOURCE/pyproject.toml" ]; then
        die "$SOURCE does not look like a kiosk checkout"
    fi
    local new="$PREFIX.new" old="$PREFIX.old"
    rm -rf "$new" "$old"
    mkdir -p "$new"
    # Not copied: git's own files, caches, and what bootstrap.sh makes in place (.venv, bytecode,
    # build metadata, compiled translations), which would otherwise be those of the checkout.
    tar -C "$SOURCE" --exclude=./.git --exclude=./.venv --exclude=./.mypy_cache \
        --exclude=./.ruff_cache --exclude=./.pytest_cache --exclude=./.hypothesis \
        --exclude=__pycache__ --exclude='*.egg-info' --exclude='./resources/i18n/*.qm' -cf - . |
        tar -C "$new" --no-same-owner -xf -
    chmod -R u+rwX,go+rX,go-w "$new"
    if [ -d "$PREFIX" ] && [ "$(tree_manifest "$new")" = "$(tree_manifest "$PREFIX")" ]; then
        say "$PREFIX is already this version"
        rm -rf "$new"
        return 0
    fi
    say "copying $SOURCE to $PREFIX"
    CHANGED=1
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

# The program's manifest at the last install is kept in its virtual environment: if it differs
# now, the program changed (a newer copy, or a checkout in /opt/clinic-kiosk that was pulled),
# and a running kiosk is restarted on it.
remember_version() {
    local tree stamp="$PREFIX/.venv/.kiosk-tree"
    tree="$(tree_manifest "$PREFIX" | sha256sum | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$tree" ]; then
        echo "$tree" >"$stamp"
        CHANGED=1
    fi
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

install_service() {
    put 0644 "$PREFIX/deploy/linux/clinic-kiosk.pam" /etc/pam.d/clinic-kiosk
    put 0644 "$PREFIX/deploy/linux/$UNIT" "/etc/systemd/system/$UNIT"
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

# One run at a time: two at once would both be replacing /opt/clinic-kiosk.
mkdir -p /run/lock
exec 9>/run/lock/clinic-kiosk-install.lock
if ! flock -n 9; then
    say "waiting for another run of install.sh to finish"
    flock 9
fi

system_packages
command -v systemctl >/dev/null 2>&1 || die "needs systemd (systemctl), which did not install"
kiosk_user
install_code
python_env
remember_version
config_file
install_service
next_steps
