"""Chaos: random interleavings of schedule / edit / unschedule / publish / SIGKILL across two command-line
processes and `somedesk run`, against the fake LinkedIn and X with random faults (issue 12).

Everything is real: each step is a `python -m somedesk ...` process, the runtime is `somedesk run`,
the networks are the contract fakes (which record every post they created). Each round makes one
draft for X, LinkedIn or both, scripts 0-2 faults (a 503, a post created but answered 504/503, a
slow answer that leaves a window for a kill, a rate limit), then runs 3-6 random steps on two lanes
of command-line processes and the runtime, with random pauses and SIGKILLs. Then the round settles
(the runtime restarted if it was killed, as the person's next login would; nudged as the CLI does)
and the invariants are checked against the fakes and the store:

- never a double post: one draft makes at most one post (LinkedIn) or one thread (X) per network;
- never a thread mixing two texts, and a thread's parts in order, each once (no fork, no gap);
- never a post left `publishing`;
- every post ends published, scheduled, draft, failed or needs-attention, the last two with a reason;
  a scheduled one is in the future (not stuck), a published one names a post that exists;
- never a traceback from a command.

Rounds: SOMEDESK_CHAOS_ROUNDS (default 30: 31 s measured here, 4 rounds at a time). The issue's 200
took 341 s on this shared two-core machine (551 commands, 93 SIGKILLs), well over a 60-90 s budget,
so they run with SOMEDESK_CHAOS_ROUNDS=200, in a job of their own. The seed
(SOMEDESK_CHAOS_SEED, default 12) fixes each round's script; the timing between concurrent rounds
and processes is the machine's, so a failure names its round, seed and story to look into.

Violations that come from defects another change fixes are listed in KNOWN_OPEN with their defect
number and reported as an expected failure naming them; any other violation fails the test.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

import pytest

from somedesk.core.accounts import Account, AccountState
from somedesk.core.model import Network
from somedesk.desktop.instance import send
from somedesk.networks.credentials import SecretName, Secrets
from somedesk.store import Store
from somedesk.store.publishing import PublishingRecords
from tests.fakes.linkedin import FakeLinkedIn
from tests.fakes.x import FakeX
from tests.keyrings import FileKeyring

ROUNDS = int(os.environ.get("SOMEDESK_CHAOS_ROUNDS", "30"))
SEED = int(os.environ.get("SOMEDESK_CHAOS_SEED", "12"))
# Rounds run this many at a time, each with its own draft and two lanes, all against the one
# runtime and the same fakes (a fault or a runtime kill scripted by one round may hit another's post).
WORKERS = int(os.environ.get("SOMEDESK_CHAOS_WORKERS", "4"))
STEP_TIMEOUT = 60.0  # a command that takes longer than this hangs (a publish retries for ~15 s at most)
SETTLE_TIMEOUT = 45.0

CONFIG = """
[routine]
timezone = "UTC"
workdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
quiet_hours = []

