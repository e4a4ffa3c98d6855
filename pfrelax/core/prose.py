"""A PT's message as written in a text file, laid out for a window that wraps text itself."""

from __future__ import annotations

import re

_SIGNATURE = re.compile(r"^\s*(?:—|–|-{1,2})\s*\S")


def reflow(text: str) -> str:
    """Lines broken only to fit the editor are joined; a blank line still starts a paragraph,
    and a signature line ("— Alex") stays on its own line.

    "twice a day for the\\nfirst two weeks" -> "twice a day for the first two weeks".
    """
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        joined: list[str] = []
        for line in lines:
            if joined and not _SIGNATURE.match(line):
                joined[-1] += " " + line
            else:
                joined.append(line)
        paragraphs.append("\n".join(joined))
    return "\n\n".join(paragraphs)


def is_signed(text: str) -> bool:
    """True when the text's last line is a signature ("— Alex"), so none is added to it."""
    lines = text.strip().splitlines()
    return bool(lines) and len(lines) > 1 and _SIGNATURE.match(lines[-1]) is not None
