"""``python -m simulator`` — the same CLI as the ``tussenwerker`` command."""

import sys

from simulator.cli.main import main

# Guarded: the speech process (simulator/a11y/speech.py) is started by importing this module again.
if __name__ == "__main__":
    sys.exit(main())
