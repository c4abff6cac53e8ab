"""The command line's exit codes."""

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
