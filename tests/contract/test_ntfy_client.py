"""The ntfy client against the fake ntfy server over real https (a test CA through REQUESTS_CA_BUNDLE)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from somedesk.networks.ntfy import Action, NtfyClient, PhoneError, PhoneMessage
from tests.fakes.ntfy import FakeNtfy
from tests.fakes.server import FakeClock
from tests.fakes.tls import self_signed

TOPIC = "sd_Q7kx2Lr9pWm4"


@pytest.fixture
def fake(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeNtfy]:
    pytest.importorskip("cryptography")
    cert, key = self_signed(tmp_path_factory.mktemp("tls"))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
    with FakeNtfy(FakeClock(), tls=(cert, key)) as server:
        yield server


def _client(fake: FakeNtfy, token: str | None = None) -> NtfyClient:
    return NtfyClient(fake.base_url, TOPIC, token, timeout=3)


def _in(fake: FakeNtfy, seconds: float) -> datetime:
    return datetime.fromtimestamp(fake.clock.now() + seconds, UTC)


def _message(at: datetime | None, body: str = "Lunch post: “hyvää ruokahalua”") -> PhoneMessage:
    actions = (
        Action("view", "Open X", "https://x.com/intent/post?text=hello"),
        Action("copy", "Copy text", body),
    )
    return PhoneMessage("Lunch: your X post is ready", body, at, actions)


def test_a_scheduled_message_is_held_until_its_time_then_delivered(fake: FakeNtfy) -> None:
    assert fake.base_url.startswith("https://")
    message_id = _client(fake).publish(_message(_in(fake, 3600)), "sd-1")
    assert message_id
    [held] = fake.pending(TOPIC)
    assert held.sequence_id == "sd-1"
    assert held.message == "Lunch post: “hyvää ruokahalua”"  # UTF-8 body kept
    assert held.title == "Lunch: your X post is ready"
    assert [a["action"] for a in held.actions] == ["view", "copy"]
    assert held.actions[1]["value"] == "Lunch post: “hyvää ruokahalua”"  # the JSON header's \u escapes
    assert fake.delivered(TOPIC) == []
    fake.clock.advance(3600)
    assert [h.id for h in fake.delivered(TOPIC)] == [message_id]


def test_a_non_ascii_title_travels_as_an_encoded_word(fake: FakeNtfy) -> None:
    _client(fake).publish(PhoneMessage("Työmatka: X-julkaisu", "teksti", _in(fake, 60)), "sd-2")
    assert fake.pending(TOPIC)[0].title == "Työmatka: X-julkaisu"


def test_the_same_sequence_id_replaces_a_scheduled_message(fake: FakeNtfy) -> None:
    client = _client(fake)
    client.publish(_message(_in(fake, 3600), "first"), "sd-7")
    client.publish(_message(_in(fake, 7200), "second"), "sd-7")
    assert [(h.message, h.sequence_id) for h in fake.pending(TOPIC)] == [("second", "sd-7")]
    fake.clock.advance(7200)
    assert [h.message for h in fake.delivered(TOPIC)] == ["second"]  # the first never went out


def test_delete_cancels_a_scheduled_message(fake: FakeNtfy) -> None:
    client = _client(fake)
    client.publish(_message(_in(fake, 600)), "sd-3")
    client.cancel("sd-3")
    assert fake.pending(TOPIC) == []
    fake.clock.advance(700)
    assert fake.delivered(TOPIC) == []
    client.cancel("sd-unknown")  # nothing to cancel is no error


def test_the_three_day_limit_and_the_ten_second_minimum(fake: FakeNtfy) -> None:
    client = _client(fake)
    with pytest.raises(PhoneError) as too_far:
        client.publish(_message(_in(fake, 3 * 86400 + 60)), "sd-4")
    assert too_far.value.kind == "too-far" and not too_far.value.retry
    with pytest.raises(PhoneError) as too_soon:
        client.publish(_message(_in(fake, 2)), "sd-4")
    assert too_soon.value.kind == "too-soon"
    client.publish(_message(_in(fake, 3 * 86400 - 60)), "sd-4")  # just inside is fine
    assert len(fake.pending(TOPIC)) == 1


def test_a_server_without_copy_buttons_gets_the_message_without_one(fake: FakeNtfy) -> None:
    fake.supports_copy = False
    client = _client(fake)
    client.publish(_message(_in(fake, 600)), "sd-5")
    assert [a["action"] for a in fake.pending(TOPIC)[0].actions] == ["view"]
    assert client.copy_supported is False
    client.publish(_message(_in(fake, 900)), "sd-6")  # no second refusal: copy is not tried again
    assert [s.headers.get("actions", "").count("copy") for s in fake.seen("publish")] == [1, 0, 0]


def test_auth_failures_say_what_to_do_and_never_the_topic_or_token(fake: FakeNtfy) -> None:
    fake.anonymous = False
    good = fake.add_token(TOPIC)
    other = fake.add_token("someone_else")
    with pytest.raises(PhoneError) as anonymous:
        _client(fake).publish(_message(None))
    assert anonymous.value.kind == "auth" and anonymous.value.status == 403
    with pytest.raises(PhoneError) as unknown:
        _client(fake, "tk_notissuedbythisserver00").publish(_message(None))
    assert unknown.value.status == 401 and "token" in str(unknown.value)
    with pytest.raises(PhoneError) as wrong_topic:
        _client(fake, other).cancel("sd-1")
    assert wrong_topic.value.status == 403
    for error in (anonymous.value, unknown.value, wrong_topic.value):
        assert TOPIC not in str(error) and good not in str(error) and other not in str(error)
    _client(fake, good).publish(_message(None))
    assert fake.seen("publish")[-1].headers["authorization"] == f"Bearer {good}"
    assert len(fake.delivered(TOPIC)) == 1


def test_rate_limits_and_server_errors_are_worth_retrying(fake: FakeNtfy) -> None:
    fake.fail_next("publish", 429, {"code": 42901, "http": 429, "error": "limit reached: too many requests"})
    with pytest.raises(PhoneError) as limited:
        _client(fake).publish(_message(_in(fake, 60)), "sd-1")
    assert limited.value.kind == "rate-limited" and limited.value.retry
    fake.fail_next("delete", 502, "Bad Gateway")
    with pytest.raises(PhoneError) as broken:
        _client(fake).cancel("sd-1")
    assert broken.value.kind == "unavailable" and broken.value.retry


def test_a_server_that_is_down_then_back(fake: FakeNtfy) -> None:
    client = _client(fake)
    fake.close()
    with pytest.raises(PhoneError) as down:
        client.publish(_message(_in(fake, 600)), "sd-9")
    assert down.value.kind == "unavailable" and down.value.retry
    assert TOPIC not in str(down.value)
    fake.start()
    client.publish(_message(_in(fake, 600)), "sd-9")
    assert [h.sequence_id for h in fake.pending(TOPIC)] == ["sd-9"]


def test_a_slow_server_times_out_as_unavailable(fake: FakeNtfy) -> None:
    fake.delay_next("publish", 2.0)
    client = NtfyClient(fake.base_url, TOPIC, timeout=0.3)
    with pytest.raises(PhoneError) as slow:
        client.publish(_message(_in(fake, 600)), "sd-1")
    assert slow.value.kind == "unavailable"


def test_polling_the_inbox_returns_each_message_after_the_last_one_seen(fake: FakeNtfy) -> None:
    inbox = TOPIC + "-inbox"
    first = fake.post_from_phone(inbox, "Idea on the tram")
    fake.clock.advance(5)
    fake.post_from_phone(inbox, "Kahvikuppi ja ajatus", title="Draft")
    client = _client(fake)
    everything = client.poll(inbox, None)
    assert [m.text for m in everything] == ["Idea on the tram", "Draft\nKahvikuppi ja ajatus"]
    assert [m.text for m in client.poll(inbox, first.id)] == ["Draft\nKahvikuppi ja ajatus"]
    assert client.poll(inbox, everything[-1].id) == []
    assert fake.seen("poll")[0].query == {"poll": "1", "since": "all"}


def test_repr_never_shows_the_topic_or_token(fake: FakeNtfy) -> None:
    client = _client(fake, "tk_secretsecretsecret")
    assert TOPIC not in repr(client) and "tk_secret" not in repr(client)


def test_a_bad_topic_is_refused_before_any_request() -> None:
    with pytest.raises(PhoneError):
        NtfyClient("https://ntfy.example", "has space")
    with pytest.raises(ValueError):
        NtfyClient("https://ntfy.example", "ok").cancel("../x")


def test_delivery_time_is_sent_as_a_unix_timestamp(fake: FakeNtfy) -> None:
    at = _in(fake, 1800).replace(microsecond=0)
    _client(fake).publish(_message(at), "sd-1")
    assert fake.seen("publish")[0].headers["at"] == str(int(at.timestamp()))
    assert fake.pending(TOPIC)[0].time == at.timestamp()
    assert at - timedelta(seconds=1) < datetime.fromtimestamp(fake.pending(TOPIC)[0].time, UTC) <= at


def test_the_fake_reads_ntfys_other_spellings(fake: FakeNtfy) -> None:
    """The fake itself, with raw requests: durations, header aliases and the simple button format."""
    import requests

    url = f"{fake.base_url}/{TOPIC}"
    assert requests.post(url, data=b"in", headers={"In": "30m"}, timeout=3).status_code == 200
    assert (
        requests.put(url + "/sd-x", data=b"delay", headers={"X-Delay": "2 days"}, timeout=3).status_code
        == 200
    )
    simple = {"Actions": "view, Open, https://example.com; copy, Copy, the text", "t": "Title"}
    assert requests.post(url, data=b"now", headers=simple, timeout=3).status_code == 200
    unparsed = requests.post(url, data=b"x", headers={"At": "tomorrow, 3pm"}, timeout=3)
    assert (unparsed.status_code, unparsed.json()["code"]) == (400, 40004)
    bad_button = requests.post(
        url, data=b"x", headers={"Actions": '[{"action": "dance", "label": "x"}]'}, timeout=3
    )
    assert (bad_button.status_code, bad_button.json()["code"]) == (400, 40018)
    now = fake.clock.now()
    assert sorted(round(h.time - now) for h in fake.pending(TOPIC)) == [1800, 2 * 86400]
    [shown] = fake.delivered(TOPIC)
    assert shown.title == "Title" and [a["action"] for a in shown.actions] == ["view", "copy"]
    lines = requests.get(
        f"{url}/json", params={"poll": "1", "since": "all", "scheduled": "1"}, timeout=3
    ).text
    assert len(lines.splitlines()) == 3
