"""Where the files the program ships live: fonts, icons, artwork.

The same lookup serves a source checkout (the repository's `resources/` folder) and a
frozen build (PyInstaller unpacks them beside the program), never the working directory.
"""

import os
import sys
from pathlib import Path

OVERRIDE_VARIABLE = "TRAININGDESK_RESOURCES"


def resources_folder() -> Path:
    """The folder holding `fonts/`, `icons/` and `artwork/`."""
    override = os.environ.get(OVERRIDE_VARIABLE)
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen is not None:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """A shipped file, e.g. `resource_path("fonts", "NotoSans-Regular.ttf")`.

    Raises FileNotFoundError naming the folder searched, so a broken installation says
    what is missing instead of failing later inside a PDF library.
    """
    path = resources_folder().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"resource {'/'.join(parts)} not found in {resources_folder()}")
    return path
