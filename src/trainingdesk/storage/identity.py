"""This laptop's identity: a UUID kept in the per-user config folder, stamped on every change."""

import getpass
import json
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_path

APP_NAME = "TrainingDesk"


@dataclass(frozen=True)
class Actor:
    """Who makes changes: this laptop and the account using it."""

    laptop_id: uuid.UUID
    laptop_name: str
    user_name: str


def config_dir() -> Path:
    """Per-user configuration folder (XDG on Linux, AppData on Windows)."""
    return user_config_path(APP_NAME, appauthor=False)


def current_actor() -> Actor:
    """The laptop identity, created on first use; a damaged identity file is replaced."""
    path = config_dir() / "laptop.json"
    laptop_id: uuid.UUID | None = None
    name = socket.gethostname() or "laptop"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        laptop_id = uuid.UUID(stored["id"])
        name = str(stored.get("name") or name)
    except (OSError, ValueError, KeyError, TypeError):
        laptop_id = None
    if laptop_id is None:
        laptop_id = uuid.uuid4()
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"id": str(laptop_id), "name": name}), encoding="utf-8")
        temporary.replace(path)
    return Actor(laptop_id=laptop_id, laptop_name=name, user_name=_user_name())


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in some service and container environments
        return "unknown"
