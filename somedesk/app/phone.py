"""Your phone in the loop (use cases): set up, test, status, off, and the sync that makes the ntfy server
hold what the schedule says — plus the inbox, whose messages become drafts once, in order.

A sync never raises because the server is down, slow or refusing: the schedule change that asked for it
has already been committed, the failure is recorded (one line, for `phone status`) and
`PhoneSyncer` (app/phonesync.py) tries again with backoff. What the server holds is remembered in the store
(`phone_messages`), so each sync sends only what changed.
"""

from __future__ import annotations

import logging
import secrets as random_secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from somedesk.core.drafts import Draft, Publication, PublicationState
from somedesk.core.errors import InvalidInputError, UserError
from somedesk.core.phone import (
    Held,
    MessageKind,
    PhoneItem,
    Plan,
    Wanted,
    desired,
    inbox_topic,
    plan,
    sequence_id,
    taken_over,
    valid_topic,
)
from somedesk.core.phone_settings import server_problem
from somedesk.store.phone import (
    ENABLED,
    LAST_ERROR,
    LAST_ERROR_AT,
    NO_COPY,
    PREFIX,
    SENT_TO_PHONE,
    SYNCED_AT,
    PhoneRecords,
)

if TYPE_CHECKING:
    from somedesk.app.services import Somedesk
    from somedesk.networks.credentials import Secrets
    from somedesk.networks.ntfy import NtfyClient, PhoneMessage

log = logging.getLogger(__name__)

LATER = "the phone will be updated later"
NOT_SET_UP = "your phone is not set up yet: somedesk phone setup"
TOPIC_HELP = "a topic is 1–58 letters, digits, - or _ (it is your phone's private channel)"
TEST_TEXT = "somedesk can reach this phone: reminders for your moments will appear here."
ClientFactory = Callable[[str, str, "str | None"], "NtfyClient"]


@dataclass(frozen=True, slots=True)
class SyncResult:
    sent: int = 0
    cancelled: int = 0
    drafts: list[Draft] = field(default_factory=list)
    error: str | None = None  # one line; None when everything went through
    retry: bool = True  # would trying again later help without the person doing anything?

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class PhoneStatus:
    server: str
    set_up: bool
    holding: int  # reminders the server holds for you (scheduled, not delivered yet)
    behind: int  # changes not on the server yet
    last_error: str | None
    last_error_at: datetime | None
    synced_at: datetime | None

    def as_json(self) -> dict[str, object]:
        return {
            "server": self.server,
            "set_up": self.set_up,
            "holding": self.holding,
            "behind": self.behind,
            "last_error": self.last_error,
            "last_error_at": self.last_error_at.isoformat() if self.last_error_at else None,
            "synced_at": self.synced_at.isoformat() if self.synced_at else None,
        }


def _default_client(server: str, topic: str, token: str | None) -> NtfyClient:
    from somedesk.networks.ntfy import NtfyClient

    return NtfyClient(server, topic, token)


def new_topic() -> str:
    """A topic nobody will guess: the topic is the only lock on a public server's channel."""
    return "somedesk_" + random_secrets.token_urlsafe(18).replace("-", "x").replace("_", "y")


