"""Reading the policy the config names (`[policy] source`): a file beside the config, or an https
address fetched with a timeout and kept as a last good copy, as calendar links are (`calendars`).

The rules themselves live in `somedesk.core.policy`. Where Voikko is installed (the `libvoikko`
Python module with Debian's `libvoikko1` and `voikko-fi`), terms written in a Finnish base form also
match their inflected forms; without it the policy works the same, minus that.
"""

from __future__ import annotations

import dataclasses
import importlib
import logging
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from somedesk.core.config import Config
from somedesk.core.errors import PolicyError
from somedesk.core.policy import Finding, Policy, check
from somedesk.core.policy_matching import BaseForms
from somedesk.core.policy_reader import parse_policy
from somedesk.sources.localfile import NotARegularFileError, TooLargeError, read_regular_file

if TYPE_CHECKING:
    from somedesk.sources.calendars import LastGoodCopies

log = logging.getLogger(__name__)

MAX_POLICY_BYTES = 1024 * 1024  # a policy is a page of rules, not a megabyte of them
DEFAULT_TIMEOUT = 10.0
# Publishing never waits on the policy's server (issue 13): a policy address is fetched again in the
# background once what the publisher holds is this old, and waited for only when there is no copy at all.
REFRESH_AFTER_SECONDS = 300.0
FIRST_FETCH_TIMEOUT = 3.0


@dataclass(frozen=True, slots=True)
class PolicyLoad:
    """The policy to check against, and a line to tell the person when it is an old copy."""

    policy: Policy
    warning: str | None = None


def load_policy(
    source: str,
    *,
    base_dir: Path,
    cache_dir: Path,
    timeout: float = DEFAULT_TIMEOUT,
    base_forms: Callable[[], BaseForms | None] | None = None,
) -> PolicyLoad:
    """The policy at `source` ("" = the built-in rules alone); raises PolicyError when it cannot be used.

    An https address that cannot be fetched, or that now serves something that is not a policy,
    falls back to the last good copy (with a warning); `base_forms` makes the Finnish base-form
    matcher (default: Voikko where installed).
    """
    source = source.strip()
    if not source:
        return PolicyLoad(Policy())
    if "://" in source:
        load = _load_url(source, cache_dir, timeout)
    else:
        path = _resolve(source, base_dir)
        load = PolicyLoad(parse_policy(_decode(_read_file(path), str(path)), name=str(path)))
    if load.policy.wants_base_forms:
        forms = (base_forms or finnish_base_forms)()
        return PolicyLoad(load.policy.with_base_forms(forms), load.warning)
    return load


def load_for_config(config: Config, cache_dir: Path, timeout: float = DEFAULT_TIMEOUT) -> PolicyLoad:
    """The policy `config` names; its cached copies live in `cache_dir`/policy. With `[policy] builtin
    = false` the built-in checks for personal data are left out, whatever the policy file says."""
    return as_configured(_load_named(config, cache_dir, timeout), config)


def as_configured(load: PolicyLoad, config: Config) -> PolicyLoad:
    """`load` with `[policy] builtin = false` applied: however the policy came (read, downloaded, a
    copy on disk, held by the checker), the person's switch decides the built-in checks."""
    if config.policy.builtin:
        return load
    return PolicyLoad(dataclasses.replace(load.policy, builtins={}), load.warning)


def _load_named(config: Config, cache_dir: Path, timeout: float) -> PolicyLoad:
    return load_policy(
        config.policy.source, base_dir=config.base_dir, cache_dir=cache_dir / "policy", timeout=timeout
    )


