"""The loopback receiver of the browser sign-in, with real sockets, a real HTTP client as the browser and the
fake X and LinkedIn authorize pages sending the redirects."""

from __future__ import annotations

import logging
import socket
import struct
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
import requests

from somedesk.core.errors import UserError
from somedesk.networks.loopback import LoopbackReceiver, SignInCancelled, SignInError
from tests.fakes import FakeLinkedIn, FakeX, pkce_pair
from tests.ports import redirect_port

TIMEOUT = 5
CLOSE_TAB = "You can close this tab and return to somedesk."


def browse(url: str) -> requests.Response:
    """What the person's browser does: GET the page and follow its redirects."""
    return requests.get(url, timeout=TIMEOUT)


def x_authorize_url(x: FakeX, receiver: LoopbackReceiver, challenge: str) -> str:
    params = {"response_type": "code", "client_id": x.client_id, "redirect_uri": receiver.redirect_uri}
    params |= {"scope": "tweet.read tweet.write users.read offline.access", "state": receiver.state}
    params |= {"code_challenge": challenge, "code_challenge_method": "S256"}
    return f"{x.auth_base}/i/oauth2/authorize?{urlencode(params)}"


@pytest.fixture
def receiver():
    with LoopbackReceiver("http://127.0.0.1:0/callback", timeout=TIMEOUT) as started:
        yield started


def test_sign_in_through_the_x_authorize_redirect(receiver):
    verifier, challenge = pkce_pair()
    with FakeX() as x:
        x.register_redirect_uri(receiver.redirect_uri)
        page = browse(x_authorize_url(x, receiver, challenge))
        assert page.status_code == 200
        assert page.url.startswith(receiver.redirect_uri + "?")  # the browser really landed on the receiver
        assert "text/html" in page.headers["Content-Type"]
        assert CLOSE_TAB in page.text
        code = receiver.wait()
        form = {"grant_type": "authorization_code", "code": code, "client_id": x.client_id}
        form |= {"redirect_uri": receiver.redirect_uri, "code_verifier": verifier}
        token = requests.post(f"{x.api_base}/2/oauth2/token", data=form, timeout=TIMEOUT)
        assert token.status_code == 200
        assert token.json()["refresh_token"]


def test_wait_blocks_until_the_browser_comes_back(receiver):
    got: list[str] = []
    waiter = threading.Thread(target=lambda: got.append(receiver.wait()))
    waiter.start()
    assert browse(f"{receiver.redirect_uri}?code=abc&state={receiver.state}").status_code == 200
    waiter.join(TIMEOUT)
    assert got == ["abc"]


def test_a_fixed_port_and_path_are_used_as_given():
    uri = f"http://127.0.0.1:{redirect_port()}/oauth/done"
    with LoopbackReceiver(uri, state="s", timeout=TIMEOUT) as receiver:
        assert receiver.redirect_uri == uri
        assert browse(f"{uri}?state=s&code=c1").status_code == 200
        assert receiver.wait() == "c1"


def test_the_ephemeral_port_is_known_only_once_started():
    receiver = LoopbackReceiver("http://127.0.0.1:0/cb")
    with pytest.raises(RuntimeError):
        _ = receiver.redirect_uri
    with receiver:
        assert receiver.redirect_uri.startswith("http://127.0.0.1:")
        assert not receiver.redirect_uri.startswith("http://127.0.0.1:0/")


@pytest.mark.parametrize(
    "query",
    [
        "code=abc&state=forged",  # a forged or stale redirect: the review's one request that ended a sign-in
        "code=abc",  # no state at all
        "error=access_denied",  # an error without state (another program, or an old cancel poke)
        "error=access_denied&state=forged",
        "state=",
    ],
)
def test_a_callback_without_this_sign_ins_state_is_answered_and_ignored(receiver, query):
    got: list[str] = []
    waiter = threading.Thread(target=lambda: got.append(receiver.wait()))
    waiter.start()
    page = browse(f"{receiver.redirect_uri}?{query}")
    assert page.status_code == 400
    assert "does not belong to the sign-in somedesk is waiting for" in page.text
    assert "still waiting" in page.text
    time.sleep(0.2)
    assert waiter.is_alive() and got == []  # the sign-in goes on
    # ... and the real callback still finds the receiver listening.
    assert browse(f"{receiver.redirect_uri}?code=real&state={receiver.state}").status_code == 200
    waiter.join(TIMEOUT)
    assert got == ["real"]


