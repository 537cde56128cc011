"""The phone's pure rules: which messages the ntfy server should hold, what they say, and the diff."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest

from somedesk.core.config_reader import parse_config
from somedesk.core.errors import ConfigError
from somedesk.core.model import MomentKind, Network
from somedesk.core.phone import (
    Held,
    MessageKind,
    PhoneItem,
    composer_url,
    desired,
    plan,
    taken_over,
    valid_topic,
)
from somedesk.core.phone_settings import PhoneSettings
from somedesk.core.routine import ClockWindow, Routine

NOW = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)
SETTINGS = PhoneSettings()


def item(
    pid: int, hours: float, *, mode: str = "auto", kind: MomentKind | None = MomentKind.LUNCH, **kw: object
) -> PhoneItem:
    values: dict[str, object] = {
        "publication_id": pid,
        "network": Network.X,
        "at": NOW + timedelta(hours=hours),
        "mode": mode,
        "moment_kind": kind,
        "label": "Lunch" if kind is MomentKind.LUNCH else "Morning commute",
        "text": "Hello from the tram",
    }
    values.update(kw)
    return PhoneItem(**values)  # type: ignore[arg-type]


def held_for(wanted_at: datetime, pid: int, kind: MessageKind = MessageKind.TAKEOVER, fp: str = "x") -> Held:
    return Held(pid, f"sd-p{pid}", kind, wanted_at, fp)


def test_remind_at_a_commute_is_delivered_at_the_moment_everything_else_after_the_takeover_minutes() -> None:
    commute = item(1, 1.75, mode="remind", kind=MomentKind.COMMUTE)
    lunch_auto = item(2, 6, mode="auto", kind=MomentKind.LUNCH)
    lunch_remind = item(3, 7, mode="remind", kind=MomentKind.LUNCH)
    commute_auto = item(4, 8, mode="auto", kind=MomentKind.COMMUTE)
    chosen_time = item(5, 9, mode="remind", kind=None)
    wanted = desired(NOW, [commute, lunch_auto, lunch_remind, commute_auto, chosen_time], SETTINGS)
    assert {pid: (w.kind, w.deliver_at) for pid, w in wanted.items()} == {
        1: (MessageKind.AT_MOMENT, commute.at),
        2: (MessageKind.TAKEOVER, lunch_auto.at + timedelta(minutes=5)),
        3: (MessageKind.TAKEOVER, lunch_remind.at + timedelta(minutes=5)),
        4: (MessageKind.TAKEOVER, commute_auto.at + timedelta(minutes=5)),
        5: (MessageKind.TAKEOVER, chosen_time.at + timedelta(minutes=5)),
    }


def test_the_config_chooses_the_phone_moments_and_the_takeover_minutes() -> None:
    settings = PhoneSettings(moments=(MomentKind.LUNCH,), takeover_minutes=12)
    wanted = desired(
        NOW, [item(1, 2, mode="remind", kind=MomentKind.COMMUTE), item(2, 3, mode="remind")], settings
    )
    assert wanted[1].kind is MessageKind.TAKEOVER and wanted[1].deliver_at == NOW + timedelta(
        hours=2, minutes=12
    )
    assert wanted[2].kind is MessageKind.AT_MOMENT


def test_only_what_the_server_can_hold_three_days_ahead_and_not_the_past() -> None:
    soon = item(4, 0.001, mode="remind", kind=MomentKind.COMMUTE)  # 4 s ahead: ntfy wants 10 s at least
    wanted = desired(NOW, [item(1, 71), item(2, 72), item(3, -1), soon, item(5, 0.001)], SETTINGS)
    assert set(wanted) == {1, 5}  # 5 is a dead man's switch: five minutes after its moment


def test_no_message_while_paused_in_quiet_hours_or_after_the_desktop_reminded() -> None:
    quiet = Routine(zone=ZoneInfo("UTC"), quiet_hours=ClockWindow(time(22, 0), time(7, 0)))
    items = [item(1, 0.5), item(2, 5), item(3, 6, mode="remind", reminded=True)]
    wanted = desired(NOW, items, SETTINGS, routine=quiet, paused_until=NOW + timedelta(hours=5, minutes=30))
    assert wanted == {}
    assert set(desired(NOW, items, SETTINGS, routine=quiet)) == {2}  # 1 is at 06:30, in quiet hours
    at_moment = item(4, 2, mode="remind", kind=MomentKind.COMMUTE, reminded=True)
    assert set(desired(NOW, [at_moment], SETTINGS)) == {4}  # the commute reminder goes to the phone anyway


def test_the_message_carries_the_text_and_the_networks_composer() -> None:
    x = desired(NOW, [item(1, 2, text="Ajatus & idea #1")], SETTINGS)[1]
    assert x.body == "Ajatus & idea #1"
    view, copy = x.buttons
    assert view.kind == "view" and view.value.startswith("https://x.com/intent/post?text=")
    assert parse_qs(urlsplit(view.value).query)["text"] == ["Ajatus & idea #1"]
    assert (copy.kind, copy.value) == ("copy", "Ajatus & idea #1")
    linkedin = desired(NOW, [item(2, 2, network=Network.LINKEDIN)], SETTINGS)[2]
    url = linkedin.buttons[0].value
    assert url.startswith("https://www.linkedin.com/feed/?")
    assert parse_qs(urlsplit(url).query) == {"shareActive": ["true"], "text": ["Hello from the tram"]}
    assert "did not go out" in linkedin.title and "LinkedIn" in linkedin.title
    sandbox = desired(NOW, [item(3, 2, network=Network.SANDBOX)], SETTINGS)[3]
    assert [b.kind for b in sandbox.buttons] == ["copy"]  # no composer to open
    assert composer_url(Network.SANDBOX, "x") is None


def test_a_thread_gives_its_first_part_and_says_how_many_follow() -> None:
    thread = "First part of it.\n---\nSecond.\n---\nThird."
    wanted = desired(NOW, [item(1, 2, text=thread)], SETTINGS)[1]
    assert wanted.body == "First part of it.\n\n(+2 more parts in the thread)"
    assert parse_qs(urlsplit(wanted.buttons[0].value).query)["text"] == ["First part of it."]
    on_linkedin = desired(NOW, [item(2, 2, text=thread, network=Network.LINKEDIN)], SETTINGS)[2]
    assert on_linkedin.body == "First part of it.\n\nSecond.\n\nThird."  # one post there


def test_plan_sends_new_and_changed_replaces_and_cancels_what_should_go() -> None:
    wanted = desired(NOW, [item(1, 2), item(2, 3), item(3, 4)], SETTINGS)
    held = [
        held_for(wanted[1].deliver_at, 1, fp=wanted[1].fingerprint),  # unchanged: nothing to do
        held_for(wanted[2].deliver_at - timedelta(hours=1), 2),  # moved: replaced under its sequence id
        held_for(NOW + timedelta(hours=5), 9),  # no longer scheduled, still pending: cancelled
        held_for(NOW - timedelta(hours=1), 10),  # delivered, and its post is waiting: stays on the phone
        held_for(NOW - timedelta(hours=1), 11),  # delivered, and its post was published: removed
    ]
    todo = plan(NOW, wanted, held, waiting={1, 2, 3, 10})
    assert [w.publication_id for w in todo.send] == [2, 3]
    assert [h.publication_id for h in todo.cancel] == [9, 11]


def test_a_changed_text_changes_the_fingerprint() -> None:
    one = desired(NOW, [item(1, 2)], SETTINGS)[1]
    two = desired(NOW, [item(1, 2, text="Edited")], SETTINGS)[1]
    assert one.fingerprint != two.fingerprint
    assert one.fingerprint == desired(NOW, [item(1, 2)], SETTINGS)[1].fingerprint


def test_taken_over_only_after_the_takeover_minutes_without_a_desktop_reminder() -> None:
    lunch = item(1, -0.5)  # its moment was half an hour ago
    commute = item(2, -0.5, mode="remind", kind=MomentKind.COMMUTE)
    reminded = item(3, -0.5, mode="remind", reminded=True)
    just_now = item(4, -0.05)  # three minutes ago: the desktop still has two minutes
    moved = item(5, -0.5)  # its held message was for another time
    held = [
        held_for(lunch.at + timedelta(minutes=5), 1),
        held_for(commute.at, 2, MessageKind.AT_MOMENT),
        held_for(reminded.at + timedelta(minutes=5), 3),
        held_for(just_now.at + timedelta(minutes=5), 4),
        held_for(moved.at - timedelta(hours=2), 5),
    ]
    assert taken_over(NOW, [lunch, commute, reminded, just_now, moved], held, SETTINGS) == [1, 2]
    assert taken_over(NOW, [lunch], [], SETTINGS) == []  # nothing went to the phone: the desktop decides


@pytest.mark.parametrize(
    ("topic", "ok"),
    [("abc", True), ("a" * 58, True), ("a" * 59, False), ("", False), ("has space", False), ("ä", False)],
)
def test_topics_leave_room_for_the_inbox_twin(topic: str, ok: bool) -> None:
    assert valid_topic(topic) is ok


def parse(text: str) -> PhoneSettings:
    return parse_config(text, name="config.toml", fallback_zone=ZoneInfo("UTC"), base_dir=Path()).phone


def test_the_phone_table_has_defaults_and_clear_messages() -> None:
    assert parse("") == PhoneSettings("https://ntfy.sh", (MomentKind.COMMUTE,), 5)
    text = '[phone]\nserver = "https://ntfy.example.com/"\nmoments = ["commute", "lunch"]\n'
    custom = parse(text + "takeover_minutes = 10\n")
    assert custom == PhoneSettings("https://ntfy.example.com", (MomentKind.COMMUTE, MomentKind.LUNCH), 10)
    with pytest.raises(ConfigError, match=r"config.toml: phone.server: expected the server's https://"):
        parse('[phone]\nserver = "http://ntfy.example.com"\n')
    with pytest.raises(ConfigError, match=r"phone.moments: expected a list of moment kinds"):
        parse('[phone]\nmoments = ["tram"]\n')
    with pytest.raises(ConfigError, match=r"phone.takeover_minutes: expected a whole number of minutes"):
        parse("[phone]\ntakeover_minutes = 0\n")
    with pytest.raises(ConfigError, match=r"unknown key 'phone.topic'"):
        parse('[phone]\ntopic = "secret"\n')  # the topic is a secret: never in the config
    assert parse('[phone]\nserver = "http://127.0.0.1:8080"\n').server == "http://127.0.0.1:8080"
