"""The window's theme and portraits (see README.md). This file only makes the folder the
package ``simulator.assets`` in the wheel and the editable install (see ``setup.py``);
the program reads the folder through ``simulator.resources``."""
