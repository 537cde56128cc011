"""Benchmark: what keeping the phone in step adds to a schedule change, with an ntfy server that answers
every request in 200 ms. Prints numbers; asserts nothing.

    PYTHONPATH=. .venv/bin/python bench/phone.py [--changes 20] [--latency 0.2]

Against the fake ntfy server (tests/fakes/ntfy.py, real HTTP on 127.0.0.1, each answer held back by
`--latency`), on a fresh SOMEDESK_HOME with an in-memory keyring. For each of `--changes` schedule
changes (a draft moved to another time) it measures:
  change alone         the store's schedule change, nothing else (the baseline)
  change + request     the change plus PhoneSyncer.request(): what a face (the GUI thread, a CLI
                       command through the runtime) pays; the change may wait for the store's lock
                       while the sync thread records the previous sync
  until on the server  from the request until the fake holds the new message (the sync's thread;
                       it includes PhoneSyncer's 1.5 s settle, which makes a burst of changes one sync)
  change + inline sync the change plus a blocking Phone.sync(): what the caller would pay without
                       the background thread
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


TOPIC = "sd_bench_phone"


def ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:8.2f} ms   max {max(values) * 1000:8.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds the server takes to answer")
    args = parser.parse_args()

    from somedesk.app.phonesync import PhoneSyncer
    from somedesk.app.services import Somedesk
    from somedesk.core.config import Config, PublishingSettings
    from somedesk.core.model import MomentKind, Network
    from somedesk.core.phone_settings import PhoneSettings
    from somedesk.core.routine import Routine
    from somedesk.sources.paths import resolve_paths
    from somedesk.store import Store
    from tests.fakes.ntfy import FakeNtfy
    from tests.keyrings import use_memory_keyring

    class SlowNtfy(FakeNtfy):
        def dispatch(self, method: str, raw_path: str, headers: Any, body: bytes) -> Any:
            time.sleep(args.latency)
            return super().dispatch(method, raw_path, headers, body)

    use_memory_keyring()
    home = Path(tempfile.mkdtemp(prefix="somedesk-bench-phone-"))
    os.environ["SOMEDESK_HOME"] = str(home)
    with SlowNtfy() as fake:
        paths = resolve_paths()
        paths.ensure()
        from zoneinfo import ZoneInfo

        config = Config(
            routine=Routine(zone=ZoneInfo("UTC"), workdays=frozenset(range(7)), quiet_hours=None),
            publishing=PublishingSettings(reply_reminders=()),
            phone=PhoneSettings(server=fake.base_url),
        )
        app = Somedesk(paths, config, Store.open(paths.database))
        app.phone.setup(TOPIC, None)
        draft = app.add_draft("A post that keeps moving", [Network.X])
        publication_id = draft.publications[0].id
        base = datetime.now(UTC) + timedelta(hours=2)

        def change(i: int) -> datetime:
            at = (base + timedelta(minutes=i)).replace(microsecond=0)
            app.store.schedule(publication_id, at, MomentKind.LUNCH, "Lunch", app.clock(), "auto")
            return at

        def on_server(at: datetime) -> bool:
            expected = (at + timedelta(minutes=5)).timestamp()
            return [h.time for h in fake.pending(TOPIC)] == [expected]

        alone, with_request, request_only, latency, inline = [], [], [], [], []
        for i in range(args.changes):
            started = time.perf_counter()
            change(i)
            alone.append(time.perf_counter() - started)
        app.phone.sync(inbox=False)

        syncer = PhoneSyncer(lambda: app.phone, inbox_every=3600)
        syncer.start()
        time.sleep(args.latency * 3)  # the start's own sync (with the inbox)
        for i in range(args.changes):
            started = time.perf_counter()
            at = change(1000 + i)
            asked = time.perf_counter()
            syncer.request()
            done = time.perf_counter()
            with_request.append(done - started)
            request_only.append(done - asked)
            while not on_server(at):
                time.sleep(0.002)
            latency.append(time.perf_counter() - started)
        syncer.stop()

        for i in range(args.changes):
            started = time.perf_counter()
            change(2000 + i)
            app.phone.sync(inbox=False)
            inline.append(time.perf_counter() - started)
        app.store.close()

    print(f"server latency {args.latency * 1000:.0f} ms per request, {args.changes} changes each")
    print(f"change alone          {ms(alone)}")
    print(f"change + request      {ms(with_request)}   (what the caller pays)")
    print(f"  of which request()  {ms(request_only)}")
    print(f"until on the server   {ms(latency)}   (off the caller's thread)")
    print(f"change + inline sync  {ms(inline)}   (without the background thread)")


if __name__ == "__main__":
    main()
