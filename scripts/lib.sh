# Shared by scripts/run.sh and scripts/test.sh: make sure .venv exists with a working pip, and (for
# scripts/session.sh) that the Debian packages of the test session are there.

apt_install() {
    # Only root can install system packages; everyone else is told exactly what to run.
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
    else
        echo "somedesk needs these packages first: sudo apt-get install $*" >&2
        exit 1
    fi
}

ensure_venv() {
    if ! python3 -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null; then
        echo "somedesk needs Python 3.11 or newer (python3 is $(python3 --version 2>&1))." >&2
        exit 1
    fi
    if [ ! -x .venv/bin/pip ]; then
        rm -rf .venv
        # Debian and Ubuntu ship venv's pip bootstrap separately (python3-venv).
        python3 -c 'import ensurepip' 2>/dev/null || apt_install python3-venv
        python3 -m venv .venv
        .venv/bin/pip install --quiet --disable-pip-version-check --upgrade pip
    fi
}

# What PySide6 needs to draw (offscreen and on an X display: the xcb set), and a font. A desktop
# has them all; a server or a container may not.
QT_PACKAGES="libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3
 libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 fonts-dejavu-core"
# Spelling and inflection: Finnish through Voikko (the policy check also matches a base form's
# inflected forms), English through hunspell, both reached by pyenchant through libenchant.
VOIKKO_PACKAGES="libvoikko1 voikko-fi libenchant-2-2 libenchant-2-voikko hunspell-en-us"
# The validators of the packaging metadata (desktop-file-validate, appstreamcli; tests/unit/test_packaging.py).
PACKAGING_PACKAGES="desktop-file-utils appstream"

missing_packages() {
    # The packages of "$@" that dpkg does not have installed (nothing on a system without dpkg).
    local package
    command -v dpkg-query >/dev/null 2>&1 || return 0
    for package in "$@"; do
        case "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" in
            "install ok installed") ;;
            *) printf ' %s' "$package" ;;
        esac
    done
}

ensure_packages() {
    # Installs the missing ones of "$@" as root; otherwise says what to install (and carries on:
    # the tests that need them skip or fail with their own message).
    local missing
    missing="$(missing_packages "$@")"
    [ -n "$missing" ] || return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "== apt-get install$missing"
        # shellcheck disable=SC2086  # one word per package
        apt_install $missing
    else
        echo "somedesk would like these Debian packages:$missing (sudo apt-get install$missing)" >&2
    fi
}

# The Debian packages scripts/session.sh needs: a session bus (dbus-run-session, dbus-send),
# gnome-keyring, a virtual display (Xvfb; xauth for its cookie, x11-utils for xdpyinfo), dunst as
# the notification server (dunstctl drives it in tests; libnotify-bin's notify-send for trying it by
# hand) and a font, without which everything drawn on the display shows boxes. dbus-x11 is listed
# because it satisfies gnome-keyring's and dunst's dependency on a session bus; without it apt picks
# dbus-user-session, which drags in systemd. trayer is the XEmbed system-tray host.
SESSION_PACKAGES="dbus dbus-x11 gnome-keyring xvfb xauth x11-utils dunst libnotify-bin fonts-dejavu-core trayer"
SESSION_TOOLS="dbus-run-session dbus-send gnome-keyring-daemon Xvfb xauth xdpyinfo xwininfo dunst dunstctl notify-send
 trayer"

missing_session_tools() {
    local tool
    for tool in $SESSION_TOOLS; do
        command -v "$tool" >/dev/null 2>&1 || printf ' %s' "$tool"
    done
}

ensure_session_packages() {
    # Returns 0 when scripts/session.sh can run. As root, installs what is missing (a machine that
    # has everything never runs apt); anyone else is told what to install and gets 1.
    local missing="" package
    if command -v dpkg-query >/dev/null 2>&1; then
        for package in $SESSION_PACKAGES; do
            # `dpkg -s` says 0 for a removed package whose config files remain; the status says more.
            case "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" in
                "install ok installed") ;;
                *) missing="$missing $package" ;;
            esac
        done
    else
        missing="$(missing_session_tools)"
    fi
    if [ -z "$missing" ]; then
        return 0
    fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "== apt-get install$missing (for the session tests)"
        # shellcheck disable=SC2086  # one word per package
        apt_install $missing
        # Checked here: a caller's `if` turns off set -e inside this function.
        if [ -n "$(missing_session_tools)" ]; then
            echo "installing$missing did not provide:$(missing_session_tools)" >&2
            exit 1
        fi
        return 0
    fi
    echo "the session tests need:$missing; they are skipped until you install:" >&2
    echo "    sudo apt-get install --no-install-recommends $SESSION_PACKAGES" >&2
    return 1
}
