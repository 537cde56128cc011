#!/bin/sh
# Run a command inside a throwaway desktop-like session, for tests: a private session D-Bus, an
# unlocked gnome-keyring answering as the Secret Service, a virtual X display (Xvfb) and a
# notification server (dunst). Exits with the command's exit code (125 if the session itself could
# not be started).
#
#   scripts/session.sh .venv/bin/python -m pytest tests/session
#
# Nothing of the person's own desktop is touched: HOME and the XDG dirs point into a temporary
# directory that is removed afterwards, and the display and keyring variables of the calling session
# are dropped. Works as root (CI) and as a normal user.
#
# Stages, in order, each a start_* function that registers its pid with `started` so that `stop_all`
# ends it: start_keyring, start_display (Xvfb; exports DISPLAY and XAUTHORITY), start_notifications
# (dunst). A tray host goes after them.
#
# For tests, next to DISPLAY:
#   SOMEDESK_DUNST_MENU_CHOICE  write e.g. "[7,snooze]" to this file, then run `dunstctl context`:
#                               dunst's menu picks that action of notification 7 (and removes the
#                               file) and dunst sends ActionInvoked, as when a person picks it. dunst
#                               refuses a menu while one is still open: run it again until the file
#                               is gone;
#   SOMEDESK_DUNST_MENU_OFFERED what the last menu offered, one "#Label (Summary) [id,key]" a line,
#                               written when that menu has chosen;
#   SOMEDESK_DUNST_SEEN         a folder with a file per notification dunst showed, named by its id:
#                               dunst's DUNST_* variables (urgency, desktop entry…) and ICON, each
#                               NAME=value and NUL-terminated.
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
    for tool in dbus-run-session dbus-send gnome-keyring-daemon Xvfb xauth xdpyinfo dunst dunstctl; do
        command -v "$tool" >/dev/null 2>&1 ||
            fail "$tool is missing: install the Debian packages dbus dbus-x11 gnome-keyring xvfb xauth x11-utils dunst"
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
    unset GNOME_KEYRING_CONTROL GNOME_KEYRING_PID SSH_AUTH_SOCK DISPLAY WAYLAND_DISPLAY XAUTHORITY \
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

# shellcheck disable=SC2317  # called through wait_until
bus_name_has_owner() {
    dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q true
}

# wait_until WHAT PID LOG COMMAND [ARG...]: poll until COMMAND succeeds; fail early if PID has died.
wait_until() {
    what="$1" pid="$2" log="$3"
    shift 3
    tries=$((SOMEDESK_SESSION_TIMEOUT * 20))
    while ! "$@" >/dev/null 2>&1; do
        if ! kill -0 "$pid" 2>/dev/null; then
            cat "$log" >&2 || true
            fail "$what (pid $pid) exited before it was ready; its log is above"
        fi
        tries=$((tries - 1))
        if [ "$tries" -le 0 ]; then
            cat "$log" >&2 || true
            fail "$what was not ready within ${SOMEDESK_SESSION_TIMEOUT} s; the log is above"
        fi
        sleep 0.05
    done
}

