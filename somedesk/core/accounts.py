"""Connected accounts as the app sees them (the tokens themselves live only in the keyring)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from somedesk.core.model import Network


class AccountState(StrEnum):
    CONNECTED = "connected"
    RECONNECT_NEEDED = "reconnect-needed"


@dataclass(frozen=True, slots=True)
class Account:
    network: Network
    handle: str
    user_id: str
    expires_at: datetime | None
    state: AccountState
    connected_at: datetime


@dataclass(frozen=True, slots=True)
class Attempt:
    """One try at publishing a publication; `finished_at` None means it never came back (a crash)."""

    id: int
    publication_id: int
    started_at: datetime
    finished_at: datetime | None
    outcome: str | None
    detail: str | None
    pid: int | None = None  # the process that made it (for the record: a pid is not an owner)
    # It ended with its next part perhaps on the network (no answer, a crash, an unexpected error): the
    # next attempt takes a duplicate refusal of that part as "it is there" and looks for it.
    in_doubt: bool = False
