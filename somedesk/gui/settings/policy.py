"""The Policy page: where the organisation's social-media policy comes from (`[policy] source`), the
built-in checks for personal data on or off (`[policy] builtin`), and "Try a text": what the policy, as
the page shows it, says about a text, before a post ever goes near it."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from somedesk.core.config import Config, PolicySettings
from somedesk.core.errors import InvalidInputError
from somedesk.core.policy import Finding, check
from somedesk.gui.background import Background
from somedesk.gui.context import GuiContext
from somedesk.gui.policy_text import finding_message
from somedesk.gui.settings.common import ConfigPage
from somedesk.sources.policyfile import PolicyLoad, load_for_config

SOURCE_KEY = "policy.source"
BUILTIN_KEY = "policy.builtin"


class PolicyPage(ConfigPage):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Policy")
        self.worker = Background(self)
        self.heading(self.tr("Your organisation's social-media policy"))
        self.source = QLineEdit(self)
        self.source.setAccessibleName(self.tr("Policy file or address"))
        self.source.setPlaceholderText(
            self.tr("A file, or an https:// address (empty: the built-in checks only)")
        )
        choose = QPushButton(self.tr("Choose file…"), self)
        choose.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.source, 1)
        row.addWidget(choose)
        self.body.addLayout(row)
        self.team_note = self.note("")
        self.builtin = QCheckBox(
            self.tr(
                "Check for personal data: e-mail addresses, phone numbers, personal identity codes, bank "
                "accounts, and words such as “confidential”"
            ),
            self,
        )
        self.builtin.setAccessibleName(self.tr("Built-in checks for personal data"))
        self.body.addWidget(self.builtin)

        self.heading(self.tr("Try a text"))
        self.note(self.tr("See what the policy above says about a text. Nothing is posted or kept."))
        self.sample = QPlainTextEdit(self)
        self.sample.setAccessibleName(self.tr("Text to try"))
        self.sample.setMaximumHeight(110)
        self.try_button = QPushButton(self.tr("Check"), self)
        self.try_button.setAccessibleName(self.tr("Check the text against the policy"))
        self.try_button.clicked.connect(self.try_text)
        self.body.addWidget(self.sample)
        line = QHBoxLayout()
        line.addStretch(1)
        line.addWidget(self.try_button)
        self.body.addLayout(line)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setAccessibleName(self.tr("What the policy says"))
        self.body.addWidget(self.result)
        self.body.addStretch(1)
        self.findings: list[Finding] = []
        self.load(ctx.app.config)

    def load(self, config: Config) -> None:
        self.source.setText(config.policy.source)
        self.builtin.setChecked(config.policy.builtin)
        from_team = self._from_team_file()
        self.team_note.setText(
            self.tr("Set by your organisation's team file; a value of your own replaces it.")
            if from_team
            else ""
        )
        self.team_note.setVisible(from_team)

    def _from_team_file(self) -> bool:
        try:
            record = self.ctx.app.team.record()
        except Exception:  # an unreadable record: shown as not set by the team
            return False
        return record is not None and SOURCE_KEY in record.settings

    def changes(self, config: Config) -> Mapping[str, object]:
        found: dict[str, object] = {}
        source = self.source.text().strip()
        if source != config.policy.source:
            from somedesk.sources.configwriter import REMOVE

            found[SOURCE_KEY] = source or REMOVE
        if self.builtin.isChecked() != config.policy.builtin:
            from somedesk.sources.configwriter import REMOVE

            found[BUILTIN_KEY] = REMOVE if self.builtin.isChecked() else False  # on is the default
        return found

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the policy file"), "", self.tr("Policy files (*.toml);;All files (*)")
        )
        if path:
            self.source.setText(path)

    # Try a text ---------------------------------------------------------------------------------

    def try_text(self) -> None:
        """Check the sample against the policy as the page shows it (applied or not): off the GUI
        thread, since an https policy may be fetched."""
        text = self.sample.toPlainText()
        if not text.strip():
            self.result.setText(self.tr("Write or paste a text to try first."))
            return
        config = self.ctx.app.config
        settings = PolicySettings(source=self.source.text().strip(), builtin=self.builtin.isChecked())
        from dataclasses import replace

        trial = replace(config, policy=settings)
        cache = self.ctx.app.paths.cache

        def work() -> tuple[PolicyLoad, list[Finding]]:
            if "://" in settings.source and not settings.source.lower().startswith("https://"):
                raise InvalidInputError("a policy is only fetched over a secure connection (https://)")
            load = load_for_config(trial, cache)
            return load, check(text, load.policy)

        self.try_button.setEnabled(False)
        self.result.setText(self.tr("Checking…"))
        self.worker.run(work, self._tried, self._not_tried, name="somedesk-policy-try")

    def _tried(self, outcome: tuple[PolicyLoad, list[Finding]]) -> None:
        load, findings = outcome
        self.findings = findings
        self.try_button.setEnabled(True)
        if not findings:
            lines = [self.tr("Nothing to fix or check: the policy has no objection to this text.")]
        else:
            lines = [
                self.tr("%n thing(s) the policy flags:", "", len(findings)),
                *(
                    (
                        self.tr("Fix: “{words}” — {why}") if f.blocks else self.tr("Check: “{words}” — {why}")
                    ).format(words=f.text, why=finding_message(f))
                    for f in findings
                ),
            ]
        if load.warning:
            lines.append(load.warning)
        self.result.setText("\n".join(lines))

    def _not_tried(self, message: str) -> None:
        self.findings = []
        self.try_button.setEnabled(True)
        self.result.setText(message)
