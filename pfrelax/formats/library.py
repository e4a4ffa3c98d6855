"""The sessions a person can play: the built-in ones, plus those of installed packs."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from pfrelax.core.session import Session
from pfrelax.errors import InputError
from pfrelax.formats.problems import Problem, SessionFileError
from pfrelax.formats.session_file import load_session

ExtraSessions = Callable[[], Iterable[Session]]


class SessionNotFound(InputError, LookupError):  # noqa: N818  # the name the CLI and UI catch, as briefed
    """No session answers to an address; the message says what is close and how to list them."""


class SessionLibrary:
    """Built-in sessions from a folder, and (through `extra`) the sessions of installed packs.

    A built-in file that fails validation is left out of the list and its problems are kept in
    `.problems`, so one broken file never hides the others.
    """

    def __init__(
        self,
        builtin_dir: Path,
        extra: ExtraSessions | None = None,
        personal_dir: Path | None = None,
    ) -> None:
        self.builtin_dir = builtin_dir
        self._extra = extra
        self.personal_dir = personal_dir
        self._sessions: list[Session] | None = None
        self.problems: list[Problem] = []

    def sessions(self) -> list[Session]:
        """Built-ins by title, then pack sessions by pack and title. Loaded once; see reload()."""
        if self._sessions is None:
            self._sessions = self._load()
        return list(self._sessions)

    def reload(self) -> None:
        self._sessions = None
        self.problems = []

    def find(self, address: str) -> Session:
        """A session by built-in id, `PACKID/SESSIONID`, a pack session id when only one pack has
        it, or the path of a `.toml` file. Raises SessionNotFound (or SessionFileError for a file).
        """
        if address.endswith(".toml"):
            path = Path(address)
            if not path.is_file():
                raise SessionNotFound(f"no session file '{address}'")
            return load_session(path)
        sessions = self.sessions()
        if "/" in address:
            matches = [s for s in sessions if s.pack_id and s.address == address]
        else:
            matches = [s for s in sessions if s.pack_id is None and s.id == address]
            matches = matches or [s for s in sessions if s.id == address]
        if len(matches) == 1:
            return matches[0]
        if matches:
            both = ", ".join(s.address for s in matches)
            raise SessionNotFound(f"'{address}' is in more than one pack ({both}); write PACK/ID")
        raise SessionNotFound(self._not_found_message(address, sessions))

    def _not_found_message(self, address: str, sessions: list[Session]) -> str:
        names = [s.address for s in sessions] + [s.id for s in sessions if s.pack_id]
        close = difflib.get_close_matches(address, names, n=3, cutoff=0.6)
        message = f"no session '{address}'"
        if close:
            message += "; did you mean " + " or ".join(f"'{name}'" for name in close) + "?"
        return message + " (`pfrelax sessions` lists them all)"

    def _load(self) -> list[Session]:
        builtins: list[Session] = []
        seen: dict[str, Path] = {}
        for path in sorted(self.builtin_dir.glob("*.toml")):
            try:
                session = load_session(path)
            except SessionFileError as error:
                self.problems.extend(error.problems)
                continue
            if session.id in seen:
                message = f"id '{session.id}' is already used by {seen[session.id].name}"
                self.problems.append(Problem(str(path), "id", message))
                continue
            seen[session.id] = path
            builtins.append(session)
        builtins.sort(key=lambda s: (s.title.casefold(), s.id))
        extra = list(self._extra()) if self._extra else []
        extra.sort(key=lambda s: (s.pack_id or "", s.title.casefold(), s.id))
        mine: list[Session] = []
        if self.personal_dir is not None:
            mine, problems = read_personal(self.personal_dir, taken=frozenset(seen))
            self.problems.extend(problems)
        return builtins + mine + extra


def read_personal(
    folder: Path, taken: frozenset[str] = frozenset()
) -> tuple[list[Session], list[Problem]]:
    """The person's own session files in `folder`, by title, marked `personal`; a file that no
    longer reads is reported and left out, so one bad file never hides the others.

    A file is found again (to change, rename or delete it) by its name, so a session whose id is
    not its file's name, or is a built-in's id (`taken`), is reported and left out too: it would
    otherwise hide the built-in, or a delete would remove another file.
    """
    found: list[Session] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            session = load_session(path)
        except SessionFileError as error:
            problems.extend(error.problems)
            continue
        problem = _misnamed(path, session.id, taken)
        if problem is not None:
            problems.append(problem)
            continue
        found.append(replace(session, personal=True))
    found.sort(key=lambda s: (s.title.casefold(), s.id))
    return found, problems


def _misnamed(path: Path, session_id: str, taken: frozenset[str]) -> Problem | None:
    if session_id in taken:
        message = (
            f"'{session_id}' is already a built-in session's id; give this session its own id "
            'and name the file after it (id = "my-calm" in my-calm.toml)'
        )
        return Problem(str(path), "id", message)
    if session_id != path.stem:
        message = (
            f"'{session_id}' is not this file's name; name the file {session_id}.toml, "
            f'or write id = "{path.stem}"'
        )
        return Problem(str(path), "id", message)
    return None