def test_many_wrong_callbacks_do_not_end_the_sign_in(receiver):
    for number in range(20):
        assert browse(f"{receiver.redirect_uri}?code=guess{number}&state=guess{number}").status_code == 400
    assert browse(f"{receiver.redirect_uri}?code=real&state={receiver.state}").status_code == 200
    assert receiver.wait() == "real"


def test_a_callback_without_state_does_not_end_a_wait_that_then_times_out():
    with LoopbackReceiver("http://127.0.0.1:0/callback", timeout=0.5) as receiver:
        browse(f"{receiver.redirect_uri}?error=access_denied")
        with pytest.raises(SignInError, match="timed out"):
            receiver.wait()


def test_person_cancelling_on_x_is_a_clear_error(receiver):
    with FakeX() as x:
        x.register_redirect_uri(receiver.redirect_uri)
        x.authorize_mode = "deny"
        page = browse(x_authorize_url(x, receiver, pkce_pair()[1]))
        assert page.status_code == 400
        assert "cancelled in the browser" in page.text
        assert CLOSE_TAB in page.text
    with pytest.raises(SignInError, match="cancelled in the browser") as caught:
        receiver.wait()
    assert isinstance(caught.value, UserError)
    assert not isinstance(caught.value, SignInCancelled)
    assert "\n" not in str(caught.value)


def test_person_cancelling_on_linkedin_is_a_clear_error(receiver):
    with FakeLinkedIn() as li:
        li.register_redirect_uri(receiver.redirect_uri)
        li.authorize_mode = "deny"
        params = {"response_type": "code", "client_id": li.client_id, "redirect_uri": receiver.redirect_uri}
        params |= {"scope": "openid profile w_member_social", "state": receiver.state}
        browse(f"{li.auth_base}/oauth/v2/authorization?{urlencode(params)}")
    with pytest.raises(SignInError, match="cancelled in the browser"):
        receiver.wait()


def test_other_provider_errors_are_reported_on_one_line(receiver):
    query = urlencode(
        {"error": "invalid_scope", "error_description": "Bad\nscope <b>x</b>", "state": receiver.state}
    )
    page = browse(f"{receiver.redirect_uri}?{query}")
    assert "&lt;b&gt;" in page.text  # the provider's words are escaped in the page
    with pytest.raises(SignInError) as caught:
        receiver.wait()
    assert (
        str(caught.value)
        == "The sign-in page refused to connect the account (invalid_scope: Bad scope <b>x</b>)."
    )


def test_a_callback_without_code_is_an_error(receiver):
    browse(f"{receiver.redirect_uri}?state={receiver.state}")
    with pytest.raises(SignInError, match="without an authorization code"):
        receiver.wait()


def test_stray_paths_get_404_and_do_not_end_the_wait(receiver):
    base = receiver.redirect_uri.removesuffix("/callback")
    for path in ("/favicon.ico", "/", "/callback/extra", f"/other?code=x&state={receiver.state}"):
        assert browse(base + path).status_code == 404
    receiver.timeout = 0.1
    with pytest.raises(SignInError, match="timed out"):
        receiver.wait()  # nothing above counted as the callback


def test_the_first_callback_wins(receiver):
    assert browse(f"{receiver.redirect_uri}?code=first&state={receiver.state}").status_code == 200
    reload = browse(f"{receiver.redirect_uri}?code=second&state={receiver.state}")
    assert CLOSE_TAB in reload.text  # a reload shows the same friendly page
    assert receiver.wait() == "first"


def test_timeout_gives_up_with_a_clear_message():
    with LoopbackReceiver("http://127.0.0.1:0/callback", timeout=0.2) as receiver:
        started = time.monotonic()
        with pytest.raises(
            SignInError, match=r"^Sign-in timed out: the browser did not come back within 0\.2"
        ):
            receiver.wait()
        assert time.monotonic() - started < 2


def test_default_timeout_is_five_minutes():
    assert LoopbackReceiver("http://127.0.0.1:0/callback").timeout == 300


def test_cancel_from_another_thread_ends_the_wait(receiver):
    canceller = threading.Timer(0.05, receiver.cancel)
    canceller.start()
    started = time.monotonic()
    with pytest.raises(SignInCancelled, match=r"^Sign-in was cancelled\.$"):
        receiver.wait()
    canceller.join()
    assert time.monotonic() - started < 2
    page = browse(f"{receiver.redirect_uri}?code=late&state={receiver.state}")  # the browser came too late
    assert page.status_code == 400


