"""Operating-system integration: the applications menu, autostart, one instance, the log, crashes."""
