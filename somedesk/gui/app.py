"""The GUI's composition root: QApplication, one instance per data folder, the runtime, the tray
and the windows, all built here and handed to each other (no globals)."""

from __future__ import annotations

import gc
import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from somedesk import APP_ID
from somedesk.app.services import Somedesk
from somedesk.core.changes import Change
from somedesk.core.errors import UserError
from somedesk.gui.context import Bridge, GuiContext
from somedesk.gui.errors import ErrorReporter
from somedesk.gui.icons import app_icon
from somedesk.gui.tray import Tray, tray_available
from somedesk.gui.unixsignals import SignalWatcher

if TYPE_CHECKING:
    from somedesk.desktop.instance import Instance
    from somedesk.runtime.notify.base import Notifier
    from somedesk.runtime.scheduler import Runtime

log = logging.getLogger(__name__)
WINDOWS = ("quick-post", "planner", "queue", "settings", "welcome")


def _window_factory(name: str) -> Callable[[GuiContext], QWidget]:
    # Imported when first opened: start-up only pays for the tray.
    if name == "quick-post":
        from somedesk.gui.compose.window import QuickPostWindow

        return QuickPostWindow
    if name == "planner":
        from somedesk.gui.planner import PlannerWindow

        return PlannerWindow
    if name == "queue":
        from somedesk.gui.queue import QueueWindow

        return QueueWindow
    if name == "welcome":
        from somedesk.gui.welcome import WelcomeWindow

        return WelcomeWindow
    from somedesk.gui.settings import SettingsWindow

    return SettingsWindow


class DesktopApp:
    """Everything the running GUI owns, and the small behaviours that tie the parts together."""

    def __init__(self, qt: QApplication, app: Somedesk) -> None:
        self.qt = qt
        self.app = app
        self.bridge = Bridge()
        self.ctx = GuiContext(app, self.bridge, open_window=self.open_window, publish_now=self.publish_now)
        self.windows: dict[str, QWidget] = {}
        self.runtime: Runtime | None = None
        self.tray: Tray | None = None
        self._starting: threading.Thread | None = None

    def open_window(self, name: str) -> None:
        """Open (or raise) a window; "settings:accounts" opens Settings at that page."""
        name, _, page = name.partition(":")
        window = self.windows.get(name)
        if window is None:
            window = _window_factory(name)(self.ctx)
            self.windows[name] = window
        if page and hasattr(window, "show_page_named"):
            window.show_page_named(page)
        window.show()
        window.raise_()
        window.activateWindow()

    def publish_now(self, publication_id: int) -> None:
        """Publish on a worker thread (never on the GUI thread); views update through the bridge."""

        def work() -> None:
            try:
                self.app.publisher.publish(publication_id)
            except UserError as error:
                from somedesk.gui.messages import user_message

                self.bridge.activity.emit(user_message(error))
            except Exception:
                log.exception("publish %s failed", publication_id)
            self.bridge.changed.emit(self.app.take_changes() | Change.PUBLICATIONS)

        threading.Thread(target=work, name=f"publish-{publication_id}", daemon=True).start()

    def on_runtime_event(self, line: str) -> None:
        self.bridge.activity.emit(line)
        self.bridge.changed.emit(self.app.take_changes() | Change.PUBLICATIONS)

    def start_runtime(self, notifier: Notifier) -> None:
        # Imported here: the runtime brings APScheduler, which the tray need not wait for.
        from somedesk.runtime.scheduler import Runtime

        self.runtime = Runtime(self.app, notifier, on_event=self.on_runtime_event)
        self.runtime.start()
        log.info("runtime started")

    def start_runtime_in_background(self) -> None:
        """Start the runtime on a thread of its own; the bridge says when it is running (or failed).

        Importing APScheduler, connecting to the notification service over D-Bus and the first
        check (which may resolve a post a crash left mid-publish, over the network) take a tenth
        of a second or more: none of it may hold up the tray or a window. The tray's balloon
        notifier is made here, on the GUI thread, in case the desktop has no notification service.
        """
        fallback = self._tray_notifier()

        def work() -> None:
            try:
                self.start_runtime(choose_notifier(fallback))
            except Exception as error:
                self.bridge.runtime_failed.emit(error)
            else:
                self.bridge.runtime_started.emit()

        self.bridge.runtime_started.connect(lambda: self.bridge.changed.connect(self._reconcile_soon))
        self._starting = threading.Thread(target=work, name="somedesk-runtime-start", daemon=True)
        self._starting.start()

    def update_team_file_daily(self) -> None:
        """Once a day, a team file joined from an https address is read again (issue 16); checked
        hourly, so a laptop that slept through the day catches up soon after it wakes."""
        self._team_timer = QTimer(self.qt)
        self._team_timer.setInterval(3600 * 1000)
        self._team_timer.timeout.connect(self._update_team_file)
        self._team_timer.start()
        QTimer.singleShot(30_000, self.qt, self._update_team_file)

    def _update_team_file(self) -> None:
        def work() -> None:
            try:
                report = self.app.team.update_if_due()
            except UserError as error:
                log.warning("team file update: %s", error)
                return
            except Exception:
                log.exception("team file update failed")
                return
            if report is not None and not report.unchanged:
                log.info("team file updated: %d changes", len(report.set) + len(report.removed))
                self.bridge.changed.emit(self.app.take_changes() | Change.CONFIG)

        threading.Thread(target=work, name="team-file-update", daemon=True).start()

    def _tray_notifier(self) -> Notifier | None:
        if self.tray is None:
            return None
        from somedesk.gui.notify_qt import TrayNotifier

        return TrayNotifier(self.tray.icon, lambda: self.open_window("queue"))

    def _reconcile_soon(self, what: Change) -> None:
        # Jobs come from the schedule; drafts (a deleted one), accounts (a reconnected one) and the
        # config (quiet hours) change what is due. New ideas never do.
        if self.runtime is not None and what & ~Change.IDEAS:
            threading.Thread(target=self.runtime.check, name="reconcile", daemon=True).start()

    def on_message(self, message: str) -> str:
        """Another `somedesk` started on this folder: it hands over, e.g. "show:planner"."""
        if message.startswith("show:"):
            name = message.removeprefix("show:")
            QTimer.singleShot(0, self.qt, lambda: self.open_window(name if name in WINDOWS else "planner"))
            return "ok"
        if message.startswith("join:"):
            source = message.removeprefix("join:")
            QTimer.singleShot(0, self.qt, lambda: self.offer_team_file(source))
            return "ok"
        if message == "reconcile":  # from an older somedesk, which does not say what changed
            self.bridge.changed.emit(Change.everything())
            return "ok"
        if message.startswith("changed:"):  # a command in a terminal changed the store or the config
            what = Change.parse(message.removeprefix("changed:"))
            if what & Change.CONFIG:
                self._reload_config()
            if what:
                self.bridge.changed.emit(what)
            return "ok"
        return "unknown"

    def _reload_config(self) -> None:
        try:
            self.app.reload_config()
        except UserError as error:  # a half-typed edit: keep the config in use until the file is valid
            log.warning("config.toml changed but cannot be used yet: %s", error)

    def offer_team_file(self, source: str) -> None:
        """A somedesk://join link was opened: Settings → Accounts asks before joining (a link on any
        web page can open somedesk, and a team file changes the policy, the feeds and the Slack channel)."""
        self.open_window("settings:accounts")
        window = self.windows.get("settings")
        accounts = getattr(window, "accounts", None)
        if accounts is not None:
            accounts.offer_team_file(source)

    def shutdown(self) -> None:
        # A publish waiting out a rate limit (the first check's, or Post now's) goes back on the
        # schedule at once instead of holding up the quit.
        self.app.publisher.interrupt_waits()
        if self._starting is not None:
            self._starting.join()  # a first check under way finishes before anything stops
        if self.runtime is not None:
            self.runtime.stop()
            log.info("runtime stopped")


