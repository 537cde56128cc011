"""The Accounts page: the organisation whose team file set somedesk up; each network's state, who is
signed in and until when; Connect (a browser sign-in, with a pending state and Cancel), Disconnect; and,
behind "Use your own app…", the client ID of the person's own developer app."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from somedesk.app.accounts import NOT_CONNECTED, SIGN_IN_TIMEOUT, AccountStatus
from somedesk.app.team import TeamReport
from somedesk.core.accounts import Account, AccountState
from somedesk.core.changes import Change
from somedesk.core.errors import UserError
from somedesk.core.model import Network
from somedesk.gui.background import Background
from somedesk.gui.context import GuiContext
from somedesk.gui.labels import local_text
from somedesk.gui.messages import user_message
from somedesk.gui.settings.common import ERROR_STYLE, WARNING_STYLE, Page
from somedesk.gui.settings.signin import BrowserSignIn
from somedesk.sources.configwriter import REMOVE

EXPIRY_WARNING_DAYS = 7
CONNECTABLE = (Network.LINKEDIN, Network.X)


class NetworkBox(QGroupBox):
    """One network: its state line, its expiry line, its buttons and (for real networks) its client ID."""

    def __init__(self, network: Network, parent: QWidget) -> None:
        super().__init__(network.display_name, parent)
        self.network = network
        self.state = QLabel(self)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.connect_button = QPushButton(self.tr("Connect…"), self)
        self.disconnect_button = QPushButton(self.tr("Disconnect"), self)
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.connect_button)
        top.addWidget(self.disconnect_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.detail)
        self.client_id = QLineEdit(self)
        self.save_client_id = QPushButton(self.tr("Save"), self)
        self.redirect = QLabel(self)
        self.redirect.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Each network's box has the same buttons: their names say which network they act on.
        name = network.display_name
        self.connect_button.setAccessibleName(self.tr("Connect {network}…").format(network=name))
        self.disconnect_button.setAccessibleName(self.tr("Disconnect {network}").format(network=name))
        self.client_id.setAccessibleName(self.tr("{network}: your app's client ID").format(network=name))
        self.save_client_id.setAccessibleName(self.tr("Save the {network} client ID").format(network=name))
        # Most people connect with their organisation's app (from the team file): the client ID of an
        # app of their own is there only for those who open it.
        self.own_app_button = QPushButton(self.tr("Use your own app…"), self)
        self.own_app_button.setCheckable(True)
        self.own_app_button.setAccessibleName(self.tr("{network}: use your own app").format(network=name))
        self.own_app = QWidget(self)
        if network in CONNECTABLE:
            form = QFormLayout(self.own_app)
            form.setContentsMargins(0, 0, 0, 0)
            line = QHBoxLayout()
            line.addWidget(self.client_id, 1)
            line.addWidget(self.save_client_id)
            form.addRow(self.tr("Your app's client ID"), line)
            form.addRow(self.tr("Its redirect address"), self.redirect)
            own = QHBoxLayout()
            own.addWidget(self.own_app_button)
            own.addStretch(1)
            layout.addLayout(own)
            layout.addWidget(self.own_app)
            self.own_app_button.toggled.connect(self.own_app.setVisible)
        else:
            for widget in (
                self.connect_button,
                self.disconnect_button,
                self.own_app_button,
                self.client_id,
                self.save_client_id,
                self.redirect,
            ):
                widget.hide()
        self.own_app.hide()

    def open_own_app(self) -> None:
        self.own_app_button.setChecked(True)


class AccountsPage(Page):
    """Signals come from `BrowserSignIn` and `Background`; the page listens to `ctx.bridge.changed`."""

    def __init__(
        self, ctx: GuiContext, parent: QWidget | None = None, sign_in_timeout: float = SIGN_IN_TIMEOUT
    ):
        super().__init__(ctx, parent)
        self.title = self.tr("Accounts")
        self.sign_in_timeout = sign_in_timeout
        self.background = Background(self)
        self.sign_in: BrowserSignIn | None = None
        self.boxes: dict[Network, NetworkBox] = {}
        self.organisation = QLabel(self)
        self.organisation.setTextFormat(Qt.TextFormat.PlainText)
        self.join_button = QPushButton(self.tr("I have a team file…"), self)
        self.join_button.clicked.connect(self.ask_team_file)
        team = QHBoxLayout()
        team.addWidget(self.organisation, 1)
        team.addWidget(self.join_button)
        self.body.addLayout(team)
        self._build_pending()  # on top: while a sign-in is pending, it is what the person looks for
        for network in (*CONNECTABLE, Network.SANDBOX):
            box = NetworkBox(network, self)
            self.boxes[network] = box
            self.body.addWidget(box)
            box.connect_button.clicked.connect(lambda _=False, n=network: self.connect_account(n))
            box.disconnect_button.clicked.connect(lambda _=False, n=network: self.disconnect_account(n))
            box.save_client_id.clicked.connect(lambda _=False, n=network: self.save_client_id(n))
        self.note(
            self.tr(
                "Sign-ins are kept in your system keyring, never in files. LinkedIn asks you to sign in "
                "again every 60 days; somedesk reminds you a week before."
            )
        )
        self.body.addStretch(1)
        ctx.bridge.changed.connect(self._changed)
        self.refresh()

    def _build_pending(self) -> None:
        self.pending = QFrame(self)
        self.pending.setFrameShape(QFrame.Shape.StyledPanel)
        self.pending_label = QLabel(self.pending)
        busy = QProgressBar(self.pending)
        busy.setRange(0, 0)  # no end known: the person is in their browser
        busy.setTextVisible(False)
        busy.setMaximumHeight(8)
        self.cancel_button = QPushButton(self.tr("Cancel"), self.pending)
        self.cancel_button.clicked.connect(self.cancel_sign_in)
        self.address = QLineEdit(self.pending)
        self.address.setReadOnly(True)
        self.address.setAccessibleName(self.tr("Sign-in address"))
        self.address.setPlaceholderText(self.tr("Preparing the sign-in…"))
        copy = QPushButton(self.tr("Copy"), self.pending)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.address.text()))
        top = QHBoxLayout()
        top.addWidget(self.pending_label, 1)
        top.addWidget(self.cancel_button)
        line = QHBoxLayout()
        line.addWidget(self.address, 1)
        line.addWidget(copy)
        layout = QVBoxLayout(self.pending)
        layout.addLayout(top)
        layout.addWidget(busy)
        layout.addWidget(QLabel(self.tr("If no browser opened, copy this address into one:"), self.pending))
        layout.addLayout(line)
        self.body.addWidget(self.pending)
        self.pending.hide()

    # Showing the accounts ----------------------------------------------------------------------

    def _changed(self, what: Change) -> None:
        if what & (Change.ACCOUNTS | Change.CONFIG):
            self.refresh()

    def refresh(self) -> None:
        try:
            statuses = self.ctx.app.accounts.statuses()
        except UserError as error:
            self.message.error(user_message(error))
            return
        organisation = self.ctx.app.team.organisation()
        if organisation:
            font = self.organisation.font()
            font.setBold(True)
            self.organisation.setFont(font)
            self.organisation.setText(self.tr("Your organisation: {name}").format(name=organisation))
        else:
            self.organisation.setFont(self.font())
            self.organisation.setText(
                self.tr("Your communications team may have a team file that sets everything up.")
            )
        self.join_button.setText(
            self.tr("Update from the team file") if organisation else self.tr("I have a team file…")
        )
        config = self.ctx.app.config
        for status in statuses:
            box = self.boxes.get(status.network)
            if box is None:
                continue
            self._show_status(box, status)
            if status.network in CONNECTABLE:
                settings = config.network_settings(status.network)
                if not box.client_id.hasFocus():
                    box.client_id.setText(settings.client_id)
                box.redirect.setText(settings.redirect_uri)
        self._sync_buttons()

    def _show_status(self, box: NetworkBox, status: AccountStatus) -> None:
        if status.network is Network.SANDBOX:
            box.state.setText(self.tr("Always connected"))
            box.detail.setText(
                self.tr("Posts go to outbox.jsonl in somedesk's data folder: try things safely.")
            )
            return
        now = self.ctx.app.clock()
        box.detail.setStyleSheet("")
        box.state.setStyleSheet("")
        if status.state == NOT_CONNECTED:
            box.state.setText(self.tr("Not connected"))
            box.detail.setText("")
            box.connect_button.setText(self.tr("Connect…"))
        elif status.state == AccountState.RECONNECT_NEEDED.value:
            box.state.setText(self.tr("{handle} — needs signing in again").format(handle=status.handle))
            box.state.setStyleSheet(ERROR_STYLE)
            box.detail.setText(self.tr("Scheduled posts wait until you reconnect."))
            box.connect_button.setText(self.tr("Reconnect…"))
        else:
            box.state.setText(self.tr("Connected as {handle}").format(handle=status.handle))
            box.detail.setText(self._expiry_text(status, now))
            box.connect_button.setText(self.tr("Reconnect…"))
            days = _days_left(status.expires_at, now)
            soon = status.network is Network.LINKEDIN and days is not None and days <= EXPIRY_WARNING_DAYS
            box.detail.setStyleSheet(WARNING_STYLE if soon else "")
        box.disconnect_button.setVisible(status.state != NOT_CONNECTED)
        box.detail.setVisible(bool(box.detail.text()))

    def _expiry_text(self, status: AccountStatus, now: datetime) -> str:
        if status.network is Network.X:
            return self.tr("Stays signed in: somedesk renews the sign-in itself.")
        days = _days_left(status.expires_at, now)
        if status.expires_at is None or days is None:
            return ""
        until = local_text(status.expires_at, self.ctx.app.config.routine.zone)
        return self.tr("Signed in until {until} (%n days left)", "", days).format(until=until)

    def _sync_buttons(self) -> None:
        idle = self.sign_in is None and not self.background.busy
        for box in self.boxes.values():
            box.connect_button.setEnabled(idle)
            box.disconnect_button.setEnabled(idle)

    # Connecting --------------------------------------------------------------------------------

    def connect_account(self, network: Network) -> None:
        if self.sign_in is not None:
            return
        if not self.ctx.app.config.network_settings(network).client_id:
            self.boxes[network].open_own_app()
            self.boxes[network].client_id.setFocus()
            self.message.error(
                self.tr(
                    "No {network} app is set up for you yet: join your organisation's team file, or enter "
                    "your own app's client ID."
                ).format(network=network.display_name)
            )
            return
        sign_in = BrowserSignIn(self.ctx.app.accounts, network, self, timeout=self.sign_in_timeout)
        sign_in.address.connect(self._show_address)
        sign_in.connected.connect(self._connected)
        sign_in.failed.connect(self._sign_in_failed)
        sign_in.cancelled.connect(self._sign_in_cancelled)
        self.sign_in = sign_in
        self.address.clear()
        self.pending_label.setText(
            self.tr("Waiting for the browser sign-in to {network}…").format(network=network.display_name)
        )
        self.cancel_button.setEnabled(True)
        self.pending.show()
        self.message.info("")
        self._sync_buttons()
        sign_in.start()

    def _show_address(self, url: str) -> None:
        self.address.setText(url)
        self.address.setCursorPosition(0)  # the start says where it goes: x.com, linkedin.com

    def cancel_sign_in(self) -> None:
        if self.sign_in is not None:
            self.cancel_button.setEnabled(False)
            self.pending_label.setText(self.tr("Cancelling…"))
            self.sign_in.cancel()

    def _end_sign_in(self) -> None:
        if self.sign_in is not None:
            self.sign_in.deleteLater()
        self.sign_in = None
        self.pending.hide()
        self.address.clear()
        self.refresh()

    def _connected(self, account: Account) -> None:
        self._end_sign_in()
        self.message.info(
            self.tr("Connected {network} as {handle}.").format(
                network=account.network.display_name, handle=account.handle
            )
        )
        self.ctx.notify_changed()  # posts that waited for this account can go now

    def _sign_in_failed(self, text: str) -> None:
        self._end_sign_in()
        self.message.error(text)

    def _sign_in_cancelled(self) -> None:
        self._end_sign_in()
        self.message.info(self.tr("Sign-in cancelled."))

    # Disconnecting and the client ID ------------------------------------------------------------

    def disconnect_account(self, network: Network) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Disconnect {network}").format(network=network.display_name),
            self.tr("Disconnect {network}? Scheduled posts for it wait until you connect again.").format(
                network=network.display_name
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        accounts = self.ctx.app.accounts
        self.message.info(self.tr("Disconnecting {network}…").format(network=network.display_name))
        # Off the GUI thread: X is asked to revoke the sign-in over the network.
        self.background.run(
            lambda: accounts.disconnect(network), lambda _: self._disconnected(network), self._failed
        )
        self._sync_buttons()

    def _disconnected(self, network: Network) -> None:
        self.message.info(self.tr("Disconnected {network}.").format(network=network.display_name))
        self.refresh()
        self.ctx.notify_changed()

    def _failed(self, text: str) -> None:
        self.message.error(text)
        self.refresh()

    def save_client_id(self, network: Network) -> None:
        value = self.boxes[network].client_id.text().strip()
        key = f"networks.{network.value}.client_id"
        try:
            self.ctx.app.change_config({key: value or REMOVE})
        except UserError as error:
            self.message.error(user_message(error))
            return
        self.message.info(self.tr("Saved {network}'s client ID.").format(network=network.display_name))
        self.refresh()

    # The team file -------------------------------------------------------------------------------

    def ask_team_file(self) -> None:
        """Join a team file (a path or an https address), or update from the one joined."""
        if self.ctx.app.team.organisation():
            self.run_team(None)
            return
        source, ok = QInputDialog.getText(
            self,
            self.tr("Join a team file"),
            self.tr("The team file your communications team gave you: a file path or an https:// address"),
        )
        if ok and source.strip():
            self.run_team(source.strip())

    def offer_team_file(self, source: str) -> bool:
        """A link asks to join the team file at `source`: only with the person's yes."""
        from somedesk.sources.teamfile import shown_source

        answer = QMessageBox.question(
            self,
            self.tr("Join a team file"),
            self.tr(
                "A link asks somedesk to use the team file at {address}. It sets your policy, news feeds, "
                "Slack sharing and the LinkedIn and X apps; your own settings stay. Join it?"
            ).format(address=shown_source(source)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.run_team(source)
        return True

    def run_team(self, source: str | None) -> None:
        team = self.ctx.app.team
        self.join_button.setEnabled(False)
        self.message.info(self.tr("Reading the team file…"))
        work = (lambda: team.update()) if source is None else (lambda: team.join(source))
        self.background.run(work, self._team_done, self._team_failed)

    def _team_done(self, report: TeamReport) -> None:
        self.join_button.setEnabled(True)
        who = report.organisation or self.tr("your team")
        if report.unchanged:
            self.message.info(self.tr("The team file of {name} has not changed.").format(name=who))
        else:
            changed = len(report.set) + len(report.removed) + len(report.followed) + len(report.unfollowed)
            lines = [self.tr("Set up by {name}: %n setting(s) changed.", "", changed).format(name=who)]
            lines += [self.tr("Kept your own {key}.").format(key=key) for key in report.kept]
            lines += report.problems
            self.message.info("\n".join(lines))
        self.refresh()
        self.ctx.notify_changed()

    def _team_failed(self, text: str) -> None:
        self.join_button.setEnabled(True)
        self.message.error(text)


def _days_left(expires_at: datetime | None, now: datetime) -> int | None:
    return None if expires_at is None else max(0, (expires_at - now).days)
