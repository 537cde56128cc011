"""Benchmark: start-up of the desktop app against a bare PySide6 window. Prints numbers; asserts nothing.

    .venv/bin/python bench/startup.py [--runs N] [--platform xcb]

Alternates, N times each in one run (so both see the same machine state):
  bare      QApplication + QMainWindow + QListView, shown, one event-loop pass, exit
  somedesk  `somedesk --exit-when-ready`: store, tray (or, with no tray as offscreen, the planner
            window), one event-loop pass; then the runtime (APScheduler, the notifier, the first
            check) on its own thread, one more pass, exit
Both print "ready rss=KIB" on their first event-loop pass. Printed, as medians:
  ready     from spawning the process to that line: the window or tray is up and the loop runs
            (the issue's "tray ready + one event-loop pass"), and the peak RSS at that moment;
  exit      the whole process, for somedesk with its runtime running, and its peak RSS (os.wait4).
Offscreen, each with a fresh SOMEDESK_HOME holding the starter config.toml (`somedesk init`). With
`--platform xcb` inside scripts/session.sh (Xvfb + a tray host) the app starts to its tray, as on a
desktop.

Both run with bytecode caching on (PYTHONDONTWRITEBYTECODE removed), after one warm-up run each, as
an installed program does: pip compiles .pyc files at install time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BARE = """
import resource, sys
from PySide6.QtWidgets import QApplication, QListView, QMainWindow
from PySide6.QtCore import QTimer
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QListView())
window.show()
def ready():
    print(f"ready rss={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


@dataclass(frozen=True)
class Run:
    ready_ms: float
    ready_mib: float
    exit_ms: float
    exit_mib: float


def measure(command: list[str], env: dict[str, str]) -> Run:
    """One child process: when it printed its ready line, when it ended, and its peak RSS at each."""
    began = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stderr is not None
    ready_ms, ready_kib = float("nan"), 0
    for line in process.stdout:
        if line.startswith("ready rss="):
            ready_ms = (time.perf_counter() - began) * 1000
            ready_kib = int(line.split("=", 1)[1])
    _pid, status, usage = os.wait4(process.pid, 0)
    exit_ms = (time.perf_counter() - began) * 1000
    error = process.stderr.read()
    process.stdout.close()
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0 or ready_kib == 0:
        raise SystemExit(f"{command[-1]} failed: {error}")
    return Run(ready_ms, ready_kib / 1024, exit_ms, usage.ru_maxrss / 1024)


def fresh_home(path: Path) -> Path:
    """A data folder with the starter config, as after `somedesk init`: start-up reads a real file."""
    from somedesk.configfile import write_starter_config

    write_starter_config(path / "config.toml", "Europe/Helsinki")
    return path


def median(runs: list[Run], field: str) -> float:
    return statistics.median(getattr(run, field) for run in runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--platform", default="offscreen", help="Qt platform: offscreen (no tray: the planner opens) or xcb"
    )
    args = parser.parse_args()
    base_env = {**os.environ, "QT_QPA_PLATFORM": args.platform}
    base_env.pop("PYTHONDONTWRITEBYTECODE", None)
    bare = [sys.executable, "-c", BARE]
    app = [sys.executable, "-m", "somedesk", "--exit-when-ready"]
    results: dict[str, list[Run]] = {"bare": [], "somedesk": []}
    with tempfile.TemporaryDirectory() as tmp:
        measure(bare, base_env)  # warm-up: the .pyc files and the OS's file cache
        measure(app, {**base_env, "SOMEDESK_HOME": str(fresh_home(Path(tmp) / "warm-up"))})
        for n in range(args.runs):
            results["bare"].append(measure(bare, base_env))
            env = {**base_env, "SOMEDESK_HOME": str(fresh_home(Path(tmp) / f"home{n}"))}
            results["somedesk"].append(measure(app, env))
    print(f"python {sys.version.split()[0]}, {args.platform}, median of {args.runs} alternating runs")
    print(f"  {'':9} {'ready':>9} {'RSS':>10}   {'exit':>9} {'peak RSS':>10}")
    for name, runs in results.items():
        print(
            f"  {name:<9} {median(runs, 'ready_ms'):6.0f} ms {median(runs, 'ready_mib'):6.1f} MiB"
            f"   {median(runs, 'exit_ms'):6.0f} ms {median(runs, 'exit_mib'):6.1f} MiB"
        )
    ours, theirs = results["somedesk"], results["bare"]
    print(
        f"  ratio     {median(ours, 'ready_ms') / median(theirs, 'ready_ms'):6.2f}x   "
        f"{median(ours, 'ready_mib') / median(theirs, 'ready_mib'):6.2f}x    "
        f"{median(ours, 'exit_ms') / median(theirs, 'exit_ms'):6.2f}x   "
        f"{median(ours, 'exit_mib') / median(theirs, 'exit_mib'):6.2f}x"
    )


if __name__ == "__main__":
    main()