class PolicyChecker:
    """The publisher's check against the policy the current config names. Raises PolicyError when the
    policy cannot be used.

    A policy file is read afresh for each post, so an edited policy applies at once. A policy address
    is never waited on while posting: the policy last loaded (or else the last good copy on disk) is
    used at once, and a thread fetches the address again when that is over REFRESH_AFTER_SECONDS old.
    Only when there is no copy at all is the address fetched while posting, for at most
    `first_fetch_timeout` seconds — a post must not go out unchecked.
    """

    def __init__(
        self,
        config: Callable[[], Config],
        cache_dir: Path,
        timeout: float = DEFAULT_TIMEOUT,
        *,
        first_fetch_timeout: float = FIRST_FETCH_TIMEOUT,
        refresh_after: float = REFRESH_AFTER_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self.cache_dir = cache_dir
        self.timeout = timeout
        self.first_fetch_timeout = first_fetch_timeout
        self.refresh_after = refresh_after
        self.clock = clock
        self._lock = threading.Lock()
        self._held: tuple[str, PolicyLoad, float] | None = None  # source, its policy, when loaded
        self._refreshing: threading.Thread | None = None

    def __call__(self, text: str) -> list[Finding]:
        load = self.policy()
        if load.warning:
            log.warning("policy: %s", load.warning)
        return check(text, load.policy)

    def policy(self) -> PolicyLoad:
        """The policy a post is checked against now, without waiting on a policy address (see above)."""
        config = self.config()
        source = config.policy.source.strip()
        if "://" not in source:
            return load_for_config(config, self.cache_dir, self.timeout)
        return as_configured(self._address_policy(config, source), config)

    def _address_policy(self, config: Config, source: str) -> PolicyLoad:
        """The address's policy as loaded (all its checks): the config's switches apply on top."""
        with self._lock:
            held = self._held if self._held is not None and self._held[0] == source else None
        if held is None:
            copy = cached_policy(source, self.cache_dir / "policy")
            if copy is not None:
                load, age = copy
                held = self._hold(source, load, self.clock() - age)
        if held is None:
            # No copy anywhere: the first post waits, briefly, rather than going out unchecked.
            load = _load_named(config, self.cache_dir, min(self.timeout, self.first_fetch_timeout))
            held = self._hold(source, load, self.clock())
        if self.clock() - held[2] >= self.refresh_after:
            self._refresh_in_background(config, source)
        return held[1]

    def _hold(self, source: str, load: PolicyLoad, loaded_at: float) -> tuple[str, PolicyLoad, float]:
        held = (source, load, loaded_at)
        with self._lock:
            self._held = held
        return held

    def _refresh_in_background(self, config: Config, source: str) -> None:
        with self._lock:
            if self._refreshing is not None and self._refreshing.is_alive():
                return
            self._refreshing = threading.Thread(
                target=self._refresh, args=(config, source), name="policy refresh", daemon=True
            )
            self._refreshing.start()

    def _refresh(self, config: Config, source: str) -> None:
        try:
            load = _load_named(config, self.cache_dir, self.timeout)
        except PolicyError as error:
            log.warning("policy: %s", error)
            return
        self._hold(source, load, self.clock())

    def wait_for_refresh(self, timeout: float | None = None) -> None:
        """Wait for a background refresh still running (tests; an orderly shutdown)."""
        with self._lock:
            refreshing = self._refreshing
        if refreshing is not None:
            refreshing.join(timeout)


def cached_policy(source: str, cache_dir: Path) -> tuple[PolicyLoad, float] | None:
    """The last good copy of a policy address and its age in seconds, read without any network; None
    when there is none, or it no longer reads as a policy."""
    from somedesk.sources.calendars import redact_source

    copy = _copies(cache_dir).read(source.strip())
    if copy is None:
        return None
    data, age = copy
    name = redact_source(source.strip())
    try:
        policy = parse_policy(_decode(data, name), name=name)
    except PolicyError:
        return None
    if policy.wants_base_forms:
        policy = policy.with_base_forms(finnish_base_forms())
    return PolicyLoad(policy), age


# Getting the text -----------------------------------------------------------------------------


def _resolve(source: str, base_dir: Path) -> Path:
    try:
        path = Path(source).expanduser()
    except RuntimeError:  # no home folder to expand "~" into: the path is used as written
        path = Path(source)
    return path if path.is_absolute() else base_dir / path


def _read_file(path: Path) -> bytes:
    try:
        return read_regular_file(path, MAX_POLICY_BYTES)  # a named pipe or /dev/zero must not hold a check
    except TooLargeError:
        raise PolicyError(f"{path}: too large to be a policy file (over 1 MB)") from None
    except NotARegularFileError:
        raise PolicyError(f"{path}: not a regular file (a device, pipe or socket)") from None
    except FileNotFoundError:
        raise PolicyError(f"{path}: no such policy file") from None
    except IsADirectoryError:
        raise PolicyError(f"{path}: is a folder, not a policy file") from None
    except OSError as error:
        raise PolicyError(f"{path}: cannot be read ({error.strerror or 'the system refused'})") from None


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PolicyError(f"{name}: not UTF-8 text (byte {exc.start})") from None


def _load_url(source: str, cache_dir: Path, timeout: float) -> PolicyLoad:
    # Imported here: fetching brings requests, which a policy file on disk never needs.
    from somedesk.sources.calendars import redact_source
    from somedesk.sources.fetch import Unavailable, download

    copies = _copies(cache_dir)
    scheme, _, _ = source.partition("://")
    name = redact_source(source)
    if scheme.lower() != "https":
        raise PolicyError(f"policy {name}: only https:// addresses are fetched")
    try:
        downloaded = download(
            source,
            timeout=timeout,
            max_bytes=MAX_POLICY_BYTES,
            too_big="could not be used (too large to be a policy)",
        )
    except Unavailable as failure:
        data, trouble = b"", failure.reason
    else:
        data, trouble = downloaded.data or b"", ""
    error: PolicyError | None = None
    if not trouble:
        try:
            policy = parse_policy(_decode(data, name), name=name)
        except PolicyError as exc:
            # A login page or a broken edit must not replace the policy that worked.
            error, trouble = exc, str(exc).removeprefix(name).lstrip(":, ")
        else:
            copies.keep(source, data)
            return PolicyLoad(policy)
    try:
        content = copies.stale_content(source, f"policy {name}", trouble)
    except Unavailable:
        raise error or PolicyError(f"policy {name}: {trouble}") from None
    return PolicyLoad(parse_policy(_decode(content.data, name), name=name), content.stale)


def _copies(cache_dir: Path) -> LastGoodCopies:
    from somedesk.sources.calendars import LastGoodCopies

    class PolicyCopies(LastGoodCopies):
        """The last good copy of each policy address, named by a hash of the address."""

        def path(self, url: str) -> Path:
            return super().path(url).with_suffix(".toml")

    return PolicyCopies(cache_dir)


# Finnish base forms ---------------------------------------------------------------------------


class _VoikkoBaseForms:
    """Base forms of Finnish words from Voikko, remembered per word. Voikko is not thread-safe: a lock."""

    def __init__(self, voikko: Any) -> None:
        self._voikko = voikko
        self._lock = threading.Lock()
        self._known: dict[str, frozenset[str]] = {}

    def __call__(self, word: str) -> Collection[str]:
        known = self._known.get(word)
        if known is not None:
            return known
        with self._lock:
            analyses = self._voikko.analyze(word)
        forms = frozenset(str(a["BASEFORM"]) for a in analyses if a.get("BASEFORM"))
        if len(self._known) < 50_000:
            self._known[word] = forms
        return forms


def finnish_base_forms() -> BaseForms | None:
    """A base-form finder for Finnish from Voikko, or None when Voikko or its dictionary is missing."""
    try:
        libvoikko = importlib.import_module("libvoikko")
        voikko = libvoikko.Voikko("fi")
    except Exception as error:  # no module, no libvoikko.so.1, no Finnish dictionary: all mean "without"
        log.info("Finnish base forms are off (Voikko: %s)", type(error).__name__)
        return None
    return _VoikkoBaseForms(voikko)
