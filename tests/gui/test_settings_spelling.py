"""The Settings window's Spelling page: on/off written to config.toml, the dictionaries found, my words,
and — in a real subprocess without libenchant — the sentence saying what to install."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from somedesk.gui.context import GuiContext
from somedesk.gui.settings import SettingsWindow
from somedesk.gui.settings.spelling import SpellingPage
from somedesk.sources.configfile import load_config, starter_config
from somedesk.sources.dictionaries import MY_WORDS_FILE, my_words
from tests.gui.conftest import HELSINKI


@pytest.fixture
def page(ctx: GuiContext, qtbot) -> SpellingPage:
    path = ctx.app.paths.config_file
    path.write_text("# my note\n" + starter_config("Europe/Helsinki"), encoding="utf-8")
    ctx.app.use_config(load_config(path, HELSINKI))
    my_words(ctx.app.paths.data_dir).add("somedesk")
    my_words(ctx.app.paths.data_dir).add("Mikko")
    window = SettingsWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.spelling)
    qtbot.waitUntil(lambda: window.spelling.availability is not None, timeout=5000)
    return window.spelling


def test_the_page_shows_the_dictionaries_and_my_words(page: SpellingPage):
    assert page.title == "Spelling"
    assert page.dictionaries.text() == "Found: English (US), Suomi"
    assert page.enabled.isChecked() and page.enabled.isEnabled()
    assert [page.words.item(i).text() for i in range(page.words.count())] == ["Mikko", "somedesk"]
    assert not page.remove_button.isEnabled()  # nothing chosen yet
    assert (
        page.enabled.accessibleName() and page.words.accessibleName() and page.remove_button.accessibleName()
    )


def test_switching_it_off_writes_the_config_and_keeps_the_comments(ctx: GuiContext, page: SpellingPage):
    page.enabled.setChecked(False)
    assert page.apply()
    text = ctx.app.paths.config_file.read_text(encoding="utf-8")
    assert text.startswith("# my note\n") and "[spelling]\nenabled = false" in text
    assert ctx.app.config.spelling.enabled is False
    assert load_config(ctx.app.paths.config_file, HELSINKI).spelling.enabled is False


def test_removing_a_word_takes_it_out_of_the_file(ctx: GuiContext, page: SpellingPage):
    page.words.item(1).setSelected(True)
    assert page.remove_button.isEnabled()
    page.remove_button.click()
    assert [page.words.item(i).text() for i in range(page.words.count())] == ["Mikko"]
    assert (ctx.app.paths.data_dir / MY_WORDS_FILE).read_text(encoding="utf-8") == "Mikko\n"
    assert page.message.text() == "Removed “somedesk” from my words."


def test_without_enchant_the_page_says_what_to_install_and_is_disabled(tmp_path: Path):
    script = textwrap.dedent(
        f"""
        import json
        from pathlib import Path
        from zoneinfo import ZoneInfo
        from PySide6.QtWidgets import QApplication
        from somedesk.core.config import Config
        from somedesk.core.routine import Routine
        from somedesk.gui.context import Bridge, GuiContext
        from somedesk.gui.settings.spelling import SpellingPage
        from somedesk.sources.paths import resolve_paths
        from somedesk.app.services import Somedesk
        from somedesk.store import Store

        qt = QApplication([])
        paths = resolve_paths(env={{"SOMEDESK_HOME": {str(tmp_path)!r}}})
        paths.ensure()
        config = Config(routine=Routine(zone=ZoneInfo("Europe/Helsinki")))
        app = Somedesk(paths, config, Store.open(paths.database))
        page = SpellingPage(GuiContext(app, Bridge()))
        while page.availability is None:
            qt.processEvents()
        print(json.dumps({{
            "text": page.dictionaries.text(),
            "enabled": [page.enabled.isEnabled(), page.words.isEnabled(), page.remove_button.isEnabled()],
        }}))
        app.store.close()
        """
    )
    env = {**os.environ, "PYENCHANT_LIBRARY_PATH": "/nonexistent", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    shown = json.loads(done.stdout)
    assert shown["text"].startswith("Spell check is unavailable: the Enchant library is missing.")
    assert "hunspell-en-us" in shown["text"] and "voikko-fi libenchant-2-voikko" in shown["text"]
    assert shown["enabled"] == [False, False, False]
