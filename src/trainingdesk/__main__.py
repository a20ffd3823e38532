"""`trainingdesk` and `python -m trainingdesk`."""

import os
import sys

from trainingdesk.cli import main as cli_main


def main() -> int:
    """Entry point of the console script."""
    try:
        return cli_main(sys.argv[1:], gui=_gui)
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, as command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _gui(location: str | None) -> int:
    # Imported only when the window is wanted: commands start without loading Qt.
    from trainingdesk.app import run_gui

    return run_gui(location)


if __name__ == "__main__":
    sys.exit(main())
