"""The entry point of both executables of the standalone build (``tussenwerker.spec``).

``tussenwerker-window`` (no console: what a trainee starts) and ``tussenwerker`` (the
console command for trainers) run the same CLI: without a command it opens the window.
"""

import sys

from simulator.cli import main

if __name__ == "__main__":
    sys.exit(main())
