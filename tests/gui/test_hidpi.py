"""HiDPI: on a screen of two device pixels per logical one, what is painted is drawn at twice the pixels,
icons are rendered for that ratio (not upscaled), and the week is laid out exactly as at 1x.

Each scale runs `hidpi_probe.py` in a subprocess: Qt reads QT_SCALE_FACTOR once, at start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

PROBE = Path(__file__).with_name("hidpi_probe.py")
REPO = Path(__file__).resolve().parents[2]


def probe(scale: int, home: Path) -> dict[str, Any]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QT_SCALE_FACTOR": str(scale),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    done = subprocess.run(
        [sys.executable, str(PROBE), str(home)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[int, dict[str, Any]]:
    return {scale: probe(scale, tmp_path_factory.mktemp(f"hidpi{scale}")) for scale in (1, 2)}


def test_the_probe_sees_the_scale_it_was_given(runs):
    assert runs[1]["ratio"] == 1.0
    assert runs[2]["ratio"] == 2.0


@pytest.mark.parametrize("window", ["planner", "grid", "quick_post"])
def test_windows_render_at_twice_the_pixels(runs, window):
    width, height, pixel_width, pixel_height, ratio = runs[2][window]
    assert ratio == 2.0
    assert (pixel_width, pixel_height) == (2 * width, 2 * height)
    width, height, pixel_width, pixel_height, ratio = runs[1][window]
    assert (ratio, pixel_width, pixel_height) == (1.0, width, height)


def test_the_week_is_laid_out_in_logical_pixels_whatever_the_scale(runs):
    assert runs[1]["grid"][:2] == runs[2]["grid"][:2]
    assert len(runs[1]["cards"]) == 4
    assert runs[2]["cards"] == runs[1]["cards"]
    assert runs[2]["moments"] == runs[1]["moments"]
    assert runs[2]["stops"] == runs[1]["stops"]


def test_icons_are_drawn_for_the_device_pixel_ratio(runs):
    assert runs[2]["icon"] == [96, 96, 2.0]  # a 48 px icon, from the SVG, not the 64 px picture scaled
    assert runs[2]["icon_difference"] <= 8
    assert runs[1]["icon"] == [48, 48, 1.0]
    badge_width, badge_height, ratio = runs[1]["badge"]
    assert ratio == 1.0
    assert runs[2]["badge"] == [2 * badge_width, 2 * badge_height, 2.0]


@pytest.mark.parametrize("scale", [1, 2])
def test_nothing_is_painted_over_words_at_either_scale(runs, scale):
    """The layout tests' busy week (out of office, stand-ups, workshop, proposals) at 1240 x 780."""
    week = runs[scale]["busy_week"]
    assert week["pixel_ratio"] == scale
    assert week["words"] > 50
    assert week["problems"] == []
    assert week["review_problems"] == []
    day_width, readable = week["review_days"]
    assert day_width >= readable
