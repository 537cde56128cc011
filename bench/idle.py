"""Benchmark: somedesk idling, beside bare programs idling. Prints numbers; asserts nothing.

    .venv/bin/python bench/idle.py [--seconds 60] [--drafts 300] [--scheduled 40] [--settle 5]
    scripts/session.sh .venv/bin/python bench/idle.py --desktop

Populates a fresh SOMEDESK_HOME (drafts, some of them scheduled days ahead) and starts, on it, the
headless runtime `python -m somedesk run` or, with `--desktop`, the desktop app `python -m somedesk`
(tray, runtime, notifications over D-Bus; it needs a display and a tray host, as inside
scripts/session.sh). Beside it, in the same run: a bare `python -c "import time; time.sleep(...)"`
and, with `--desktop`, a bare PySide6 window running its event loop. After a settle period
(start-up is not idling) it reads every process's counters, waits `--seconds`, and reads them again:
  CPU       utime + stime from /proc/PID/stat (all threads), as a percentage of one core
  wake-ups  voluntary context switches, summed over the process's threads (/proc/PID/task/*/status)
Linux only (it reads /proc).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
BARE_WINDOW = """
from PySide6.QtWidgets import QApplication, QListView, QMainWindow
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QListView())
window.show()
app.exec()
"""


@dataclass(frozen=True)
class Sample:
    cpu_seconds: float
    wakeups: int
    threads: int


def sample(pid: int) -> Sample:
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) ": field 3 (state) is fields[0]
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5)
    wakeups = threads = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            status = (task / "status").read_text()
        except FileNotFoundError:  # the thread ended while we looked
            continue
        threads += 1
        for line in status.splitlines():
            if line.startswith("voluntary_ctxt_switches:"):
                wakeups += int(line.split()[1])
    return Sample((utime + stime) / TICKS, wakeups, threads)


def populate(home: Path, drafts: int, scheduled: int) -> None:
    """`drafts` drafts for LinkedIn and X; the first `scheduled` of them scheduled 2 to 9 days ahead."""
    os.environ["SOMEDESK_HOME"] = str(home)
    from somedesk.app.build import build
    from somedesk.core.model import MomentKind, Network

    app = build()
    now = datetime.now(UTC)
    for number in range(drafts):
        draft = app.store.add_draft(
            f"Draft {number}: a thought for the week", [Network.LINKEDIN, Network.X], now
        )
        if number < scheduled:
            at = now + timedelta(days=2 + number % 8, hours=number % 5)
            for publication in draft.publications:
                app.store.schedule(publication.id, at, MomentKind.LUNCH, "Lunch", now, "remind")
    app.store.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to idle (60)")
    parser.add_argument("--drafts", type=int, default=300, help="drafts in the store (300)")
    parser.add_argument("--scheduled", type=int, default=40, help="of them scheduled days ahead (40)")
    parser.add_argument("--settle", type=float, default=5.0, help="seconds after start before measuring (5)")
    parser.add_argument(
        "--desktop", action="store_true", help="the desktop app and a bare Qt window (needs a display)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="somedesk-idle-") as folder:
        home = Path(folder) / "home"
        home.mkdir()
        populate(home, args.drafts, args.scheduled)
        env = {**os.environ, "SOMEDESK_HOME": str(home)}
        if not args.desktop:
            env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # no desktop notifier: the log notifier, as on a server
        sleep_for = args.settle + args.seconds + 30
        commands = {"bare python": [sys.executable, "-c", f"import time; time.sleep({sleep_for})"]}
        if args.desktop:
            commands["bare Qt window"] = [sys.executable, "-c", BARE_WINDOW]
            commands["somedesk (tray)"] = [sys.executable, "-m", "somedesk"]
        else:
            commands["somedesk run"] = [sys.executable, "-m", "somedesk", "run"]
        processes = {
            name: subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
            for name, command in commands.items()
        }
        try:
            time.sleep(args.settle)
            for name, process in processes.items():
                if process.poll() is not None:
                    raise SystemExit(f"{name} exited early ({process.returncode})")
            before = {name: sample(p.pid) for name, p in processes.items()}
            began = time.monotonic()
            time.sleep(args.seconds)
            after = {name: sample(p.pid) for name, p in processes.items()}
            elapsed = time.monotonic() - began
        finally:
            for process in processes.values():
                process.terminate()
            for process in processes.values():
                process.wait(timeout=30)

    print(
        f"Idle for {elapsed:.1f} s after a {args.settle:g} s settle; store: {args.drafts} drafts "
        f"({args.scheduled} scheduled 2-9 days ahead, on LinkedIn and X); {os.cpu_count()} CPUs"
    )
    print(f"{'':16}{'CPU time':>10}{'CPU %':>9}{'wake-ups':>10}{'per min':>9}{'threads':>9}")
    for name in processes:
        cpu = after[name].cpu_seconds - before[name].cpu_seconds
        wakeups = after[name].wakeups - before[name].wakeups
        print(
            f"{name:16}{cpu * 1000:>8.0f}ms{100 * cpu / elapsed:>8.2f}%{wakeups:>10}"
            f"{wakeups * 60 / elapsed:>9.1f}{after[name].threads:>9}"
        )


if __name__ == "__main__":
    main()
