"""Settings: accounts, routine, calendars, targets, publishing and language, one module per page.

Everything but the accounts lives in config.toml, written back by `somedesk.sources.configwriter`.
"""

from somedesk.gui.settings.window import SettingsWindow

__all__ = ["SettingsWindow"]
