"""Certificate files: written under temporary names and put in place all at once, and read
back for the code text under each QR code.
"""

import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from trainingdesk.domain.certificates import QR_VERSION
from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.domain.records import CertificatePage
from trainingdesk.reports.certificate import write_certificate_files, write_certificates

# progress(message, done, total): raising from it cancels the work.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class CertificateOutput:
    """Where certificates are written: one PDF to print, and/or one PDF per person.

    `per_person` is a folder, or a file whose name ends in `.zip` to carry them as one.
    """

    pdf: Path | None = None
    per_person: Path | None = None

    @property
    def zipped(self) -> bool:
        """Whether the per-person files go into one ZIP archive."""
        return self.per_person is not None and self.per_person.suffix.lower() == ".zip"


class UnreadableCertificate(TrainingDeskError):
    """A file given to be checked is not a PDF that can be read."""


def codes_in_pdf(path: Path) -> list[str]:
    """The code text of each certificate page of a PDF (written invisibly under its QR)."""
    try:
        reader = PdfReader(path)
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, OSError, ValueError) as exc:
        raise UnreadableCertificate(f"{path.name} cannot be read as a PDF: {exc}") from exc
    return [line.strip() for line in text.splitlines() if line.strip().startswith(QR_VERSION)]


@dataclass
class Staged:
    """Files written beside their destinations, put in place only once all are written."""

    moves: list[tuple[Path, Path]] = field(default_factory=list)
    scratch: list[Path] = field(default_factory=list)

    def publish(self) -> None:
        """Move every file into place."""
        for written, destination in self.moves:
            written.replace(destination)
        self.discard()

    def discard(self) -> None:
        """Remove every file written so far."""
        for written, _destination in self.moves:
            written.unlink(missing_ok=True)
        for folder in self.scratch:
            shutil.rmtree(folder, ignore_errors=True)


def stage(
    pages: list[CertificatePage], output: CertificateOutput, progress: Progress | None
) -> Staged:
    """Write every file of `output` under a temporary name; nothing is left on failure."""
    jobs = (output.pdf is not None) + (output.per_person is not None)
    total = len(pages) * jobs
    done = 0

    def step(_number: int) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(f"Writing certificate {done:,} of {total:,}", done, total)

    staged = Staged()
    try:
        if output.pdf is not None:
            partial = _partial(output.pdf)
            staged.moves.append((partial, output.pdf))
            write_certificates(pages, partial, progress=step)
        if output.per_person is not None:
            _stage_per_person(pages, output, staged, step)
    except BaseException:
        staged.discard()
        raise
    return staged


def _stage_per_person(
    pages: list[CertificatePage],
    output: CertificateOutput,
    staged: Staged,
    step: Callable[[int], None],
) -> None:
    target = output.per_person
    assert target is not None
    if output.zipped:
        target.parent.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=".certificates-", dir=target.parent))
        staged.scratch.append(folder)
        files = write_certificate_files(pages, folder, progress=step)
        partial = _partial(target)
        staged.moves.append((partial, target))
        # PDFs are compressed already: storing them is as small and much quicker.
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as archive:
            for file in files:
                archive.write(file, file.name)
        return
    target.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=".certificates-", dir=target))
    staged.scratch.append(folder)
    for file in write_certificate_files(pages, folder, progress=step):
        staged.moves.append((file, target / file.name))


def _partial(destination: Path) -> Path:
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(
        prefix=f".{destination.stem}-", suffix=".partial", dir=destination.parent
    )
    os.close(handle)
    return Path(name)
