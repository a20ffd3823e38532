"""What the frozen build carries, checked in seconds instead of in a build of minutes."""

import re
import shutil
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path
from types import ModuleType

import PySide6
import pytest
from alembic.script import ScriptDirectory
from PIL import Image

import trainingdesk
from tests.packaging.conftest import ROOT
from trainingdesk.resources import OVERRIDE_VARIABLE, resource_path
from trainingdesk.storage.database import MIGRATIONS, head_revision

PYPROJECT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def lay_out_bundle(contents: ModuleType, folder: Path) -> None:
    """Copy the spec's data files where PyInstaller puts them (`_internal/` of the build)."""
    for source, target in contents.data_files():
        (folder / target).mkdir(parents=True, exist_ok=True)
        shutil.copy(source, folder / target)


def test_the_resources_and_the_migrations_are_all_bundled(contents: ModuleType) -> None:
    bundled = {
        f"{target}/{Path(source).name}": Path(source) for source, target in contents.data_files()
    }
    assert all(path.is_file() for path in bundled.values())
    shipped = {
        f"resources/{path.relative_to(ROOT / 'resources').as_posix()}"
        for path in (ROOT / "resources").rglob("*")
        if path.is_file()
    }
    assert shipped <= bundled.keys()
    for font in ("NotoSans-Regular.ttf", "NotoNaskhArabic-Regular.ttf", "OFL.txt"):
        assert f"resources/fonts/{font}" in bundled
    assert "resources/icons/trainingdesk.png" in bundled
    revisions = sorted(path.name for path in (MIGRATIONS / "versions").glob("0*.py"))
    assert revisions
    for name in ("env.py", "script.py.mako", *(f"versions/{r}" for r in revisions)):
        assert f"trainingdesk/storage/migrations/{name}" in bundled
    assert not any("__pycache__" in name for name in bundled)


def test_the_migrations_load_from_where_the_bundle_puts_them(
    contents: ModuleType, tmp_path: Path
) -> None:
    # Alembic reads the folder named by storage.database.MIGRATIONS, which in the
    # bundle is beside the frozen module as it is beside the source file.
    package = Path(trainingdesk.__file__).parent
    assert MIGRATIONS.relative_to(package).as_posix() == "storage/migrations"
    lay_out_bundle(contents, tmp_path)
    frozen = ScriptDirectory(str(tmp_path / "trainingdesk" / "storage" / "migrations"))
    assert frozen.get_current_head() == head_revision()


def test_a_frozen_program_finds_the_bundled_resources_beside_itself(
    contents: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lay_out_bundle(contents, tmp_path)
    monkeypatch.delenv(OVERRIDE_VARIABLE, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.chdir(tmp_path.parent)
    assert resource_path("fonts", "NotoNastaliqUrdu-Regular.ttf").is_relative_to(tmp_path)
    assert resource_path("licences", "LGPL-3.0.txt").is_relative_to(tmp_path)


def test_the_version_is_written_in_pyproject_only() -> None:
    assert version("trainingdesk") == trainingdesk.__version__ == PYPROJECT_VERSION
    written = re.compile(rf"\b{re.escape(PYPROJECT_VERSION)}\b".encode())
    repeated = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "packaging").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and written.search(path.read_bytes())
    ]
    assert repeated == []


@pytest.mark.parametrize(
    ("destination", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/translations/qtbase_fa.qm", False),
        ("PySide6/translations/qtbase_ur.qm", False),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", True),
        ("libstdc++.so.6", False),
        ("libcups.so.2", False),
        ("libxcb-cursor.so.0", True),
        ("resources/fonts/NotoSans-Regular.ttf", True),
        ("trainingdesk/storage/migrations/env.py", True),
    ],
)
def test_only_the_qt_plugins_and_files_the_program_uses_are_kept(
    contents: ModuleType, destination: str, kept: bool
) -> None:
    assert contents.keep(destination) is kept


def test_libraries_that_nothing_kept_links_to_are_left_out(contents: ModuleType) -> None:
    binaries = [
        ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("libfontconfig.so.1", "/src/libfontconfig.so.1", "BINARY"),
        ("libexpat.so.1", "/src/libexpat.so.1", "BINARY"),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", "/src/cups.so", "BINARY"),
        ("libcups.so.2", "/src/libcups.so.2", "BINARY"),
        ("libgnutls.so.30", "/src/libgnutls.so.30", "BINARY"),
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
    ]
    links = {
        "/src/QtGui.abi3.so": ["libQt6Gui.so.6"],
        "/src/libQt6Gui.so.6": ["libfontconfig.so.1"],
        "/src/libfontconfig.so.1": ["libexpat.so.1"],
        "/src/cups.so": ["libcups.so.2", "libQt6Gui.so.6"],
        "/src/libcups.so.2": ["libgnutls.so.30"],
    }
    datas = [
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
        ("resources/icons/trainingdesk.png", "/src/trainingdesk.png", "DATA"),
    ]
    kept_binaries, kept_datas = contents.trimmed(binaries, datas, lambda path: links.get(path, []))
    assert [entry[0] for entry in kept_binaries] == [
        "PySide6/QtGui.abi3.so",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "libfontconfig.so.1",
        "libexpat.so.1",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "libpython3.11.so.1.0",
    ]
    assert [entry[0] for entry in kept_datas] == [
        "libQt6Gui.so.6",
        "resources/icons/trainingdesk.png",
    ]
    # On Windows, where nothing is read from the files, only `keep` applies.
    assert len(contents.trimmed(binaries, datas, None)[0]) == len(binaries) - 1


@pytest.mark.skipif(shutil.which("readelf") is None, reason="needs readelf (binutils)")
def test_the_libraries_a_binary_links_to_are_read_from_it(contents: ModuleType) -> None:
    extension = next(Path(PySide6.__file__).parent.glob("QtCore.*.so"))
    assert "libQt6Core.so.6" in contents.linked_libraries(str(extension))


def test_the_icons_and_the_linux_menu_entry(contents: ModuleType) -> None:
    icons = ROOT / "resources" / "icons"
    with Image.open(icons / "trainingdesk.png") as png:
        assert png.size == (256, 256)
    with Image.open(contents.WINDOWS_ICON) as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= ico.info["sizes"]
    assert (icons / "trainingdesk.svg").read_text().startswith("<svg")
    entry = dict(
        line.split("=", 1)
        for line in (ROOT / "packaging" / "linux" / "trainingdesk.desktop").read_text().splitlines()
        if "=" in line
    )
    assert entry["Type"] == "Application"
    assert entry["Icon"] == "trainingdesk"
    assert entry["Exec"] == "trainingdesk"  # install.sh writes the installed path here
    assert entry["StartupWMClass"] == "TrainingDesk"  # Qt's window class: the app name


def test_the_windows_installer_is_per_user_and_keeps_the_data_apart() -> None:
    script = (ROOT / "packaging" / "windows" / "trainingdesk.iss").read_text()
    settings = dict(line.split("=", 1) for line in script.splitlines() if re.match(r"^\w+=", line))
    assert settings["PrivilegesRequired"] == "lowest"
    # Not %LOCALAPPDATA%\TrainingDesk, where the databases are.
    assert settings["DefaultDirName"] == r"{localappdata}\Programs\{#AppName}"
    assert settings["SetupIconFile"] == r"..\..\resources\icons\trainingdesk.ico"
    assert r'Name: "{autoprograms}\{#AppName}"' in script
    assert script.isascii()
