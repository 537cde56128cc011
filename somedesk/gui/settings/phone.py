"""The Phone page: set up the ntfy server, topic and token (keyring), a QR code the ntfy app scans to
subscribe, a test message, the state of the sync, and switching it off. Everything that talks to the
keyring or the server runs off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton, QWidget

from somedesk.app.phone import PhoneStatus
from somedesk.gui.background import Background
from somedesk.gui.context import GuiContext
from somedesk.gui.settings.common import Page

QR_SCALE = 5


def qr_png(text: str, scale: int = QR_SCALE) -> bytes:
    """`text` as a QR code in PNG (segno writes PNG itself, no imaging library needed)."""
    import io

    import segno  # loaded when a code is shown

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


class PhonePage(Page):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Phone")
        self.worker = Background(self)
        self.note(
            self.tr(
                "Your phone reminds you at the moments you are away from the desk, and takes over when this "
                "computer sleeps. It uses ntfy: install the ntfy app on your phone. The text of your "
                "scheduled posts goes to the server you choose here, and only there; run your own ntfy "
                "server to keep it in-house."
            )
        )
        form = self.form()
        self.server = QLineEdit(self)
        self.server.setMinimumWidth(320)
        self.server.setAccessibleName(self.tr("ntfy server"))
        form.addRow(self.tr("Server:"), self.server)
        self.topic = QLineEdit(self)
        self.topic.setMinimumWidth(320)
        self.topic.setEchoMode(QLineEdit.EchoMode.Password)  # it works like a password
        self.topic.setPlaceholderText(self.tr("Leave empty for a private one"))
        self.topic.setAccessibleName(self.tr("Topic"))
        form.addRow(self.tr("Topic:"), self.topic)
        self.token = QLineEdit(self)
        self.token.setMinimumWidth(320)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("Only if your server asks for one"))
        self.token.setAccessibleName(self.tr("Access token"))
        form.addRow(self.tr("Access token:"), self.token)

        self.heading(self.tr("Subscribe on your phone"))
        self.show_code = QCheckBox(self.tr("Show the QR code and topic"), self)
        self.body.addWidget(self.show_code)
        self.code = QLabel(self)
        self.code.setAccessibleName(self.tr("QR code to subscribe in the ntfy app"))
        self.code.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.code_text = QLabel(self)
        self.code_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_text.setWordWrap(True)
        self.body.addWidget(self.code)
        self.body.addWidget(self.code_text)

        self.heading(self.tr("State"))
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.state.setAccessibleName(self.tr("Phone state"))
        self.body.addWidget(self.state)
        self.body.addStretch(1)

        self.setup_button = QPushButton(self.tr("Set up"), self)
        self.test_button = QPushButton(self.tr("Send a test"), self)
        self.off_button = QPushButton(self.tr("Switch off"), self)
        for button in (self.off_button, self.test_button, self.setup_button):
            self.buttons.addWidget(button)
        self.setup_button.clicked.connect(self.set_up)
        self.test_button.clicked.connect(self.send_test)
        self.off_button.clicked.connect(self.switch_off)
        self.show_code.toggled.connect(self._show_code)
        self.refresh()

    # State -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.server.setText(self.ctx.app.config.phone.server)
        self.worker.run(self.ctx.app.phone.status, self._status, self.message.error, name="somedesk-phone")

    def _status(self, status: PhoneStatus) -> None:
        self.test_button.setEnabled(status.set_up)
        self.off_button.setEnabled(status.set_up)
        self.show_code.setEnabled(status.set_up)
        self.setup_button.setText(self.tr("Save") if status.set_up else self.tr("Set up"))
        if not status.set_up:
            self.state.setText(self.tr("Not set up."))
            self.show_code.setChecked(False)
            return
        lines = [self.tr("Reminders the server holds for you: {count}").format(count=status.holding)]
        if status.behind:
            lines.append(self.tr("Not on the server yet: {count}").format(count=status.behind))
        if status.last_error:
            lines.append(self.tr("Last error: {error}").format(error=status.last_error))
        self.state.setText("\n".join(lines))

    def _show_code(self, shown: bool) -> None:
        self.code.clear()
        self.code_text.clear()
        if not shown:
            return

        def work() -> tuple[str, str, bytes]:
            phone = self.ctx.app.phone
            url = phone.subscribe_url()
            return phone.topic(), url, qr_png(url)

        self.worker.run(work, self._code, self.message.error, name="somedesk-phone-code")

    def _code(self, found: tuple[str, str, bytes]) -> None:
        topic, url, png = found
        if not self.show_code.isChecked():
            return
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.code.setPixmap(pixmap)
        text = self.tr(
            "In the ntfy app: add a subscription, topic {topic}, on {server}. "
            "Ideas you publish to {inbox} become drafts here."
        )
        server = self.ctx.app.config.phone.server
        self.code_text.setText(text.format(topic=topic, server=server, inbox=topic + "-inbox"))
        self.code_text.setToolTip(url)

    # Actions ---------------------------------------------------------------------------------

    def set_up(self) -> None:
        server = self.server.text().strip()
        changed_server = server if server != self.ctx.app.config.phone.server else None
        topic, token = self.topic.text().strip(), self.token.text().strip()
        phone = self.ctx.app.phone

        def work() -> str:
            # Set up already: an empty field keeps what the keyring holds (switch off to start over).
            kept_topic = topic or (phone.topic() if phone.set_up else None)
            kept_token = token or (self._kept_token() if phone.set_up else None)
            chosen = phone.setup(kept_topic, kept_token, changed_server)
            phone.sync()
            return chosen

        self.setup_button.setEnabled(False)
        self.message.info(self.tr("Setting up…"))
        self.worker.run(work, self._set_up, self._failed, name="somedesk-phone-setup")

    def _kept_token(self) -> str | None:
        from somedesk.networks.credentials import SecretName

        return self.ctx.app.phone.secrets.get_app(SecretName.PHONE_TOKEN)

    def _set_up(self, _topic: str) -> None:
        self.setup_button.setEnabled(True)
        self.topic.clear()
        self.token.clear()
        self.message.info(self.tr("Your phone is set up. Scan the QR code with the ntfy app to subscribe."))
        self.ctx.notify_changed()
        self.refresh()
        if self.show_code.isChecked():
            self._show_code(True)

    def _failed(self, text: str) -> None:
        self.setup_button.setEnabled(True)
        self.message.error(text)

    def send_test(self) -> None:
        self.message.info(self.tr("Sending…"))
        self.worker.run(
            self.ctx.app.phone.test,
            lambda _none: self.message.info(self.tr("Sent a test message to your phone.")),
            self.message.error,
            name="somedesk-phone-test",
        )

    def switch_off(self) -> None:
        def done(cancelled: int) -> None:
            self.message.info(
                self.tr("Phone switched off: {count} reminders cancelled; topic and token removed.").format(
                    count=cancelled
                )
            )
            self.refresh()

        self.worker.run(self.ctx.app.phone.off, done, self._off_failed, name="somedesk-phone-off")

    def _off_failed(self, text: str) -> None:
        self.message.error(text)
        self.refresh()
