"""The person's own sessions ("My sessions"): make, change, copy, rename, delete and undo.

Each is one session file in its own folder, written durably (temporary file, fsync, rename), and
read back through the validator before it counts: what is saved is exactly what `pfrelax
validate` accepts. File names are chosen here and say nothing about the person (`mine-3.toml`);
the title they typed lives only inside the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from pfrelax.core.my_pattern import PatternDraft, from_session, to_session
from pfrelax.core.session import Session
from pfrelax.durable import write_private
from pfrelax.errors import InputError
from pfrelax.formats.library import read_personal
from pfrelax.formats.problems import Problem
from pfrelax.formats.session_file import load_session, parse_session
from pfrelax.formats.session_writer import session_toml

_ID = re.compile(r"mine-(\d+)")


class MySessionsError(InputError, OSError):
    """A session file of one's own could not be written or removed; the message says why."""


@dataclass(frozen=True, slots=True)
class Deleted:
    """What "Undo" needs to put a deleted session back exactly as it was."""

    session_id: str
    title: str
    text: bytes


class MySessions:
    """The folder of the person's own session files, read on demand."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[Problem] = []

    def sessions(self) -> list[Session]:
        """Every readable session of one's own, by title; unreadable files go to `.problems`."""
        found, self.problems = read_personal(self.folder)
        return found

    def save(self, draft: PatternDraft, session_id: str | None = None) -> Session:
        """Write `draft` as a new session, or over `session_id`; returns it as read back."""
        sid = session_id or self._next_id()
        return self._write(to_session(draft, sid))

    def add(self, session: Session) -> Session:
        """Keep a ready-made `session` (e.g. "your pace") as a new session of one's own, under a
        name chosen here; one with the same title already there is returned instead."""
        for mine in self.sessions():
            if mine.title == session.title:
                return mine
        return self._write(replace(session, id=self._next_id()))

    def duplicate(self, session: Session) -> Session:
        """A new session of one's own from any session ("Make a copy to change")."""
        return self.save(from_session(session, copy=True))

    def rename(self, session: Session, title: str) -> Session:
        title = title.strip()
        if not title:
            raise ValueError("a session needs a name")
        steps = tuple(
            replace(step, title=title) if step.title == session.title else step
            for step in session.steps
        )
        return self._write(replace(session, title=title, steps=steps))

    def delete(self, session: Session) -> Deleted:
        path = self._path(session.id)
        try:
            text = path.read_bytes()
            path.unlink()
        except OSError as error:
            raise MySessionsError(
                f"{path}: could not delete it ({error.strerror or error})"
            ) from None
        return Deleted(session.id, session.title, text)

    def undo(self, deleted: Deleted) -> Session:
        """Put a deleted session back; under a new name if another has taken its old one."""
        sid = deleted.session_id
        if self._path(sid).exists():
            sid = self._next_id()
            text = deleted.text.decode("utf-8").replace(
                f'id = "{deleted.session_id}"', f'id = "{sid}"', 1
            )
            return self._write_text(sid, text)
        return self._write_text(sid, deleted.text.decode("utf-8"))

    def _write(self, session: Session) -> Session:
        return self._write_text(session.id, session_toml(session))

    def _write_text(self, session_id: str, text: str) -> Session:
        path = self._path(session_id)
        # Checked before it is written: a file this app would refuse never reaches the folder.
        parse_session(text, str(path))
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_private(path, text.encode("utf-8"))
        except OSError as error:
            raise MySessionsError(
                f"{path}: could not save it ({error.strerror or error})"
            ) from None
        return replace(load_session(path), personal=True)

    def _path(self, session_id: str) -> Path:
        return self.folder / f"{session_id}.toml"

    def _next_id(self) -> str:
        numbers = [
            int(m.group(1)) for p in self.folder.glob("mine-*.toml") if (m := _ID.fullmatch(p.stem))
        ]
        return f"mine-{max(numbers, default=0) + 1}"


def _failed(path: Path, what: str, error: OSError) -> str:
    return f"{path}: could not {what} it ({error.strerror or error})"
