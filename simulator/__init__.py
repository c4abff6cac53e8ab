"""Everything a person touches: the window, the terminal player, the CLI and saved sessions."""
