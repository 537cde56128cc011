"""Benchmark: start-up of the desktop app against a bare PySide6 window. Prints numbers; asserts nothing.

    .venv/bin/python bench/startup.py [--runs N]

Alternates, N times each in one run (so both see the same machine state):
  bare      QApplication + QMainWindow + QListView, shown, one event-loop pass, exit
  somedesk  `somedesk --exit-when-ready`: store, runtime (APScheduler) and tray (or, with no tray
            as offscreen, the planner window) ready, one event-loop pass, exit
and prints the median wall time and median peak RSS of each, and the ratios. Offscreen, each with a
fresh SOMEDESK_HOME. Peak RSS comes from os.wait4, per child. With `--platform xcb` inside
scripts/session.sh (Xvfb + a tray host) the app starts to its tray, as on a desktop.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QListView, QMainWindow
from PySide6.QtCore import QTimer
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QListView())
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process."""
    began = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{command[-1]} failed: {process.stderr.read().decode() if process.stderr else ''}")
    if process.stderr:
        process.stderr.close()
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--platform", default="offscreen", help="Qt platform: offscreen (no tray: the planner opens) or xcb"
    )
    args = parser.parse_args()
    runs = args.runs
    base_env = {**os.environ, "QT_QPA_PLATFORM": args.platform}
    results: dict[str, list[tuple[float, float]]] = {"bare": [], "somedesk": []}
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(runs):
            results["bare"].append(measure([sys.executable, "-c", BARE], base_env))
            env = {**base_env, "SOMEDESK_HOME": str(Path(tmp) / f"home{n}")}
            results["somedesk"].append(measure([sys.executable, "-m", "somedesk", "--exit-when-ready"], env))
    wall = {k: statistics.median(w for w, _ in v) * 1000 for k, v in results.items()}
    rss = {k: statistics.median(r for _, r in v) for k, v in results.items()}
    print(f"python {sys.version.split()[0]}, {args.platform}, median of {runs} alternating runs")
    for name in ("bare", "somedesk"):
        print(f"  {name:<9} {wall[name]:7.0f} ms   {rss[name]:6.1f} MiB peak RSS")
    time_ratio, memory_ratio = wall["somedesk"] / wall["bare"], rss["somedesk"] / rss["bare"]
    print(f"  ratio     {time_ratio:7.2f}x time  {memory_ratio:6.2f}x memory")


if __name__ == "__main__":
    main()