class Phone:
    """The phone use cases over one app (its config, store and clock) and the keyring."""

    def __init__(
        self, app: Somedesk, secrets: Secrets, client_factory: ClientFactory = _default_client
    ) -> None:
        self.app = app
        self.secrets = secrets
        self.records = PhoneRecords(app.store)
        self.client_factory = client_factory
        self._lock = threading.Lock()  # one sync at a time in this process

    # Set-up -----------------------------------------------------------------------------------

    @property
    def set_up(self) -> bool:
        return self.app.store.setting(ENABLED) == "1"

    def setup(self, topic: str | None, token: str | None, server: str | None = None) -> str:
        """Keep the topic (a new hard-to-guess one when None) and token in the keyring, and the server in
        config.toml. Returns the topic, for the person to subscribe to."""
        topic = (topic or "").strip() or new_topic()
        if not valid_topic(topic):
            raise InvalidInputError(TOPIC_HELP)
        token = (token or "").strip() or None
        if token is not None and (not token.isascii() or any(c.isspace() for c in token)):
            raise InvalidInputError("an access token is one word of letters and digits (tk_…)")
        if server is not None:
            server = server.strip().rstrip("/")
            if (problem := server_problem(server)) is not None:
                raise InvalidInputError(f"the server address: {problem}")
        from somedesk.networks.credentials import SecretName

        if self.set_up:
            self._leave(topic, server or self.app.config.phone.server)
        self.secrets.set_app(SecretName.PHONE_TOPIC, topic)
        if token is None:
            self.secrets.delete_app(SecretName.PHONE_TOKEN)
        else:
            self.secrets.set_app(SecretName.PHONE_TOKEN, token)
        if server is not None and server != self.app.config.phone.server:
            self.app.change_config({"phone.server": server})
        if self.app.store.setting(PREFIX) is None:
            self.app.store.set_setting(PREFIX, "sd" + random_secrets.token_hex(3))
        self.app.store.set_setting(ENABLED, "1")
        self.app.store.set_setting(NO_COPY, None)
        return topic

    def _leave(self, topic: str, server: str) -> None:
        """A new topic or server: what the old one holds is cancelled there (best effort) and forgotten
        here, so the next sync puts it on the new one. The same topic on the same server keeps it all."""
        from somedesk.networks.ntfy import PhoneError

        try:
            old_topic = self._secrets()[0]
        except UserError:  # the keyring lost it: nothing can be cancelled there
            self.records.forget_all()
            return
        if old_topic == topic and server == self.app.config.phone.server:
            return
        client = self._client()  # still the old topic and server
        try:
            for held in self.records.held():
                client.cancel(held.sequence_id)
        except PhoneError as error:
            log.warning("the old topic's reminders could not be cancelled: %s", error)
        finally:
            client.close()
        self.records.forget_all()

    def topic(self) -> str:
        """The topic, for the person who asks to see it (to subscribe); never logged."""
        return self._secrets()[0]

    def subscribe_url(self) -> str:
        """What the ntfy app scans to subscribe: ntfy://host/topic (http servers: ?secure=false)."""
        server = self.app.config.phone.server
        scheme, _, host = server.partition("://")
        suffix = "?secure=false" if scheme == "http" else ""
        return f"ntfy://{host}/{self.topic()}{suffix}"

    def off(self) -> int:
        """Cancel everything pending on the server and remove the secrets. Returns how many were
        cancelled; a server that cannot be reached is said in one line (the secrets go anyway)."""
        from somedesk.networks.credentials import SecretName
        from somedesk.networks.ntfy import PhoneError

        problem = None
        cancelled = 0
        if self.set_up:
            client = self._client()
            try:
                for held in self.records.held():
                    client.cancel(held.sequence_id)
                    cancelled += 1
            except PhoneError as error:
                problem = str(error)
            finally:
                client.close()
        self.records.forget_all()
        self.secrets.delete_app(SecretName.PHONE_TOPIC)
        self.secrets.delete_app(SecretName.PHONE_TOKEN)
        for key in (ENABLED, LAST_ERROR, LAST_ERROR_AT, SYNCED_AT, NO_COPY):
            self.app.store.set_setting(key, None)
        if problem is not None:
            raise UserError(f"phone switched off here, but reminders already on the server stay: {problem}")
        return cancelled

    def test(self) -> None:
        """Send one message now; PhoneError with the reason when it cannot."""
        from somedesk.networks.ntfy import PhoneMessage

        self._require_set_up()
        client = self._client()
        try:
            client.publish(PhoneMessage("somedesk", TEST_TEXT, tags=("wave",)))
        finally:
            client.close()

    # Status -----------------------------------------------------------------------------------

    def status(self) -> PhoneStatus:
        now = self.app.clock()
        held = self.records.held()
        behind = 0
        if self.set_up:
            todo = self.plan(now)
            behind = len(todo.send) + len(todo.cancel)
        error_at = self.app.store.setting(LAST_ERROR_AT)
        synced_at = self.app.store.setting(SYNCED_AT)
        return PhoneStatus(
            server=self.app.config.phone.server,
            set_up=self.set_up,
            holding=sum(1 for h in held if h.deliver_at > now),
            behind=behind,
            last_error=self.app.store.setting(LAST_ERROR),
            last_error_at=datetime.fromisoformat(error_at) if error_at else None,
            synced_at=datetime.fromisoformat(synced_at) if synced_at else None,
        )

    # The sync -------------------------------------------------------------------------------

    def items(self) -> list[PhoneItem]:
        reminded = self.app.store.notices("remind")
        found = []
        for publication, draft in self.app.store.scheduled():
            if publication.scheduled_at is None:
                continue
            found.append(_item(publication, draft, self.app.effective_mode(publication), reminded))
        return found

    def plan(self, now: datetime) -> Plan:
        settings = self.app.config.phone
        wanted = desired(
            now,
            self.items(),
            settings,
            routine=self.app.config.routine,
            paused_until=self.app.paused_until(),
        )
        waiting = {
            p.id for p in self.app.store.publications_in(PublicationState.SCHEDULED, PublicationState.MISSED)
        }
        return plan(now, wanted, self.records.held(), waiting)

    def sync(self, *, inbox: bool = True) -> SyncResult:
        """Make the server hold what the schedule says, then (with `inbox`) pull the inbox into drafts.
        Never raises for the server's trouble: the result (and `phone status`) says it."""
        from somedesk.networks.ntfy import PhoneError

        if not self.set_up:
            return SyncResult()
        with self._lock:
            now = self.app.clock()
            todo = self.plan(now)
            sent = cancelled = 0
            drafts: list[Draft] = []
            try:
                if todo.send or todo.cancel or inbox:
                    client = self._client()
                    try:
                        sent, cancelled = self._apply(client, todo, now)
                        if inbox:
                            drafts = self._pull_inbox(client, now)
                    finally:
                        self._remember_copy(client)
                        client.close()
            except PhoneError as error:
                self._record_error(str(error), now)
                log.warning("phone sync: %s", error)
                return SyncResult(sent, cancelled, drafts, str(error), error.retry)
            except UserError as error:  # the keyring is locked or gone
                self._record_error(str(error), now)
                return SyncResult(sent, cancelled, drafts, str(error), True)
            self.app.store.set_setting(LAST_ERROR, None)
            self.app.store.set_setting(LAST_ERROR_AT, None)
            self.app.store.set_setting(SYNCED_AT, now.astimezone(UTC).isoformat(timespec="seconds"))
            if sent or cancelled or drafts:
                log.info("phone sync: %d sent, %d cancelled, %d new drafts", sent, cancelled, len(drafts))
            return SyncResult(sent, cancelled, drafts)

    def _apply(self, client: NtfyClient, todo: Plan, now: datetime) -> tuple[int, int]:
        from somedesk.networks.ntfy import PhoneError

        prefix = self.app.store.setting(PREFIX) or "sd"
        sent = cancelled = 0
        for held in todo.cancel:
            client.cancel(held.sequence_id)
            self.records.forget(held.publication_id)
            cancelled += 1
        for wanted in todo.send:
            key = sequence_id(prefix, wanted.publication_id)
            try:
                client.publish(_message(wanted), key)
            except PhoneError as error:
                if error.kind not in ("too-far", "too-soon"):
                    raise
                # The server's own limits differ from ntfy.sh's: it is tried again at the next sync.
                log.info("phone sync: publication %s not sent yet (%s)", wanted.publication_id, error.kind)
                continue
            self.records.remember(
                Held(wanted.publication_id, key, wanted.kind, wanted.deliver_at, wanted.fingerprint), now
            )
            sent += 1
        return sent, cancelled

    def _pull_inbox(self, client: NtfyClient, now: datetime) -> list[Draft]:
        from somedesk.store.phone import INBOX_SINCE

        topic = inbox_topic(self._secrets()[0])
        drafts = []
        for message in client.poll(topic, self.app.store.setting(INBOX_SINCE)):
            if not message.text.strip():
                self.records.skip_inbox_message(message.id)
                continue
            draft = self.records.take_inbox_message(message.id, message.text.strip(), now)
            if draft is not None:
                drafts.append(draft)
        return drafts

    # The phone took over --------------------------------------------------------------------

    def take_over(self, now: datetime) -> list[Publication]:
        """Publications whose dead man's switch (or at-moment reminder) went out to the phone while the
        desktop did nothing: they now wait as "sent to your phone" instead of going out late."""
        if not self.set_up:
            return []
        items = self.items()
        moved = []
        for publication_id in taken_over(now, items, self.records.held(), self.app.config.phone):
            draft_id = self.app.store.publication(publication_id).draft_id
            reason = (
                "Sent to your phone while the computer was away; choose: I posted it (somedesk phone posted "
                f"{draft_id}), post now (publish {draft_id}), next moment (schedule {draft_id} --next) or "
                f"back to drafts (unschedule {draft_id})"
            )
            try:
                self.records.mark_sent_to_phone(publication_id, reason, now)
            except UserError:  # it moved on meanwhile (published, unscheduled): nothing to do
                continue
            moved.append(self.app.store.publication(publication_id))
        return moved

    def posted_it(self, publication_id: int) -> None:
        """The person posted it themselves ("I posted it"): it counts as published (no link). The reply
        window's reminders go to the phone too, since that is where the post was made."""
        now = self.app.clock()
        if not self.records.mark_posted_from_phone(publication_id, now):
            raise InvalidInputError("that post is not waiting any more")
        publication = self.app.store.publication(publication_id)
        if self.set_up and publication.network.value == "linkedin":
            self._reply_reminders(publication_id, now)

    def _reply_reminders(self, publication_id: int, now: datetime) -> None:
        from datetime import timedelta

        from somedesk.networks.ntfy import PhoneError, PhoneMessage

        prefix = self.app.store.setting(PREFIX) or "sd"
        try:
            client = self._client()
        except UserError as error:
            log.warning("reply reminders not sent to the phone: %s", error)
            return
        try:
            for index, minutes in enumerate(self.app.config.publishing.reply_reminders):
                body = f"Your LinkedIn post went out {minutes} minutes ago: answer the comments."
                at = now + timedelta(minutes=minutes)
                key = f"{prefix}-r{publication_id}-{index}"
                client.publish(PhoneMessage("Time to answer comments", body, at), key)
        except PhoneError as error:
            log.warning("reply reminders not sent to the phone: %s", error)
        finally:
            client.close()

    # Helpers --------------------------------------------------------------------------------

    def _require_set_up(self) -> None:
        if not self.set_up:
            raise InvalidInputError(NOT_SET_UP)

    def _secrets(self) -> tuple[str, str | None]:
        from somedesk.networks.credentials import SecretName

        topic = self.secrets.get_app(SecretName.PHONE_TOPIC)
        if not topic:
            raise InvalidInputError(NOT_SET_UP)
        return topic, self.secrets.get_app(SecretName.PHONE_TOKEN)

    def _client(self) -> NtfyClient:
        topic, token = self._secrets()
        client = self.client_factory(self.app.config.phone.server, topic, token)
        client.copy_supported = self.app.store.setting(NO_COPY) != "1"
        return client

    def _remember_copy(self, client: NtfyClient) -> None:
        if not client.copy_supported and self.app.store.setting(NO_COPY) != "1":
            self.app.store.set_setting(NO_COPY, "1")

    def _record_error(self, line: str, now: datetime) -> None:
        self.app.store.set_setting(LAST_ERROR, line)
        self.app.store.set_setting(LAST_ERROR_AT, now.astimezone(UTC).isoformat(timespec="seconds"))


def _item(publication: Publication, draft: Draft, mode: str, reminded: set[str]) -> PhoneItem:
    assert publication.scheduled_at is not None
    return PhoneItem(
        publication_id=publication.id,
        network=publication.network,
        at=publication.scheduled_at,
        mode=mode,
        moment_kind=publication.moment_kind,
        label=publication.moment_label or "",
        text=draft.text,
        reminded=publication.reminder_key in reminded,
    )


def _message(wanted: Wanted) -> PhoneMessage:
    from somedesk.networks.ntfy import Action, PhoneMessage

    actions = tuple(Action("view" if b.kind == "view" else "copy", b.label, b.value) for b in wanted.buttons)
    urgent = wanted.kind is MessageKind.TAKEOVER
    tags = ("alarm_clock",) if urgent else ("memo",)
    return PhoneMessage(wanted.title, wanted.body, wanted.deliver_at, actions, tags, 4 if urgent else None)


__all__ = ["LATER", "SENT_TO_PHONE", "Phone", "PhoneStatus", "SyncResult", "new_topic"]
