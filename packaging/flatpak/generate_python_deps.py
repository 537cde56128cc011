"""Write python3-deps.json, the Flatpak module with somedesk's Python dependencies, from pyproject.toml.

    python packaging/flatpak/generate_python_deps.py [--arch x86_64|aarch64] [--python 3.12]

flatpak-builder builds offline, so every wheel is listed with its PyPI address and SHA-256 (the
job flatpak-pip-generator does; this does it from our own pyproject.toml, so the list cannot drift
from it: tests/unit/test_packaging.py checks that every runtime dependency is there). PySide6 is not
listed: the manifest's base app, io.qt.PySide.BaseApp, provides it. pip resolves the set for the
runtime's Python and architecture (`pip install --dry-run --report`); a wheel pip found on a local
mirror is looked up on PyPI's simple index by file name, and its hash must match.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import tomllib
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PYPROJECT = HERE.parents[1] / "pyproject.toml"
PROVIDED_BY_BASE_APP = {"pyside6-essentials", "pyside6", "shiboken6"}
# The KDE 6.8 runtime has glibc 2.40: any of these wheels run on it (pip does not widen a tag itself).
MANYLINUX = ("manylinux_2_39", "manylinux_2_34", "manylinux_2_28", "manylinux_2_17", "manylinux2014")
BUILD_ONLY = ["setuptools>=77"]  # our build backend: the SDK has no network to fetch it


def requirement_name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def runtime_requirements() -> list[str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    return [r for r in project["dependencies"] if requirement_name(r) not in PROVIDED_BY_BASE_APP]


def resolve(requirements: list[str], arch: str, python: str) -> list[dict[str, Any]]:
    """pip's installation report for `requirements` on the runtime's Python and architecture."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [
            sys.executable, "-m", "pip", "install", "--quiet", "--dry-run", f"--target={tmp}/target",
            "--only-binary=:all:", *(f"--platform={tag}_{arch}" for tag in MANYLINUX),
            f"--python-version={python}",
            "--implementation=cp", f"--abi=cp{python.replace('.', '')}", "--abi=abi3", "--abi=none",
            f"--report={report}", *requirements,
        ]  # fmt: skip
        subprocess.run(command, check=True)
        installs: list[dict[str, Any]] = json.loads(report.read_text(encoding="utf-8"))["install"]
    return installs


def public_source(item: dict[str, Any]) -> dict[str, str]:
    """The wheel's PyPI address and SHA-256 (pip may have taken it from a local mirror)."""
    info = item["download_info"]
    url: str = info["url"]
    sha256: str = info["archive_info"]["hashes"]["sha256"]
    if not url.startswith("https://"):
        filename = url.rsplit("/", 1)[1]
        name = item["metadata"]["name"]
        request = urllib.request.Request(
            f"https://pypi.org/simple/{name}/", headers={"Accept": "application/vnd.pypi.simple.v1+json"}
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            files = json.load(answer)["files"]
        match = next(f for f in files if f["filename"] == filename)
        if match["hashes"]["sha256"] != sha256:
            raise SystemExit(f"{filename}: the mirror's copy differs from PyPI's")
        url = match["url"]
    return {"type": "file", "url": url, "sha256": sha256}


def module(installs: list[dict[str, Any]]) -> dict[str, Any]:
    names = sorted(item["metadata"]["name"] for item in installs)
    install = (
        'pip3 install --verbose --exists-action=i --no-index --find-links="file://${PWD}" '
        "--prefix=${FLATPAK_DEST} --no-build-isolation " + " ".join(names)
    )
    sources = sorted((public_source(item) for item in installs), key=lambda s: s["url"].rsplit("/", 1)[1])
    return {"name": "python3-deps", "buildsystem": "simple", "build-commands": [install], "sources": sources}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--arch", default="x86_64", choices=["x86_64", "aarch64"])
    parser.add_argument("--python", default="3.12", help="the Flatpak runtime's Python (KDE 6.8: 3.12)")
    parser.add_argument("--output", type=Path, default=HERE / "python3-deps.json")
    args = parser.parse_args()
    installs = resolve([*runtime_requirements(), *BUILD_ONLY], args.arch, args.python)
    args.output.write_text(json.dumps(module(installs), indent=2) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(installs)} wheels for {args.arch}, Python {args.python}")


if __name__ == "__main__":
    main()
