"""Errors a user can hit, each carrying a message written for that user (one line, no traceback)."""


class UserError(Exception):
    """Base of every error whose message is shown to the person as it is."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


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
