"""A coordinator installs, upgrades and removes TrainingDesk from the Linux archive."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT

LINUX = ROOT / "packaging" / "linux"


@pytest.fixture
def unpacked(tmp_path: Path) -> Path:
    """An archive as build.sh lays it out, with a stand-in for the frozen program."""
    folder = tmp_path / "TrainingDesk-9.9.9-linux-x86_64"
    program = folder / "TrainingDesk"
    (program / "_internal").mkdir(parents=True)
    (program / "_internal" / "libQt6Core.so.6").write_text("new")
    executable = program / "TrainingDesk"
    executable.write_text('#!/bin/sh\necho "trainingdesk 9.9.9"\n')
    executable.chmod(0o755)
    for name in ("install.sh", "uninstall.sh", "trainingdesk.desktop"):
        shutil.copy(LINUX / name, folder)
    for name in ("trainingdesk.svg", "trainingdesk.png"):
        shutil.copy(ROOT / "resources" / "icons" / name, folder)
    return folder


def run(script: Path, home: Path) -> str:
    """Run an installer script as a user whose home is `home`."""
    environment = {"HOME": str(home), "PATH": os.environ["PATH"]}
    finished = subprocess.run(
        ["sh", str(script)], env=environment, capture_output=True, text=True, check=True
    )
    return finished.stdout


def test_install_puts_the_program_the_command_and_the_menu_entry_in_the_users_folders(
    unpacked: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    output = run(unpacked / "install.sh", home)

    program = home / ".local" / "opt" / "TrainingDesk" / "TrainingDesk"
    assert "TrainingDesk 9.9.9 is installed" in output
    assert (home / ".local" / "bin" / "trainingdesk").resolve() == program
    entry = (home / ".local" / "share" / "applications" / "trainingdesk.desktop").read_text()
    assert f'Exec="{program}"' in entry.splitlines()
    assert "Icon=trainingdesk" in entry.splitlines()
    icons = home / ".local" / "share" / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "trainingdesk.svg").is_file()
    assert (icons / "256x256" / "apps" / "trainingdesk.png").is_file()


def test_an_upgrade_replaces_the_program_and_never_touches_the_data(
    unpacked: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    data = home / ".local" / "share" / "TrainingDesk" / "trainingdesk.sqlite"
    data.parent.mkdir(parents=True)
    data.write_text("the coordinator's work")
    installed = home / ".local" / "opt" / "TrainingDesk"
    run(unpacked / "install.sh", home)
    (installed / "_internal" / "left-over-from-the-old-version.so").write_text("old")

    run(unpacked / "install.sh", home)

    assert not (installed / "_internal" / "left-over-from-the-old-version.so").exists()
    assert (installed / "_internal" / "libQt6Core.so.6").read_text() == "new"
    assert data.read_text() == "the coordinator's work"


def test_uninstall_removes_the_program_and_keeps_the_data(unpacked: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    data = home / ".config" / "TrainingDesk" / "certificate-signing-key.pem"
    data.parent.mkdir(parents=True)
    data.write_text("key")
    run(unpacked / "install.sh", home)

    output = run(home / ".local" / "opt" / "TrainingDesk" / "uninstall.sh", home)

    assert "Your databases and settings were kept" in output
    assert not (home / ".local" / "opt" / "TrainingDesk").exists()
    assert not (home / ".local" / "bin" / "trainingdesk").is_symlink()
    assert not (home / ".local" / "share" / "applications" / "trainingdesk.desktop").exists()
    assert data.read_text() == "key"


def test_install_refuses_a_partly_unpacked_archive(unpacked: Path, tmp_path: Path) -> None:
    shutil.rmtree(unpacked / "TrainingDesk")
    environment = {"HOME": str(tmp_path / "home"), "PATH": os.environ["PATH"]}
    finished = subprocess.run(
        ["sh", str(unpacked / "install.sh")],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 1
    assert "unpack the whole archive" in finished.stderr
    assert not (tmp_path / "home" / ".local" / "opt").exists()
