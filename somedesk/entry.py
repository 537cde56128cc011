"""The program's entry point: the `somedesk` script, `python -m somedesk` and the bundle.

It holds the garbage collector off while the modules load: they make tens of thousands of objects
that live as long as the process, so collecting among them (~15 times for the command line's own
imports alone) frees nothing and costs time. `cli.main` turns it back on before any command runs,
except the desktop app, which does once its tray is up (gui/app.py).
"""

from __future__ import annotations

import gc


def main() -> int:
    gc.disable()
    from somedesk.cli.main import main as run

    return run()
