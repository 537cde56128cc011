"""Writing Settings back into config.toml: tomlkit keeps the person's comments, blank lines and order;
the edited text is checked by `parse_config` (the CLI's rules and messages) before it replaces the file.

No Qt here: any face (the GUI today, a `somedesk config set` tomorrow) can edit the file the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import time
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo

import tomlkit
from tomlkit.container import Container, OutOfOrderTableProxy
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import InlineTable, Table
from tomlkit.toml_document import TOMLDocument

from somedesk.core.config import Config
from somedesk.core.config_reader import parse_config
from somedesk.core.errors import ConfigError
from somedesk.core.routine import ClockWindow
from somedesk.sources.atomicfile import write_atomic


class _Remove:
    def __repr__(self) -> str:
        return "REMOVE"


REMOVE: Final = _Remove()
"""A change's value that deletes the key (or a whole table, such as "routine.days.fri")."""

Changes = Mapping[str, object]  # dotted key ("routine.lunch") -> new value, or REMOVE

_Parent = TOMLDocument | Table | InlineTable | Container | OutOfOrderTableProxy
# What a dotted key can walk through: a [table], an { inline = table }, or a table split across the
# file ([routine] … [targets.x] … [routine.days.fri]).
_TABLES = (Table, InlineTable, OutOfOrderTableProxy)


# Values in the file's own notation ------------------------------------------------------------


def clock_text(value: time) -> str:
    return f"{value:%H:%M}"


def window_value(window: ClockWindow | None) -> list[str]:
    """["HH:MM", "HH:MM"]; [] switches the window off (no lunch on that day, no quiet hours)."""
    return [] if window is None else [clock_text(window.start), clock_text(window.end)]


def windows_value(windows: Iterable[ClockWindow]) -> list[list[str]]:
    return [window_value(w) for w in windows]


def hours_value(hours: float) -> int | float:
    """20 rather than 20.0 when the hours are whole, as a person would write them."""
    return int(hours) if float(hours).is_integer() else hours


# Reading and editing ---------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """The file's text, "" when there is none yet (Settings then creates it)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return ""
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def read_value(path: Path, key: str, default: object = None) -> object:
    """One value as the file holds it (plain Python), or `default` when the file or key is absent."""
    text = read_text(path)
    try:
        node: Any = tomlkit.parse(text).unwrap()
    except TOMLKitError:
        return default
    for part in _split(key):
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


def edited_text(text: str, changes: Changes) -> str:
    """`text` with `changes` applied; everything not changed stays byte for byte as it was."""
    document = tomlkit.parse(text)
    created: list[_NewTable] = []
    for key, value in changes.items():
        parts = _split(key)
        if value is REMOVE:
            _remove(document, parts)
        else:
            _assign(document, parts, value, created)
    if not created:
        rendered = tomlkit.dumps(document)
        if rendered.endswith("\n\n") and not text.endswith("\n\n"):
            # A removed last table leaves the blank line that stood before its header at the end.
            rendered = rendered.rstrip("\n") + "\n"
        return rendered
    return _lay_out(document, created, ends_blank=text.endswith("\n\n"))


def edit_config(path: Path, changes: Changes, *, fallback_zone: ZoneInfo) -> Config:
    """Apply `changes` to the config file at `path`, check it, write it atomically; return the new Config.

    Raises ConfigError with the CLI's one-line message when the file as it is, or as it would become,
    is not a valid config; the file is then left untouched.
    """
    target = path.resolve() if path.is_symlink() else path  # a dotfiles symlink stays a symlink
    text, new_text, config = _edit(path, target, changes, fallback_zone)
    if new_text != text:
        _write_atomically(target, new_text)
    return config


def preview_config(path: Path, changes: Changes, *, fallback_zone: ZoneInfo) -> Config:
    """The Config `edit_config` would make, without writing anything (ConfigError as it would raise).

    Lets a use case that changes more than the file (`somedesk join`: the keyring too) find out first."""
    target = path.resolve() if path.is_symlink() else path
    return _edit(path, target, changes, fallback_zone)[2]


