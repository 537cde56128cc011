"""The command line: a module per command group, its output formatting and the self-test."""
