"""Quick post's live policy check: the words the social-media policy flags are highlighted in the
editor (a tint and a straight underline, red for `block`, orange for `warn` — never the wavy line,
which is spelling's), hovering one shows why, a line under the counters sums it up and a legend line
says which mark is which. Post now and Next moment ask it first: a `block` finding refuses, a `warn`
one asks once.

The policy is read once, off the GUI thread (it may be fetched from an https address); checking a
text against it is cheap and runs on the GUI thread, debounced while typing.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from itertools import accumulate

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QColor, QHelpEvent, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QToolTip

from somedesk.core.policy import Finding, Policy, check, position
from somedesk.gui.background import Background
from somedesk.gui.compose.counters import WARNING_RED
from somedesk.gui.messages import policy_findings
from somedesk.gui.policy_text import finding_message
from somedesk.sources.policyfile import PolicyLoad

WARNING_ORANGE = QColor(230, 120, 0)  # readable on light and dark backgrounds alike
CHECK_MS = 150


def policy_tint(color: QColor) -> QColor:
    """The highlight behind a flagged word: the finding's colour, faint enough to read any text
    colour on it, in a light palette or a dark one."""
    tint = QColor(color)
    tint.setAlpha(60)
    return tint


def utf16_offsets(text: str) -> list[int]:
    """Where each character of `text` starts in Qt's positions (UTF-16 units), and one past the end."""
    return [0, *accumulate(2 if ord(c) > 0xFFFF else 1 for c in text)]


