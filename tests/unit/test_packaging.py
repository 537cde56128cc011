"""The Linux packaging metadata in packaging/linux: the desktop entry and the AppStream metainfo pass
their validators, one application id is used everywhere, and the rendered icons are all there.

The validators come from the Debian packages desktop-file-utils and appstream (scripts/test.sh
installs them); without them those two tests skip.
"""

from __future__ import annotations

import configparser
import json
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from PySide6.QtGui import QImage

import somedesk
from somedesk.desktop import launcher
from somedesk.runtime.notify import freedesktop

REPO = Path(__file__).resolve().parent.parent.parent
LINUX = REPO / "packaging" / "linux"
APP_ID = "io.github.somedesk.Somedesk"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
HICOLOR = LINUX / "icons" / "hicolor"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian package {package}; scripts/test.sh installs it)")
    return path


def _desktop_entry() -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser(delimiters=("=",), interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser


def test_desktop_file_validates() -> None:
    tool = _tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True, check=False)
    # Not even a hint: with two main categories (Network and Office) somedesk showed twice in some menus.
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_metainfo_validates() -> None:
    tool = _tool("appstreamcli", "appstream")
    result = subprocess.run(
        [tool, "validate", "--no-net", "--pedantic", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_one_app_id_everywhere() -> None:
    assert somedesk.APP_ID == APP_ID
    assert DESKTOP.name == launcher.FILE_NAME
    assert freedesktop.DESKTOP_ENTRY == APP_ID  # the notifications' desktop-entry hint
    assert DESKTOP.is_file()

    entry = _desktop_entry()["Desktop Entry"]
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == "somedesk %u"  # %u: a somedesk://join link (a team file), or nothing

    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    launchable = root.find("launchable")
    assert launchable is not None
    assert launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name

    assert (HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    named = {path.name for path in HICOLOR.glob("*/apps/*")}
    assert named == {f"{APP_ID}.png", f"{APP_ID}.svg"}


def test_desktop_actions_open_existing_windows() -> None:
    from somedesk.cli.parser import build_parser

    entry = _desktop_entry()
    actions = [name for name in entry["Desktop Entry"]["Actions"].split(";") if name]
    assert actions == ["quick-post", "planner"]
    for action in actions:
        command = entry[f"Desktop Action {action}"]["Exec"].split()
        assert command[0] == "somedesk"
        assert build_parser().parse_args(command[1:]).show == action


def test_screenshots_exist_in_the_repository() -> None:
    root = ET.parse(METAINFO).getroot()
    prefix = "https://raw.githubusercontent.com/somedesk/somedesk/main/"
    urls = [image.text or "" for image in root.iter("image")]
    assert urls
    for url in urls:
        assert url.startswith(prefix)
        assert (REPO / url.removeprefix(prefix)).is_file(), url


@pytest.mark.parametrize("size", SIZES)
def test_icon_is_rendered_at_size(size: int) -> None:
    path = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    image = QImage(str(path))
    assert not image.isNull(), f"{path} is missing or not an image (run scripts/render_icons.py)"
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    colours = {image.pixel(x, y) for x in range(size) for y in range(size)}
    assert len(colours) > 2, "the icon is blank"
    assert image.pixelColor(size // 2, size // 2).alpha() == 255  # the middle is drawn, opaque


def test_windows_and_macos_icons_exist() -> None:
    ico = (REPO / "packaging" / "windows" / "somedesk.ico").read_bytes()
    assert ico[:4] == b"\0\0\1\0"
    assert int.from_bytes(ico[4:6], "little") >= 5  # several sizes in one icon
    icns = (REPO / "packaging" / "macos" / "somedesk.icns").read_bytes()
    assert icns[:4] == b"icns"
    assert int.from_bytes(icns[4:8], "big") == len(icns)


FLATPAK = REPO / "packaging" / "flatpak"


def _flatpak_manifest() -> dict[str, Any]:
    manifest: dict[str, Any] = yaml.safe_load((FLATPAK / f"{APP_ID}.yml").read_text(encoding="utf-8"))
    return manifest


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_flatpak_manifest_uses_the_app_id_and_the_real_files() -> None:
    manifest = _flatpak_manifest()
    assert manifest["app-id"] == APP_ID == somedesk.APP_ID
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert manifest["command"] in project["scripts"]
    modules = manifest["modules"]
    assert (FLATPAK / modules[0]).is_file()  # python3-deps.json, before the app that needs it
    app = modules[-1]
    assert (FLATPAK / app["sources"][0]["path"] / "pyproject.toml").is_file()
    installed = " ".join(app["build-commands"])
    for path in (DESKTOP, METAINFO, LINUX / "icons"):
        assert str(path.relative_to(REPO)).replace(APP_ID, "${FLATPAK_ID}") in installed
    # What the app talks to over D-Bus: notifications, the tray and the keyring.
    for name in ("org.freedesktop.Notifications", "org.kde.StatusNotifierWatcher", "org.freedesktop.secrets"):
        assert f"--talk-name={name}" in manifest["finish-args"]


def test_the_flatpak_lists_every_runtime_dependency_as_a_pinned_wheel() -> None:
    # Fails when pyproject.toml gains a dependency and generate_python_deps.py was not run again.
    deps = json.loads((FLATPAK / "python3-deps.json").read_text(encoding="utf-8"))
    wheels = {_normalized(s["url"].rsplit("/", 1)[1].split("-")[0]) for s in deps["sources"]}
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    needed = {_normalized(re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0]) for r in project["dependencies"]}
    provided_by_the_base_app = {"pyside6-essentials"}
    assert needed - provided_by_the_base_app <= wheels
    assert "pyside6-essentials" not in wheels and "setuptools" in wheels  # the build backend, offline
    for source in deps["sources"]:
        assert source["url"].startswith("https://files.pythonhosted.org/") and len(source["sha256"]) == 64
    installed = deps["build-commands"][0].split()
    assert {_normalized(n) for n in installed} >= wheels


def test_autostart_starts_the_flatpak_or_the_bundle_as_the_host_sees_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert launcher.command({"FLATPAK_ID": APP_ID}) == ["flatpak", "run", APP_ID]
    monkeypatch.setattr(sys, "frozen", True, raising=False)  # how PyInstaller marks its bundle
    assert launcher.command({}) == [sys.executable]
    monkeypatch.delattr(sys, "frozen")
    assert launcher.command({}) == [sys.executable, "-m", "somedesk"]


def test_the_packaged_launcher_entry_is_the_one_somedesk_writes() -> None:
    # One source: `somedesk launcher add` writes launcher.launcher_entry with this somedesk's command.
    assert DESKTOP.read_text(encoding="utf-8") == launcher.launcher_entry(["somedesk"])


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_DATA_DIRS", str(tmp_path / "system"))
    monkeypatch.delenv("FLATPAK_ID", raising=False)
    monkeypatch.delenv("SOMEDESK_HOME", raising=False)
    return tmp_path / "share"


def test_launcher_add_installs_a_valid_entry_and_the_icon_and_remove_takes_both(data_home: Path) -> None:
    from somedesk.cli.main import main

    assert not launcher.is_installed()
    assert main(["launcher", "add"]) == 0
    entry = data_home / "applications" / DESKTOP.name
    icon = data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert (
        launcher.is_installed()
        and icon.read_bytes() == (HICOLOR / "scalable" / "apps" / icon.name).read_bytes()
    )
    result = subprocess.run(
        [_tool("desktop-file-validate", "desktop-file-utils"), str(entry)], capture_output=True, text=True
    )
    assert (result.returncode, result.stdout) == (0, "")
    start = launcher.exec_line([sys.executable, "-m", "somedesk"])
    parser = configparser.RawConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(entry, encoding="utf-8")
    assert parser["Desktop Entry"]["Exec"] == f"{start} %u"
    assert parser["Desktop Action planner"]["Exec"] == f"{start} --show planner"
    assert main(["launcher", "add"]) == 0  # again: rewritten, still one entry
    assert sorted(p.name for p in entry.parent.iterdir()) == [DESKTOP.name]
    assert main(["launcher", "remove"]) == 0
    assert not entry.exists() and not icon.exists() and not launcher.is_installed()


def test_an_isolated_somedesk_starts_on_its_own_data_folder(data_home: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOMEDESK_HOME", "/tmp/my somedesk")
    launcher.install()
    text = (data_home / "applications" / DESKTOP.name).read_text(encoding="utf-8")
    assert 'Exec=env "SOMEDESK_HOME=/tmp/my somedesk" ' in text


def test_inside_a_flatpak_there_is_nothing_to_add(data_home: Path, monkeypatch, capsys) -> None:
    from somedesk.cli.main import main

    monkeypatch.setenv("FLATPAK_ID", APP_ID)
    assert main(["launcher", "add"]) == 1
    assert capsys.readouterr().err == "somedesk: This somedesk is a Flatpak, which has its own menu entry.\n"
    assert not data_home.exists()


def test_notifications_name_the_theme_icon_once_one_is_installed(data_home: Path, tmp_path: Path) -> None:
    packaged = launcher.icon_for_notifications()
    assert Path(packaged).is_file() and packaged.endswith("somedesk.svg")  # an absolute path until then
    system = tmp_path / "system" / "icons" / "hicolor" / "48x48" / "apps"
    system.mkdir(parents=True)
    (system / f"{APP_ID}.png").write_bytes((HICOLOR / "48x48" / "apps" / f"{APP_ID}.png").read_bytes())
    assert launcher.icon_for_notifications() == APP_ID  # a package installed it
    (system / f"{APP_ID}.png").unlink()
    launcher.install()
    assert launcher.icon_for_notifications() == APP_ID  # `somedesk launcher add` did


def test_the_licence_text_matches_the_declared_licence() -> None:
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 The somedesk team\n")
    assert "Permission is hereby granted, free of charge" in text
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert ET.parse(METAINFO).getroot().findtext("project_license") == "MIT"
    spec = (REPO / "packaging" / "somedesk.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "LICENSE"), ".")' in spec  # the bundle carries the text too
