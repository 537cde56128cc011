"""The log file never shows a secret, even one a library put into a message."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from somedesk.desktop.logredact import RedactingFilter, redact


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        ("Authorization: Bearer abc.def-ghi_123", "abc.def-ghi_123"),
        ("headers={'Authorization': 'Bearer tok3nValue99'}", "tok3nValue99"),
        ("POST /token grant_type=refresh_token&refresh_token=r3fr3sh&client_id=x", "r3fr3sh"),
        ('{"access_token": "AQX-secret-1", "expires_in": 5184000}', "AQX-secret-1"),
        ("GET /callback?code=c0de42&state=xyz", "c0de42"),
        ("client_secret=s3cr3t code_verifier=v3rifier", "s3cr3t"),
        ("client_secret=s3cr3t code_verifier=v3rifier", "v3rifier"),
    ],
)
def test_secrets_are_blanked(line: str, secret: str):
    cleaned = redact(line)
    assert secret not in cleaned and "[redacted]" in cleaned


def test_ordinary_text_is_left_alone():
    line = "publication 4 published on LinkedIn: https://www.linkedin.com/feed/update/urn:li:share:1/"
    assert redact(line) == line


def test_the_filter_cleans_arguments_and_tracebacks(tmp_path: Path):
    logger = logging.getLogger("somedesk.test-redaction")
    handler = logging.FileHandler(tmp_path / "log.txt", encoding="utf-8")
    handler.addFilter(RedactingFilter())
    logger.addHandler(handler)
    try:
        logger.warning("token answer %s", {"access_token": "leak-me-1"})
        try:
            raise RuntimeError("refresh_token=leak-me-2")
        except RuntimeError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
        handler.close()
    text = (tmp_path / "log.txt").read_text(encoding="utf-8")
    assert "leak-me" not in text
    assert (
        "token answer {'access_token': '[redacted]'}" in text
        and "RuntimeError: refresh_token=[redacted]" in text
    )


def test_an_ntfy_access_token_is_blanked_wherever_it_appears() -> None:
    from somedesk.desktop.logredact import redact

    line = "phone: tried tk_AgQdq7mVBoFD37zQVN29RhuMzNIz9 on https://ntfy.example"
    assert redact(line) == "phone: tried [redacted] on https://ntfy.example"
    assert redact("stk_notatoken") == "stk_notatoken"


# Word boundaries, webhook and push addresses, personal data -----------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "LinkedIn answered with status code: 503",
        "X error: {'errors': [{'code': 89, 'message': 'Invalid or expired token.'}]}",
        "the policy file has 3 rules; barcode: 12345",
        "unicode=utf-8 encoding set",
        "publication 4: policy rule 'builtin.personal_id' blocks characters 18–28",
        'feed 3 checked at 2026-12-07T10:00:00+02:00 (etag W/"5d-abc")',
    ],
)
def test_words_that_only_contain_a_key_are_left_alone(line: str):
    assert redact(line) == line


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        (
            "share failed: POST https://hooks.slack.com/services/T0001/B0002/XyZsecret123 -> 404",
            "T0001/B0002",
        ),
        ("webhook https://hooks.slack.com/workflows/T1/A2/333/s3cr3t: timed out", "s3cr3t"),
        ("notify https://ntfy.sh/somedesk-jari-8f2k1 failed", "somedesk-jari-8f2k1"),
        ("push to https://ntfy.example.com:8080/my-secret-topic?title=x", "my-secret-topic"),
        ("POST https://discord.com/api/webhooks/123/abcDEF", "abcDEF"),
        ("calendar https://jari:hunter2@cal.example.com/work.ics unreachable", "hunter2"),
        ("policy https://example.com/p.toml?sig=abcdef0123&expires=1", "abcdef0123"),
        ("blocked: hetu 131052-308T in the text", "131052-308T"),
        ("blocked: hetu=010199A123B, moving on", "010199A123B"),
        ("invited jari.virtanen@example.fi to the event", "jari.virtanen@example.fi"),
        ('{"password": "pw-9000"}', "pw-9000"),
    ],
)
def test_webhooks_push_topics_and_personal_data_are_blanked(line: str, secret: str):
    cleaned = redact(line)
    assert secret not in cleaned and "[redacted]" in cleaned


def test_an_address_with_a_password_keeps_its_host():
    assert redact("https://jari:hunter2@cal.example.com/x") == "https://[redacted]@cal.example.com/x"


# A property: whatever surrounds them, secrets and personal data never survive ------------------

_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


@st.composite
def identity_codes(draw: st.DrawFn) -> str:
    day = draw(st.integers(1, 28))
    month = draw(st.integers(1, 12))
    year = draw(st.integers(0, 99))
    sign = draw(st.sampled_from("+-ABCDEFUVWXY"))
    number = draw(st.integers(2, 899))
    check = _CHECK[int(f"{day:02d}{month:02d}{year:02d}{number:03d}") % 31]
    return f"{day:02d}{month:02d}{year:02d}{sign}{number:03d}{check}"


_TOKEN = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~", min_size=10, max_size=40
)
_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=10)


@st.composite
def secrets(draw: st.DrawFn) -> tuple[str, str]:
    """(how the secret appears in a line, the secret)"""
    kind = draw(st.sampled_from(["hetu", "bearer", "param", "json", "slack", "ntfy", "email", "userinfo"]))
    if kind == "hetu":
        code = draw(identity_codes())
        return code, code
    # Digits and capitals, so a token is never one of the ordinary words around it.
    token = f"k{draw(_TOKEN)}7Q"
    if kind == "bearer":
        return f"Authorization: Bearer {token}", token
    key = draw(st.sampled_from(["access_token", "refresh_token", "client_secret", "code", "oauth_token"]))
    if kind == "param":
        return f"https://api.example.com/cb?state=1&{key}={token}", token
    if kind == "json":
        return f'{{"{key}": "{token}", "expires_in": 3600}}', token
    if kind == "slack":
        return f"https://hooks.slack.com/services/T{token}/B01/x", token
    if kind == "ntfy":
        return f"https://ntfy.sh/{token}", token
    if kind == "email":
        user = draw(_WORD)
        return f"{user}.{token[:6].lower()}@example.com", f"{user}.{token[:6].lower()}@example.com"
    return f"https://me:{token}@cal.example.com/a.ics", token


@given(
    before=st.lists(_WORD, max_size=4),
    secret=secrets(),
    after=st.lists(_WORD, max_size=4),
    separator=st.sampled_from([" ", ": ", " (", ", ", "\n", "='", " [", "\t"]),
)
@settings(max_examples=300, deadline=None)
def test_no_secret_or_personal_data_survives_any_line(
    before: list[str], secret: tuple[str, str], after: list[str], separator: str
):
    shown, value = secret
    line = (
        " ".join(before)
        + separator
        + shown
        + separator.translate(str.maketrans("([", ")]"))
        + " ".join(after)
    )
    assert value not in redact(line), line


@pytest.mark.parametrize(
    "line",
    [
        "ntfy." * 4_000,
        "a." * 10_000,
        "https://" + "a:" * 10_000,
        "x-" * 10_000,
        ("a" * 10 + ".") * 2_000 + "@",
        "a://" * 5_000,
        "token=" * 4_000,
    ],
    ids=["ntfy-runs", "dots", "colons", "hyphens", "dotted-email", "schemes", "keys"],
)
def test_redaction_is_linear_on_any_line(line: str):
    # Each of these took seconds (77 s at five times the length) with patterns that could start
    # anywhere in a run of their own characters.
    started = time.perf_counter()
    redact(line)
    assert time.perf_counter() - started < 0.5
