"""Reading a large JSON object one top-level entry (or one array item) at a time.

The standard json module reads a whole document into memory, and a history of a million rows is
hundreds of megabytes of objects. An export is one object whose big entries are arrays of small
records, so this walks the top level by hand and lets `json` decode each small piece.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from pfrelax.errors import InputError

CHUNK = 1 << 16
# One record of an export is a few hundred bytes; a piece this big is not one of ours.
MAX_PIECE = 4 * 1024 * 1024
_SPACE = re.compile(r"[ \t\n\r]*")
ARRAY_START = object()  # the value of an entry whose items follow one by one


class JsonStreamError(InputError):
    """The file is not JSON we can read; `line` and `column` say where (1-based)."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message, line=line)
        self.message, self.line, self.column = message, line, column


@dataclass(frozen=True, slots=True)
class Entry:
    """A top-level `key` and its value, or (when `index` is set) one item of its array."""

    key: str
    value: object
    index: int | None = None


class _Text:
    """Decoded text in a sliding window over the file, with line and column for any position."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.buffer = ""
        self.pos = 0
        self.eof = False
        self._line = 1  # line and column of buffer[0]
        self._column = 1
        self._bytes_read = 0

    def more(self) -> bool:
        """Read another chunk, dropping what has been consumed; False at the end of the file."""
        if self.eof:
            return False
        chunk = self._stream.read(CHUNK)
        try:
            text = self._decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            line, column = self.where(len(self.buffer))
            raise JsonStreamError(
                f"is not UTF-8 text (byte {self._bytes_read + error.start})", line, column
            ) from None
        self._bytes_read += len(chunk)
        self._forget(self.pos)
        self.buffer += text
        self.eof = not chunk
        return True

    def _forget(self, upto: int) -> None:
        done = self.buffer[:upto]
        newlines = done.count("\n")
        if newlines:
            self._line += newlines
            self._column = upto - done.rfind("\n")
        else:
            self._column += upto
        self.buffer = self.buffer[upto:]
        self.pos -= upto

    def where(self, pos: int) -> tuple[int, int]:
        newline = self.buffer.rfind("\n", 0, pos)
        line = self._line + self.buffer.count("\n", 0, pos)
        return line, (pos - newline if newline >= 0 else self._column + pos)

    def error(self, message: str, pos: int | None = None) -> JsonStreamError:
        line, column = self.where(self.pos if pos is None else pos)
        return JsonStreamError(message, line, column)

    def peek(self) -> str:
        """The next character that is not white space ("" at the end), without taking it."""
        while True:
            self.pos = _SPACE.match(self.buffer, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buffer) or not self.more():
                return self.buffer[self.pos : self.pos + 1]

    def take(self, expected: str, message: str) -> None:
        if self.peek() != expected:
            raise self.error(message)
        self.pos += 1


class _Pieces:
    """Decodes one JSON value at a time from the window, reading more as a value needs it."""

    def __init__(self, text: _Text) -> None:
        self._text = text
        self._decoder = json.JSONDecoder()

    def value(self) -> object:
        text = self._text
        text.peek()
        # text.pos is where the value starts; reading more shifts the window, never past it.
        while True:
            try:
                value, end = self._decoder.raw_decode(text.buffer, text.pos)
            except json.JSONDecodeError as error:
                if self._read_more():
                    continue
                raise text.error(error.msg, error.pos) from None
            except RecursionError:
                raise text.error("nested too deep (an export is 3 levels deep)") from None
            except ValueError:  # Python reads at most 4,300 digits of a number
                raise text.error("a number is too long (more than 4,300 digits)") from None
            # A number that ends at the end of the window may go on in the next chunk.
            if end == len(text.buffer) and self._read_more():
                continue
            text.pos = end
            return value

    def _read_more(self) -> bool:
        text = self._text
        if len(text.buffer) - text.pos > MAX_PIECE:
            raise text.error(f"one value is larger than {MAX_PIECE // (1024 * 1024)} MB")
        return text.more()


def entries(stream: BinaryIO, arrays: frozenset[str]) -> Iterator[Entry]:
    """The top-level entries of the object in `stream`; the arrays named in `arrays` come as an
    Entry(key, ARRAY_START) followed by one Entry per item. JsonStreamError on bad JSON, and
    on a document that is not an object (message "not an object")."""
    text = _Text(stream)
    pieces = _Pieces(text)
    first = text.peek()
    if first == "":
        raise text.error("Expecting value")
    if first != "{":
        raise text.error("not an object")
    text.pos += 1
    if text.peek() == "}":
        text.pos += 1
    else:
        yield from _members(text, pieces, arrays)
    if text.peek() != "":
        raise text.error("Extra data")


def _members(text: _Text, pieces: _Pieces, arrays: frozenset[str]) -> Iterator[Entry]:
    while True:
        if text.peek() != '"':
            raise text.error("Expecting property name enclosed in double quotes")
        key = pieces.value()
        assert isinstance(key, str)  # a JSON value that starts with a quote is a string
        text.take(":", "Expecting ':' delimiter")
        if key in arrays and text.peek() == "[":
            text.pos += 1
            yield Entry(key, ARRAY_START)
            yield from _items(text, pieces, key)
        else:
            yield Entry(key, pieces.value())
        if text.peek() == "}":
            text.pos += 1
            return
        text.take(",", "Expecting ',' delimiter")


def _items(text: _Text, pieces: _Pieces, key: str) -> Iterator[Entry]:
    if text.peek() == "]":
        text.pos += 1
        return
    index = 0
    while True:
        yield Entry(key, pieces.value(), index)
        index += 1
        if text.peek() == "]":
            text.pos += 1
            return
        text.take(",", "Expecting ',' delimiter")
