"""Loading the policy the config names: a file beside the config, or an https address served by a real
TLS server on 127.0.0.1, with the last good copy, a timeout that never hangs, and Voikko's base forms."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from somedesk.core.config import Config, PolicySettings
from somedesk.core.errors import PolicyError
from somedesk.core.policy import Policy, check
from somedesk.core.routine import Routine
from somedesk.sources.policyfile import PolicyChecker, finnish_base_forms, load_for_config, load_policy
from tests.fakes.files import FileServer
from tests.fakes.tls import self_signed

POLICY = b"""
[[rule]]
terms = ["asiak*"]
severity = "block"
message = "Customer names only with the customer's permission"
"""
EDITED = POLICY.replace(b"asiak*", b"Acme")
TOKEN = "c0ffee1234567890deadbeefcafe0123"


# A real https server (its certificate from tests/fakes/tls.py) -------------------------------------


@pytest.fixture
def server(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[FileServer]:
    pytest.importorskip("cryptography")
    cert, key = self_signed(tmp_path_factory.mktemp("tls"))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))  # requests trusts our certificate, and only for this
    running = FileServer("application/toml", (cert, key))
    yield running
    running.stop()


SECRET_PATH = f"/policies/{TOKEN}/policy.toml"


def from_url(server: FileServer, tmp_path: Path, timeout: float = 5.0):
    return load_policy(
        server.url(SECRET_PATH), base_dir=tmp_path, cache_dir=tmp_path / "cache", timeout=timeout
    )


def customer_rule_finds(policy: Policy, text: str) -> list[str]:
    return [f.text for f in check(text, policy) if f.rule == "rule 1"]


# Files ------------------------------------------------------------------------------------------


def test_no_source_means_the_builtin_rules(tmp_path):
    assert load_policy("", base_dir=tmp_path, cache_dir=tmp_path).policy == Policy()


def test_a_relative_path_is_read_beside_the_config(tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "policy.toml").write_bytes(POLICY)
    load = load_policy("rules/policy.toml", base_dir=tmp_path, cache_dir=tmp_path / "cache")
    assert load.warning is None
    assert customer_rule_finds(load.policy, "asiakkaan luona") == ["asiakkaan"]


def test_the_config_names_the_policy_and_paths_resolve_against_its_folder(tmp_path):
    (tmp_path / "policy.toml").write_bytes(POLICY)
    config = Config(routine=Routine(zone=dt.UTC), base_dir=tmp_path, policy=PolicySettings("policy.toml"))  # type: ignore[arg-type]
    assert customer_rule_finds(load_for_config(config, tmp_path / "cache").policy, "asiakas") == ["asiakas"]


@pytest.mark.parametrize(
    ("write", "message"),
    [
        (None, "{path}: no such policy file"),
        (
            b"[[rule]\n",
            "{path}, line 1, column 7: not valid TOML (expected ']]' at the end of an array declaration)",
        ),
        (b"\xff\xfe", "{path}: not UTF-8 text (byte 0)"),
        (
            b'[[rule]]\nterms = ["a"]\nseverity = "stop"\nmessage = "m"\n',
            '{path}, line 3: rule 1: severity \'stop\' is not "block" or "warn"',
        ),
    ],
)
def test_a_policy_file_that_cannot_be_used_is_one_line_naming_it(tmp_path, write, message):
    path = tmp_path / "policy.toml"
    if write is not None:
        path.write_bytes(write)
    with pytest.raises(PolicyError) as raised:
        load_policy("policy.toml", base_dir=tmp_path, cache_dir=tmp_path / "cache")
    assert str(raised.value) == message.format(path=path)


def test_a_folder_is_not_a_policy(tmp_path):
    with pytest.raises(PolicyError, match="is a folder, not a policy file"):
        load_policy(str(tmp_path), base_dir=tmp_path, cache_dir=tmp_path / "cache")


def test_the_checker_reads_the_current_config_and_policy_for_each_post(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_bytes(POLICY)
    config = Config(routine=Routine(zone=dt.UTC), base_dir=tmp_path, policy=PolicySettings("policy.toml"))  # type: ignore[arg-type]
    checker = PolicyChecker(lambda: config, tmp_path / "cache")
    assert [f.text for f in checker("asiakas ja Acme")] == ["asiakas"]
    path.write_bytes(EDITED)
    assert [f.text for f in checker("asiakas ja Acme")] == ["Acme"]


# https ------------------------------------------------------------------------------------------


def test_an_https_policy_is_fetched_and_a_copy_kept(server, tmp_path):
    server.answers[SECRET_PATH] = (200, POLICY)
    load = from_url(server, tmp_path)
    assert load.warning is None
    assert customer_rule_finds(load.policy, "asiakkaille") == ["asiakkaille"]
    [copy] = (tmp_path / "cache").glob("*.toml")
    assert copy.read_bytes() == POLICY
    assert server.user_agents == ["somedesk"]


def test_an_updated_policy_replaces_the_copy(server, tmp_path):
    server.answers[SECRET_PATH] = (200, POLICY)
    from_url(server, tmp_path)
    server.answers[SECRET_PATH] = (200, EDITED)
    assert customer_rule_finds(from_url(server, tmp_path).policy, "asiakas, Acme") == ["Acme"]


def test_when_the_server_fails_the_last_good_copy_is_used_with_a_warning(server, tmp_path):
    server.answers[SECRET_PATH] = (200, POLICY)
    from_url(server, tmp_path)
    server.answers[SECRET_PATH] = (503, b"down")
    load = from_url(server, tmp_path)
    assert customer_rule_finds(load.policy, "asiakas") == ["asiakas"]
    assert load.warning is not None
    assert load.warning.startswith(f"policy https://127.0.0.1:{server.port}/…: could not be loaded")
    assert "(the server had a problem: 503); using the copy from just now" in load.warning


def test_a_login_page_instead_of_a_policy_does_not_replace_the_good_copy(server, tmp_path):
    server.answers[SECRET_PATH] = (200, POLICY)
    from_url(server, tmp_path)
    server.answers[SECRET_PATH] = (200, b"<html><body>Sign in</body></html>")
    load = from_url(server, tmp_path)
    assert customer_rule_finds(load.policy, "asiakas") == ["asiakas"]
    assert load.warning is not None and "not valid TOML" in load.warning
    [copy] = (tmp_path / "cache").glob("*.toml")
    assert copy.read_bytes() == POLICY


def test_a_hanging_server_times_out_and_falls_back_to_the_copy(server, tmp_path):
    server.answers[SECRET_PATH] = (200, POLICY)
    from_url(server, tmp_path)
    server.answers[SECRET_PATH] = "hang"
    started = time.monotonic()
    load = from_url(server, tmp_path, timeout=1.0)
    assert time.monotonic() - started < 5
    assert load.warning is not None and "timed out after 1 s" in load.warning
    assert customer_rule_finds(load.policy, "asiakas") == ["asiakas"]


def test_no_copy_and_no_server_is_a_one_line_error_without_the_secret(server, tmp_path):
    server.answers[SECRET_PATH] = "hang"
    with pytest.raises(PolicyError) as raised:
        from_url(server, tmp_path, timeout=1.0)
    assert (
        str(raised.value)
        == f"policy https://127.0.0.1:{server.port}/…: could not be reached (timed out after 1 s)"
    )
    server.answers[SECRET_PATH] = (200, b"[[rule]]\nterms = 1\n")
    with pytest.raises(PolicyError) as broken:
        from_url(server, tmp_path)
    assert TOKEN not in str(broken.value) and "terms: expected a list" in str(broken.value)


def test_a_policy_is_never_fetched_over_plain_http(tmp_path):
    with pytest.raises(PolicyError, match=r"only https:// addresses are fetched"):
        load_policy("http://127.0.0.1:9/policy.toml", base_dir=tmp_path, cache_dir=tmp_path)


# Voikko ----------------------------------------------------------------------------------------


def test_without_voikko_the_policy_works_the_same_minus_base_forms(tmp_path):
    (tmp_path / "policy.toml").write_bytes(POLICY.replace(b"asiak*", b"asiakas"))
    load = load_policy("policy.toml", base_dir=tmp_path, cache_dir=tmp_path, base_forms=lambda: None)
    assert load.policy.base_forms is None
    assert customer_rule_finds(load.policy, "asiakas ja asiakkaille") == ["asiakas"]


def test_with_voikko_a_base_form_term_matches_its_inflected_forms(tmp_path):
    forms = finnish_base_forms()
    if forms is None:
        pytest.skip("Voikko is not installed (libvoikko from PyPI, Debian's libvoikko1 and voikko-fi)")
    (tmp_path / "policy.toml").write_text(
        '[[rule]]\nterms = ["asiakas", "Nokia", "sisäinen tieto"]\nseverity = "block"\nmessage = "m"\n',
        encoding="utf-8",
    )
    load = load_policy("policy.toml", base_dir=tmp_path, cache_dir=tmp_path)
    assert load.policy.base_forms is not None
    text = "Kiitos asiakkaillemme ja Nokialle! Sisäistä tietoa ei jaeta. Sisäilma on hyvä."
    assert customer_rule_finds(load.policy, text) == ["asiakkaillemme", "Nokialle", "Sisäistä tietoa"]


def test_builtin_false_in_the_config_leaves_the_builtin_checks_out(tmp_path):
    from somedesk.core.config_reader import parse_config

    text = "A call to +358 40 123 4567 or ada@example.com"
    on = parse_config("", name="c", fallback_zone=dt.UTC, base_dir=tmp_path)  # type: ignore[arg-type]
    off = parse_config("[policy]\nbuiltin = false\n", name="c", fallback_zone=dt.UTC, base_dir=tmp_path)  # type: ignore[arg-type]
    assert {f.rule for f in check(text, load_for_config(on, tmp_path).policy)} == {
        "builtin.phone",
        "builtin.email",
    }
    assert check(text, load_for_config(off, tmp_path).policy) == []
