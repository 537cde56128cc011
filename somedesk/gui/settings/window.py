"""The Settings window: a list of pages on the left, the chosen page on the right."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QStackedWidget, QWidget

from somedesk.gui.context import GuiContext
from somedesk.gui.geometry import remember_geometry
from somedesk.gui.settings.accounts import AccountsPage
from somedesk.gui.settings.calendars import CalendarsPage
from somedesk.gui.settings.common import ConfigPage, Page
from somedesk.gui.settings.language import LanguagePage
from somedesk.gui.settings.phone import PhonePage
from somedesk.gui.settings.policy import PolicyPage
from somedesk.gui.settings.publishing import PublishingPage
from somedesk.gui.settings.routine import RoutinePage
from somedesk.gui.settings.share import SharePage
from somedesk.gui.settings.spelling import SpellingPage
from somedesk.gui.settings.targets import TargetsPage


class SettingsWindow(QWidget):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Settings — somedesk"))
        self.resize(860, 620)
        remember_geometry(self, ctx, "settings")
        self.accounts = AccountsPage(ctx, self)
        self.routine = RoutinePage(ctx, self)
        self.calendars = CalendarsPage(ctx, self)
        self.targets = TargetsPage(ctx, self)
        self.publishing = PublishingPage(ctx, self)
        self.language = LanguagePage(ctx, self)
        self.spelling = SpellingPage(ctx, self)
        self.phone = PhonePage(ctx, self)
        self.policy = PolicyPage(ctx, self)
        self.share = SharePage(ctx, self)
        self.pages: list[Page] = [
            self.accounts,
            self.routine,
            self.calendars,
            self.targets,
            self.publishing,
            self.policy,
            self.share,
            self.language,
            self.spelling,
            self.phone,
        ]
        self.nav = QListWidget(self)
        self.nav.setAccessibleName(self.tr("Settings pages"))
        self.stack = QStackedWidget(self)
        for page in self.pages:
            self.nav.addItem(page.title)
            self.stack.addWidget(page)
        self.nav.setStyleSheet("QListWidget::item { padding: 6px 10px; }")
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 44)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        layout = QHBoxLayout(self)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)

    def show_page(self, page: Page) -> None:
        self.nav.setCurrentRow(self.pages.index(page))

    def show_page_named(self, name: str) -> None:
        """Show the page held as attribute `name` ("accounts", "routine" …); an unknown name is ignored."""
        page = getattr(self, name, None)
        if isinstance(page, Page) and page in self.pages:
            self.show_page(page)

    def showEvent(self, event: QShowEvent) -> None:
        # Opened (again): every page starts from the settings the app uses now, not from an edit
        # abandoned when the window was closed.
        if not event.spontaneous():
            for page in self.pages:
                if isinstance(page, ConfigPage):
                    page.revert()
            self.accounts.refresh()
            self.phone.refresh()
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.accounts.cancel_sign_in()  # a sign-in nobody waits for must not hold its port
        super().closeEvent(event)
