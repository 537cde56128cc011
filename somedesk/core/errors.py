"""Errors a user can hit, each carrying a message written for that user (one line, no traceback)."""


class UserError(Exception):
    """Base of every error whose message is shown to the person as it is.

    The message is English (the command line's language). An error the desktop app shows often also
    carries a `code` and the `details` its message was made from, so the GUI can say it in the
    person's language (gui/messages.py); any other error is shown with its English message.
    """

    def __init__(self, message: str = "", *, code: str | None = None, **details: object) -> None:
        super().__init__(message)
        self.code = code
        self.details = details

    def __str__(self) -> str:
        return str(self.args[0]) if self.args and self.args[0] else self.__class__.__name__


class ConfigError(UserError):
    """The config file cannot be read or has a value that cannot work."""


class CalendarError(UserError):
    """A calendar source cannot be read or parsed."""


class NotFoundError(UserError):
    """A draft or other item the person named does not exist."""


class InvalidInputError(UserError):
    """A value given on the command line or in the GUI cannot be used."""


class PolicyError(UserError):
    """The social-media policy file cannot be read or has a rule that cannot work."""
