"""The phone use cases against the fake ntfy server: setup, sync (schedule, replace, cancel, the 3-day
reach), the server down and back, auth failures, the inbox once-only, the take-over, and off."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from somedesk.app.phone import Phone, SyncResult
from somedesk.app.phonesync import PhoneSyncer
from somedesk.app.services import Somedesk
from somedesk.core.config import Config, PublishingSettings
from somedesk.core.drafts import PublicationState
from somedesk.core.errors import InvalidInputError
from somedesk.core.model import MomentKind, Network
from somedesk.core.phone_settings import PhoneSettings
from somedesk.core.routine import Routine
from somedesk.networks.credentials import SecretName
from somedesk.sources.paths import resolve_paths
from somedesk.store import Store
from somedesk.store.phone import SENT_TO_PHONE
from tests.fakes.ntfy import FakeNtfy
from tests.fakes.server import FakeClock
from tests.keyrings import MemoryKeyring

TOPIC = "sd_test_Zq81mXa"


@pytest.fixture
def fake() -> Iterator[FakeNtfy]:
    with FakeNtfy(FakeClock(float(int(time.time())))) as server:  # whole seconds, as the store keeps
        yield server


def make_app(home: Path, fake: FakeNtfy) -> Somedesk:
    paths = resolve_paths(env={"SOMEDESK_HOME": str(home)})
    paths.ensure()
    routine = Routine(zone=ZoneInfo("UTC"), workdays=frozenset(range(7)), quiet_hours=None)
    config = Config(
        routine=routine,
        publishing=PublishingSettings(reply_reminders=()),
        phone=PhoneSettings(server=fake.base_url),
    )
    return Somedesk(
        paths, config, Store.open(paths.database), clock=lambda: datetime.fromtimestamp(fake.clock.now(), UTC)
    )


@pytest.fixture
def app(tmp_path: Path, fake: FakeNtfy, memory_keyring: MemoryKeyring) -> Iterator[Somedesk]:
    made = make_app(tmp_path / "home", fake)
    yield made
    made.store.close()


@pytest.fixture
def phone(app: Somedesk) -> Phone:
    app.phone.setup(TOPIC, None)
    return app.phone


def schedule(
    app: Somedesk,
    text: str,
    hours: float,
    kind: MomentKind,
    label: str,
    mode: str,
    network: Network = Network.X,
) -> int:
    draft = app.add_draft(text, [network])
    publication_id = draft.publications[0].id
    now = app.clock()
    app.store.schedule(publication_id, now + timedelta(hours=hours), kind, label, now, mode)
    return publication_id


def test_setup_keeps_topic_and_token_in_the_keyring_only(
    app: Somedesk, memory_keyring: MemoryKeyring
) -> None:
    topic = app.phone.setup(None, "tk_abcdefghijklmnop")
    assert topic.startswith("somedesk_") and len(topic) > 20  # made up: hard to guess
    assert app.phone.secrets.get_app(SecretName.PHONE_TOPIC) == topic
    assert app.phone.secrets.get_app(SecretName.PHONE_TOKEN) == "tk_abcdefghijklmnop"
    database = app.paths.database.read_bytes()
    assert topic.encode() not in database and b"tk_abcdefghijklmnop" not in database
    with pytest.raises(InvalidInputError, match="1–58 letters"):
        app.phone.setup("x" * 59, None)
    with pytest.raises(InvalidInputError):
        app.phone.setup("bad topic!", None)


def test_setup_writes_the_server_into_the_config_keeping_comments(app: Somedesk, fake: FakeNtfy) -> None:
    app.paths.config_file.write_text('# my settings\n[routine]\ntimezone = "UTC"  # home\n', encoding="utf-8")
    app.phone.setup(TOPIC, None, server="https://ntfy.example.org/")
    text = app.paths.config_file.read_text(encoding="utf-8")
    assert "# my settings" in text and "# home" in text
    assert '[phone]\nserver = "https://ntfy.example.org"' in text
    assert TOPIC not in text
    assert app.config.phone.server == "https://ntfy.example.org"
    with pytest.raises(InvalidInputError, match="the server address: expected"):
        app.phone.setup(TOPIC, None, server="ftp://nope")


def test_sync_holds_a_commute_reminder_at_the_moment_and_a_lunch_takeover_after_it(
    phone: Phone, app: Somedesk, fake: FakeNtfy
) -> None:
    commute = schedule(app, "Thought on the tram", 2, MomentKind.COMMUTE, "Morning commute", "remind")
    lunch = schedule(app, "Lunch post", 6, MomentKind.LUNCH, "Lunch", "auto")
    result = phone.sync()
    assert (result.ok, result.sent, result.cancelled) == (True, 2, 0)
    now = fake.clock.now()
    pending = fake.pending(TOPIC)
    assert [(h.sequence_id, round(h.time - now)) for h in pending] == [
        (phone.records.held()[0].sequence_id, 2 * 3600),
        (phone.records.held()[1].sequence_id, 6 * 3600 + 300),
    ]
    assert pending[0].message == "Thought on the tram" and pending[0].title.startswith("Morning commute")
    assert pending[0].actions[0]["url"].startswith("https://x.com/intent/post?text=Thought%20on%20the%20tram")
    assert [h.publication_id for h in phone.records.held()] == [commute, lunch]
    assert phone.sync(inbox=False) == SyncResult()  # nothing changed: nothing sent
    assert fake.count("publish") == 2


def test_every_schedule_change_replaces_or_cancels_never_two_live_messages(
    phone: Phone, app: Somedesk, fake: FakeNtfy
) -> None:
    pid = schedule(app, "Move me", 3, MomentKind.LUNCH, "Lunch", "auto")
    other = schedule(app, "Unschedule me", 4, MomentKind.LUNCH, "Lunch", "auto")
    phone.sync()
    draft_id = app.store.publication(pid).draft_id
    app.store.schedule(pid, app.clock() + timedelta(hours=5), MomentKind.LUNCH, "Lunch", app.clock())
    app.edit_draft(draft_id, "Moved and edited")
    app.unschedule(app.store.publication(other).draft_id)
    result = phone.sync()
    assert (result.sent, result.cancelled) == (1, 1)
    [held] = fake.pending(TOPIC)
    assert held.message == "Moved and edited"
    assert round(held.time - fake.clock.now()) == 5 * 3600 + 300
    fake.clock.advance(6 * 3600)
    assert [h.message for h in fake.delivered(TOPIC)] == ["Moved and edited"]  # the first never went out


def test_a_published_post_has_no_message_left(phone: Phone, app: Somedesk, fake: FakeNtfy) -> None:
    pid = schedule(app, "Publish me", 1, MomentKind.LUNCH, "Lunch", "auto", Network.SANDBOX)
    phone.sync()
    app.publisher.publish(pid)  # "publish now" from any face
    assert app.store.publication(pid).state is PublicationState.PUBLISHED
    assert phone.sync().cancelled == 1
    assert fake.pending(TOPIC) == [] and phone.records.held() == []


def test_posts_beyond_three_days_reach_the_server_when_they_come_within_range(
    phone: Phone, app: Somedesk, fake: FakeNtfy
) -> None:
    schedule(app, "Far ahead", 80, MomentKind.LUNCH, "Lunch", "auto")
    assert phone.sync().sent == 0
    fake.clock.advance(10 * 3600)
    assert phone.sync().sent == 1
    assert len(fake.pending(TOPIC)) == 1


def test_the_server_down_never_loses_a_change_and_status_says_what_is_behind(
    phone: Phone, app: Somedesk, fake: FakeNtfy
) -> None:
    fake.close()
    pid = schedule(app, "While down", 2, MomentKind.LUNCH, "Lunch", "auto")
    result = phone.sync()
    assert not result.ok and result.retry and "did not answer" in (result.error or "")
    status = phone.status()
    assert (status.behind, status.holding) == (1, 0)
    assert status.last_error == result.error and TOPIC not in (status.last_error or "")
    assert app.store.publication(pid).state is PublicationState.SCHEDULED  # the change itself stands
    fake.start()
    assert phone.sync().ok
    status = phone.status()
    assert (status.behind, status.holding, status.last_error) == (0, 1, None)


def test_auth_failures_are_recorded_and_not_worth_retrying(
    phone: Phone, app: Somedesk, fake: FakeNtfy
) -> None:
    fake.anonymous = False
    schedule(app, "Needs a token", 2, MomentKind.LUNCH, "Lunch", "auto")
    result = phone.sync()
    assert not result.ok and not result.retry and "403" not in (result.error or "x")
    token = fake.add_token(TOPIC, TOPIC + "-inbox")
    app.phone.setup(TOPIC, token)
    assert phone.sync().ok
    assert fake.seen("publish")[-1].headers["authorization"] == f"Bearer {token}"


def test_the_inbox_becomes_drafts_once_in_order(phone: Phone, app: Somedesk, fake: FakeNtfy) -> None:
    inbox = TOPIC + "-inbox"
    fake.post_from_phone(inbox, "First idea")
    fake.clock.advance(1)
    fake.post_from_phone(inbox, "   ")  # an empty message makes no draft
    fake.clock.advance(1)
    fake.post_from_phone(inbox, "Second idea", title="Tram")
    drafts = phone.sync().drafts
    assert [d.text for d in drafts] == ["First idea", "Tram\nSecond idea"]
    assert all(d.networks == () for d in drafts)  # no network yet
    assert phone.sync().drafts == []
    app.store.set_setting("phone.inbox_since", None)  # even from the start again: never twice
    assert phone.sync().drafts == []
    fake.post_from_phone(inbox, "Third")
    assert [d.text for d in phone.sync().drafts] == ["Third"]
    assert [d.text for d in app.drafts()] == ["First idea", "Tram\nSecond idea", "Third"]


def test_the_phone_takes_over_when_the_desktop_was_away(phone: Phone, app: Somedesk, fake: FakeNtfy) -> None:
    pid = schedule(app, "Lunch post", 1, MomentKind.LUNCH, "Lunch", "auto")
    phone.sync()
    fake.clock.advance(3600 + 4 * 60)  # four minutes after the moment: the desktop still has time
    assert phone.take_over(app.clock()) == []
    fake.clock.advance(120)
    assert [m.message for m in fake.delivered(TOPIC)] == ["Lunch post"]
    [moved] = phone.take_over(app.clock())
    assert (moved.id, moved.state, moved.reason_code) == (pid, PublicationState.MISSED, SENT_TO_PHONE)
    assert f"somedesk phone posted {moved.draft_id}" in (moved.reason or "")  # what the CLI shows
    assert phone.sync().cancelled == 0  # the message stays on the phone while the post waits
    phone.posted_it(pid)
    published = app.store.publication(pid)
    assert published.state is PublicationState.PUBLISHED and published.published_at is not None
    [sequence] = [h.sequence_id for h in phone.records.held()]
    assert phone.sync().cancelled == 1  # and then it leaves the phone
    assert fake.deleted(TOPIC) == [sequence] and phone.records.held() == []
    with pytest.raises(InvalidInputError):
        phone.posted_it(pid)


def test_off_cancels_what_is_pending_and_removes_the_secrets(
    phone: Phone, app: Somedesk, fake: FakeNtfy
) -> None:
    schedule(app, "One", 2, MomentKind.LUNCH, "Lunch", "auto")
    schedule(app, "Two", 3, MomentKind.LUNCH, "Lunch", "auto")
    phone.sync()
    assert phone.off() == 2
    assert fake.pending(TOPIC) == []
    assert phone.secrets.get_app(SecretName.PHONE_TOPIC) is None
    assert not phone.set_up and phone.sync() == SyncResult()


def test_a_copy_button_refused_once_is_not_offered_again(phone: Phone, app: Somedesk, fake: FakeNtfy) -> None:
    fake.supports_copy = False
    schedule(app, "One", 2, MomentKind.LUNCH, "Lunch", "auto")
    phone.sync()
    schedule(app, "Two", 3, MomentKind.LUNCH, "Lunch", "auto")
    phone.sync()
    assert [s.headers["actions"].count('"copy"') for s in fake.seen("publish")] == [1, 0, 0]


def wait_for(condition: Callable[[], bool], seconds: float = 5) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.01)


def test_the_syncer_never_blocks_the_caller_and_retries_with_backoff(
    phone: Phone, app: Somedesk, fake: FakeNtfy
) -> None:
    results: list[SyncResult] = []
    syncer = PhoneSyncer(
        lambda: phone, settle=0.3, first_backoff=0.2, max_backoff=0.4, on_result=results.append
    )
    fake.delay_next("publish", 0.5)
    schedule(app, "Slow server", 2, MomentKind.LUNCH, "Lunch", "auto")
    syncer.start()
    try:
        wait_for(lambda: len(results) >= 1)  # the start's own sync (with the inbox)
        started = time.perf_counter()
        syncer.request()
        assert time.perf_counter() - started < 0.01
        wait_for(lambda: len(fake.pending(TOPIC)) == 1)
        fake.close()
        schedule(app, "While down", 3, MomentKind.LUNCH, "Lunch", "auto")
        syncer.request()
        wait_for(lambda: any(not r.ok for r in results))
        fake.start()
        wait_for(lambda: len(fake.pending(TOPIC)) == 2)  # the backoff's retry brought it in
    finally:
        syncer.stop()


def test_a_linkedin_post_made_on_the_phone_gets_its_reply_reminders_there(
    phone: Phone, app: Somedesk, fake: FakeNtfy
) -> None:
    app.use_config(replace(app.config, publishing=PublishingSettings(reply_reminders=(20, 60))))
    pid = schedule(app, "From the tram", 1, MomentKind.COMMUTE, "Morning commute", "remind", Network.LINKEDIN)
    phone.sync()
    fake.clock.advance(3600 + 6 * 60)
    phone.take_over(app.clock())
    phone.posted_it(pid)
    reminders = [h for h in fake.pending(TOPIC) if h.title == "Time to answer comments"]
    assert [round(h.time - fake.clock.now()) for h in reminders] == [20 * 60, 60 * 60]


def test_a_new_topic_takes_the_reminders_along(phone: Phone, app: Somedesk, fake: FakeNtfy) -> None:
    schedule(app, "Moving house", 2, MomentKind.LUNCH, "Lunch", "auto")
    phone.sync()
    phone.setup("sd_new_topic_77", None)
    assert fake.pending(TOPIC) == []  # cancelled on the old topic
    phone.sync()
    assert [h.message for h in fake.pending("sd_new_topic_77")] == ["Moving house"]
    phone.setup("sd_new_topic_77", None)  # the same topic again: nothing is resent
    assert phone.sync(inbox=False).sent == 0


def test_moving_to_another_server_cancels_on_the_old_one(phone: Phone, app: Somedesk, fake: FakeNtfy) -> None:
    app.paths.config_file.write_text('[routine]\ntimezone = "UTC"\nquiet_hours = []\n', encoding="utf-8")
    schedule(app, "Moving servers", 2, MomentKind.LUNCH, "Lunch", "auto")
    phone.sync()
    with FakeNtfy(fake.clock) as other:
        phone.setup(TOPIC, None, server=other.base_url)
        assert fake.pending(TOPIC) == [] and app.config.phone.server == other.base_url
        phone.sync()
        assert [h.message for h in other.pending(TOPIC)] == ["Moving servers"]


def test_a_burst_of_changes_is_one_sync(phone: Phone, app: Somedesk, fake: FakeNtfy) -> None:
    results: list[SyncResult] = []
    syncer = PhoneSyncer(lambda: phone, settle=0.5, inbox_every=3600, on_result=results.append)
    syncer.start()
    try:
        wait_for(lambda: len(results) == 1)  # the start's own sync
        pid = schedule(app, "Typing", 2, MomentKind.LUNCH, "Lunch", "auto")
        draft_id = app.store.publication(pid).draft_id
        for text in ("Typing a", "Typing a lo", "Typing a longer post"):  # Quick post saving as one types
            app.edit_draft(draft_id, text)
            syncer.request()
            time.sleep(0.05)
        wait_for(lambda: len(results) == 2)
        time.sleep(0.7)
        assert len(results) == 2 and results[1].sent == 1
        assert [h.message for h in fake.pending(TOPIC)] == ["Typing a longer post"]
        assert fake.count("publish") == 1
    finally:
        syncer.stop()


def test_the_syncer_stopped_while_it_is_being_started_never_joins_an_unstarted_thread() -> None:
    """The runtime starts its syncer after its first check, which may still run (waiting out a rate
    limit) when the runtime is stopped from another thread: stop() saw the thread before it started
    and raised "cannot join thread before it is started" (test_runtime's rate-limit stop caught it)."""
    import threading

    from somedesk.app.phonesync import PhoneSyncer

    for _ in range(200):
        syncer = PhoneSyncer(lambda: None)  # type: ignore[arg-type, return-value]  # never syncs: stopped
        starting = threading.Thread(target=syncer.start)
        starting.start()
        syncer.stop(timeout=1.0)
        starting.join()
        syncer.stop(timeout=1.0)  # and again, after a start that may have come last
