"""The real proof: build the frozen program and pass the smoke test with it.

Takes about two minutes (a build of one to 2.5, a smoke test of under one), so it runs
only when asked: `TRAININGDESK_PACKAGING=1 .venv/bin/pytest -m packaging`.
"""

import os
import subprocess

import pytest

from tests.packaging.conftest import ROOT


@pytest.mark.packaging
@pytest.mark.skipif(
    os.environ.get("TRAININGDESK_PACKAGING") != "1",
    reason="builds the frozen program (minutes): set TRAININGDESK_PACKAGING=1 to run it",
)
def test_the_built_program_passes_the_smoke_test() -> None:
    build = subprocess.run(
        [ROOT / "packaging" / "build.sh"], capture_output=True, text=True, check=False
    )
    assert build.returncode == 0, build.stdout + build.stderr
    assert (ROOT / "dist" / "TrainingDesk").is_dir()
    assert list((ROOT / "dist").glob("TrainingDesk-*-linux-*.tar.gz"))
    smoke = subprocess.run(
        [ROOT / "packaging" / "smoke_test.sh"], capture_output=True, text=True, check=False
    )
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "Smoke test passed" in smoke.stdout
