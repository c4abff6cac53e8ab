"""``python -m simulator`` — the same CLI as the ``tussenwerker`` command."""

import sys

from .cli import main

sys.exit(main())
