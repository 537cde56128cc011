"""Quick post's spell check: misspelt words get Qt's spell-check underline, and the editor's context
menu offers suggestions, "Add to my words" and the draft's spelling language on top of Qt's own menu.

The dictionaries load once, off the GUI thread; checking a block of text is cheap and runs while
highlighting. A QSyntaxHighlighter is used because the policy check owns the editor's extra selections.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from somedesk.core.drafts import Draft
from somedesk.core.errors import NotFoundError
from somedesk.gui.background import Background
from somedesk.gui.compose.counters import WARNING_RED
from somedesk.gui.compose.drafts import DraftKeeper
from somedesk.gui.compose.policy import utf16_offsets
from somedesk.gui.context import GuiContext
from somedesk.sources.dictionaries import Availability, Language, Speller, ui_fallback

DETECT_MS = 400  # the language is guessed again this long after typing pauses


@dataclass(frozen=True, slots=True)
class Underline:
    """A misspelt word in the document, in Qt's positions (UTF-16 units)."""

    start: int
    end: int
    word: str


class MisspellingHighlighter(QSyntaxHighlighter):
    """Underlines, block by block, the words `language` does not know (nothing while it is None)."""

    def __init__(self, document: QTextDocument, speller: Speller) -> None:
        super().__init__(document)
        self.speller = speller
        self.language: str | None = None
        self.underline = QTextCharFormat()
        self.underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.underline.setUnderlineColor(WARNING_RED)

    def misspelt(self, text: str) -> list[Underline]:
        """The misspelt words of one block's `text`, at their positions within the block."""
        if self.language is None:
            return []
        offsets = utf16_offsets(text)
        return [
            Underline(offsets[m.start], offsets[m.end], m.word)
            for m in self.speller.check(text, self.language)
        ]

    def highlightBlock(self, text: str) -> None:
        for found in self.misspelt(text):
            self.setFormat(found.start, found.end - found.start, self.underline)


