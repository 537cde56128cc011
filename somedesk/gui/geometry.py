"""Windows open where they were left: each top-level window's geometry is kept in the store's settings
(`geometry.<window>`, Qt's saveGeometry() bytes in base64), so SOMEDESK_HOME isolates it too."""

from __future__ import annotations

import base64
import binascii
import logging

import shiboken6
from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QWidget

from somedesk.gui.context import GuiContext

log = logging.getLogger(__name__)
PREFIX = "geometry."


def geometry_key(name: str) -> str:
    return PREFIX + name


def save_geometry(window: QWidget, ctx: GuiContext, name: str) -> None:
    data = bytes(window.saveGeometry().data())
    ctx.app.store.set_setting(geometry_key(name), base64.b64encode(data).decode("ascii"))


def restore_geometry(window: QWidget, ctx: GuiContext, name: str) -> bool:
    """Put `window` where it was last left; False (and its own default size) when nothing is kept."""
    value = ctx.app.store.setting(geometry_key(name))
    if not value:
        return False
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        log.warning("ignoring an unreadable %s", geometry_key(name))
        return False
    return window.restoreGeometry(QByteArray(data))


class _GeometryKeeper(QObject):
    """Saves its window's geometry when the window is closed or hidden, and when the app quits."""

    def __init__(self, window: QWidget, ctx: GuiContext, name: str) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._name = name
        window.installEventFilter(self)
        qt = QCoreApplication.instance()
        if qt is not None:
            qt.aboutToQuit.connect(self._quitting)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Closing a window hides it (a close it refuses leaves it shown, to be kept when it is hidden or
        # the app quits), so the hide alone covers both. A spontaneous hide is the window being
        # minimised: where it was stays what it was.
        if event.type() == QEvent.Type.Hide and not event.spontaneous():
            self.save()
        return False

    def _quitting(self) -> None:
        window = getattr(self, "_window", None)
        if window is not None and window.isVisible():
            self.save()

    def save(self) -> None:
        # While Python shuts down, Qt may still hide the window after this object's fields are gone.
        window, ctx, name = (getattr(self, field, None) for field in ("_window", "_ctx", "_name"))
        if window is None or ctx is None or name is None:
            return
        # Being destroyed (a window deleted while shown is hidden from its destructor): nothing to keep.
        if not shiboken6.isValid(window):
            return
        try:
            save_geometry(window, ctx, name)
        except Exception:  # never let a settings write stop a window from closing
            log.exception("could not keep the %s window's geometry", name)


def remember_geometry(window: QWidget, ctx: GuiContext, name: str) -> None:
    """Restore `window`'s last geometry now (call after its default resize) and keep it when it closes."""
    restore_geometry(window, ctx, name)
    _GeometryKeeper(window, ctx, name)
