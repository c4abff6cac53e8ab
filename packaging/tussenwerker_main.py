"""The entry point of both executables of the standalone build (``tussenwerker.spec``).

``tussenwerker-window`` (no console: what a trainee starts) and ``tussenwerker`` (the
console command for trainers) run the same CLI: without a command it opens the window.
"""

import multiprocessing
import sys

from simulator.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the speech process (simulator/a11y/speech.py) starts this executable again
    sys.exit(main())