class SpellCheck(QObject):
    """Spell check for the Quick post editor, in the draft's language (chosen, else guessed).

    Signals:
        ready: the dictionaries are loaded (or known to be missing) and the underlines are current.
        failed(str): something the person asked for could not be done; the message says why.
    """

    ready = Signal()
    failed = Signal(str)

    def __init__(
        self, editor: QPlainTextEdit, worker: Background, ctx: GuiContext, draft: DraftKeeper
    ) -> None:
        super().__init__(editor)
        self.editor = editor
        self.worker = worker
        self.ctx = ctx
        self.draft = draft
        self.speller = Speller(ctx.app.paths.data_dir)
        self.availability: Availability | None = None  # None: not loaded yet
        self.chosen: str | None = None  # the draft's language; None: guessed from the text
        self.loading = False
        self._draft_id: int | None = None  # the draft `chosen` belongs to
        self.highlighter = MisspellingHighlighter(editor.document(), self.speller)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DETECT_MS)
        self._timer.timeout.connect(self.update_language)
        editor.textChanged.connect(self._text_changed)
        editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        editor.customContextMenuRequested.connect(self._show_menu)

    @property
    def enabled(self) -> bool:
        return self.ctx.app.config.spelling.enabled

    @property
    def language(self) -> str | None:
        """The language the underlines are in (None: spell check is off or not ready)."""
        return self.highlighter.language

    @property
    def settled(self) -> bool:
        """The underlines show the current text in its language (tests wait for this)."""
        return not self.loading and not self._timer.isActive()

    def start(self) -> None:
        """On showing the window: load the dictionaries once (off the GUI thread), follow the config."""
        if not self.enabled:
            self._set_language(None)
        elif self.availability is not None:
            self.update_language(rehighlight=True)  # my words may have changed in Settings
        elif not self.loading:
            self.loading = True
            self.worker.run(self.speller.load, self._loaded, self._not_loaded, name="somedesk-spelling")

    def _loaded(self, availability: Availability) -> None:
        self.loading = False
        self.availability = availability
        self.update_language()

    def _not_loaded(self, _message: str) -> None:
        self.loading = False
        self.availability = Availability(())
        self.ready.emit()

    def _text_changed(self) -> None:
        self._follow_draft()
        self._timer.start()

    def update_language(self, rehighlight: bool = False) -> None:
        """Underline in the chosen language, else in the one the text seems to be written in."""
        self._timer.stop()
        self._follow_draft()
        available = self.availability.tags() if self.availability else []
        if not self.enabled or not available:
            language = None
        elif self.chosen in available:
            language = self.chosen
        else:
            fallback = ui_fallback(self.ctx.app.config.ui.language, available)
            language = self.speller.detect(self.editor.toPlainText(), fallback)
        if language != self.highlighter.language or rehighlight:
            self._set_language(language)
        self.ready.emit()

    def _set_language(self, language: str | None) -> None:
        self.highlighter.language = language
        self.highlighter.rehighlight()

    # The draft's language -------------------------------------------------------------------

    def choose(self, language: str | None) -> None:
        """Keep `language` on the draft (None: guess it); a text not saved yet is saved now to hold it."""
        self.chosen = language
        if self.draft.draft_id is None:
            self.draft.autosave(self.editor.toPlainText())  # nothing happens for an empty text
        self._follow_draft()
        if self.draft.draft_id is not None:
            self._store(self.draft.draft_id)
        self.update_language()

    def draft_saved(self, draft: Draft) -> None:
        """Saving may put the text in a new draft (images, a network dropped): the language goes with it."""
        self._draft_id = draft.id
        if draft.language != self.chosen:
            self._store(draft.id)

    def _follow_draft(self) -> None:
        """Notice when the window's draft changes: a new draft takes the language chosen before it
        existed, another draft brings its own, and a fresh start guesses again."""
        draft_id = self.draft.draft_id
        if draft_id == self._draft_id:
            return
        previous, self._draft_id = self._draft_id, draft_id
        if draft_id is None:
            self.chosen = None
        elif previous is None and self.chosen is not None:
            self._store(draft_id)
        else:
            with suppress(NotFoundError):
                self.chosen = self.ctx.app.store.draft(draft_id).language
            self._timer.start()

    def _store(self, draft_id: int) -> None:
        with suppress(NotFoundError):  # deleted elsewhere meanwhile: autosave gives the text a new home
            self.ctx.app.store.set_draft_language(draft_id, self.chosen)

    # The context menu -----------------------------------------------------------------------

    def misspelling_at(self, position: int) -> Underline | None:
        """The misspelt word at document position `position` (its end counts too), or None."""
        block = self.editor.document().findBlock(position)
        for found in self.highlighter.misspelt(block.text()):
            start, end = block.position() + found.start, block.position() + found.end
            if start <= position <= end:
                return Underline(start, end, found.word)
        return None

    def menu_at(self, point: QPoint) -> QMenu:
        """Qt's own context menu for `point` (in the viewport), with the spelling actions on top."""
        menu = self.editor.createStandardContextMenu(point)
        first = menu.actions()[0] if menu.actions() else menu.addSeparator()  # ours go above it
        if not self.enabled or not self.availability or not self.availability.available:
            return menu
        found = self.misspelling_at(self.editor.cursorForPosition(point).position())
        if found is not None and self.language is not None:
            suggestions = self.speller.suggest(found.word, self.language)
            for suggestion in suggestions:
                action = QAction(suggestion, menu)
                action.triggered.connect(lambda _=False, s=suggestion, f=found: self.replace(f, s))
                menu.insertAction(first, action)
            if not suggestions:
                none = QAction(self.tr("No suggestions"), menu)
                none.setEnabled(False)
                menu.insertAction(first, none)
            add = QAction(self.tr("Add “{word}” to my words").format(word=found.word), menu)
            add.triggered.connect(lambda _=False, w=found.word: self.add_to_my_words(w))
            menu.insertAction(first, add)
        menu.insertMenu(first, self._language_menu(menu, self.availability.languages))
        menu.insertSeparator(first)
        return menu

    def _language_menu(self, parent: QMenu, available: Sequence[Language]) -> QMenu:
        languages = QMenu(self.tr("Spelling language"), parent)
        group = QActionGroup(languages)
        options: list[tuple[str, str | None]] = [(self.tr("Detect automatically"), None)]
        options += [(language.name, language.tag) for language in available]
        for name, tag in options:
            action = languages.addAction(name)
            action.setCheckable(True)
            action.setChecked(tag == self.chosen)
            action.setData(tag)
            group.addAction(action)
            action.triggered.connect(lambda _=False, t=tag: self.choose(t))
        return languages

    def _show_menu(self, point: QPoint) -> None:
        menu = self.menu_at(point)
        menu.exec(self.editor.viewport().mapToGlobal(point))
        menu.deleteLater()

    def replace(self, found: Underline, suggestion: str) -> None:
        """Put `suggestion` in place of the misspelt word: one step for Undo."""
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        cursor.setPosition(found.start)
        cursor.setPosition(found.end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(suggestion)
        cursor.endEditBlock()

    def add_to_my_words(self, word: str) -> None:
        """Remember `word` for good (in every language); its underlines go at once."""
        try:
            self.speller.my_words.add(word)
        except OSError as error:
            self.failed.emit(self.tr("Could not keep the word in my words: {reason}").format(reason=error))
            return
        self.highlighter.rehighlight()
