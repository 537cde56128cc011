"""A small editor for a scheduled post's text, opened from its card (the draft keeps its schedule)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLayout, QPlainTextEdit, QVBoxLayout, QWidget

from somedesk.app.services import Somedesk
from somedesk.core.drafts import Draft
from somedesk.core.errors import UserError
from somedesk.gui.messages import user_message
from somedesk.gui.planner.tones import tone


class EditDraftDialog(QDialog):
    """Saving checks the text as the CLI does; a problem is shown under the text, not in a new window."""

    def __init__(
        self, app: Somedesk, draft: Draft, on_saved: Callable[[], None], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.app = app
        self.draft_id = draft.id
        self.on_saved = on_saved
        self.setWindowTitle(self.tr("Edit post"))
        self.editor = QPlainTextEdit(draft.text)
        self.editor.setAccessibleName(self.tr("Post text"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {tone(self.palette(), '#b3261e', '#f6a59c')};")
        self.problem.setVisible(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # see PlannerWindow
        self.setMinimumSize(320, 200)
        layout.addWidget(self.editor)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(460, 260)

    def save(self) -> None:
        try:
            self.app.edit_draft(self.draft_id, self.editor.toPlainText())
        except UserError as error:
            self.problem.setText(user_message(error))
            self.problem.setVisible(True)
            return
        self.on_saved()
        self.accept()
