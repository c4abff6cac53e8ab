"""Everything a person touches: the window, the terminal player, the CLI and saved sessions."""

# The one place the version is written: pyproject.toml reads it (dynamic), --version prints
# it, and a frozen build (which carries no package metadata) has it too.
__version__ = "0.1.0"
