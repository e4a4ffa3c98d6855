"""What a title, a session id or a question's words may contain: one owner for packs and imports."""

from __future__ import annotations

import re
import unicodedata

MAX_LINE_CHARS = 200  # a title, author, organisation, a plan note: one line of text
# A session's id: its file's name (built-in, own or in a pack) and the key a history keeps.
SESSION_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
SESSION_ID_RULE = (
    "use 1–63 lowercase letters (a–z), digits and hyphens, starting with a letter or digit"
)

# Explicit direction controls can make a title read differently from what it says (the
# "Trojan Source" characters); ordinary right-to-left text never needs them.
_DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ALLOWED_CONTROLS = frozenset("\t\n\r")


def hidden_character_problem(value: str) -> str:
    """Why `value` cannot be shown as it is (a NUL, a direction override…), or ""."""
    for char in value:
        if char in _DIRECTION_CONTROLS:
            return (
                f"contains an invisible text-direction control (U+{ord(char):04X}), which can "
                "make text read differently from what it says; remove it"
            )
        if unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS:
            return f"contains a control character (U+{ord(char):04X}); remove it"
    return ""


def is_blank(value: str) -> bool:
    """True when nothing in `value` would show: spaces and invisible (zero-width) characters."""
    return all(char.isspace() or unicodedata.category(char) in ("Cf", "Zs") for char in value)


def line_problem(value: str) -> str:
    """Why `value` is not one line of text a person can read, or "": no hidden characters, no
    line break, at most MAX_LINE_CHARS characters. (Blank is the caller's to judge: some lines
    may be left empty.)"""
    hidden = hidden_character_problem(value)
    if hidden:
        return hidden
    if "\n" in value or "\r" in value:
        return "has a line break; keep it to one line"
    if len(value) > MAX_LINE_CHARS:
        return f"is {len(value):,} characters; keep it to at most {MAX_LINE_CHARS}"
    return ""


def session_id_problem(value: str) -> str:
    """Why `value` is not a session id ("is not a valid id; use …, e.g. 'evening-wind-down'"),
    or ""."""
    if SESSION_ID.fullmatch(value):
        return ""
    message = f"is not a valid id; {SESSION_ID_RULE}"
    suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:63]
    if suggestion and SESSION_ID.fullmatch(suggestion):
        message += f", e.g. '{suggestion}'"
    return message