def test_cancel_after_the_code_came_changes_nothing(receiver):
    browse(f"{receiver.redirect_uri}?code=abc&state={receiver.state}")
    receiver.cancel()
    assert receiver.wait() == "abc"


def test_a_cancel_right_after_the_browser_came_back_never_contradicts_its_page():
    # The person presses Cancel just as the browser tab shows "Signed in": somedesk must then be signed
    # in too. Before the answer was claimed ahead of its page, about 1 round in 40 ended as cancelled.
    def one_round(_: int) -> tuple[int, str]:
        with LoopbackReceiver("http://127.0.0.1:0/callback", timeout=TIMEOUT) as receiver:
            page = browse(f"{receiver.redirect_uri}?code=abc&state={receiver.state}")
            receiver.cancel()
            try:
                return page.status_code, receiver.wait()
            except SignInCancelled:
                return page.status_code, "cancelled"

    with ThreadPoolExecutor(max_workers=16) as pool:  # rounds overlap: each close() waits ~50 ms
        endings = set(pool.map(one_round, range(320)))
    assert endings == {(200, "abc")}


def test_a_browser_that_drops_the_connection_still_signs_in_without_a_traceback(receiver, capfd, caplog):
    # The tab is closed right after the redirect: the connection is reset before the page goes out.
    port = int(receiver.redirect_uri.split(":")[2].split("/")[0])
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as browser:
        request = f"GET /callback?code=abc&state={receiver.state} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        browser.sendall(request.encode())
        browser.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset, not FIN
    caplog.set_level(logging.INFO, logger="somedesk.networks.loopback")
    assert receiver.wait() == "abc"
    receiver.close()  # joins the handler thread, so what it printed or logged is in
    assert capfd.readouterr().err == ""
    assert any(r.getMessage().startswith("the browser left before") for r in caplog.records)


def test_close_ends_a_waiting_thread():
    receiver = LoopbackReceiver("http://127.0.0.1:0/callback", timeout=TIMEOUT).start()
    errors: list[BaseException] = []

    def wait() -> None:
        try:
            receiver.wait()
        except SignInError as error:
            errors.append(error)

    waiter = threading.Thread(target=wait)
    waiter.start()
    receiver.close()
    waiter.join(TIMEOUT)
    assert len(errors) == 1
    assert isinstance(errors[0], SignInCancelled)


def test_port_in_use_is_a_clear_error_naming_the_port():
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        receiver = LoopbackReceiver(f"http://127.0.0.1:{port}/callback")
        with pytest.raises(SignInError, match=f"port {port} on 127.0.0.1 is already in use") as caught:
            receiver.start()
    assert "\n" not in str(caught.value)


def test_the_port_is_free_again_after_close():
    with LoopbackReceiver("http://127.0.0.1:0/callback") as receiver:
        uri = receiver.redirect_uri
    with LoopbackReceiver(uri):  # the same fixed port again, at once
        pass


def test_it_listens_on_127_0_0_1_only(receiver):
    port = int(receiver.redirect_uri.split(":")[2].split("/")[0])
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT):
        pass
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as other:  # 127.0.0.2 is loopback but not ours
        other.settimeout(TIMEOUT)
        assert other.connect_ex(("127.0.0.2", port)) != 0


def test_an_idle_browser_connection_does_not_block_the_callback(receiver):
    port = int(receiver.redirect_uri.split(":")[2].split("/")[0])
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT):  # a browser's spare connection
        assert browse(f"{receiver.redirect_uri}?code=abc&state={receiver.state}").status_code == 200
        assert receiver.wait() == "abc"


@pytest.mark.parametrize(
    "uri",
    [
        "https://127.0.0.1:8765/callback",
        "http://localhost:8765/callback",
        "http://0.0.0.0:8765/callback",
        "http://127.0.0.1/callback",
        "http://127.0.0.1:99999/callback",
        "http://127.0.0.1:8765/callback#frag",
    ],
)
def test_redirect_uris_it_cannot_serve_are_refused(uri):
    with pytest.raises(SignInError, match="cannot be used"):
        LoopbackReceiver(uri)


def test_wait_before_start_is_a_programming_error():
    with pytest.raises(RuntimeError):
        LoopbackReceiver("http://127.0.0.1:0/callback").wait()


def test_the_pages_do_not_leak_the_code():
    with LoopbackReceiver("http://127.0.0.1:0/callback", state="s") as receiver:
        page = browse(f"{receiver.redirect_uri}?code=secret-code&state=s")
    assert "secret-code" not in page.text
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert page.headers["Cache-Control"] == "no-store"
