"""Benchmark: the weekly planner on a busy week. Prints numbers; asserts nothing.

    .venv/bin/python bench/planner.py [--runs N]

A store of 10,000 posts, 500 of them in the shown week (Monday 2026-12-07, the fixed clock's week),
offscreen. Measured in the same run, as medians over N runs:
  bare program      a bare PySide6 program (QMainWindow + QListView shown, one event-loop pass), as
                    a whole process: the floor every Qt app in Python stands on
  planner program   the same kind of process that opens the planner and waits for the populated week
  first paint       in process: PlannerWindow() to the grid's first paint (the frame, before data)
  populated         in process: PlannerWindow() to the week painted with its 500 posts and moments
  drafts panel      in process: ... to the drafts panel filled too (loaded last)
  store part        reading the week's posts (on the worker thread)
  drafts part       reading the drafts waiting (on the worker thread)
  relayout          a data change: layout + the cached picture rebuilt, then painted
  repaint           painting the week again (what a drag hint or the now line costs)
Goals: planner open <= 300 ms, repaint <= 16 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CLOCK = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)
ZONE = ZoneInfo("Europe/Helsinki")
TOTAL_POSTS = 10_000
WEEK_POSTS = 500

BARE_PROGRAM = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QApplication, QListView, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
view = QListView()
view.setModel(QStringListModel(["one", "two", "three"]))
window.setCentralWidget(view)
window.show()
app.processEvents()
"""


def none_references_lost() -> int:
    """How many references to None 100 void Qt calls lose (0 on a sound binding).

    PySide6 6.12.0 on Python 3.11 loses one per call; None is not immortal before 3.12, so a
    process that paints enough dies with "Fatal Python error: none_dealloc".
    """
    from PySide6.QtGui import QColor

    colour = QColor("red")
    before = sys.getrefcount(None)
    for _ in range(100):
        colour.setAlphaF(0.5)
    return before - sys.getrefcount(None)


def build_store(home: Path) -> None:
    """10,000 posts: 500 in the shown week (Mon-Fri, 07:00-19:00 local), the rest over two years."""
    from somedesk.core.drafts import PublicationState
    from somedesk.core.model import Network
    from somedesk.sources.paths import resolve_paths
    from somedesk.store import Store

    paths = resolve_paths(env={"SOMEDESK_HOME": str(home)})
    paths.ensure()
    store = Store.open(paths.database)
    monday = datetime(2026, 12, 7, 7, 0, tzinfo=ZONE)
    networks = (Network.LINKEDIN, Network.X)
    for n in range(TOTAL_POSTS):
        if n < WEEK_POSTS:
            at = monday + timedelta(days=n % 5, minutes=(n * 37) % (12 * 60))
        else:
            at = datetime(2025, 6, 2, 8, tzinfo=ZONE) + timedelta(hours=(n * 13) % (2 * 365 * 24))
            if monday - timedelta(hours=7) <= at < monday + timedelta(days=7):
                at += timedelta(days=14)  # the shown week holds exactly WEEK_POSTS
        draft = store.add_draft(
            f"Post {n}: a few words about shipping software in small steps", [networks[n % 2]], CLOCK
        )
        publication = draft.publications[0]
        store.schedule(publication.id, at, None, "Chosen time", CLOCK)
        if n % 7 == 0 and at.astimezone(UTC) < CLOCK:
            store.mark_missed(publication.id, "the laptop slept", CLOCK)
    for n in range(20):
        store.add_draft(f"Waiting draft {n}", [networks[n % 2]], CLOCK)
    assert len(store.publications_in(PublicationState.SCHEDULED, PublicationState.MISSED)) == TOTAL_POSTS
    store.close()


def open_services(home: Path):  # -> Somedesk
    from somedesk.app.services import Somedesk
    from somedesk.core.config import Config
    from somedesk.core.routine import Routine
    from somedesk.sources.paths import resolve_paths
    from somedesk.store import Store

    paths = resolve_paths(env={"SOMEDESK_HOME": str(home)})
    return Somedesk(paths, Config(routine=Routine(zone=ZONE)), Store.open(paths.database), lambda: CLOCK)