def _edit(path: Path, target: Path, changes: Changes, fallback_zone: ZoneInfo) -> tuple[str, str, Config]:
    name = str(path)
    text = read_text(target)
    # A file already broken by hand is reported as the CLI would, before anything is edited.
    parse_config(text, name=name, fallback_zone=fallback_zone, base_dir=path.parent)
    new_text = edited_text(text, changes)
    config = parse_config(new_text, name=name, fallback_zone=fallback_zone, base_dir=path.parent)
    return text, new_text, config


# Inside the document ---------------------------------------------------------------------------


class _NewTable:
    """A table this edit added: it gets a header laid out as a person would."""

    def __init__(self, name: str, table: Table, nested: bool) -> None:
        self.name = name
        self.table = table
        self.nested = nested


def _split(key: str) -> list[str]:
    parts = key.split(".")
    if not all(parts):
        raise ValueError(f"not a dotted config key: {key!r}")
    return parts


def _assign(document: TOMLDocument, parts: Sequence[str], value: object, created: list[_NewTable]) -> None:
    parent: _Parent = document
    for depth, part in enumerate(parts[:-1]):
        if part not in parent:
            holds_value = depth == len(parts) - 2
            parent[part] = _new_table(parent, holds_value=holds_value)
            table = parent[part]
            if isinstance(table, Table) and holds_value:
                nested = not isinstance(parent, TOMLDocument)
                created.append(_NewTable(".".join(parts[: depth + 1]), table, nested))
        child = parent[part]
        if not isinstance(child, _TABLES):
            where = ".".join(parts[: depth + 1])
            raise ConfigError(f"{where}: expected a table ([{where}])")
        parent = child
    parent[parts[-1]] = value


def _new_table(parent: _Parent, *, holds_value: bool) -> Table | InlineTable:
    if isinstance(parent, InlineTable):
        return tomlkit.inline_table()  # an inline table can hold only inline tables
    # A table that only holds tables ("targets" of [targets.x]) gets no header of its own.
    return tomlkit.table(is_super_table=not holds_value)


def _lay_out(document: TOMLDocument, created: Sequence[_NewTable], *, ends_blank: bool) -> str:
    """One blank line before each new header and after a new table that lands between others.

    tomlkit guesses the blank line before a header from the item just before it, which a comment block
    ending in a blank line fools (two blank lines), and adds none after a table put inside another.
    """
    for new in created:
        if new.nested:
            new.table.add(tomlkit.nl())
    for new in created:
        new.table.trivia.indent = ""
        rendered = tomlkit.dumps(document)
        header = re.search(rf"^\[{re.escape(new.name)}\]", rendered, re.MULTILINE)
        before = rendered[: header.start()] if header else ""
        if before and not before.endswith("\n\n"):
            new.table.trivia.indent = "\n" if before.endswith("\n") else "\n\n"
    rendered = tomlkit.dumps(document)
    if rendered.endswith("\n\n") and not ends_blank:
        rendered = rendered.rstrip("\n") + "\n"  # the blank line after a nested table that came last
    return rendered


def _remove(document: TOMLDocument, parts: Sequence[str]) -> None:
    trail: list[tuple[_Parent, str]] = []
    parent: _Parent = document
    for part in parts[:-1]:
        child = parent.get(part)
        if not isinstance(child, _TABLES):
            return  # nothing there to remove
        trail.append((parent, part))
        parent = child
    if parts[-1] in parent:
        del parent[parts[-1]]
    # A table left empty by the removal ([routine.days] after its last day) goes too.
    for holder, part in reversed(trail):
        table = holder[part]
        if isinstance(table, _TABLES) and not table.unwrap():
            del holder[part]
        else:
            break


def _write_atomically(path: Path, text: str) -> None:
    """Replace the file in one step: a crash leaves the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode: int | None = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = None
    try:
        write_atomic(path, text.encode("utf-8"), mode=mode, durable=True)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be written ({exc.strerror or exc})") from None
