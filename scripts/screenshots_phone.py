"""Render the README's screenshots of Settings → Phone, in English and in Finnish.

    PYTHONPATH=. .venv/bin/python scripts/screenshots_phone.py [--out docs/screenshots]

Offscreen, on a temporary SOMEDESK_HOME with an in-memory keyring, against the tests' fake ntfy server
(so the page has a server to talk to), set up with a made-up topic and the QR code shown. Reuses the
waiting, saving and language helpers of scripts/screenshots.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import screenshots as shots
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from somedesk.app.services import Somedesk
from somedesk.core.config import Config, PublishingSettings
from somedesk.core.phone_settings import PhoneSettings
from somedesk.core.routine import Routine
from somedesk.gui.context import Bridge, GuiContext
from somedesk.gui.settings.window import SettingsWindow
from somedesk.networks.ntfy import NtfyClient
from somedesk.sources.paths import resolve_paths
from somedesk.store import Store
from tests.fakes.ntfy import FakeNtfy
from tests.keyrings import use_memory_keyring

TOPIC = "somedesk_Rk4xQm9ZtWb2Lp"
SIZE = (860, 700)


def shoot(qt: QApplication, name: str, out: Path, home: Path, fake: FakeNtfy) -> None:
    paths = resolve_paths(env={"SOMEDESK_HOME": str(home / name)})
    paths.ensure()
    config = Config(routine=Routine(zone=shots.HELSINKI), publishing=PublishingSettings(reply_reminders=()))
    app = Somedesk(paths, replace(config, phone=PhoneSettings()), Store.open(paths.database))
    # The page says https://ntfy.sh (the default); every request goes to the fake.
    app.phone.client_factory = lambda _server, topic, token: NtfyClient(fake.base_url, topic, token)
    try:
        app.phone.setup(TOPIC, None)
        with shots.language(qt, name):
            window = SettingsWindow(GuiContext(app, Bridge()))
            window.resize(*SIZE)
            window.show_page(window.phone)
            window.show()
            page = window.phone
            shots.wait_for("the phone's state", lambda: page.test_button.isEnabled())
            page.show_code.setChecked(True)
            shots.wait_for("the QR code", lambda: not page.code.pixmap().isNull())
            shots.save(window, out / f"phone-{name}.png")
            window.close()
            window.deleteLater()
    finally:
        app.store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=shots.ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    use_memory_keyring()
    qt = QApplication(sys.argv[:1])
    qt.setStyle("Fusion")
    qt.setFont(QFont("DejaVu Sans", 9))
    with tempfile.TemporaryDirectory(prefix="somedesk-screenshots-") as workdir, FakeNtfy() as fake:
        for name in ("en", "fi"):
            shoot(qt, name, args.out.resolve(), Path(workdir), fake)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