def wait(qt, done: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the planner did not settle")
        qt.processEvents()
        time.sleep(0.0005)


def open_planner(qt, app) -> tuple[object, float, float, float]:
    """(window, ms to the first paint, to the week painted with its posts and moments, to the drafts)."""
    from somedesk.gui.context import Bridge, GuiContext
    from somedesk.gui.planner import PlannerWindow

    start = time.perf_counter()
    window = PlannerWindow(GuiContext(app, Bridge()))
    window.resize(1400, 860)
    window.show()
    wait(qt, lambda: window.grid.paints > 0)
    first = time.perf_counter()
    wait(qt, lambda: window.model.store_loaded and window.model.calendars_loaded)
    window.grid.repaint()  # the populated week, painted now rather than on the next pass
    populated = time.perf_counter()
    wait(qt, lambda: not window.busy)
    drafts = time.perf_counter()
    assert len(window.model.cards) == WEEK_POSTS, len(window.model.cards)
    return window, (first - start) * 1000, (populated - start) * 1000, (drafts - start) * 1000


def child(home: Path) -> None:
    """The planner as a whole program: start, open, wait for the populated week, exit."""
    from PySide6.QtWidgets import QApplication

    qt = QApplication(sys.argv[:1])
    app = open_services(home)
    window, *_ = open_planner(qt, app)
    window.close()  # type: ignore[attr-defined]
    app.store.close()


def process_ms(args: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{args[0]} failed:\n{done.stderr}")
    return (time.perf_counter() - start) * 1000


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child)
        return
    with tempfile.TemporaryDirectory(prefix="somedesk-bench-") as folder:
        home = Path(folder)
        started = time.perf_counter()
        build_store(home)
        built = time.perf_counter() - started
        print(f"store: {TOTAL_POSTS:,} posts, {WEEK_POSTS} in the shown week (built in {built:.1f} s)")
        runs = options.runs
        bare = statistics.median(process_ms(["-c", BARE_PROGRAM]) for _ in range(runs))
        whole = statistics.median(process_ms([__file__, "--child", str(home)]) for _ in range(runs))
        print(f"bare program        {bare:7.1f} ms   (QMainWindow + QListView, one event-loop pass)")
        print(f"planner program     {whole:7.1f} ms   (+{whole - bare:.1f} ms over the bare program)")

        import PySide6
        from PySide6.QtWidgets import QApplication

        from somedesk.gui.planner.week_data import WeekLoader

        qt = QApplication(sys.argv[:1])
        lost = none_references_lost()
        print(f"PySide6 {PySide6.__version__}, Python {sys.version.split()[0]}: ", end="")
        print(f"{lost} of 100 void calls lost a reference to None" if lost else "None is kept alive")
        if lost:
            print("  a crash (none_dealloc) may follow; PySide6 < 6.12 or Python 3.12+ are not affected")
        app = open_services(home)
        firsts, populated, with_drafts = [], [], []
        for _ in range(runs):
            window, first, full, drafts = open_planner(qt, app)
            firsts.append(first)
            populated.append(full)
            with_drafts.append(drafts)
            window.close()  # type: ignore[attr-defined]
            window.deleteLater()  # type: ignore[attr-defined]
            qt.processEvents()
        window, *_ = open_planner(qt, app)
        grid = window.grid  # type: ignore[attr-defined]
        loader = WeekLoader(app)
        monday = window.model.monday  # type: ignore[attr-defined]
        store_part = median_ms(lambda: loader.store_part(monday), runs)
        drafts_part = median_ms(loader.waiting_drafts, runs)

        def relayout() -> None:
            grid.relayout()
            grid.repaint()

        print(
            f"first paint         {statistics.median(firsts):7.1f} ms   (in process, the frame before data)"
        )
        print(f"populated           {statistics.median(populated):7.1f} ms   (in process, goal <= 300 ms)")
        print(f"  (first open       {populated[0]:7.1f} ms   which also imports the calendar code)")
        print(f"drafts panel filled {statistics.median(with_drafts):7.1f} ms   (in process)")
        print(f"store part          {store_part:7.1f} ms   (worker thread: the week's posts)")
        print(f"drafts part         {drafts_part:7.1f} ms   (worker thread: the drafts waiting, of 10,020)")
        print(f"relayout + paint    {median_ms(relayout, runs * 4):7.1f} ms   (after a data change)")
        print(f"repaint             {median_ms(grid.repaint, runs * 10):7.1f} ms   (goal <= 16 ms)")
        layout = grid.week_layout
        folded = sum(o.count for o in layout.overflows)
        print(f"on screen: {len(layout.cards)} cards, {folded} posts in +N chips")
        window.close()  # type: ignore[attr-defined]
        app.store.close()


if __name__ == "__main__":
    main()
