# Shared by scripts/run.sh and scripts/test.sh: make sure .venv exists with a working pip.

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
