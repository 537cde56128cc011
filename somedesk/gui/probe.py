"""What Qt can do on this machine, for `somedesk --self-test`: versions, platform, system tray."""

from __future__ import annotations

import sys
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class QtProbe:
    qt_version: str
    pyside_version: str
    platform: str
    tray_available: bool


def probe_qt() -> QtProbe:
    """Start (or reuse) a QApplication and ask it; QT_QPA_PLATFORM must already be what it should be."""
    import PySide6
    from PySide6.QtCore import qVersion
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    return QtProbe(
        qt_version=qVersion(),
        pyside_version=PySide6.__version__,
        platform=app.platformName(),
        tray_available=QSystemTrayIcon.isSystemTrayAvailable(),
    )
