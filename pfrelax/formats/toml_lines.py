"""Where each key of a TOML text is written: key paths to line numbers, for error messages.

tomllib gives values but no positions, so this is a small structural scanner of its own. It reads
only what it needs (table headers, keys, inline tables, arrays, strings and comments) and never
raises: on text it does not understand it stops and keeps what it found. Paths are tuples such as
("step", 2, "pattern", "exhale"); `[[step]]` tables are numbered from 0 in the order written.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

KeyPath = tuple[str | int, ...]

_BARE_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_SCALAR_END = frozenset(",]}#\n")


def format_key_path(path: KeyPath) -> str:
    """("step", 2, "pattern", "exhale") -> "step[2].pattern.exhale"."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


@dataclass
class KeyLines:
    """The line (from 1) of every key, table header and array item found in a TOML text."""

    lines: dict[KeyPath, int] = field(default_factory=dict)
    duplicates: list[tuple[KeyPath, int]] = field(default_factory=list)
    headers: list[tuple[int, KeyPath]] = field(default_factory=list)  # [table] lines, in order
    unterminated_string_line: int | None = None

    def line_of(self, path: KeyPath) -> int | None:
        """The line of `path`, or of its nearest written parent; None when none is written."""
        for end in range(len(path), 0, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None


def locate_keys(text: str) -> KeyLines:
    """Scan `text` and map every key path to the line where it is written."""
    scanner = _Scanner(text)
    with contextlib.suppress(_StopScanError):
        scanner.document()
    return scanner.found


class _StopScanError(Exception):
    """The scanner met text it cannot follow (or the end); what it found so far stands."""


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.found = KeyLines()
        self._array_counts: dict[KeyPath, int] = {}

    # -- low level -------------------------------------------------------------------------
    def peek(self, offset: int = 0) -> str:
        index = self.pos + offset
        return self.text[index] if index < len(self.text) else ""

    def advance(self, count: int = 1) -> None:
        for _ in range(count):
            if self.pos >= len(self.text):
                raise _StopScanError
            if self.text[self.pos] == "\n":
                self.line += 1
            self.pos += 1

    def skip_space(self, *, newlines: bool = False) -> None:
        """Skip blanks (and comments and newlines when `newlines`, as inside arrays)."""
        while self.pos < len(self.text):
            char = self.peek()
            if char in " \t\r" or (newlines and char == "\n"):
                self.advance()
            elif char == "#" and newlines:
                self.skip_comment()
            else:
                return

    def skip_comment(self) -> None:
        while self.pos < len(self.text) and self.peek() != "\n":
            self.advance()

    def record(self, path: KeyPath, line: int) -> None:
        if path in self.found.lines:
            self.found.duplicates.append((path, line))
        else:
            self.found.lines[path] = line

    # -- structure -------------------------------------------------------------------------
    def document(self) -> None:
        table: KeyPath = ()
        while self.pos < len(self.text):
            self.skip_space(newlines=True)
            if self.pos >= len(self.text):
                return
            if self.peek() == "[":
                table = self.table_header()
            else:
                self.key_value(table)
            self.skip_space()
            if self.peek() == "#":
                self.skip_comment()

    def table_header(self) -> KeyPath:
        line = self.line
        is_array = self.peek(1) == "["
        self.advance(2 if is_array else 1)
        self.skip_space()
        name = self.key()
        self.skip_space()
        self.advance(2 if is_array else 1)
        if not is_array:
            path = self._in_latest_tables(name)
            self.record(path, line)
            self.found.headers.append((line, path))
            return path
        index = self._array_counts.get(name, 0)
        self._array_counts[name] = index + 1
        self.found.lines.setdefault(self._in_latest_tables(name), line)
        path = (*self._in_latest_tables(name), index)
        self.record(path, line)
        self.found.headers.append((line, path))
        return path

    def _in_latest_tables(self, name: KeyPath) -> KeyPath:
        """`[step.prompts]` after `[[step]]`s means the latest step's prompts: step[n].prompts."""
        path: list[str | int] = []
        for end in range(1, len(name) + 1):
            path.append(name[end - 1])
            count = self._array_counts.get(name[:end])
            if count and end < len(name):
                path.append(count - 1)
        return tuple(path)

    def key_value(self, table: KeyPath) -> None:
        line = self.line
        path = (*table, *self.key())
        self.record(path, line)
        self.skip_space()
        if self.peek() != "=":
            raise _StopScanError
        self.advance()
        self.skip_space()
        self.value(path)

    def key(self) -> KeyPath:
        """A bare, quoted or dotted key."""
        parts: list[str] = []
        while True:
            self.skip_space()
            char = self.peek()
            if char in ('"', "'"):
                parts.append(self.string())
            else:
                start = self.pos
                while self.peek() and self.peek() in _BARE_KEY_CHARS:
                    self.advance()
                if self.pos == start:
                    raise _StopScanError
                parts.append(self.text[start : self.pos])
            self.skip_space()
            if self.peek() != ".":
                return tuple(parts)
            self.advance()

    def value(self, path: KeyPath) -> None:
        char = self.peek()
        if char in ('"', "'"):
            self.string()
        elif char == "{":
            self.inline_table(path)
        elif char == "[":
            self.array(path)
        else:
            while self.peek() and self.peek() not in _SCALAR_END:
                self.advance()

    def inline_table(self, path: KeyPath) -> None:
        self.advance()  # {
        while True:
            self.skip_space(newlines=True)  # TOML 1.1 lets inline tables span lines
            if self.peek() == "}":
                self.advance()
                return
            start = self.pos
            self.key_value(path)
            self.skip_space(newlines=True)
            if self.peek() == ",":
                self.advance()
            self._require_progress(start)

    def array(self, path: KeyPath) -> None:
        self.advance()  # [
        index = 0
        while True:
            self.skip_space(newlines=True)
            if self.peek() == "]":
                self.advance()
                return
            start = self.pos
            self.record((*path, index), self.line)
            self.value((*path, index))
            index += 1
            self.skip_space(newlines=True)
            if self.peek() == ",":
                self.advance()
            self._require_progress(start)

    def _require_progress(self, start: int) -> None:
        """An unclosed array or table at the end of the text (`a = [[""[`) reads nothing more:
        stop there instead of looping. tomllib reports the syntax error itself."""
        if self.pos == start:
            raise _StopScanError

    def string(self) -> str:
        """Skip a string of any of TOML's four kinds; return its raw text (for quoted keys)."""
        quote = self.peek()
        start_line = self.line
        delimiter = quote * 3 if self.text.startswith(quote * 3, self.pos) else quote
        self.advance(len(delimiter))
        start = self.pos
        while not self.text.startswith(delimiter, self.pos):
            if self.pos >= len(self.text) or (len(delimiter) == 1 and self.peek() == "\n"):
                self.found.unterminated_string_line = start_line
                raise _StopScanError
            if quote == '"' and self.peek() == "\\":
                self.advance()
            self.advance()
        raw = self.text[start : self.pos]
        self.advance(len(delimiter))
        # A multi-line string may end with up to two extra quotes ("""a"""" is a + ").
        while len(delimiter) == 3 and self.peek() == quote:
            self.advance()
        return raw