# wait_for_bus_name NAME PID LOG: poll until NAME has an owner on the bus; fail early if PID has died.
# Polling NameHasOwner does not D-Bus-activate the name (a call to it would start a second daemon).
wait_for_bus_name() {
    wait_until "the service for $1 on the session bus" "$2" "$3" bus_name_has_owner "$1"
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

start_display() {
    # Xvfb picks a free display number itself and writes it to -displayfd once it accepts clients:
    # no race with another server starting at the same time (which `xvfb-run -a` has). Clients need
    # the cookie, so no other user of the machine can look at or type into this display.
    # Services that D-Bus starts get the bus's environment, which has no DISPLAY: gnome-keyring's
    # unlock prompter cannot open this display, so a locked keyring is refused at once rather than
    # waiting for a person (tests/session/test_keyring_session.py). Keep it so: never hand DISPLAY to
    # the bus (dbus-update-activation-environment).
    log="$SOMEDESK_SESSION_DIR/xvfb.log"
    number_file="$SOMEDESK_SESSION_DIR/xvfb.display"
    server_auth="$SOMEDESK_SESSION_DIR/xvfb.auth"
    export XAUTHORITY="$SOMEDESK_SESSION_DIR/xauthority"
    cookie="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    [ "${#cookie}" = 32 ] || fail "could not make an X authorization cookie from /dev/urandom"
    # The server takes every cookie of its -auth file, whatever display the entry names.
    xauth -q -f "$server_auth" add :0 . "$cookie" 2>/dev/null
    : >"$number_file"
    Xvfb -displayfd 3 -auth "$server_auth" -screen 0 1280x800x24 -nolisten tcp \
        3>"$number_file" >"$log" 2>&1 &
    pid=$!
    started "$pid"
    wait_until "Xvfb" "$pid" "$log" grep -q '^[0-9][0-9]*$' "$number_file"
    read -r number <"$number_file"
    xauth -q -f "$XAUTHORITY" add ":$number" . "$cookie" 2>/dev/null
    export DISPLAY=":$number"
    wait_until "Xvfb on display $DISPLAY" "$pid" "$log" xdpyinfo
}

start_notifications() {
    # dunst as org.freedesktop.Notifications, on the display. It always advertises "actions"; a
    # person picks one in dunst's context menu, which runs `dmenu` (not installed, and it would wait
    # for a person): dunst-menu stands in for it and picks what a test asked for. dunst-record runs
    # for every notification shown and keeps what dunst received (dunst 1.9's history has no urgency).
    case "$SOMEDESK_SESSION_DIR" in
        *[!A-Za-z0-9/._+-]*) fail "dunst's config cannot name files in $SOMEDESK_SESSION_DIR (set TMPDIR)" ;;
    esac
    log="$SOMEDESK_SESSION_DIR/dunst.log"
    menu="$SOMEDESK_SESSION_DIR/dunst-menu"
    record="$SOMEDESK_SESSION_DIR/dunst-record"
    export SOMEDESK_DUNST_MENU_CHOICE="$SOMEDESK_SESSION_DIR/dunst-menu.choice"
    export SOMEDESK_DUNST_MENU_OFFERED="$SOMEDESK_SESSION_DIR/dunst-menu.offered"
    export SOMEDESK_DUNST_SEEN="$SOMEDESK_SESSION_DIR/dunst-seen"
    mkdir -p "$SOMEDESK_DUNST_SEEN"

    cat >"$menu" <<'END_OF_MENU'
#!/bin/sh
# dmenu for dunst in the test session: reads the menu, one entry a line, and prints the first entry
# that contains the text a test wrote to $SOMEDESK_DUNST_MENU_CHOICE (then removes that file), or
# nothing (no action). The menu is written to $SOMEDESK_DUNST_MENU_OFFERED last: once it is there,
# this menu has chosen.
set -eu
menu="$(cat)"
picked=""
if [ -f "$SOMEDESK_DUNST_MENU_CHOICE" ]; then
    choice="$(cat "$SOMEDESK_DUNST_MENU_CHOICE")"
    picked="$(printf '%s\n' "$menu" | grep -F -e "$choice" | head -n 1)" || true
    [ -z "$picked" ] || rm -f "$SOMEDESK_DUNST_MENU_CHOICE"
fi
[ -z "$picked" ] || printf '%s\n' "$picked"
printf '%s\n' "$menu" >"$SOMEDESK_DUNST_MENU_OFFERED.new"
mv -f "$SOMEDESK_DUNST_MENU_OFFERED.new" "$SOMEDESK_DUNST_MENU_OFFERED"
END_OF_MENU
    cat >"$record" <<'END_OF_RECORD'
#!/bin/sh
# Run by dunst for each notification it shows (arguments: app name, summary, body, icon, urgency).
set -eu
file="$SOMEDESK_DUNST_SEEN/$DUNST_ID"
{
    env -0 | grep -z '^DUNST_' || true
    printf 'ICON=%s\0' "$4"
} >"$file.new"
mv -f "$file.new" "$file"
END_OF_RECORD
    chmod +x "$menu" "$record"

    cat >"$SOMEDESK_SESSION_DIR/dunstrc" <<END_OF_DUNSTRC
[global]
    dmenu = $menu
    # Xvfb gets no input: after a while the session looks idle, and dunst keeps notes up for good.
    idle_threshold = 0
    history_length = 500
    always_run_script = true
[urgency_low]
    timeout = 10
[urgency_normal]
    timeout = 10
[urgency_critical]
    timeout = 0
[record]
    script = $record
END_OF_DUNSTRC
    dunst -config "$SOMEDESK_SESSION_DIR/dunstrc" >"$log" 2>&1 &
    pid=$!
    started "$pid"
    wait_for_bus_name org.freedesktop.Notifications "$pid" "$log"
}

tray_is_up() {
    # trayer's window is called "panel"; it holds the _NET_SYSTEM_TRAY selection once mapped.
    xwininfo -root -tree 2>/dev/null | grep -q '"panel"'
}

start_tray() {
    # An XEmbed system-tray host; no window manager needed. Qt's isSystemTrayAvailable() is then true.
    log="$SOMEDESK_SESSION_DIR/trayer.log"
    trayer --widthtype request --heighttype pixel --height 24 --SetDockType false --SetPartialStrut false \
        >"$log" 2>&1 &
    pid=$!
    started "$pid"
    wait_until "the tray host (trayer)" "$pid" "$log" tray_is_up
}

inside() {
    trap stop_all EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start_keyring
    start_display
    start_notifications
    start_tray
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
