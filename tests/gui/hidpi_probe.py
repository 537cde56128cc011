"""Run on its own (by test_hidpi.py, with QT_SCALE_FACTOR set): open the planner and Quick post, render
them and print what came out as JSON. A subprocess, because the scale factor is read once, when the
QApplication starts."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtWidgets import QApplication

HELSINKI = ZoneInfo("Europe/Helsinki")
MONDAY = date(2026, 12, 7)


def wait(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the window to settle")
        QApplication.processEvents()
        time.sleep(0.005)


def rect(r: QRectF) -> list[float]:
    return [round(r.x(), 3), round(r.y(), 3), round(r.width(), 3), round(r.height(), 3)]


def max_difference(a: QImage, b: QImage) -> int:
    """The largest difference of any channel of any pixel (the images are the same size)."""
    a = a.convertToFormat(QImage.Format.Format_ARGB32)
    b = b.convertToFormat(QImage.Format.Format_ARGB32)
    worst = 0
    for y in range(a.height()):
        for x in range(a.width()):
            p, q = a.pixelColor(x, y), b.pixelColor(x, y)
            channels = zip(
                (p.red(), p.green(), p.blue(), p.alpha()),
                (q.red(), q.green(), q.blue(), q.alpha()),
                strict=True,
            )
            worst = max(worst, *(abs(u - v) for u, v in channels))
    return worst


def svg_at(size: int) -> QImage:
    from somedesk.desktop.launcher import icon_svg

    buffer = QBuffer()
    buffer.setData(QByteArray(icon_svg()))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(b"svg"))
    reader.setScaledSize(QSize(size, size))
    return reader.read()


def main(home: str) -> None:
    qt = QApplication([])
    from somedesk.app.services import Somedesk
    from somedesk.core.config import Config, PublishingSettings
    from somedesk.core.model import Network
    from somedesk.core.routine import Routine, local_instant
    from somedesk.gui.compose.window import QuickPostWindow
    from somedesk.gui.context import Bridge, GuiContext
    from somedesk.gui.icons import app_icon
    from somedesk.gui.planner import PlannerWindow
    from somedesk.gui.planner.week_view import WeekGrid
    from somedesk.sources.paths import resolve_paths
    from somedesk.store import Store

    paths = resolve_paths(env={"SOMEDESK_HOME": home})
    paths.ensure()
    config = Config(routine=Routine(zone=HELSINKI), publishing=PublishingSettings(reply_reminders=()))
    app = Somedesk(paths, config, Store.open(paths.database), lambda: datetime(2026, 12, 7, 7, 0, tzinfo=UTC))
    for n, (day, hour) in enumerate([(1, 11), (1, 14), (2, 9), (3, 16)]):
        draft = app.add_draft(f"Post number {n} about something", [Network.LINKEDIN, Network.X][: 1 + n % 2])
        app.schedule_at(draft.id, local_instant(MONDAY + timedelta(days=day), clock_time(hour, 30), HELSINKI))
    app.add_draft("A draft waiting", [Network.X])
    ctx = GuiContext(app, Bridge(), open_window=lambda _name: None, publish_now=lambda _id: None)
    ratio = qt.devicePixelRatio()
    out: dict[str, object] = {"ratio": ratio}

    planner = PlannerWindow(ctx)
    planner.show()
    wait(lambda: not planner.busy and planner.model.calendars_loaded)
    picture = planner.grab()
    out["planner"] = [
        planner.width(),
        planner.height(),
        picture.width(),
        picture.height(),
        picture.devicePixelRatio(),
    ]
    # A grid of its own at a fixed logical size: the window itself is fitted to the (scaled) screen.
    grid = WeekGrid(planner.model)
    grid.resize(1000, 700)
    grid.show()
    wait(grid.isVisible)
    shot = grid.grab()
    out["grid"] = [grid.width(), grid.height(), shot.width(), shot.height(), shot.devicePixelRatio()]
    layout = grid.week_layout
    out["cards"] = [rect(c.rect) for c in layout.cards]
    out["moments"] = [rect(m.rect) for m in layout.moments]
    out["stops"] = [rect(s.rect) for s in grid.focus_stops()]

    icon = app_icon().pixmap(QSize(48, 48), ratio)
    out["icon"] = [icon.width(), icon.height(), icon.devicePixelRatio()]
    # Sharp: the same pixels as the SVG drawn straight at that size, not a 64 px picture scaled up.
    out["icon_difference"] = max_difference(icon.toImage(), svg_at(icon.width()))
    badges = planner.drafts_model.data(planner.drafts_model.index(0), Qt.ItemDataRole.DecorationRole)
    badge = badges.pixmap(planner.drafts_panel.view.iconSize(), ratio)
    out["badge"] = [badge.width(), badge.height(), badge.devicePixelRatio()]
    planner.close()

    quick = QuickPostWindow(ctx)
    quick.show()
    wait(
        lambda: (
            quick.counters.settled
            and quick.policy.settled
            and quick.worker.running == 0
            and not quick.moments.loading
        )
    )
    picture = quick.grab()
    out["quick_post"] = [
        quick.width(),
        quick.height(),
        picture.width(),
        picture.height(),
        picture.devicePixelRatio(),
    ]
    quick.close()
    planner.worker.shutdown()
    out["busy_week"] = busy_week(Path(home) / "busy")
    print(json.dumps(out))
    sys.stdout.flush()


def busy_week(home: Path) -> dict[str, object]:
    """The layout tests' busy week at the default size, at this scale: what covers words, what runs
    out of its box, and whether the days stay readable with the Review open."""
    from somedesk.app.services import Somedesk
    from somedesk.core.config import Config, PublishingSettings
    from somedesk.core.routine import Routine
    from somedesk.gui.context import Bridge, GuiContext
    from somedesk.gui.planner import PlannerWindow
    from somedesk.sources.paths import resolve_paths
    from somedesk.store import Store
    from tests.gui.paint_check import covered_words, cut_words
    from tests.gui.planner_weeks import fill_busy_week

    paths = resolve_paths(env={"SOMEDESK_HOME": str(home)})
    paths.ensure()
    config = Config(routine=Routine(zone=HELSINKI), publishing=PublishingSettings(reply_reminders=()))
    app = Somedesk(paths, config, Store.open(paths.database), lambda: datetime(2026, 12, 7, 7, 0, tzinfo=UTC))
    ctx = GuiContext(app, Bridge(), open_window=lambda _name: None, publish_now=lambda _id: None)
    fill_busy_week(ctx, home)
    planner = PlannerWindow(ctx)
    planner.resize(1240, 780)
    planner.show()
    wait(lambda: not planner.busy and planner.model.calendars_loaded and planner.model.drafts_loaded)
    planner.commands.plan()
    wait(lambda: bool(planner.model.proposals) and not planner.busy)
    grid = planner.grid
    pixmap, record = grid.render_recorded()
    result: dict[str, object] = {
        "pixel_ratio": pixmap.devicePixelRatio(),
        "words": sum(1 for item in record.items if item.text),
        "problems": covered_words(record) + cut_words(record, grid.width(), grid.height()),
    }
    planner.review_button.click()
    wait(lambda: not planner.busy)
    _pixmap, record = grid.render_recorded()
    result["review_problems"] = covered_words(record) + cut_words(record, grid.width(), grid.height())
    result["review_days"] = [grid.week_layout.frame.day_width, grid.readable_day_width()]
    planner.close()
    planner.worker.shutdown()
    app.store.close()
    return result


if __name__ == "__main__":
    main(sys.argv[1])
