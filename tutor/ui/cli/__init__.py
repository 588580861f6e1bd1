"""The `tutor` command line, one module per command group."""