def load_translation(qt: QApplication, language: str | None = None) -> QTranslator | None:
    """Install the Finnish (or other) translation for `language`, or the system's locale.

    A language chosen in the settings also sets the default QLocale, so days, times and numbers
    follow it ("ma 7.12. 11.30"). Qt's own words (Cancel, Yes, No) come from Qt's translation,
    installed as a child of ours: deleting the returned translator removes both.
    """
    name, locale = ui_language(language)
    if locale is not None:
        # Days, dates and times in the language the windows speak, even when only LANGUAGE says it
        # (LANG=C or en_US with LANGUAGE=fi: the system locale's own formats would stay English).
        QLocale.setDefault(locale)
    # Beside this module, not through importlib.resources: importing that costs the start ~3 ms.
    path = Path(__file__).with_name("i18n") / f"somedesk_{name}.qm"
    if name == "en" or not path.is_file():
        return install_english_plurals(qt)
    translator = QTranslator(qt)
    if not translator.load(str(path)):
        return None
    qt.installTranslator(translator)
    qt_words = QTranslator(translator)
    if qt_words.load(
        QLocale(name), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        qt.installTranslator(qt_words)
    return translator


TRANSLATED = ("fi", "en")


def ui_language(language: str | None) -> tuple[str, QLocale | None]:
    """The windows' language ("fi", "en") and the locale for their dates: the one chosen in the
    settings, else the first of the desktop's UI languages (LANGUAGE, then LC_MESSAGES / LANG) that
    somedesk speaks. The locale is None when nothing says a language (the C locale): left as it is."""
    if language:
        return language[:2], QLocale(language[:2])
    system = QLocale.system()
    for tag in system.uiLanguages():
        locale = QLocale(tag)
        if locale.name()[:2] in TRANSLATED and locale.language() != QLocale.Language.C:
            return locale.name()[:2], locale
    if system.language() == QLocale.Language.C:
        return "en", None
    # A language somedesk does not speak (German, say): English windows, with English day names in
    # the territory's own ways (en_DE: 24-hour clock), rather than German day names among English.
    return "en", QLocale(QLocale.Language.English, system.territory())


def install_english_plurals(qt: QApplication) -> QTranslator | None:
    """English needs a translation too, for its plural forms only: the code says "%n draft(s)", and
    somedesk_en.qm makes it "1 draft" or "5 drafts". Installed first, so another language wins."""
    translator = QTranslator(qt)
    if not translator.load(str(Path(__file__).with_name("i18n") / "somedesk_en.qm")):
        return None
    qt.installTranslator(translator)
    return translator


def choose_notifier(fallback: Notifier | None) -> Notifier:
    """The desktop's notification service; without one, `fallback` (the tray's balloons) if given.
    Either way the notes are worded in the person's language."""
    from somedesk.gui.notes import TranslatingNotifier
    from somedesk.runtime.headless import choose_notifier as desktop_service
    from somedesk.runtime.notify.base import LogNotifier

    notifier = desktop_service()
    if fallback is not None and isinstance(notifier, LogNotifier):
        notifier = fallback
    return TranslatingNotifier(notifier)


def _peak_rss_kib() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_gui(
    app: Somedesk,
    instance: Instance,
    show: str | None = None,
    *,
    exit_when_ready: bool = False,
    crash_report: Path | None = None,
    join: str | None = None,
) -> int:
    """The desktop app on `instance`, the data folder's lock the caller holds (and releases).

    `crash_report` is where the last run's crash report was set aside, when it crashed: the person
    is told once the app is up (desktop/crashlog.py)."""
    qt = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qt, QApplication)
    qt.setApplicationName("somedesk")
    qt.setDesktopFileName(APP_ID)
    qt.setWindowIcon(app_icon())
    qt.setQuitOnLastWindowClosed(False)
    language = app.config.ui.language
    load_translation(qt, None if language == "system" else language)
    desktop = DesktopApp(qt, app)
    errors = ErrorReporter()
    errors.install()
    if tray_available():
        desktop.tray = Tray(desktop.ctx, qt.quit)
        desktop.tray.show()
    failed: list[Exception] = []

    def ready() -> None:
        # The first event-loop pass: the tray (or window) is up. Only now start the runtime.
        if not gc.isenabled():  # held off during start-up by `somedesk` (cli.cmd_desktop)
            gc.enable()
            gc.freeze()  # what start-up made lives as long as the app: never scan it again
        if exit_when_ready:
            print(f"ready rss={_peak_rss_kib()}", flush=True)  # bench/startup.py reads this line
        if crash_report is not None:
            log.warning("the last run stopped unexpectedly; its report is %s", crash_report)
            errors.crashed_last_time(crash_report)
        desktop.start_runtime_in_background()
        desktop.update_team_file_daily()

    def runtime_failed(error: Exception) -> None:
        failed.append(error)  # raised from run_gui below, as if it had failed before exec()
        qt.exit(1)

    desktop.bridge.runtime_failed.connect(runtime_failed)
    # Ctrl+C and SIGTERM quit as the tray's Quit does: the runtime stops, windows keep their places,
    # and the exit status is 0 (a stop that was asked for, as `somedesk run` answers it).
    signals = SignalWatcher()
    signals.received.connect(lambda _number: qt.quit())
    signals.install()
    if exit_when_ready:
        # After one more event-loop pass with the runtime running.
        desktop.bridge.runtime_started.connect(lambda: QTimer.singleShot(0, qt.quit))
    try:
        instance.listen(desktop.on_message)
        QTimer.singleShot(0, qt, ready)
        if join:
            QTimer.singleShot(0, qt, lambda: desktop.offer_team_file(join))
        elif not (show or exit_when_ready):
            from somedesk.gui.welcome import should_welcome

            if should_welcome(desktop.ctx):  # the first start: say what somedesk does, and how to begin
                desktop.open_window("welcome")
        if show or desktop.tray is None:
            # No tray (e.g. GNOME without an extension): never run invisible, open the planner.
            desktop.open_window(show or "planner")
            if desktop.tray is None:
                qt.setQuitOnLastWindowClosed(True)
        code = qt.exec()
        if failed:
            raise failed[0]
        return code
    except UserError as error:
        from PySide6.QtWidgets import QMessageBox  # only now: its type costs the start ~2 ms

        from somedesk.gui.messages import user_message

        QMessageBox.warning(None, "somedesk", user_message(error))
        return 1
    finally:
        desktop.shutdown()
        signals.uninstall()
        errors.uninstall()
