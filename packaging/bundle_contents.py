"""What the one-folder build carries, beyond what PyInstaller finds by following imports.

`trainingdesk.spec` reads this module; the fast tests read it too, so that a renamed
resource or migration folder fails in seconds rather than in a frozen program on a
coordinator's laptop.
"""

import os
import re
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "TrainingDesk"
ENTRY_SCRIPT = ROOT / "src" / "trainingdesk" / "__main__.py"
RESOURCES = ROOT / "resources"
MIGRATIONS = ROOT / "src" / "trainingdesk" / "storage" / "migrations"
WINDOWS_ICON = RESOURCES / "icons" / "trainingdesk.ico"

# One row of a PyInstaller table of contents: (path in the bundle, source, kind).
Entry = tuple[str, str, str]

# Imported by name at run time, so import analysis cannot see them.
HIDDEN_IMPORT_PACKAGES = (
    # Alembic runs env.py and the revisions from files; analysing them as modules brings
    # in what they import (alembic.op, the models, the batch operations of SQLite).
    "trainingdesk.storage.migrations",
    # ReportLab's barcode family resolves its encoders by name (issue 9: a frozen QR
    # code failed on `reportlab.graphics.barcode.code128` until these were collected).
    "reportlab.graphics.barcode",
    # PyInstaller's SQLAlchemy hook collects every dialect, but not the driver that the
    # PostgreSQL dialect of the server mode imports by name.
    "psycopg",
)

# LGPL packages of Python code go beside the program as source files rather than into
# its archive, so that a user can replace them with versions of their own, as the LGPL
# requires (their compiled parts are separate files already).
LGPL_PACKAGES = ("PySide6", "shiboken6", "psycopg", "jalali_core")

# Distributions whose metadata the program reads: `trainingdesk.__version__` comes from
# the installed metadata, so the frozen program says the version pyproject.toml gives.
METADATA = ("trainingdesk",)

# Modules the program does without, though the libraries it uses may import them.
EXCLUDED_MODULES = (
    # Qt modules the program never imports (it uses Core, Gui, Widgets, PrintSupport, Pdf
    # and PdfWidgets): so that no optional import or hook brings tens of megabytes back.
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuick3D",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebChannel",
    "PySide6.Qt3DCore",
    "PySide6.QtMultimedia",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    "PySide6.QtGraphs",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtBluetooth",
    "PySide6.QtPositioning",
    "PySide6.QtSensors",
    "PySide6.QtSerialPort",
    "PySide6.QtTextToSpeech",
    "tkinter",
    # Images are PNG or JPEG: AVIF (5 MB of codecs) and WebP stay out; Pillow carries on
    # without them.
    "PIL._avif",
    "PIL._webp",
    # rapidfuzz's AVX2 builds speed up comparing many strings at once; the program
    # compares one pair of names at a time, as fast with the plain build (about 0.7 µs a
    # pair either way here), which rapidfuzz falls back to. 5 MB.
    "rapidfuzz.fuzz_cpp_avx2",
    "rapidfuzz.distance.metrics_cpp_avx2",
    # Reached only through the debugger and interactive helpers of the standard library.
    "readline",
)

# The Qt plugins the program loads, by folder, named without `lib` and extension (the
# same names on Linux and Windows). Other plugins of a collected folder stay out, and a
# folder not named here is left out whole.
QT_PLUGINS = {
    # offscreen: the smoke test and headless use; xcb: X11, and Wayland desktops through
    # XWayland (Qt falls back to it; the Wayland plugin needs libraries a desktop has but
    # a build machine may not); windows: Windows.
    "platforms": {"qxcb", "qoffscreen", "qwindows"},
    "xcbglintegrations": {"qxcb-glx-integration", "qxcb-egl-integration"},
    # The portal gives the desktop's own file dialogs without bundling GTK.
    "platformthemes": {"qxdgdesktopportal"},
    # Dead keys and the input-method bus that GNOME starts: typing names in any script.
    "platforminputcontexts": {
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    },
    # Logos and scanned signatures are PNG (built into Qt) or JPEG; the desktop's icon
    # theme, drawn in dialogs, is SVG.
    "imageformats": {"qjpeg", "qsvg"},
    "iconengines": {"qsvgicon"},
    "printsupport": {"cupsprintersupport"},
    "styles": {"qmodernwindowsstyle"},
}

