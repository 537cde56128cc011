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
somedesk starts as on a person's machine after its first start: from the platform's own folders
(HOME and the XDG_* variables point into a temporary folder; no SOMEDESK_HOME, so platformdirs is
on the path too), with the starter config.toml (`somedesk init`) and the database the warm-up run
created, so its migrations are not timed on every run. Offscreen by default; with `--platform xcb`
inside scripts/session.sh (Xvfb + a tray host) the app starts to its tray, as on a desktop.

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


def person_env(base: dict[str, str], home: Path) -> dict[str, str]:
    """A person's session whose home is `home`: somedesk finds its folders as platformdirs says."""
    env = {k: v for k, v in base.items() if k != "SOMEDESK_HOME" and not k.startswith("XDG_")}
    env |= {"HOME": str(home), "XDG_RUNTIME_DIR": base.get("XDG_RUNTIME_DIR", str(home))}
    for kind in ("CONFIG", "DATA", "CACHE", "STATE"):
        env[f"XDG_{kind}_HOME"] = str(home / f".{kind.lower()}")
    subprocess.run([sys.executable, "-m", "somedesk", "init"], env=env, check=True, capture_output=True)
    return env


def median(runs: list[Run], field: str) -> float:
    return statistics.median(getattr(run, field) for run in runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument(
        "--platform", default="offscreen", help="Qt platform: offscreen (no tray: the planner opens) or xcb"
    )
    args = parser.parse_args()
    base_env = {**os.environ, "QT_QPA_PLATFORM": args.platform}
    base_env.pop("PYTHONDONTWRITEBYTECODE", None)
    bare = [sys.executable, "-c", BARE]
    # The console script pip installs, as the launcher's `Exec=somedesk` runs it.
    app = [str(Path(sys.executable).with_name("somedesk")), "--exit-when-ready"]
    results: dict[str, list[Run]] = {"bare": [], "somedesk": []}
    with tempfile.TemporaryDirectory() as tmp:
        env = person_env(base_env, Path(tmp))
        measure(bare, base_env)  # warm-up: the .pyc files and the OS's file cache
        measure(app, env)  # ... and the first start, which creates the database
        for _ in range(args.runs):
            results["bare"].append(measure(bare, base_env))
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
