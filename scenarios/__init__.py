"""The shipped scenarios (YAML). This file only makes the folder the package
``simulator.scenarios`` in the wheel and the editable install (see ``setup.py``);
the program reads the folder through ``simulator.resources``."""
