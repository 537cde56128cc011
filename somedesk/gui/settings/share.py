"""The Share to Slack page: sharing each published post's link on or off (`[share] enabled`), the
message's template (`[share] template`), and the team's incoming-webhook address — a secret, so it is
set, tested and removed in the keyring and never shown."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QPushButton, QWidget

from somedesk.core.config import DEFAULT_SHARE_TEMPLATE, Config, share_template_problem
from somedesk.core.errors import InvalidInputError
from somedesk.gui.background import Background
from somedesk.gui.context import GuiContext
from somedesk.gui.settings.common import ConfigPage

if TYPE_CHECKING:
    from somedesk.networks.credentials import Secrets
    from somedesk.networks.slack import ShareResult

ENABLED_KEY = "share.enabled"
TEMPLATE_KEY = "share.template"


class SharePage(ConfigPage):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Share to Slack")
        self.worker = Background(self)
        self.enabled = QCheckBox(
            self.tr("Share the link of each post I publish to the team's Slack channel"), self
        )
        self.enabled.setAccessibleName(self.tr("Share to Slack"))
        self.body.addWidget(self.enabled)
        self.note(self.tr("Quick post can switch it off for one post."))

        self.heading(self.tr("The message"))
        self.template = QLineEdit(self)
        self.template.setAccessibleName(self.tr("Message template"))
        self.body.addWidget(self.template)
        self.note(
            self.tr("{network} becomes LinkedIn or X, {first_line} the post's first line, {url} its address.")
        )

        self.heading(self.tr("The team's webhook"))
        self.webhook_state = QLabel(self)
        self.webhook_state.setWordWrap(True)
        self.set_button = QPushButton(self.tr("Set…"), self)
        self.set_button.setAccessibleName(self.tr("Set the webhook address"))
        self.test_button = QPushButton(self.tr("Send a test"), self)
        self.test_button.setAccessibleName(self.tr("Send a test message to the channel"))
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setAccessibleName(self.tr("Remove the webhook address"))
        row = QHBoxLayout()
        row.addWidget(self.webhook_state, 1)
        for button in (self.set_button, self.test_button, self.remove_button):
            row.addWidget(button)
        self.body.addLayout(row)
        self.note(
            self.tr(
                "The address of a Slack incoming webhook works like a password: it is kept in your system "
                "keyring and never shown."
            )
        )
        self.body.addStretch(1)
        self.set_button.clicked.connect(self.ask_webhook)
        self.test_button.clicked.connect(self.send_test)
        self.remove_button.clicked.connect(self.remove_webhook)
        self.has_webhook: bool | None = None  # None: not read from the keyring yet
        self.load(ctx.app.config)

    def showEvent(self, event: QShowEvent) -> None:
        # The keyring is asked only once the page is looked at: opening Settings never waits on it.
        if self.has_webhook is None and not self.worker.busy:
            self.read_webhook()
        super().showEvent(event)

    def load(self, config: Config) -> None:
        self.enabled.setChecked(config.share.enabled)
        self.template.setText(config.share.template)

    def changes(self, config: Config) -> Mapping[str, object]:
        found: dict[str, object] = {}
        if self.enabled.isChecked() != config.share.enabled:
            found[ENABLED_KEY] = self.enabled.isChecked()
        template = self.template.text().strip() or DEFAULT_SHARE_TEMPLATE
        problem = share_template_problem(template)
        if problem:
            raise InvalidInputError(self.tr("The message: {problem}").format(problem=problem))
        if template != config.share.template:
            found[TEMPLATE_KEY] = template
        return found

    # The webhook in the keyring -----------------------------------------------------------------

    def _secrets(self) -> Secrets:
        return self.ctx.app.accounts.secrets

    def read_webhook(self) -> None:
        from somedesk.networks.credentials import SecretName

        secrets = self._secrets()
        self._busy(self.tr("Looking in your keyring…"))
        self.worker.run(
            lambda: secrets.get_app(SecretName.SLACK_WEBHOOK) is not None, self._show_webhook, self._failed
        )

    def _busy(self, text: str) -> None:
        self.webhook_state.setText(text)
        for button in (self.set_button, self.test_button, self.remove_button):
            button.setEnabled(False)

    def _show_webhook(self, present: bool) -> None:
        self.has_webhook = present
        self.webhook_state.setText(
            self.tr("A webhook address is kept in your keyring.")
            if present
            else self.tr("No webhook yet: ask your team for the channel's incoming-webhook address.")
        )
        self.set_button.setEnabled(True)
        self.set_button.setText(self.tr("Replace…") if present else self.tr("Set…"))
        self.test_button.setEnabled(present)
        self.remove_button.setEnabled(present)

    def _failed(self, message: str) -> None:
        self.message.error(message)
        self._show_webhook(bool(self.has_webhook))

    def ask_webhook(self) -> None:
        url, ok = QInputDialog.getText(
            self,
            self.tr("The team's webhook"),
            self.tr("The Slack incoming-webhook address (https://hooks.slack.com/services/…):"),
            QLineEdit.EchoMode.Password,
        )
        if ok and url.strip():
            self.set_webhook(url)

    def set_webhook(self, url: str) -> None:
        from somedesk.networks.credentials import SecretName
        from somedesk.networks.slack import check_webhook_url

        try:
            checked = check_webhook_url(url)
        except InvalidInputError:
            self.message.error(
                self.tr(
                    "That is not a webhook address: paste the whole https://hooks.slack.com/services/… "
                    "address from your Slack app's Incoming Webhooks page."
                )
            )
            return
        secrets = self._secrets()
        self._busy(self.tr("Keeping it in your keyring…"))
        self.worker.run(
            lambda: secrets.set_app(SecretName.SLACK_WEBHOOK, checked),
            lambda _: self._changed(True, self.tr("Kept the webhook address in your keyring.")),
            self._failed,
        )

    def remove_webhook(self) -> None:
        from somedesk.networks.credentials import SecretName

        secrets = self._secrets()
        self._busy(self.tr("Removing it from your keyring…"))
        self.worker.run(
            lambda: secrets.delete_app(SecretName.SLACK_WEBHOOK),
            lambda _: self._changed(False, self.tr("Removed the webhook address from your keyring.")),
            self._failed,
        )

    def _changed(self, present: bool, line: str) -> None:
        self._show_webhook(present)
        self.message.info(line)

    def send_test(self) -> None:
        from somedesk.networks.credentials import SecretName
        from somedesk.networks.slack import TEST_MESSAGE, ShareResult, SlackWebhook

        secrets = self._secrets()

        def work() -> ShareResult:
            url = secrets.get_app(SecretName.SLACK_WEBHOOK)
            if not url:
                return ShareResult(False, "no webhook is set up yet")
            return SlackWebhook(url, tries=1).send(TEST_MESSAGE)

        self._busy(self.tr("Sending a test message…"))
        self.worker.run(work, self._tested, self._failed)

    def _tested(self, result: ShareResult) -> None:
        self._show_webhook(True)
        if result.ok:
            self.message.info(self.tr("Sent a test message: look for it in the channel."))
        else:
            reason = result.line.removeprefix("Not shared to the team: ")
            self.message.error(self.tr("The test message was not sent ({reason}).").format(reason=reason))
