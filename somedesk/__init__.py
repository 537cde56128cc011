"""somedesk: post on LinkedIn and X in the micro-moments of your working week."""

__version__ = "0.1.0"
# The reverse-DNS application id: the launcher entry's file name, the icon's name, the AppStream id,
# the notifications' desktop-entry hint, Qt's desktop file name and the Flatpak's app-id.
APP_ID = "io.github.somedesk.Somedesk"