# Libraries every Linux desktop has, by name without `lib` and extension. The C++ runtime
# must be the laptop's own: a bundled copy is loaded first, and the laptop's graphics
# driver, built against a newer one, then fails to load. D-Bus is best the laptop's own,
# as its message bus is, and brings systemd's libraries (4 MB). CUPS brings a dozen
# (10 MB); where it is missing, Qt lists no printers and everything else works.
SYSTEM_LIBRARIES = ("stdc++", "gcc_s", "dbus-1", "cups")


def data_files() -> list[tuple[str, str]]:
    """(file, folder in the bundle) pairs: `resources/` and Alembic's script directory.

    Alembic reads its environment and revisions as source files from the folder that
    `trainingdesk.storage.database.MIGRATIONS` names, which in the bundle is the same
    place relative to the package as in the source tree.
    """
    pairs = _tree(RESOURCES, PurePosixPath("resources"))
    pairs += _tree(MIGRATIONS, PurePosixPath("trainingdesk", "storage", "migrations"))
    return pairs


def _tree(folder: Path, target: PurePosixPath) -> list[tuple[str, str]]:
    return [
        (str(path), str(target / path.parent.relative_to(folder).as_posix()))
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    ]


def keep(destination: str) -> bool:
    """Whether a file PyInstaller collected belongs in the bundle (by its bundle path)."""
    parts = PurePosixPath(destination.replace("\\", "/")).parts
    name = _bare_name(parts[-1])
    if len(parts) == 1:
        return name not in SYSTEM_LIBRARIES
    if parts[0] != "PySide6":
        return True
    if "translations" in parts:
        # The interface is English and loads no Qt translation.
        return False
    if "plugins" in parts[:-2]:
        folder = parts[parts.index("plugins") + 1]
        return name in QT_PLUGINS.get(folder, set())
    return True


def _bare_name(file_name: str) -> str:
    """`libqxcb.so` and `qxcb.dll` are both `qxcb`; `libQt6Gui.so.6` is `Qt6Gui`."""
    return file_name.split(".", maxsplit=1)[0].removeprefix("lib")


def trimmed(
    binaries: Iterable[Entry],
    datas: Iterable[Entry],
    needed_by: Callable[[str], Iterable[str]] | None,
) -> tuple[list[Entry], list[Entry]]:
    """PyInstaller's binaries and data files without what `keep` refuses, nor what only
    those files needed.

    With `needed_by(path)`, which names the libraries a binary links to, libraries are
    kept only when a kept program, Python extension or Qt plugin links to them, directly
    or through other kept libraries. Symbolic links to files left out go too.
    """
    binaries = [entry for entry in binaries if keep(entry[0])]
    if needed_by is not None:
        binaries = _linked_from_the_program(binaries, needed_by)
    datas = [entry for entry in datas if keep(entry[0])]
    present = {entry[0] for entry in binaries} | {entry[0] for entry in datas}
    datas = [entry for entry in datas if entry[2] != "SYMLINK" or entry[1] in present]
    return binaries, datas


def _linked_from_the_program(
    binaries: list[Entry], needed_by: Callable[[str], Iterable[str]]
) -> list[Entry]:
    by_name: dict[str, list[Entry]] = {}
    for entry in binaries:
        by_name.setdefault(PurePosixPath(entry[0]).name, []).append(entry)
    reached: set[str] = set()
    pending = [entry for entry in binaries if not _is_library(entry)]
    while pending:
        entry = pending.pop()
        if entry[0] not in reached:
            reached.add(entry[0])
            pending += [found for name in needed_by(entry[1]) for found in by_name.get(name, [])]
    return [entry for entry in binaries if entry[0] in reached]


def _is_library(entry: Entry) -> bool:
    destination, _, kind = entry
    parts = PurePosixPath(destination).parts
    # Python's own library is loaded by the bootloader, not linked to.
    return kind == "BINARY" and "plugins" not in parts and not parts[-1].startswith("libpython")


def linked_libraries(path: str) -> list[str]:
    """The libraries an ELF file names as needed (its direct dependencies only)."""
    listing = subprocess.run(
        ["readelf", "--dynamic", "--wide", path],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "LC_ALL": "C"},  # the words matched below, untranslated
    ).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", listing)