class PolicyWatch(QObject):
    """Checks the editor's text against the policy and shows what it finds.

    Signals:
        checked: the underlines and the summary show the current text (after every check).
        loaded: the policy has been read, or could not be (once); `policy` and `tip` are final.
    """

    checked = Signal()
    loaded = Signal()

    def __init__(
        self, editor: QPlainTextEdit, summary: QLabel, worker: Background, legend: QLabel | None = None
    ) -> None:
        super().__init__(editor)
        self.editor = editor
        self.summary = summary
        self.legend = legend
        self.worker = worker
        self.policy: Policy | None = None  # None: not loaded (yet), or it could not be used
        self.findings: list[Finding] = []
        self.loading = False
        self._loaded = False
        self._problem = ""  # why the policy is not in use, or that an old copy is
        self._offsets: list[int] = [0]
        self._confirmed: str | None = None  # the text whose warnings the person chose to go past
        self._tip = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check_now)
        editor.viewport().installEventFilter(self)

    @property
    def settled(self) -> bool:
        """The underlines show the current text with the policy (tests wait for this)."""
        return not self.loading and not self._timer.isActive()

    @property
    def tip(self) -> str:
        """One of the policy's tips for this window, or ""."""
        return self._tip

    def load(self, work: Callable[[], PolicyLoad]) -> None:
        """Read the policy with `work` off the GUI thread; only the first call does anything."""
        if self._loaded or self.loading:
            return
        self.loading = True
        self.worker.run(work, self._loaded_policy, self._not_loaded, name="somedesk-policy")

    def _loaded_policy(self, load: PolicyLoad) -> None:
        self.loading, self._loaded = False, True
        self.policy = load.policy
        self._problem = load.warning or ""
        self._tip = random.choice(load.policy.tips) if load.policy.tips else ""
        self.check_now()
        self.loaded.emit()

    def _not_loaded(self, message: str) -> None:
        self.loading, self._loaded = False, True
        self._problem = message
        self.check_now()
        self.loaded.emit()

    def text_changed(self) -> None:
        self._timer.start()

    def check_now(self) -> list[Finding]:
        """Check the current text, underline what the policy flags and sum it up."""
        self._timer.stop()
        text = self.editor.toPlainText()
        self.findings = check(text, self.policy) if self.policy is not None else []
        self._offsets = utf16_offsets(text)
        self._underline()
        self._summarize()
        self.checked.emit()
        return self.findings

    # Showing ------------------------------------------------------------------------------

    def _underline(self) -> None:
        selections = []
        for finding in self.findings:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(self._offsets[finding.start])
            cursor.setPosition(self._offsets[finding.end], QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            color = WARNING_RED if finding.blocks else WARNING_ORANGE
            char_format = QTextCharFormat()
            char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            char_format.setUnderlineColor(color)
            char_format.setBackground(policy_tint(color))
            selection.format = char_format
            selections.append(selection)
        self.editor.setExtraSelections(selections)

    def _summarize(self) -> None:
        blocking = [f for f in self.findings if f.blocks]
        shown = blocking or self.findings
        if shown:
            first = finding_message(min(shown, key=lambda f: f.start))
            if blocking:
                line = self.tr("Policy: %n thing(s) to fix — {message}", "", len(shown))
            else:
                line = self.tr("Policy: %n thing(s) to check — {message}", "", len(shown))
            text = line.format(message=first)
        elif self._problem:
            text = self.tr("Policy: {problem}").format(problem=self._problem)
        else:
            text = ""
        palette = self.summary.palette()
        color = WARNING_RED if blocking else WARNING_ORANGE if shown or self._problem else None
        palette.setColor(
            QPalette.ColorRole.WindowText, color or self.editor.palette().color(QPalette.ColorRole.WindowText)
        )
        self.summary.setPalette(palette)
        self.summary.setText(text)
        self.summary.setToolTip("\n".join(self._describe(shown)) if len(shown) > 1 else "")
        self.summary.setVisible(bool(text))
        if self.legend is not None:
            self.legend.setText(
                self.tr("Highlighted: what the policy flags · wavy red line: a spelling to check")
                if self.findings
                else ""
            )
            self.legend.setVisible(bool(self.findings))

    def _describe(self, findings: Sequence[Finding]) -> list[str]:
        """One line per finding: what it is and where (never its words: they are underlined in the
        editor), then the rule's tips."""
        text = self.editor.toPlainText()
        lines = []
        for finding in findings:
            lines.append(policy_findings([(finding.rule, *position(text, finding.start), finding.message)]))
            if self.policy is not None:
                lines += [f"  {tip}" for tip in self.policy.tips_for(finding)]
        return lines

    # Hovering -----------------------------------------------------------------------------

    def findings_at(self, position: int) -> list[Finding]:
        """The findings covering the character at `position` (in Qt's positions)."""
        return [f for f in self.findings if self._offsets[f.start] <= position < self._offsets[f.end]]

    def tooltip_at(self, point: QPoint) -> str:
        """The messages of what is underlined at `point` (in the viewport), or ""."""
        cursor = self.editor.cursorForPosition(point)
        position = cursor.position()
        # The cursor is the gap nearest to the point: left of it is the character before.
        if point.x() < self.editor.cursorRect(cursor).x():
            position -= 1
        found = self.findings_at(position)
        if not found:
            return ""
        lines = []
        for finding in found:
            lines.append(finding_message(finding))
            if self.policy is not None:
                lines += list(self.policy.tips_for(finding))
        return "\n".join(dict.fromkeys(lines))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.editor.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().eventFilter(watched, event)

    # Deciding -----------------------------------------------------------------------------

    def confirmed(self, text: str) -> bool:
        """The person chose to go past this text's warnings here (asked once)."""
        return self._confirmed == text and bool(self.findings)

    def refusal(self, again: str) -> str | None:
        """Why the current text may not go now, or None when it may. A `block` finding always refuses;
        a `warn` finding refuses once, saying `again` (how to go ahead anyway)."""
        text = self.editor.toPlainText()
        findings = self.check_now()
        blocking = [f for f in findings if f.blocks]
        if blocking:
            line = self.tr("Not sent: {message} Change the words highlighted in red first.")
            return line.format(message=_sentence(finding_message(blocking[0])))
        if findings and self._confirmed != text:
            self._confirmed = text
            return f"{_sentence(finding_message(findings[0]))} {again}"
        return None


def _sentence(message: str) -> str:
    return message if message.endswith((".", "!", "?")) else message + "."
