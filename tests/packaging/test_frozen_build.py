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
    subprocess.run([ROOT / "packaging" / "build.sh"], check=True)
    subprocess.run([ROOT / "packaging" / "smoke_test.sh"], check=True)
