"""A stand-in for the person's web browser, for end-to-end sign-in tests (used through $BROWSER).

It opens the authorize address, where the fake network "approves" at once, and follows the
redirect to somedesk's loopback receiver, exactly as a real browser would.
"""

from __future__ import annotations

import sys

import requests


def main(url: str) -> int:
    with requests.Session() as http:
        page = http.get(url, allow_redirects=False, timeout=10)
        target = page.headers.get("location")
        if target is None:
            print(f"browser: no redirect from the authorize page ({page.status_code})", file=sys.stderr)
            return 1
        http.get(target, timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
