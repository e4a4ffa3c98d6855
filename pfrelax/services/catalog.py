"""Every playable session (built-in and installed packs), and the one timeline of each.

`timeline(session)` is the only place a session's length is worked out: the Library's cards,
Today, the player, `pfrelax sessions`, `pfrelax timeline` and the audio render all ask it, so
they cannot disagree. Recorded narration lasts as long as its file: the length the pack reader
measured when the session carries it, else the file's header under the session's media root.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

from pfrelax.core.session import Session, SpeakStep, Step, recorded_file
from pfrelax.core.timeline import Timeline, TimelineError, compile_session
from pfrelax.formats.library import SessionLibrary
from pfrelax.formats.pack_install import InstalledContents
from pfrelax.formats.problems import Problem
from pfrelax.services.packs import Packs, RegistryFile
from pfrelax.store.cipher import DatabaseKey
from pfrelax.store.errors import StoreError
from pfrelax.store.models import InstalledPack


class Catalog(SessionLibrary):
    """The built-in sessions in `builtin_dir` and those of the packs `packs` has installed.

    An unreadable pack registry is reported in `registry_problem`, not fatal: the built-in
    sessions still play.
    """

    def __init__(self, builtin_dir: Path, packs: Packs, personal_dir: Path | None = None) -> None:
        super().__init__(builtin_dir, extra=self._pack_sessions, personal_dir=personal_dir)
        self.packs = packs
        self.registry_problem: Problem | None = None
        self._contents: dict[tuple[str, str, Path], InstalledContents] = {}

    @property
    def database_key(self) -> DatabaseKey | None:
        """The key that opens an encrypted history's pack registry (None: none, or locked)."""
        return getattr(self.packs.registry, "key", None)

    @database_key.setter
    def database_key(self, key: DatabaseKey | None) -> None:
        # Only a registry opened per read takes a key; a shared handle is already open.
        if isinstance(self.packs.registry, RegistryFile):
            self.packs.registry.key = key

    def _pack_sessions(self) -> list[Session]:
        self.registry_problem = None
        self._contents = {}
        try:
            installed = self.packs.installed()
        except StoreError as error:
            # The person is told why their packs are missing.
            self.registry_problem = Problem(self.packs.registry.label, "", str(error))
            return []
        return [session for pack in installed for session in self.contents(pack).sessions]

    def contents(self, pack: InstalledPack) -> InstalledContents:
        """The installed pack's manifest and sessions, read once per load of the catalog."""
        key = (pack.pack_id, pack.version, pack.folder)
        if key not in self._contents:
            self._contents[key] = self.packs.contents(pack)
        return self._contents[key]


def open_catalog(builtin_dir: Path, packs: Packs, personal_dir: Path | None = None) -> Catalog:
    """The catalog, after finishing any pack change a crash interrupted: this is how the app
    and the command line start, so both see every pack whole. `personal_dir` holds the
    person's own sessions ("My sessions")."""
    packs.recover()
    return Catalog(builtin_dir, packs, personal_dir)


@functools.lru_cache(maxsize=512)
def timeline(session: Session) -> Timeline:
    """The session laid out in time, recorded narration as long as its audio (cached).

    A recording whose length cannot be read falls back to the step's `seconds` when given;
    otherwise the session cannot be laid out and TimelineError says which file. A text-only
    step with a shipped natural-voice recording lasts its `seconds` or the recording, whichever
    is longer: the author's pacing is kept and the voice is never cut off.
    """
    session = with_shipped_lengths(session)
    known = dict(session.narration_ms)

    def length(relative: str) -> int:
        if relative in known:
            return known[relative]
        from pfrelax.audio.decode import AudioDecodeError  # the audio stack only when needed

        try:
            return _header_length(session, relative)
        except AudioDecodeError as error:
            steps = (s for s in session.steps if isinstance(s, SpeakStep) and s.audio == relative)
            fallback = next(steps).seconds_ms
            if fallback:
                return fallback
            raise TimelineError(str(error)) from None

    return compile_session(session, audio_length_ms=length)


def length_ms(session: Session) -> int | None:
    """The session's length, or None when a recording's length cannot be known."""
    try:
        return timeline(session).duration_ms
    except (TimelineError, OSError):
        return None


def _header_length(session: Session, relative: str) -> int:
    """A loose session's recording length, read from its header (the audio stack only now)."""
    from pfrelax.audio.decode import AudioDecodeError, audio_length_ms

    path = recorded_file(session, relative)
    if path is None:
        raise AudioDecodeError(f"{relative}: the session has no folder to find it in")
    return audio_length_ms(path, relative)


def with_shipped_lengths(session: Session) -> Session:
    """`session` with each text-only speak step at least as long as its shipped recording."""
    if not any(isinstance(step, SpeakStep) and not step.audio for step in session.steps):
        return session
    from pfrelax.audio.voice_library import shipped_clip

    steps: list[Step] = []
    for step in session.steps:
        shipped = None
        if isinstance(step, SpeakStep) and not step.audio and step.text.strip():
            shipped = shipped_clip(step.text)
        if isinstance(step, SpeakStep) and shipped and shipped[1].ms > (step.seconds_ms or 0):
            steps.append(dataclasses.replace(step, seconds_ms=shipped[1].ms))
        else:
            steps.append(step)
    changed = any(new is not old for new, old in zip(steps, session.steps, strict=True))
    return dataclasses.replace(session, steps=tuple(steps)) if changed else session
