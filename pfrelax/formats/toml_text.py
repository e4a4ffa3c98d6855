"""Parsing TOML a person wrote: whatever the text, the result is a table or one located Problem.

tomllib alone raises RecursionError on deep nesting, ValueError on a number of thousands of
digits, and accepts integers no program can use; each of those becomes a message here, with
the line, like a syntax error. Common slips (a pattern without quotes, `seconds = 0:20`, curly
quotes from a word processor) get a message that says exactly what to type instead.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from pfrelax.errors import InputError
from pfrelax.formats.problems import Problem
from pfrelax.formats.toml_lines import KeyLines, KeyPath, format_key_path, locate_keys

# Files need two or three levels (a pattern table in a ramp in a step); ten is generous, and
# keeps tomllib's recursion (about three frames a level) far from Python's limit.
MAX_NESTING = 10
# TOML integers are 64-bit; a bigger one is a mistake, and would break formatting and SQLite.
MAX_INTEGER = 2**63 - 1

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_AT_END = " (at end of document)"
_OPENERS = re.compile(r'"""|\'\'\'|["\'#\[\]{}\n]')
_BASIC_END = re.compile(r'(?:[^"\\\n]|\\.)*"')
_MULTI_BASIC_END = re.compile(r'(?:[^\\]|\\.)*?"""', re.DOTALL)
_LONG_NUMBER = re.compile(r"[0-9_]{4000,}")
_KEY_VALUE = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=\s*(.*?)\s*(?:#.*)?$")
_UNQUOTED_PATTERN = re.compile(r"\d+(?:\.\d+)?(?:\+\d+(?:\.\d+)?)?(?:-\d+(?:\.\d+)?){1,3}")
_CLOCK = re.compile(r"(\d{1,3}):(\d{1,2}(?:\.\d)?)")
_CURLY = "“”„‟‘’‚‛«»"  # quotes a word processor or a phone keyboard types

# tomllib's message (start) -> what to do about it, in words a PT with a text editor can use.
_SYNTAX_HINTS = (
    ("Invalid value", 'text must be in double quotes, e.g. title = "Evening calm"'),
    ("Expected '=' after a key", "write each setting as key = value on its own line"),
    ("Unterminated string", "a text value is missing its closing quote"),
    ("The line ends", 'close it with the same quote (use """ for text over several lines)'),
    ('Expected "\'"', "a text value is missing its closing quote"),
    ("Cannot overwrite a value", "a key is written twice; keep only one"),
    ("Cannot declare", "a table is written twice; each step starts with [[step]] (two brackets)"),
    ("Unclosed array", "a list is missing its closing ]"),
    ("Unclosed inline table", "a { … } table is missing its closing }"),
    ("Expected newline or end of document", "put each key = value on its own line"),
    (
        "Unescaped '\\'",
        "a backslash starts an escape in double quotes; write \\\\ or use single quotes",
    ),
)
_DEFAULT_SYNTAX_HINT = "check the quotes, brackets and commas on that line"


class TomlTextError(InputError):
    """The text is not TOML pfrelax can read; `problem` says where and what to do."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(
            str(problem), file=problem.file, line=problem.line, key=problem.key or None
        )
        self.problem = problem


def load_toml(text: str, filename: str) -> dict[str, Any]:
    """The table in `text` (a leading byte-order mark is ignored), or TomlTextError."""
    text = text.removeprefix("\ufeff")
    deep = nesting_too_deep_line(text)
    if deep is not None:
        raise TomlTextError(Problem(filename, "", _too_deep_message(), deep))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TomlTextError(toml_syntax_problem(filename, text, error)) from None
    except ValueError:  # Python's limit on digits when a huge integer is converted
        raise TomlTextError(_long_number_problem(filename, text)) from None
    except RecursionError:  # not reached with the check above; kept so nothing can leak
        raise TomlTextError(Problem(filename, "", _too_deep_message())) from None
    path = _out_of_range(data, ())
    if path is not None:
        message = "value is out of range; write an ordinary number, like 30"
        line = locate_keys(text).line_of(path)
        raise TomlTextError(Problem(filename, format_key_path(path), message, line))
    return data


def _too_deep_message() -> str:
    return (
        f"nesting too deep: lists and {{ }} tables are nested more than {MAX_NESTING} levels "
        "here; check the brackets on this line"
    )


def nesting_too_deep_line(text: str) -> int | None:
    """The line where brackets first nest deeper than MAX_NESTING (strings and comments
    skipped), or None. Text it cannot follow (an unclosed string) is left to tomllib."""
    depth = 0
    line = 1
    pos = 0
    while (match := _OPENERS.search(text, pos)) is not None:
        token = match.group()
        pos = match.end()
        if token == "\n":
            line += 1
        elif token == "#":
            pos = text.find("\n", pos)
            if pos < 0:
                return None
        elif token in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return line
        elif token in "]}":
            depth = max(0, depth - 1)
        else:
            end = _string_end(text, token, pos)
            if end < 0:
                return None
            line += text.count("\n", pos, end)
            pos = end
    return None


def _string_end(text: str, quote: str, start: int) -> int:
    """Where the string opened by `quote` just before `start` ends (past its quote), or -1."""
    if quote == '"':
        found = _BASIC_END.match(text, start)
        return found.end() if found else -1
    if quote == '"""':
        found = _MULTI_BASIC_END.match(text, start)
        return found.end() if found else -1
    if quote == "'":
        end = text.find("'", start)
        return -1 if end < 0 or "\n" in text[start:end] else end + 1
    end = text.find("'''", start)
    return -1 if end < 0 else end + 3


def _long_number_problem(filename: str, text: str) -> Problem:
    found = _LONG_NUMBER.search(text)
    line = text.count("\n", 0, found.start()) + 1 if found else None
    message = (
        "value is out of range: this number has thousands of digits; "
        "write an ordinary number, like 30"
    )
    return Problem(filename, _key_on_line(text, line), message, line)


def _key_on_line(text: str, line: int | None) -> str:
    """The key path written on `line` ("step[0].seconds"), or "" when there is none."""
    lines = text.splitlines()
    if line is None or not 1 <= line <= len(lines):
        return ""
    written = _KEY_VALUE.match(lines[line - 1])
    if written is None:
        return ""
    return format_key_path((*_table_at(locate_keys(text), line), written.group(1)))


def _out_of_range(value: object, path: KeyPath) -> KeyPath | None:
    """The path of the first integer TOML's 64 bits cannot hold, or None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return path if not -MAX_INTEGER - 1 <= value <= MAX_INTEGER else None
    items: list[tuple[str | int, object]] = []
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    for key, item in items:
        found = _out_of_range(item, (*path, key))
        if found is not None:
            return found
    return None


# -- syntax errors -----------------------------------------------------------------------------
def toml_syntax_problem(filename: str, text: str, error: tomllib.TOMLDecodeError) -> Problem:
    """`file:3: TOML syntax error at column 9: Invalid value; <what to do>`, or for a common
    slip, `file:3: step[0].pattern: <exactly what to write>`."""
    message = str(error)
    position = _TOML_POSITION.search(message)
    what = message[: position.start()] if position else message.removesuffix(_TOML_AT_END)
    if what == "Illegal character '\\n'":  # tomllib's words for a quote left open
        what = "The line ends before the closing quote of a text value"
    hint = next((h for start, h in _SYNTAX_HINTS if what.startswith(start)), _DEFAULT_SYNTAX_HINT)
    if position:
        line = int(position.group(1))
        slip = _common_slip(filename, text, line)
        if slip is not None:
            return slip
        column = position.group(2)
        return Problem(filename, "", f"TOML syntax error at column {column}: {what}; {hint}", line)
    # tomllib gives no position for errors it finds at the end; find the line ourselves.
    found = locate_keys(text)
    line_number = found.unterminated_string_line
    if line_number is None and found.duplicates:
        line_number = found.duplicates[0][1]
    if line_number is None:
        line_number = max(text.count("\n") + (0 if text.endswith("\n") else 1), 1)
    return Problem(filename, "", f"TOML syntax error: {what}; {hint}", line_number)


def _common_slip(filename: str, text: str, line: int) -> Problem | None:
    """A value written the way people write it on paper, and exactly what to type instead."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    written = _KEY_VALUE.match(lines[line - 1])
    if written is None:
        return None
    key, value = written.groups()
    advice = _advice(key, value)
    if advice is None:
        return None
    return Problem(filename, _key_on_line(text, line), advice, line)


def _advice(key: str, value: str) -> str | None:
    if value[:1] in _CURLY:
        inner = value.strip(_CURLY + " ")
        return (
            f"the quotes here are curly (“ ”), which word processors type; use straight "
            f'double quotes: {key} = "{inner}"'
        )
    if _UNQUOTED_PATTERN.fullmatch(value):
        return f'this is text, so it needs double quotes: write {key} = "{value}"'
    clock = _CLOCK.fullmatch(value)
    if clock is not None:
        minutes, seconds = clock.groups()
        total = int(minutes) * 60 + float(seconds)
        shown = f"{total:g}"
        if key == "minutes":
            return (
                f"durations are plain numbers, without a colon: write seconds = {shown} "
                f"instead (or minutes = {total / 60:g})"
            )
        return f"durations are plain numbers of seconds, without a colon: write {key} = {shown}"
    return None


def _table_at(found: KeyLines, line: int) -> KeyPath:
    """The table a key on `line` belongs to: the last [table] or [[table]] header above it."""
    table: KeyPath = ()
    for header_line, path in found.headers:
        if header_line >= line:
            break
        table = path
    return table
