"""A real print queue for the printing tests: CUPS with a `PDF` queue that writes files.

The cups-pdf backend turns each job into a PDF file in the folder its configuration names
(`Out` in /etc/cups/cups-pdf.conf; Debian's is `${HOME}/PDF`, the home directory being the
one in /etc/passwd of the user who printed, so /root/PDF for root). The file is named after
the job's title, lower-cased, with `-job_N` added: a test gives each job a unique title and
finds its file by that.
"""

import os
import pwd
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

QUEUE = "PDF"
CUPSD = Path("/usr/sbin/cupsd")
BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
PPD = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"
CONFIG = Path("/etc/cups/cups-pdf.conf")
LOG = Path("/var/log/cups/cups-pdf-PDF_log")
INSTALL = "apt-get install cups cups-client printer-driver-cups-pdf (scripts/setup.sh --test)"


class CupsUnavailable(Exception):
    """No CUPS queue `PDF` can be used on this machine."""


@dataclass(frozen=True)
class PrintQueue:
    """The `PDF` queue and the folder where its jobs land as files."""

    name: str
    output: Path

    def printed_file(self, title: str, *, timeout: float = 90.0) -> Path:
        """The file the job titled `title` became, once the queue has finished it."""
        key = title.lower()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = sorted(
                (path for path in self.output.glob("*.pdf") if key in path.name.lower()),
                key=lambda path: path.stat().st_mtime,
            )
            # cups-pdf writes the file in place, so it is whole only once the job is done.
            if found and found[-1].stat().st_size > 0 and not self.pending_jobs():
                return found[-1]
            time.sleep(0.2)
        raise AssertionError(
            f"no printed file for the job {title!r} in {self.output} after {timeout:.0f} s;"
            f" jobs still queued: {self.pending_jobs() or 'none'}; cups-pdf log:\n{_log_tail()}"
        )

    def pending_jobs(self) -> str:
        """`lpstat -o` for the queue: the jobs not completed yet (empty when idle)."""
        return _lpstat("-o", self.name).stdout.strip()


@contextmanager
def running_print_queue() -> Iterator[PrintQueue]:
    """Make sure cupsd runs and the `PDF` queue exists; a cupsd started here is stopped after."""
    for needed in (CUPSD, BACKEND):
        if not needed.exists():
            raise CupsUnavailable(f"{needed} is missing: {INSTALL}")
    if shutil.which("lpstat") is None or shutil.which("lpadmin") is None:
        raise CupsUnavailable(f"lpstat and lpadmin are missing: {INSTALL}")
    started = None if _scheduler_running() else _start_cupsd()
    try:
        _add_queue()
        yield PrintQueue(QUEUE, output_folder())
    finally:
        if started is not None:
            started.terminate()
            started.wait(timeout=30)


def output_folder(user: str | None = None) -> Path:
    """Where cups-pdf writes the jobs of `user` (by default whoever runs the tests)."""
    entry = pwd.getpwnam(user) if user else pwd.getpwuid(os.getuid())
    out = "/var/spool/cups-pdf/${USER}"  # cups-pdf's built-in default
    if CONFIG.exists():
        for line in CONFIG.read_text(errors="replace").splitlines():
            if match := re.match(r"\s*Out\s+(\S.*?)\s*$", line):
                out = match.group(1)
    return Path(out.replace("${HOME}", entry.pw_dir).replace("${USER}", entry.pw_name))


def _start_cupsd() -> subprocess.Popen[bytes]:
    if os.geteuid() != 0:
        raise CupsUnavailable("the CUPS scheduler is not running, and only root can start it")
    # -f: in the foreground, as this process's child, so that it can be stopped again.
    server = subprocess.Popen(
        [str(CUPSD), "-f"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd="/",
        start_new_session=True,
    )
    deadline = time.monotonic() + 20
    while not _scheduler_running():
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            server.wait()
            raise CupsUnavailable(f"{CUPSD} did not start (see /var/log/cups/error_log)")
        time.sleep(0.1)
    return server


def _add_queue() -> None:
    state = _lpstat("-p", QUEUE)
    if state.returncode == 0:
        if "disabled" in state.stdout and os.geteuid() == 0:
            # cups-pdf stops the queue after a failed job; a stopped queue only collects jobs.
            for command in ("cupsenable", "cupsaccept"):
                subprocess.run([command, QUEUE], capture_output=True, check=False, timeout=30)
        return
    if os.geteuid() != 0:
        raise CupsUnavailable(f"there is no print queue {QUEUE!r}, and only root can add it")
    added = subprocess.run(
        ["lpadmin", "-p", QUEUE, "-v", "cups-pdf:/", "-m", PPD, "-E"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if added.returncode != 0 or _lpstat("-p", QUEUE).returncode != 0:
        raise CupsUnavailable(f"lpadmin could not add the queue {QUEUE!r}: {added.stderr.strip()}")


def _scheduler_running() -> bool:
    return _lpstat("-r").stdout.strip() == "scheduler is running"


def _lpstat(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["lpstat", *arguments], capture_output=True, text=True, check=False, timeout=30
    )


def _log_tail(lines: int = 15) -> str:
    try:
        return "\n".join(LOG.read_text(errors="replace").splitlines()[-lines:])
    except OSError as exc:
        return f"(cannot read {LOG}: {exc})"
