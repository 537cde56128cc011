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
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from somedesk.core.config import Config
from somedesk.core.errors import PolicyError
from somedesk.core.policy import BaseForms, Finding, Policy, check, parse_policy

log = logging.getLogger(__name__)

MAX_POLICY_BYTES = 1024 * 1024  # a policy is a page of rules, not a megabyte of them
DEFAULT_TIMEOUT = 10.0


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
    load = load_policy(
        config.policy.source, base_dir=config.base_dir, cache_dir=cache_dir / "policy", timeout=timeout
    )
    if config.policy.builtin:
        return load
    return PolicyLoad(dataclasses.replace(load.policy, builtins={}), load.warning)


class PolicyChecker:
    """The publisher's check: the policy the current config names, loaded afresh for each post, so an
    edited or updated policy applies at once. Raises PolicyError when the policy cannot be used."""

    def __init__(
        self, config: Callable[[], Config], cache_dir: Path, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        self.config = config
        self.cache_dir = cache_dir
        self.timeout = timeout

    def __call__(self, text: str) -> list[Finding]:
        load = load_for_config(self.config(), self.cache_dir, self.timeout)
        if load.warning:
            log.warning("policy: %s", load.warning)
        return check(text, load.policy)


# Getting the text -----------------------------------------------------------------------------


def _resolve(source: str, base_dir: Path) -> Path:
    try:
        path = Path(source).expanduser()
    except RuntimeError:  # no home folder to expand "~" into: the path is used as written
        path = Path(source)
    return path if path.is_absolute() else base_dir / path


def _read_file(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_POLICY_BYTES + 1)
    except FileNotFoundError:
        raise PolicyError(f"{path}: no such policy file") from None
    except IsADirectoryError:
        raise PolicyError(f"{path}: is a folder, not a policy file") from None
    except OSError as error:
        raise PolicyError(f"{path}: cannot be read ({error.strerror or 'the system refused'})") from None
    if len(data) > MAX_POLICY_BYTES:
        raise PolicyError(f"{path}: too large to be a policy file (over 1 MB)")
    return data


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PolicyError(f"{name}: not UTF-8 text (byte {exc.start})") from None


def _load_url(source: str, cache_dir: Path, timeout: float) -> PolicyLoad:
    # Imported here: fetching brings requests, which a policy file on disk never needs.
    from somedesk.sources.calendars import LastGoodCopies, redact_source
    from somedesk.sources.fetch import Unavailable, download

    class PolicyCopies(LastGoodCopies):
        """The last good copy of each policy address, named by a hash of the address."""

        def path(self, url: str) -> Path:
            return super().path(url).with_suffix(".toml")

    copies = PolicyCopies(cache_dir)
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
