"""SHA256SUMS: the fingerprint of every file in a pack, written by the build, checked on import.

The format is sha256sum's: one `<64 hex digits>  <path>` line per file, sorted by path. Every
listed file must be in the pack with that hash, and every file in the pack must be listed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from pfrelax.formats.problems import Problem

CHECKSUMS = "SHA256SUMS"
_LINE = re.compile(r"([0-9a-fA-F]{64}) [ *](.+)")
_REBUILD = "build the pack again with `pfrelax pack build`"


def format_checksums(hashes: Mapping[str, str]) -> str:
    """The SHA256SUMS text for `hashes` (path -> hex digest), sorted, without itself."""
    return "".join(f"{hashes[name]}  {name}\n" for name in sorted(hashes) if name != CHECKSUMS)


def missing_checksums() -> Problem:
    return Problem(
        CHECKSUMS, "", "is missing; build the pack with `pfrelax pack build` so that it has one"
    )


def checksum_problems(
    text: str, members: Collection[str], hashes: Mapping[str, str]
) -> list[Problem]:
    """Every disagreement between SHA256SUMS `text`, the pack's `members` and their `hashes`.

    A member missing from `hashes` could not be read; that is reported where it was read.
    """
    listed, problems = _parse(text)
    for name, expected in listed.items():
        if name not in members:
            problems.append(Problem(name, "", f"is listed in {CHECKSUMS} but is not in the pack"))
        elif name in hashes and hashes[name] != expected:
            message = (
                f"does not match its checksum in {CHECKSUMS}; the file was changed or damaged "
                "after the pack was built"
            )
            problems.append(Problem(name, "", message))
    for name in sorted(set(members) - listed.keys() - {CHECKSUMS}):
        problems.append(Problem(name, "", f"is not listed in {CHECKSUMS}; {_REBUILD}"))
    return problems


def _parse(text: str) -> tuple[dict[str, str], list[Problem]]:
    listed: dict[str, str] = {}
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.fullmatch(line.rstrip("\r"))
        if match is None:
            problems.append(
                Problem(CHECKSUMS, "", f'expected "<sha256>  <path>"; {_REBUILD}', number)
            )
        elif match[2] in listed:
            message = f"lists {match[2]} twice; {_REBUILD}"
            problems.append(Problem(CHECKSUMS, "", message, number))
        else:
            listed[match[2]] = match[1].lower()
    return listed, problems
