"""The Quick post window, offscreen: counters, autosave, the three actions, images and networks."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPalette

from somedesk.core.accounts import Account, AccountState
from somedesk.core.changes import Change
from somedesk.core.drafts import PublicationState
from somedesk.core.model import Moment, MomentKind, Network
from somedesk.core.posts import parts_for
from somedesk.core.routine import Routine
from somedesk.gui.compose.counters import WARNING_RED
from somedesk.gui.compose.window import QuickPostWindow
from somedesk.gui.context import GuiContext
from somedesk.store.publishing import PublishingRecords
from tests.gui.conftest import HELSINKI

# The offscreen platform cannot pass size hints on or raise a window; harmless, and only there.

MONDAY_9 = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)  # the fixtures' clock: 09:00 in Helsinki
WORDS = "Small steps every day add up to something you can be proud of. "


def connect(ctx: GuiContext, *networks: Network) -> None:
    records = PublishingRecords(ctx.app.store)
    for network in networks:
        account = Account(network, "@me", "id-1", None, AccountState.CONNECTED, MONDAY_9)
        records.save_account(account, MONDAY_9)


def settle(qtbot, window: QuickPostWindow) -> None:
    """Wait until the counters are current and nothing runs in the background."""
    qtbot.waitUntil(
        lambda: (
            window.counters.settled
            and window.policy.settled
            and window.worker.running == 0
            and not window.moments.loading
        ),
        timeout=5000,
    )


def open_window(ctx: GuiContext, qtbot) -> QuickPostWindow:
    window = QuickPostWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    return window


def write(qtbot, window: QuickPostWindow, text: str) -> None:
    window.editor.setPlainText(text)
    settle(qtbot, window)


def red(label) -> bool:
    return label.palette().color(QPalette.ColorRole.WindowText) == WARNING_RED


@pytest.fixture
def window(ctx: GuiContext, qtbot) -> QuickPostWindow:
    # qtbot closes it after the test, while the store is still open.
    return open_window(ctx, qtbot)


# Counters ---------------------------------------------------------------------------------------


def test_typing_updates_the_counters(ctx, qtbot):
    connect(ctx, Network.LINKEDIN, Network.X)
    window = open_window(ctx, qtbot)
    assert window.toggles.chosen() == [Network.LINKEDIN, Network.X]  # connected ones, not the sandbox
    assert window.counters.labels[Network.LINKEDIN].text() == "LinkedIn 0 / 3,000"
    qtbot.keyClicks(window.editor, "Hello there")
    qtbot.waitUntil(lambda: window.counters.labels[Network.X].text() == "X 11 / 280")
    assert window.counters.labels[Network.LINKEDIN].text() == "LinkedIn 11 / 3,000"
    assert not window.counters.labels[Network.SANDBOX].isVisible()
    assert not window.counters.thread_button.isVisible()
    settle(qtbot, window)
    window.close()


def test_x_over_280_shows_the_thread_preview(ctx, qtbot):
    connect(ctx, Network.X)
    window = open_window(ctx, qtbot)
    text = WORDS * 10
    expected = parts_for(text, Network.X)
    assert len(expected) == 3
    write(qtbot, window, text)
    label = window.counters.labels[Network.X]
    assert label.text() == f"X {len(text.strip())} / 280 → thread of 3"  # as sent: stripped
    assert not red(label)  # a thread is fine, not an error
    window.counters.thread_button.click()
    assert window.counters.preview.isVisible()
    items = [window.counters.preview.item(i).text() for i in range(window.counters.preview.count())]
    assert items == [f"{i}/3: {part}" for i, part in enumerate(expected, 1)]
    settle(qtbot, window)
    window.close()


def test_linkedin_over_3000_goes_red_and_post_now_refuses_in_place(ctx, qtbot):
    connect(ctx, Network.LINKEDIN)
    window = open_window(ctx, qtbot)
    write(qtbot, window, "a" * 3001)
    label = window.counters.labels[Network.LINKEDIN]
    assert label.text() == "LinkedIn 3,001 / 3,000 · 1 too many"
    assert red(label)
    window.post_button.click()
    assert window.error.isVisible()
    assert window.error.text() == "Too long for LinkedIn: 3,001 of 3,000 characters. Shorten it."
    assert ctx.published == []
    assert window.isVisible()
    write(qtbot, window, "a" * 3000)
    assert not red(label)
    assert not window.error.isVisible()  # editing clears it
    window.close()


# Post now ---------------------------------------------------------------------------------------


def test_post_now_publishes_the_sandbox_publication(ctx, window, qtbot):
    assert window.toggles.chosen() == [Network.SANDBOX]
    write(qtbot, window, "Hello from the sandbox")
    window.post_button.click()
    [draft] = ctx.app.drafts()
    assert draft.text == "Hello from the sandbox"
    [publication] = draft.publications
    assert publication.network is Network.SANDBOX
    assert ctx.published == [publication.id]
    assert window.status.text() == "Posting to Sandbox…"
    assert window.editor.toPlainText() == ""  # cleared for the next one
    assert window.draft_id is None


def test_post_now_refuses_an_empty_post_in_place(ctx, window, qtbot):
    write(qtbot, window, "  \n ")
    window.post_button.click()
    assert window.error.text() == "The post is empty: write something first."
    assert ctx.published == []
    assert ctx.app.drafts() == []


def test_post_now_really_lands_in_the_sandbox_outbox(make_app, qapp, qtbot):
    from somedesk.gui.app import DesktopApp

    desktop = DesktopApp(qapp, make_app())
    desktop.open_window("quick-post")
    window = desktop.windows["quick-post"]
    assert isinstance(window, QuickPostWindow)
    qtbot.addWidget(window)
    write(qtbot, window, "Straight to the outbox")
    window.post_button.click()
    [draft] = desktop.app.drafts()

    def published() -> bool:
        return desktop.app.store.publication(draft.publications[0].id).state is PublicationState.PUBLISHED

    qtbot.waitUntil(published, timeout=5000)
    qtbot.waitUntil(lambda: window.status.text() == "Posted to Sandbox.")
    outbox = desktop.app.paths.data_dir / "outbox.jsonl"
    [post] = [json.loads(line) for line in outbox.read_text(encoding="utf-8").splitlines()]
    assert post["text"] == "Straight to the outbox"
    settle(qtbot, window)
    window.close()


# Drafts: autosave and closing -------------------------------------------------------------------


def test_autosave_keeps_the_text_while_typing(ctx, window, qtbot):
    assert window.autosave_timer.interval() <= 1000  # a crash loses at most about a second
    window.autosave_timer.setInterval(50)  # the same mechanism, without the wait
    qtbot.keyClicks(window.editor, "Half a thought")
    qtbot.waitUntil(lambda: [d.text for d in ctx.app.drafts()] == ["Half a thought"], timeout=3000)
    draft_id = window.draft_id
    qtbot.keyClicks(window.editor, ", finished")
    qtbot.waitUntil(lambda: [d.text for d in ctx.app.drafts()] == ["Half a thought, finished"], timeout=3000)
    assert window.draft_id == draft_id  # one window, one draft
    assert window.isVisible()


def test_closing_with_text_keeps_a_draft_with_exactly_that_text(ctx, window, qtbot):
    text = "Two lines ✨\n  and trailing space "
    write(qtbot, window, text)
    window.close()
    [draft] = ctx.app.drafts()
    assert draft.text == text
    assert draft.networks == (Network.SANDBOX,)
    window.show()  # reopening brings back what was closed unsent ("Esc closes; your text is kept")
    assert window.editor.toPlainText() == text
    assert window.draft_id == draft.id


def test_closing_empty_leaves_no_draft(ctx, window, qtbot):
    qtbot.keyClicks(window.editor, "Never mind")
    window.autosave()
    assert len(ctx.app.drafts()) == 1
    window.editor.clear()
    window.close()
    assert ctx.app.drafts() == []


def test_escape_closes_and_keeps_the_text(ctx, window, qtbot):
    write(qtbot, window, "Kept by Esc")
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert not window.isVisible()
    assert [d.text for d in ctx.app.drafts()] == ["Kept by Esc"]


def test_save_draft_keeps_it_and_closes(ctx, window, qtbot):
    write(qtbot, window, "For later")
    window.save_button.click()
    assert not window.isVisible()
    [draft] = ctx.app.drafts()
    assert draft.text == "For later"
    assert [p.state for p in draft.publications] == [PublicationState.DRAFT]


# Next moment ------------------------------------------------------------------------------------


def test_next_moment_schedules_at_the_first_moment(ctx, window, qtbot):
    write(qtbot, window, "Lunchtime thought")
    assert window.moments.button.isDefault()
    assert (
        window.hint.text() == "Ctrl+Enter schedules it for Lunch · Mon 11:30. Esc closes; your text is kept."
    )
    with qtbot.waitSignal(ctx.bridge.changed):
        window.moments.button.click()
    qtbot.waitUntil(lambda: not window.isVisible())
    [draft] = ctx.app.drafts()
    [publication] = draft.publications
    assert publication.state is PublicationState.SCHEDULED
    assert publication.scheduled_at == datetime(2026, 12, 7, 11, 30, tzinfo=HELSINKI)
    assert publication.moment_label == "Lunch"


def test_the_drop_down_lists_the_next_three_moments(ctx, window, qtbot):
    texts = [action.text() for action in window.moments.menu.actions()]
    assert texts == ["Lunch · Mon 11:30", "Evening commute · Mon 16:45", "Morning commute · Tue 07:45"]
    write(qtbot, window, "After work")
    window.moments.menu.actions()[1].trigger()
    qtbot.waitUntil(lambda: not window.isVisible())
    [publication] = ctx.app.drafts()[0].publications
    assert publication.scheduled_at == datetime(2026, 12, 7, 16, 45, tzinfo=HELSINKI)


def test_ctrl_enter_runs_the_default_action(ctx, window, qtbot):
    write(qtbot, window, "Sent with the keyboard")
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
    [draft] = ctx.app.drafts()
    assert draft.text == "Sent with the keyboard"  # no newline typed into it
    assert draft.publications[0].state is PublicationState.SCHEDULED


def test_ctrl_enter_before_the_moments_are_known_waits_for_them(ctx, qtbot):
    window = QuickPostWindow(ctx)
    qtbot.addWidget(window)
    window.editor.setPlainText("Quick, before lunch")
    window.show()  # starts finding the moments
    assert window.moments.loading
    window.run_default()
    qtbot.waitUntil(lambda: not window.isVisible())
    [publication] = ctx.app.drafts()[0].publications
    assert publication.scheduled_at == datetime(2026, 12, 7, 11, 30, tzinfo=HELSINKI)


def test_without_a_moment_ctrl_enter_saves_a_draft(make_app, qtbot):
    from somedesk.gui.context import Bridge

    ctx = GuiContext(make_app(routine=Routine(zone=HELSINKI, workdays=frozenset())), Bridge())
    window = open_window(ctx, qtbot)
    assert window.save_button.isDefault() and not window.moments.button.isEnabled()
    assert window.hint.text() == "Ctrl+Enter saves it as a draft. Esc closes; your text is kept."
    write(qtbot, window, "No moment this fortnight")
    window.run_default()
    assert not window.isVisible()
    assert [p.state for p in ctx.app.drafts()[0].publications] == [PublicationState.DRAFT]


def test_typing_drops_a_moment_that_has_passed_from_the_hint(make_app, qtbot):
    from somedesk.gui.context import Bridge

    now = [MONDAY_9]
    ctx = GuiContext(make_app(clock=lambda: now[0]), Bridge())
    window = open_window(ctx, qtbot)
    assert window.hint.text().startswith("Ctrl+Enter schedules it for Lunch · Mon 11:30.")
    now[0] = datetime(2026, 12, 7, 12, 0, tzinfo=HELSINKI)  # the window was left open over lunch
    write(qtbot, window, "Back at the desk")  # each pause in typing brings the hint up to date
    assert window.hint.text() == (
        "Ctrl+Enter schedules it for Evening commute · Mon 16:45. Esc closes; your text is kept."
    )
    window.close()


def test_a_quiet_hours_refusal_is_shown_in_place(ctx, window, qtbot):
    write(qtbot, window, "Late idea")
    evening = datetime(2026, 12, 7, 20, 0, tzinfo=HELSINKI)
    window.schedule_at(Moment(evening, evening + timedelta(minutes=30), MomentKind.LUNCH, "Late", 0.5))
    settle(qtbot, window)
    assert "is in your quiet hours" in window.error.text()
    assert window.isVisible() and window.post_button.isEnabled()
    assert ctx.app.drafts()[0].publications[0].state is PublicationState.DRAFT


# Images -----------------------------------------------------------------------------------------


def test_an_invalid_image_shows_its_one_line_message_in_place(window, tmp_path: Path):
    fake = tmp_path / "holiday.png"
    fake.write_text("not really a picture")
    assert not window.attach_images([fake])
    expected = "holiday.png: Sandbox does not take this kind of image (GIF, JPEG, PNG, WEBP only)."
    assert window.error.text() == expected
    assert "\n" not in window.error.text()
    assert window.images.paths() == []


def test_an_image_is_shown_removable_and_kept_with_the_draft(ctx, window, qtbot, tmp_path: Path):
    picture = tmp_path / "chart.png"
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    assert image.save(str(picture))
    assert window.attach_images([picture, picture])
    assert [name for name, _ in window.images.images()] == ["chart.png", "chart.png"]
    window.images.remove(0)
    assert len(window.images.paths()) == 1
    write(qtbot, window, "A chart")
    window.save_button.click()
    [draft] = ctx.app.drafts()
    assert draft.text == "A chart"
    assert len(draft.images) == 1 and draft.images[0].read_bytes() == picture.read_bytes()


# Networks ---------------------------------------------------------------------------------------


def test_disconnected_networks_are_disabled_and_say_where_to_connect(window):
    x, linkedin, sandbox = (window.toggles.boxes[n] for n in (Network.X, Network.LINKEDIN, Network.SANDBOX))
    assert not x.isEnabled() and not linkedin.isEnabled()
    assert x.toolTip() == "Connect X in Settings."
    assert linkedin.toolTip() == "Connect LinkedIn in Settings."
    assert sandbox.isEnabled() and sandbox.isChecked()


def test_the_last_choice_of_networks_is_remembered(ctx, qtbot):
    connect(ctx, Network.X)
    first = open_window(ctx, qtbot)
    assert first.toggles.chosen() == [Network.X]
    first.toggles.boxes[Network.SANDBOX].click()
    first.toggles.boxes[Network.X].click()
    assert first.toggles.chosen() == [Network.SANDBOX]
    settle(qtbot, first)
    first.close()
    second = open_window(ctx, qtbot)
    assert second.toggles.chosen() == [Network.SANDBOX]
    second.close()


def test_screenshot(ctx, qtbot, tmp_path: Path):
    connect(ctx, Network.LINKEDIN, Network.X)
    window = open_window(ctx, qtbot)
    window.toggles.boxes[Network.SANDBOX].click()
    write(qtbot, window, WORDS * 5)
    window.counters.thread_button.click()
    picture = tmp_path / "chart.png"
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    image.save(str(picture))
    window.attach_images([picture])
    qtbot.wait(50)
    assert window.grab().save(str(tmp_path / "quick-post.png"))
    window.images.remove(0)
    write(qtbot, window, "x" * 3005)
    window.post_button.click()
    assert window.grab().save(str(tmp_path / "quick-post-refused.png"))
    settle(qtbot, window)
    window.close()


def test_post_now_says_in_place_how_it_ended(ctx, window, qtbot):
    write(qtbot, window, "Try this")
    window.post_button.click()
    [publication_id] = ctx.published
    records = PublishingRecords(ctx.app.store)
    begun = records.begin(publication_id, MONDAY_9, 1, lambda _pid: True)
    ctx.notify_changed()  # under way: still posting
    assert window.status.text() == "Posting to Sandbox…"
    records.finish(
        publication_id, begun.attempt_id, PublicationState.FAILED, MONDAY_9, outcome="x", reason="Disk full."
    )
    ctx.notify_changed()
    assert window.error.text() == "Not posted to Sandbox: Disk full."
    assert window.status.text() == ""


def test_post_now_shows_a_refusal_that_only_came_as_an_activity_line(ctx, window, qtbot):
    write(qtbot, window, "Again")
    window.post_button.click()
    ctx.bridge.activity.emit("No usable keyring to keep your sign-in safe.")
    ctx.bridge.changed.emit(Change.PUBLICATIONS)  # as the runtime says after a publish
    assert window.error.text() == "No usable keyring to keep your sign-in safe."


@pytest.mark.parametrize(
    ("text", "network"),
    [
        ("あ" * 160, Network.X),  # over one post: a thread
        ("a" * 3001, Network.LINKEDIN),
        ("a" * 2990 + "\n---\n" + "b" * 5, Network.LINKEDIN),  # parts become paragraphs
        ("Hello\ufeff", Network.X),  # a character X refuses
        ("Plain", Network.LINKEDIN),
    ],
)
def test_check_and_quick_post_agree_on_too_long(window, text: str, network: Network):
    from somedesk.core.posts import measure_sent

    quick_post_refuses = window.draft.problem(text, [network]) is not None
    assert quick_post_refuses == (not measure_sent(text, network).sendable)


def test_a_thread_partly_on_x_keeps_its_posted_words_and_the_window_says_why(ctx, qtbot):
    """Issue 12 #1 in Quick post: autosave must not raise, and saving says which part is out."""
    connect(ctx, Network.X)
    window = open_window(ctx, qtbot)
    write(qtbot, window, "One.\n---\nTwo.")
    window.autosave()
    draft_id = window.draft_id
    assert draft_id is not None
    [publication] = ctx.app.add_networks(draft_id, [Network.X]).publications
    records = PublishingRecords(ctx.app.store)
    begun = records.begin(publication.id, MONDAY_9, 1, lambda _pid: False)
    records.record_part(
        publication.id, 0, "1346889436626259968", "https://x.com/me/status/1", MONDAY_9, "One."
    )
    records.finish(
        publication.id, begun.attempt_id, PublicationState.FAILED, MONDAY_9, outcome="t", reason="503"
    )
    write(qtbot, window, "Uno.\n---\nTwo.")
    window.autosave()  # before: the refusal escaped from the timer's slot
    assert ctx.app.draft(draft_id).text == "One.\n---\nTwo."
    window.save_draft()
    assert window.error.text() == (
        "Part 1 of this thread is already on X (https://x.com/me/status/1), so its words can no longer "
        "change. Post the rest as written, or start a new post with the new words."
    )
    assert window.editor.toPlainText() == "Uno.\n---\nTwo."  # nothing typed is lost
    window.close()  # nor on closing: the new words become a draft of their own
    assert sorted(d.text for d in ctx.app.drafts()) == ["One.\n---\nTwo.", "Uno.\n---\nTwo."]