[publishing]
reply_reminders = []
"""
TOKEN = re.compile(r"r(\d+)v(\d+)p(\d+)")
FINAL = {"published", "scheduled", "draft", "failed", "needs-attention"}

# Invariants that fail today because of a defect of issue 12 that another change fixes (its
# number), recognised by what the violation says. Remove an entry once its fix is merged.
# Violations that come from a defect still open, by invariant: (defect, pattern of the violation).
# Empty: defects 1, 2, 7 and 11, which this test found on the code before issue 12, are fixed, so
# every violation fails the test.
KNOWN_OPEN: dict[str, list[tuple[str, re.Pattern[str]]]] = {}


@dataclass
class Violation:
    invariant: str
    round: int
    detail: str

    def known(self) -> str | None:
        for defect, pattern in KNOWN_OPEN.get(self.invariant, []):
            if pattern.search(self.detail):
                return defect
        return None

    def __str__(self) -> str:
        return f"round {self.round} (seed {SEED}): {self.invariant}: {self.detail}"


@dataclass
class World:
    home: Path
    logs: Path
    env: dict[str, str]
    x: FakeX
    linkedin: FakeLinkedIn
    runtime: subprocess.Popen[bytes] | None = None
    runtime_out: IO[bytes] | None = None
    violations: list[Violation] = field(default_factory=list)
    commands: int = 0
    kills: int = 0
    lock: threading.RLock = field(default_factory=threading.RLock)  # the runtime, the counters

    # -- processes ----------------------------------------------------------------------------------
    def command(self, *args: str) -> tuple[subprocess.Popen[bytes], Path]:
        with self.lock:
            self.commands += 1
            err = self.logs / f"cmd-{self.commands}.err"
        with err.open("wb") as stderr:
            process = subprocess.Popen(
                [sys.executable, "-m", "somedesk", *args],
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
        return process, err

    def start_runtime(self) -> None:
        with self.lock:
            if not self.runtime_alive():
                self._start_runtime()

    def restart_if_dead(self) -> None:
        with self.lock:
            if not self.runtime_alive():
                self.kill_runtime()  # reaps it and closes its output
                self._start_runtime()

    def _start_runtime(self) -> None:
        self._close_runtime_out()
        out = self.logs / f"run-{time.monotonic_ns()}.out"
        self.runtime_out = out.open("wb")
        self.runtime = subprocess.Popen(
            [sys.executable, "-m", "somedesk", "run"],
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=self.runtime_out,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 15
        while b"somedesk is running for" not in out.read_bytes():
            if self.runtime.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"somedesk run did not start: {out.read_text(errors='replace')}")
            time.sleep(0.02)

    def runtime_alive(self) -> bool:
        return self.runtime is not None and self.runtime.poll() is None

    def kill_runtime(self) -> bool:
        with self.lock:
            killed = False
            if self.runtime is not None and self.runtime.poll() is None:
                self.runtime.send_signal(signal.SIGKILL)
                self.runtime.wait(10)
                self.kills += 1
                killed = True
            if self.runtime is not None:
                self.runtime.wait(10)
            self._close_runtime_out()
            return killed

    def stop_runtime(self) -> None:
        if self.runtime is not None and self.runtime.poll() is None:
            self.runtime.send_signal(signal.SIGTERM)
            try:
                self.runtime.wait(30)
            except subprocess.TimeoutExpired:
                self.runtime.kill()
                self.runtime.wait(10)
        self._close_runtime_out()

    def _close_runtime_out(self) -> None:
        if self.runtime_out is not None:
            self.runtime_out.close()
            self.runtime_out = None

    def add(self, violation: Violation) -> None:
        with self.lock:
            if violation not in self.violations:  # the final pass finds a round's post violations again
                self.violations.append(violation)

    def nudge(self) -> None:
        send(self.home, "reconcile")

    # -- the store, read as any other process would ---------------------------------------------------
    def publications(self, draft_id: int) -> list[dict[str, object]]:
        store = Store.open(self.home / "somedesk.db")
        try:
            draft = store.draft(draft_id)
            return [
                {
                    "id": p.id,
                    "network": p.network.value,
                    "state": p.state.value,
                    "reason": p.reason or "",
                    "url": p.url or "",
                    "at": p.scheduled_at,
                }
                for p in draft.publications
            ]
        finally:
            store.close()

    def add_draft(self, text: str, networks: list[Network]) -> int:
        store = Store.open(self.home / "somedesk.db")
        try:
            return store.add_draft(text, networks, datetime.now(UTC)).id
        finally:
            store.close()


def seed_accounts(home: Path, x: FakeX, linkedin: FakeLinkedIn, secrets: Secrets) -> None:
    (home / "config.toml").write_text(
        CONFIG
        + f'\n[networks.linkedin]\nclient_id = "{linkedin.client_id}"\n'
        + f'\n[networks.x]\nclient_id = "{x.client_id}"\n',
        encoding="utf-8",
    )
    store = Store.open(home / "somedesk.db")
    now = datetime.now(UTC)
    records = PublishingRecords(store)
    records.save_account(
        Account(
            Network.LINKEDIN,
            "Ada Lovelace",
            linkedin.member.urn,
            now + timedelta(days=60),
            AccountState.CONNECTED,
            now,
        ),
        now,
    )
    records.save_account(
        Account(Network.X, "@XDevelopers", x.user.id, now + timedelta(hours=2), AccountState.CONNECTED, now),
        now,
    )
    store.close()
    secrets.set(Network.LINKEDIN, SecretName.ACCESS_TOKEN, linkedin.issue_token())
    secrets.set(Network.X, SecretName.ACCESS_TOKEN, x.issue_token())
    secrets.set(
        Network.X,
        SecretName.REFRESH_TOKEN,
        x.tokens.issue("refresh", x.default_scopes, x.subject, None).value,
    )


@pytest.fixture
def world(tmp_path: Path, file_keyring: FileKeyring) -> Iterator[World]:
    home = tmp_path / "home"
    home.mkdir()
    logs = tmp_path / "logs"
    logs.mkdir()
    with FakeX() as x, FakeLinkedIn() as linkedin:
        linkedin.duplicate_window = 3600.0  # the round's resends all fall inside it
        seed_accounts(home, x, linkedin, Secrets(file_keyring))
        env = {
            **os.environ,
            "SOMEDESK_HOME": str(home),
            "TZ": "UTC",
            "OAUTHLIB_INSECURE_TRANSPORT": "1",
            "SOMEDESK_LINKEDIN_API_BASE": linkedin.base_url,
            "SOMEDESK_LINKEDIN_OAUTH_BASE": f"{linkedin.base_url}/oauth/v2",
            "SOMEDESK_X_AUTHORIZE_URL": f"{x.base_url}/i/oauth2/authorize",
            "SOMEDESK_X_API_BASE": x.base_url,
        }
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # the runtime's notes go to its output
        world = World(home, logs, env, x, linkedin)
        world.start_runtime()
        try:
            yield world
        finally:
            world.stop_runtime()


# -- a round ----------------------------------------------------------------------------------------------


def text_for(round_no: int, version: int, parts: int) -> str:
    """Every word says which round, version and part it belongs to, so a post on a fake can be traced."""
    chunks = []
    for part in range(1, parts + 1):
        tag = f"r{round_no}v{version}p{part}"
        chunks.append(" ".join([tag, *(f"{tag}w{i}" for i in range(6))]) + ".")
    return "\n---\n".join(chunks)


def script_faults(rng: random.Random, world: World, networks: list[Network]) -> list[str]:
    x, linkedin = world.x, world.linkedin
    reset = str(int(time.time()) + 3600)
    menu = {
        "x-503": lambda: x.fail_next("tweets", 503, {"title": "Service Unavailable", "status": 503}),
        "x-created-then-503": lambda: x.create_then_fail(503, "Service Unavailable"),
        "x-slow": lambda: x.delay_next("tweets", rng.uniform(0.5, 2.0)),
        "x-rate-limited": lambda: x.fail_next(
            "tweets",
            429,
            {"title": "Too Many Requests", "status": 429},
            headers={"x-rate-limit-remaining": "0", "x-rate-limit-reset": reset},
        ),
        "linkedin-500": lambda: linkedin.fail_next(
            "posts", 500, {"message": "Internal error", "status": 500}
        ),
        "linkedin-created-then-504": lambda: linkedin.create_then_fail(),
        "linkedin-slow": lambda: linkedin.delay_next("posts", rng.uniform(0.5, 2.0)),
    }
    mine = sorted(name for name in menu if name.split("-")[0] in {n.value for n in networks})
    chosen = rng.sample(mine, min(len(mine), rng.choice([0, 1, 1, 2])))
    for name in chosen:
        menu[name]()
    return chosen


def run_round(world: World, round_no: int) -> list[str]:
    rng = random.Random(f"{SEED}-{round_no}")
    networks = rng.choice([[Network.X], [Network.LINKEDIN], [Network.X, Network.LINKEDIN]])
    parts = rng.choice([1, 2, 3])
    version = 0
    draft_id = world.add_draft(text_for(round_no, version, parts), networks)
    story = [f"draft {draft_id} on {'+'.join(n.value for n in networks)}, {parts} part(s)"]
    story += [f"fault {name}" for name in script_faults(rng, world, networks)]
    lanes: list[tuple[subprocess.Popen[bytes], Path] | None] = [None, None]
    finished: list[tuple[subprocess.Popen[bytes], Path, str]] = []

    def free(lane: int) -> None:
        running = lanes[lane]
        if running is not None:
            wait(world, running[0], round_no)
            finished.append((*running, "ran"))
            lanes[lane] = None

    for _ in range(rng.randint(3, 6)):
        step = rng.choices(
            ["schedule", "edit", "unschedule", "publish", "kill-command", "kill-runtime", "pause"],
            weights=[4, 2, 1, 3, 2, 1, 3],
        )[0]
        lane = rng.randrange(2)
        if step == "pause":
            time.sleep(rng.uniform(0.05, 0.8))
            continue
        if step == "kill-command":
            running = lanes[lane]
            if running is not None and running[0].poll() is None:
                running[0].send_signal(signal.SIGKILL)
                running[0].wait(10)
                with world.lock:
                    world.kills += 1
                finished.append((*running, "killed"))
                lanes[lane] = None
                story.append(f"SIGKILL lane {lane}")
            continue
        if step == "kill-runtime":
            if world.kill_runtime():
                story.append("SIGKILL runtime")
            if rng.random() < 0.5:
                world.start_runtime()
                story.append("runtime restarted")
            continue
        free(lane)
        if step == "schedule":
            at = datetime.now(UTC) + timedelta(seconds=rng.uniform(0.5, 2.5))
            args = ["schedule", str(draft_id), "--at", at.isoformat(timespec="seconds")]
        elif step == "edit":
            version += 1
            args = ["drafts", "edit", str(draft_id), text_for(round_no, version, rng.choice([1, 2, 3]))]
        elif step == "unschedule":
            args = ["unschedule", str(draft_id)]
        else:
            args = ["publish", str(draft_id)]
        lanes[lane] = world.command(*args)
        story.append(f"lane {lane}: {' '.join(args[:2])}{' v' + str(version) if step == 'edit' else ''}")
        time.sleep(rng.uniform(0.0, 0.4))
    for lane in (0, 1):
        free(lane)
    for _process, err, how in finished:
        text = err.read_text(encoding="utf-8", errors="replace")
        if how == "ran" and "Traceback" in text:
            world.add(Violation("traceback", round_no, text.strip().splitlines()[-1]))
    settle(world, draft_id, round_no)
    check_round(world, draft_id, round_no, networks)
    return story


def wait(world: World, process: subprocess.Popen[bytes], round_no: int) -> None:
    try:
        process.wait(STEP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)
        world.add(Violation("hang", round_no, f"{process.args!r} ran over {STEP_TIMEOUT} s"))


def settle(world: World, draft_id: int, round_no: int) -> None:
    """What the person's machine does next: somedesk starts again if it was killed; the runtime is
    told the schedule changed. Then wait until nothing of this round is mid-publish or overdue."""
    world.restart_if_dead()
    world.nudge()
    deadline = time.monotonic() + SETTLE_TIMEOUT
    while time.monotonic() < deadline:
        now = datetime.now(UTC)
        pending = [
            p
            for p in world.publications(draft_id)
            if p["state"] == "publishing"
            # due, or due in a moment: it goes out now, and is this round's to check
            or (
                p["state"] == "scheduled"
                and isinstance(p["at"], datetime)
                and p["at"] <= now + timedelta(seconds=3)
            )
        ]
        if not pending:
            return
        time.sleep(0.1)
        world.restart_if_dead()  # another round may have killed it meanwhile
        if int(time.monotonic() * 10) % 20 == 0:
            world.nudge()


# -- the invariants ---------------------------------------------------------------------------------------


def check_round(world: World, draft_id: int, round_no: int, networks: list[Network]) -> None:
    add = world.add
    posts = check_posts(world, round_no)
    created = {t.id for t in world.x.tweets} | {p.urn for p in world.linkedin.posts}
    for p in world.publications(draft_id):
        state, reason, network = str(p["state"]), str(p["reason"]), str(p["network"])
        where = f"network={network} state={state} reason={reason!r}"
        if state == "publishing":
            add(Violation("left-publishing", round_no, where))
        elif state not in FINAL:
            add(Violation("final-state", round_no, where))
        elif state in ("failed", "needs-attention") and not reason.strip():
            add(Violation("no-reason", round_no, where))
        elif state == "scheduled" and isinstance(p["at"], datetime) and p["at"] <= datetime.now(UTC):
            add(Violation("stuck-scheduled", round_no, where))
        elif state == "published" and not any(remote in str(p["url"]) for remote in created):
            add(Violation("published-nowhere", round_no, f"{where} url={p['url']}"))
        if state in ("failed", "draft") and posts.get(network):
            add(Violation("hidden-post", round_no, f"{where} but {network} has {posts[network]}"))


def check_posts(world: World, round_no: int) -> dict[str, list[str]]:
    """The invariants on what the networks hold for a round; returns its posts per network."""
    add = world.add
    posts = posts_of_round(world, round_no)
    for network, roots in posts.items():
        if len(roots) > 1:
            texts = sorted({version_of(world, network, root, round_no) for root in roots})
            what = "the same text" if len(texts) == 1 else "different texts"
            add(
                Violation(
                    "double-post",
                    round_no,
                    f"network={network} {len(roots)} posts of {what} {texts}: {roots}",
                )
            )
    for chain in x_chains(world, round_no):
        versions = {(r, v) for tokens in chain for (r, v, _p) in tokens}
        if len(versions) > 1:
            add(Violation("mixed-thread", round_no, f"one thread holds {sorted(versions)}"))
        order = [p for tokens in chain for (_r, _v, p) in sorted(set(tokens))]
        if order != list(range(1, len(order) + 1)):
            add(Violation("thread-order", round_no, f"parts in the thread: {order}"))
    for tweet_id, children in x_children(world, round_no).items():
        if len(children) > 1:
            add(Violation("thread-fork", round_no, f"tweet {tweet_id} has {len(children)} replies"))
    return posts


def tokens_in(text: str, round_no: int) -> list[tuple[int, int, int]]:
    return [
        (r, v, p)
        for r, v, p in ((int(a), int(b), int(c)) for a, b, c in TOKEN.findall(text))
        if r == round_no
    ]


def posts_of_round(world: World, round_no: int) -> dict[str, list[str]]:
    """Per network, the posts this round created: LinkedIn posts, and X tweets that start a thread."""
    ours = {t.id for t in world.x.tweets if tokens_in(t.text, round_no)}
    roots = [t.id for t in world.x.tweets if t.id in ours and t.reply_to not in ours]
    linkedin = [p.urn for p in world.linkedin.posts if tokens_in(p.text, round_no)]
    result = {"x": roots, "linkedin": linkedin}
    for post in world.linkedin.posts:
        found = tokens_in(post.text, round_no)
        if found and len({(r, v) for r, v, _ in found}) > 1:
            world.add(Violation("mixed-thread", round_no, f"LinkedIn post {post.urn} mixes versions"))
    return {network: ids for network, ids in result.items() if ids}


def version_of(world: World, network: str, post_id: str, round_no: int) -> int:
    """Which version of the round's draft a post (a LinkedIn post, an X thread's first tweet) holds."""
    if network == "x":
        text = next(t.text for t in world.x.tweets if t.id == post_id)
    else:
        text = next(p.text for p in world.linkedin.posts if p.urn == post_id)
    return tokens_in(text, round_no)[0][1]


def x_children(world: World, round_no: int) -> dict[str, list[str]]:
    children: dict[str, list[str]] = {}
    for tweet in world.x.tweets:
        if tweet.reply_to is not None and tokens_in(tweet.text, round_no):
            children.setdefault(tweet.reply_to, []).append(tweet.id)
    return children


def x_chains(world: World, round_no: int) -> list[list[list[tuple[int, int, int]]]]:
    """Each X thread of the round from its first tweet, following the first reply: the tokens per tweet."""
    by_id = {t.id: t for t in world.x.tweets if tokens_in(t.text, round_no)}
    children = x_children(world, round_no)
    chains = []
    for tweet in by_id.values():
        if tweet.reply_to in by_id:
            continue
        chain, current = [], tweet
        while True:
            chain.append(tokens_in(current.text, round_no))
            following = children.get(current.id, [])
            if not following:
                break
            current = by_id[following[0]]
        chains.append(chain)
    return chains


# -- the test ---------------------------------------------------------------------------------------------


def test_random_interleavings_never_post_twice_mix_texts_or_get_stuck(world: World):
    started = time.monotonic()
    with ThreadPoolExecutor(WORKERS, thread_name_prefix="chaos-round") as pool:
        stories = dict(
            zip(
                range(1, ROUNDS + 1),
                pool.map(lambda n: run_round(world, n), range(1, ROUNDS + 1)),
                strict=True,
            )
        )
    # Posts only settle into the fakes' records over time: look at every round's posts once more.
    for round_no in stories:
        check_posts(world, round_no)
    elapsed = time.monotonic() - started
    summary = (
        f"{ROUNDS} rounds (seed {SEED}, {WORKERS} at a time) in {elapsed:.0f} s: "
        f"{world.commands} commands, {world.kills} SIGKILLs, "
        f"{len(world.x.tweets)} tweets, {len(world.linkedin.posts)} LinkedIn posts"
    )
    print(summary)
    (world.logs.parent / "chaos-summary.json").write_text(
        json.dumps({"summary": summary, "stories": stories}, indent=1), encoding="utf-8"
    )
    assert world.x.tweets or world.linkedin.posts, "nothing was ever posted: the chaos tested nothing"

    def told(v: Violation) -> str:
        return f"{v}\n    round story: {'; '.join(stories.get(v.round, []))}"

    unexpected = [v for v in world.violations if v.known() is None]
    assert not unexpected, f"{summary}\n" + "\n".join(told(v) for v in unexpected)
    known = [v for v in world.violations if v.known() is not None]
    if known:
        pytest.xfail(
            f"{summary}; only violations of defects fixed elsewhere:\n"
            + "\n".join(f"[{v.known()}] {told(v)}" for v in known)
        )
