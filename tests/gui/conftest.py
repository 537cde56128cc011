"""GUI tests: pytest-qt, offscreen, each test with its own data folder and services.

QT_QPA_PLATFORM must be set before the QApplication exists: with no display and no such setting,
Qt aborts the whole pytest process.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale, QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from somedesk.app.services import Somedesk
from somedesk.core.config import Config, PublishingSettings
from somedesk.core.routine import Routine
from somedesk.gui.app import install_english_plurals, load_translation
from somedesk.gui.context import Bridge, GuiContext
from somedesk.gui.planner import PlannerWindow
from somedesk.sources.paths import resolve_paths
from somedesk.store import Store

HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.fixture(scope="session", autouse=True)
def english_plurals(qapp: QApplication) -> None:
    """English as the app speaks it: "1 draft", "5 drafts" (the plural forms of somedesk_en.qm)."""
    assert install_english_plurals(qapp) is not None


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Callable[..., Somedesk]]:
    """Services over a fresh data folder; `clock` fixes "now" (a Monday morning by default)."""
    opened: list[Somedesk] = []

    def make(
        clock: Callable[[], datetime] = lambda: datetime(2026, 12, 7, 7, 0, tzinfo=UTC),
        routine: Routine | None = None,
    ) -> Somedesk:
        paths = resolve_paths(env={"SOMEDESK_HOME": str(tmp_path / f"home{len(opened)}")})
        paths.ensure()
        config = Config(
            routine=routine or Routine(zone=HELSINKI), publishing=PublishingSettings(reply_reminders=())
        )
        app = Somedesk(paths, config, Store.open(paths.database), clock)
        opened.append(app)
        return app

    yield make
    for app in opened:
        app.store.close()


@pytest.fixture
def ctx(make_app: Callable[..., Somedesk], qtbot) -> GuiContext:
    """A GuiContext like gui/app.py builds, recording window and publish requests."""
    opened: list[str] = []
    published: list[int] = []
    context = GuiContext(make_app(), Bridge(), open_window=opened.append, publish_now=published.append)
    context.opened = opened  # type: ignore[attr-defined]
    context.published = published  # type: ignore[attr-defined]
    return context


class UrlRecorder(QObject):
    """Takes the place of the browser: QDesktopServices hands it every http(s) address opened."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))


@pytest.fixture
def browser(qapp) -> Iterator[UrlRecorder]:
    recorder = UrlRecorder()
    for scheme in ("http", "https"):
        QDesktopServices.setUrlHandler(scheme, recorder, "open")  # type: ignore[arg-type]
    yield recorder
    for scheme in ("http", "https"):
        QDesktopServices.unsetUrlHandler(scheme)


@pytest.fixture
def finnish(qapp: QApplication) -> Iterator[None]:
    """Finnish for one test (build windows after it); afterwards the app is English again."""
    before = QLocale()
    translator = load_translation(qapp, "fi")
    assert translator is not None
    try:
        yield
    finally:
        # Its destructor uninstalls it, and Qt's own translation (its child) with it.
        shiboken6.delete(translator)
        QLocale.setDefault(before)
    assert QCoreApplication.translate("Tray", "Planner") == "Planner"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def settle_planner(window: PlannerWindow, qtbot) -> None:
    """Wait until the planner's worker has delivered everything it was given."""
    qtbot.waitUntil(lambda: not window.busy, timeout=5000)


@pytest.fixture
def open_planner(ctx: GuiContext, qtbot) -> Iterator[Callable[..., PlannerWindow]]:
    """Opens a planner (1240 × 780, settled); `active=True` also gives it the keyboard. Every planner
    opened is settled again at the end: no job may outlive the test's store."""
    opened: list[PlannerWindow] = []

    def open_(context: GuiContext = ctx, *, active: bool = False) -> PlannerWindow:
        window = PlannerWindow(context)
        qtbot.addWidget(window)
        window.resize(1240, 780)
        window.show()
        if active:
            window.activateWindow()
            qtbot.waitActive(window)
        opened.append(window)
        settle_planner(window, qtbot)
        return window

    yield open_
    for window in opened:
        settle_planner(window, qtbot)
