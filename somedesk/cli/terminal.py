"""What the command line prints goes to a terminal, which obeys control characters: a feed title with
`ESC ] 0 ; … BEL` retitles the window, `ESC [ 2 J` clears it, and others can rewrite what was shown.

Every line the CLI prints passes through `EscapingStream`, which shows each control character as a
visible escape (`\\x1b`) instead: feed titles, draft text, error messages that quote them alike.
Newlines and tabs are layout and pass; so does everything printable, in any script.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

# C0 controls but tab and newline, DEL, the C1 controls (U+009B is CSI on some terminals), the line
# and paragraph separators (a line break to many viewers and to Python's splitlines), the bidi
# embeddings and overrides (they reorder what follows on the line, even our own words), and lone
# surrogates (bytes that were not UTF-8 in an argument, which the stream cannot even encode).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028-\u202e\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with its control characters written as escapes, safe to show on a terminal."""
    return _CONTROLS.sub(_escaped, text)


class EscapingStream:
    """A text stream that writes `visible(text)` to the stream it wraps; everything else (flush,
    fileno, isatty, buffer for bytes) is the wrapped stream's own."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(visible(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)
