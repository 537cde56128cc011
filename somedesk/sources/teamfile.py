"""Reading the team file `somedesk join` is given: a file on this machine, or an https address (downloaded
through `fetch.download`, with the ETag of the last copy so an unchanged file costs one 304)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from somedesk.core.errors import ConfigError
from somedesk.sources.localfile import NotARegularFileError, TooLargeError, read_regular_file

MAX_TEAM_FILE_BYTES = 256 * 1024  # a page of settings
TIMEOUT_SECONDS = 15.0


@dataclass(frozen=True, slots=True)
class LoadedTeamFile:
    """The file's text (None when the server said it has not changed), its ETag, and its names:
    `origin` is where it is (an absolute path or the address), `name` how messages show it."""

    text: str | None
    origin: str
    name: str
    etag: str | None = None


def is_address(source: str) -> bool:
    return "://" in source


def shown_source(source: str) -> str:
    """A team file's address may carry a token: people see its scheme and host only."""
    if not is_address(source):
        return source
    from somedesk.sources.fetch import malformed_origin, origin

    return f"{origin(source) or malformed_origin(source)}/…"


def load_team_file(
    source: str, *, etag: str | None = None, timeout: float = TIMEOUT_SECONDS
) -> LoadedTeamFile:
    """The team file at `source`; ConfigError (one line) when it cannot be read."""
    source = source.strip()
    if not source:
        raise ConfigError("give the team file's path or its https:// address")
    if is_address(source):
        return _download(source, etag, timeout)
    path = Path(source).expanduser()
    try:
        path = path.resolve()
        raw = read_regular_file(path, MAX_TEAM_FILE_BYTES)  # a named pipe or /dev/zero must not hold `join`
    except TooLargeError:
        raise ConfigError(f"{source}: too large to be a team file") from None
    except NotARegularFileError:
        raise ConfigError(f"{source}: not a regular file (a device, pipe or socket)") from None
    except FileNotFoundError:
        raise ConfigError(f"{source}: there is no such file") from None
    except IsADirectoryError:
        raise ConfigError(f"{source}: that is a folder, not a team file") from None
    except OSError as error:
        raise ConfigError(f"{source}: cannot be read ({error.strerror or 'the system refused'})") from None
    return LoadedTeamFile(_decode(raw, source), str(path), source)


def _download(url: str, etag: str | None, timeout: float) -> LoadedTeamFile:
    from somedesk.sources.fetch import Unavailable, download

    name = shown_source(url)
    if not url.lower().startswith("https://"):
        raise ConfigError(f"{name}: a team file is only fetched over a secure connection (https://)")
    try:
        downloaded = download(
            url,
            timeout=timeout,
            max_bytes=MAX_TEAM_FILE_BYTES,
            too_big="the server sent far more than a team file",
            headers={"If-None-Match": etag} if etag else None,
        )
    except Unavailable as failure:
        raise ConfigError(f"{name}: {failure.reason}") from None
    headers = {key.lower(): value for key, value in downloaded.headers.items()}
    new_etag = headers.get("etag") or etag
    if downloaded.data is None:
        return LoadedTeamFile(None, url, name, new_etag)
    return LoadedTeamFile(_decode(downloaded.data, name), url, name, headers.get("etag"))


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ConfigError(f"{name}: not UTF-8 text (byte {error.start})") from None
