"""A throwaway PostgreSQL server on loopback for the tests of the server mode."""

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class PostgresUnavailable(Exception):
    """No PostgreSQL server can be started on this machine."""


def _binaries() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        raise PostgresUnavailable(
            "no PostgreSQL binaries in /usr/lib/postgresql (apt-get install postgresql)"
        )
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; CI runs as root.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def throwaway_server() -> Iterator[str]:
    """Start a cluster in a temporary folder; yields a URL template with `{database}`."""
    binaries = _binaries()
    folder = Path(tempfile.mkdtemp(prefix="trainingdesk-pg-"))
    data, sockets = folder / "data", folder / "sockets"
    data.mkdir()
    sockets.mkdir()
    if os.geteuid() == 0:
        for path in (folder, data, sockets):
            shutil.chown(path, "postgres")
    port = _free_port()
    try:
        initdb = [str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust"]
        _run([*initdb, "-E", "UTF8", "--locale=C.UTF-8"])
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        # With -l the server writes to a file, not to pipes that would keep this waiting.
        log = str(folder / "server.log")
        _run([str(binaries / "pg_ctl"), "-D", str(data), "-l", log, "-o", options, "-w", "start"])
    except (OSError, subprocess.SubprocessError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise PostgresUnavailable(f"PostgreSQL did not start: {exc}") from exc
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/{{database}}"
    finally:
        _run([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])
        shutil.rmtree(folder, ignore_errors=True)


def create_database(url_template: str) -> str:
    """A new, empty database on the server; returns its URL."""
    import psycopg

    name = f"td_{uuid.uuid4().hex[:12]}"
    admin = url_template.format(database="postgres").replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return url_template.format(database=name)


def _run(command: list[str]) -> None:
    subprocess.run(_as_server_user(command), check=True, capture_output=True, cwd="/", timeout=120)
