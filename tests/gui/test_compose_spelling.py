"""Quick post's spell check, offscreen, with the real dictionaries: underlines, the context menu's
suggestions and "Add to my words", and the draft's spelling language."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QMenu

from somedesk.core.config import SpellingSettings
from somedesk.gui.compose.counters import WARNING_RED
from somedesk.gui.compose.window import QuickPostWindow
from somedesk.gui.context import GuiContext
from somedesk.sources.dictionaries import MY_WORDS_FILE
from tests.gui.test_compose import open_window, settle
from tests.gui.test_compose_policy import point_in


def write(qtbot, window: QuickPostWindow, text: str) -> None:
    window.editor.setPlainText(text)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.spelling.settled, timeout=5000)


def underlined(window: QuickPostWindow) -> list[str]:
    """The words drawn with the red spell-check underline, in order."""
    words = []
    block = window.editor.document().firstBlock()
    while block.isValid():
        for found in block.layout().formats():
            char_format = found.format
            if char_format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                assert char_format.underlineColor() == WARNING_RED
                # Qt's positions count UTF-16 units.
                units = block.text().encode("utf-16-le")[found.start * 2 : (found.start + found.length) * 2]
                words.append(units.decode("utf-16-le"))
        block = block.next()
    return words


def menu_for(window: QuickPostWindow, text: str, word: str) -> QMenu:
    position = text.index(word) + 1
    return window.spelling.menu_at(point_in(window, position))


def action(menu: QMenu, text: str):
    [found] = [a for a in menu.actions() if a.text().replace("&", "") == text]
    return found


@pytest.fixture
def window(ctx: GuiContext, qtbot) -> QuickPostWindow:
    shown = open_window(ctx, qtbot)
    qtbot.waitUntil(lambda: window_ready(shown), timeout=5000)
    return shown


def window_ready(window: QuickPostWindow) -> bool:
    return window.spelling.availability is not None and window.spelling.settled


def test_a_misspelt_word_is_underlined_but_not_a_hashtag_or_a_link(window, qtbot):
    write(qtbot, window, "We recieve feedback every week #feedbackk https://exampel.com/recieve")
    assert window.spelling.language == "en_US"
    assert underlined(window) == ["recieve"]


def test_positions_are_right_after_an_emoji(window, qtbot):
    write(qtbot, window, "🎉 We recieve feedback every week")
    assert underlined(window) == ["recieve"]


def test_a_finnish_text_is_checked_in_finnish(window, qtbot):
    write(qtbot, window, "Kiitos asiakkaille, tämä oli hienoo viikko")
    assert window.spelling.language == "fi"
    assert underlined(window) == ["hienoo"]


def test_the_menu_offers_suggestions_and_replacing_is_one_undo_step(window, qtbot):
    text = "We recieve feedback every week"
    write(qtbot, window, text)
    menu = menu_for(window, text, "recieve")
    labels = [a.text().replace("&", "") for a in menu.actions()]
    assert labels[:2] == ["receive", "relieve"]
    assert "Add “recieve” to my words" in labels
    assert any(label.startswith("Undo") for label in labels)  # Qt's own menu is still there
    action(menu, "receive").trigger()
    settle(qtbot, window)
    assert window.editor.toPlainText() == "We receive feedback every week"
    assert underlined(window) == []
    window.editor.undo()
    assert window.editor.toPlainText() == text


def test_add_to_my_words_clears_the_underline_and_is_remembered(ctx, window, qtbot):
    text = "somedesk helps us every single week"
    write(qtbot, window, text)
    assert underlined(window) == ["somedesk"]
    action(menu_for(window, text, "somedesk"), "Add “somedesk” to my words").trigger()
    assert underlined(window) == []  # at once, without waiting for anything
    assert (ctx.app.paths.data_dir / MY_WORDS_FILE).read_text(encoding="utf-8") == "somedesk\n"


def test_the_language_chosen_is_kept_on_the_draft_and_restored(ctx, window, qtbot):
    text = "Kiitos kaikille, hyvä viikko oli"
    write(qtbot, window, text)
    assert window.spelling.language == "fi"
    languages = action(menu_for(window, text, "Kiitos"), "Spelling language").menu()
    assert [a.text() for a in languages.actions()] == ["Detect automatically", "English (US)", "Suomi"]
    assert languages.actions()[0].isChecked()
    action(languages, "English (US)").trigger()
    qtbot.waitUntil(lambda: window.spelling.settled, timeout=5000)
    assert window.spelling.language == "en_US"
    assert "Kiitos" in underlined(window)
    draft_id = window.draft_id
    assert draft_id is not None and ctx.app.draft(draft_id).language == "en_US"

    window.close()  # the draft is kept with its language, and the next Quick post brings it back
    assert ctx.app.draft(draft_id).language == "en_US"
    again = open_window(ctx, qtbot)
    qtbot.waitUntil(lambda: window_ready(again), timeout=5000)
    assert again.draft_id == draft_id and again.editor.toPlainText() == text
    write(qtbot, again, ctx.app.draft(draft_id).text)
    assert again.spelling.chosen == "en_US" and again.spelling.language == "en_US"
    chosen = [
        a
        for a in action(menu_for(again, text, "Kiitos"), "Spelling language").menu().actions()
        if a.isChecked()
    ]
    assert [a.text() for a in chosen] == ["English (US)"]


def test_a_language_chosen_before_the_first_words_goes_to_the_new_draft(ctx, window, qtbot):
    window.spelling.choose("fi")
    write(qtbot, window, "Thanks to everyone for a great week")
    window.autosave()
    write(qtbot, window, "Thanks to everyone for a great week!")
    assert window.draft_id is not None and ctx.app.draft(window.draft_id).language == "fi"
    assert window.spelling.language == "fi"


def test_switched_off_in_the_config_nothing_is_underlined(ctx, qtbot):
    ctx.app.use_config(replace(ctx.app.config, spelling=SpellingSettings(enabled=False)))
    shown = open_window(ctx, qtbot)
    write(qtbot, shown, "We recieve feedback every week")
    assert underlined(shown) == []
    labels = [a.text() for a in shown.spelling.menu_at(point_in(shown, 4)).actions()]
    assert "Spelling language" not in labels
