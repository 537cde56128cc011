#!/bin/sh
# Run a command inside a throwaway desktop-like session, for tests: a private session D-Bus and an
# unlocked gnome-keyring answering as the Secret Service. Exits with the command's exit code
# (125 if the session itself could not be started).
#
#   scripts/session.sh .venv/bin/python -m pytest tests/session
#
# Nothing of the person's own desktop is touched: HOME and the XDG dirs point into a temporary
# directory that is removed afterwards, and the display and keyring variables of the calling session
# are dropped. Works as root (CI) and as a normal user.
#
# Stages, in order: `start_keyring` now; a display (Xvfb), a notification daemon and a tray host go
# next to it as their own start_* functions, each registering its pid with `started` so that
# `stop_all` ends it.
set -eu

# The login keyring's password. Only ever used for this throwaway keyring (tests lock and unlock with it).
SOMEDESK_SESSION_KEYRING_PASSWORD="${SOMEDESK_SESSION_KEYRING_PASSWORD:-somedesk-test}"
# How long a service may take to show up on the bus, in seconds.
SOMEDESK_SESSION_TIMEOUT="${SOMEDESK_SESSION_TIMEOUT:-10}"
export SOMEDESK_SESSION_KEYRING_PASSWORD SOMEDESK_SESSION_TIMEOUT

INNER_MARK=__somedesk_session_inside_bus__

fail() {
    echo "session.sh: $*" >&2
    exit 125
}

# --- outside the bus: tools, throwaway dirs, then re-run this script under dbus-run-session --------

outside() {
    [ "$#" -gt 0 ] || fail "usage: scripts/session.sh COMMAND [ARG...]"
    for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
        command -v "$tool" >/dev/null 2>&1 ||
            fail "$tool is missing: install the Debian packages dbus dbus-x11 gnome-keyring"
    done
    self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"

    SOMEDESK_SESSION_DIR="$(mktemp -d "${TMPDIR:-/tmp}/somedesk-session.XXXXXX")"
    trap 'rm -rf "$SOMEDESK_SESSION_DIR"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    export SOMEDESK_SESSION_DIR
    export HOME="$SOMEDESK_SESSION_DIR/home"
    export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share"
    export XDG_STATE_HOME="$HOME/.local/state" XDG_CACHE_HOME="$HOME/.cache"
    export XDG_RUNTIME_DIR="$SOMEDESK_SESSION_DIR/run"
    mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME"
    mkdir -m 700 "$XDG_RUNTIME_DIR"

    # A keyring daemon finds an already running one through GNOME_KEYRING_CONTROL and would unlock
    # *that* one; and with the caller's DISPLAY an unlock prompt would pop up on their real screen
    # (D-Bus starts the prompter with the bus's environment). A later display stage sets DISPLAY again.
    unset GNOME_KEYRING_CONTROL GNOME_KEYRING_PID SSH_AUTH_SOCK DISPLAY WAYLAND_DISPLAY \
        DBUS_SESSION_BUS_ADDRESS PYTHON_KEYRING_BACKEND

    rc=0
    dbus-run-session -- sh "$self" "$INNER_MARK" "$@" || rc=$?
    exit "$rc"
}

# --- inside the bus ---------------------------------------------------------------------------------

PIDS=""

started() {
    PIDS="$1 $PIDS"  # newest first, so services stop in reverse order of start
}

stop_all() {
    for pid in $PIDS; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    PIDS=""
}

bus_name_has_owner() {
    dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q true
}

# wait_for_bus_name NAME PID LOG: poll until NAME has an owner on the bus; fail early if PID has died.
# Polling NameHasOwner does not D-Bus-activate the name (a call to it would start a second daemon).
wait_for_bus_name() {
    tries=$((SOMEDESK_SESSION_TIMEOUT * 20))
    while ! bus_name_has_owner "$1"; do
        if ! kill -0 "$2" 2>/dev/null; then
            cat "$3" >&2 || true
            fail "the service for $1 (pid $2) exited before it appeared on the session bus; its log is above"
        fi
        tries=$((tries - 1))
        if [ "$tries" -le 0 ]; then
            cat "$3" >&2 || true
            fail "$1 did not appear on the session bus within ${SOMEDESK_SESSION_TIMEOUT} s; the log is above"
        fi
        sleep 0.05
    done
}

# export_assignments FILE: export each NAME=value line a daemon printed for its clients.
export_assignments() {
    while IFS= read -r line || [ -n "$line" ]; do
        name="${line%%=*}"
        case "$name" in
            "$line" | "" | [0-9]* | *[!A-Za-z0-9_]*) continue ;;
        esac
        export "$line"
    done <"$1"
}

start_keyring() {
    # --unlock reads the login keyring's password on stdin (and creates that keyring on first use);
    # --foreground keeps the daemon our child, so it can be stopped and reaped.
    log="$SOMEDESK_SESSION_DIR/gnome-keyring.log"
    printf '%s' "$SOMEDESK_SESSION_KEYRING_PASSWORD" |
        gnome-keyring-daemon --foreground --unlock --components=secrets \
            >"$SOMEDESK_SESSION_DIR/gnome-keyring.env" 2>"$log" &
    pid=$!
    started "$pid"
    wait_for_bus_name org.freedesktop.secrets "$pid" "$log"
    export_assignments "$SOMEDESK_SESSION_DIR/gnome-keyring.env"
}

inside() {
    trap stop_all EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start_keyring
    rc=0
    "$@" || rc=$?
    stop_all
    exit "$rc"
}

if [ "${1:-}" = "$INNER_MARK" ]; then
    shift
    inside "$@"
else
    outside "$@"
fi
