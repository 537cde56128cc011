from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


Runner = Callable[..., Result]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def somedesk(home: Path) -> Runner:
    """Run the real `somedesk` command line in a subprocess, isolated by SOMEDESK_HOME."""

    def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Result:
        full_env = {**os.environ, "SOMEDESK_HOME": str(home), "TZ": "Europe/Helsinki", **(env or {})}
        done = subprocess.run(
            [sys.executable, "-m", "somedesk", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=full_env,
            timeout=60,
            check=False,
        )
        assert "Traceback" not in done.stderr, done.stderr
        return Result(done.returncode, done.stdout, done.stderr)

    return run
