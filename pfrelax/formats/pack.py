"""Reading a pack (a `.pfpack` zip, or a folder while authoring), checked stage by stage.

Stages, in order: the archive (pack_archive) → pack.toml present and small → its TOML syntax →
its format version → its fields → every session file → the files sessions name → every member
read (bounded, hashed) → audio decodes → SHA256SUMS. A stage that makes the later ones
meaningless (not a zip, an unsafe member, no manifest, a TOML syntax error, a newer format)
stops there; otherwise every problem of every stage is reported together in one PackError.
SHA256SUMS is required in a `.pfpack` (the build command writes it) and optional in a folder.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from pfrelax.core.session import DilatorStep, Session
from pfrelax.core.timeline import compile_session
from pfrelax.formats import pack_limits as lim
from pfrelax.formats.checker import did_you_mean, format_minutes
from pfrelax.formats.pack_archive import (
    MemberReadError,
    PackSource,
    copy_member,
    hash_member,
    opened,
    read_member,
)
from pfrelax.formats.pack_checksums import CHECKSUMS, checksum_problems, missing_checksums
from pfrelax.formats.pack_manifest import (
    MANIFEST,
    Manifest,
    PackInfo,
    StopReading,
    parse_manifest,
)
from pfrelax.formats.pack_media import MediaCheck, media_names
from pfrelax.formats.problems import PackError, Problem, SessionFileError
from pfrelax.formats.session_file import parse_session


@dataclass(frozen=True, slots=True)
class PackFile:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Pack(PackInfo):
    """A pack that passed every check; sessions carry pack_id, pack_version and their origin."""

    sessions: tuple[Session, ...]
    files: Mapping[str, PackFile]
    audio_ms: Mapping[str, int]  # length of every audio file sessions use
    source: Path
    _reader: Callable[[str], bytes] = field(repr=False, compare=False)
    # Installing only: each audio file's (integrated LUFS, sample peak) as it plays.
    levels: Mapping[str, tuple[float, float]] = field(default_factory=dict, compare=False)

    def read_bytes(self, name: str) -> bytes:
        """The bytes of member `name`, read again from the pack (bounded like every read)."""
        if name not in self.files:
            raise KeyError(f"{name} is not in pack {self.id}")
        return self._reader(name)

    @property
    def has_holds(self) -> bool:
        return any(session.has_holds for session in self.sessions)

    @property
    def has_contractions(self) -> bool:
        """A session asks for a gentle pelvic floor contraction (its safety note comes first)."""
        return any(session.has_contractions for session in self.sessions)


def read_pack(path: Path) -> Pack:
    """Read and check the pack at `path` (zip or folder); PackError lists every problem.

    A zip's members are read in place; only an audio file, one at a time, is unpacked into a
    private temporary folder to be decoded, and is gone as soon as it has been.
    """
    return load_pack(path, None, origin_root=path if path.is_dir() else None)


def load_pack(path: Path, stage: Path | None, *, origin_root: Path | None) -> Pack:
    """Read and check the pack; copy every member into `stage` when given (it must be empty).

    Sessions get `origin_root / sessions/…` as their origin (None: no origin). Used by
    read_pack, and by install, which stages into a folder that is then renamed into place.
    """
    with opened(path) as source:
        return _Reader(path, source, stage, origin_root).read()


class _Reader:
    def __init__(
        self, path: Path, source: PackSource, stage: Path | None, origin_root: Path | None
    ) -> None:
        self.path = path
        self.source = source
        self.stage = stage
        self.origin_root = origin_root
        self.problems: list[Problem] = []
        self.session_files: dict[str, str] = {}  # session id -> its file in the pack
        self.levels: dict[str, tuple[float, float]] = {}  # measured when staging an install

    def read(self) -> Pack:
        manifest = self._manifest()
        sessions = self._sessions(manifest)
        self._plan_references(manifest, sessions)
        hashes = self._read_all()
        audio_ms = self._check_media(sessions, hashes)
        sessions = [self._with_media(session, manifest, audio_ms) for session in sessions]
        self._check_lengths(manifest, sessions, audio_ms)
        self._checksums(hashes)
        if self.problems:
            raise PackError(self.problems)
        files = {n: PackFile(n, self.source.members[n].size, h) for n, h in hashes.items()}
        path = self.path
        return Pack(
            id=manifest.id,
            version=manifest.version,
            title=manifest.title,
            author=manifest.author,
            organisation=manifest.organisation,
            created=manifest.created,
            description=manifest.description,
            message=manifest.message,
            limits=manifest.limits,
            plan=manifest.plan,
            checkin_measures=manifest.checkin_measures,
            checkin_weekly=manifest.checkin_weekly,
            checkin_items=manifest.checkin_items,
            sessions=tuple(sessions),
            files=files,
            audio_ms=audio_ms,
            source=path,
            _reader=lambda name: _reread(path, name),
            levels=self.levels,
        )

    # -- manifest ----------------------------------------------------------------------------
    def _manifest(self) -> Manifest:
        members = self.source.members
        if MANIFEST not in members:
            raise PackError([Problem(MANIFEST, "", _missing_manifest(members))])
        try:
            raw = read_member(self.source, MANIFEST, lim.MAX_MANIFEST_BYTES)
            text = _utf8(raw)
        except MemberReadError as error:
            raise PackError([Problem(MANIFEST, "", str(error))]) from None
        try:
            manifest, problems = parse_manifest(text)
        except StopReading as stop:
            raise PackError([stop.problem]) from None
        self.problems.extend(problems)
        return manifest

    # -- sessions ----------------------------------------------------------------------------
    def _sessions(self, manifest: Manifest) -> list[Session]:
        names = [
            n
            for n in self.source.members
            if n.startswith("sessions/") and n.count("/") == 1 and n.endswith(".toml")
        ]
        stray = [n for n in self.source.members if n.endswith(".toml") and n != MANIFEST]
        for name in sorted(set(stray) - set(names)):
            self.problems.append(
                Problem(name, "", "session files go directly in the sessions/ folder")
            )
        if not names:
            self.problems.append(
                Problem(
                    "sessions/",
                    "",
                    "a pack needs at least one session file in its sessions/ folder",
                )
            )
        sessions: list[Session] = []
        for name in sorted(names):
            session = self._session(manifest, name)
            if session is None:
                continue
            if session.id in self.session_files:
                self.problems.append(
                    Problem(
                        name,
                        "id",
                        f"'{session.id}' is also the id of "
                        f"{self.session_files[session.id]}; give each session its own id",
                    )
                )
                continue
            self.session_files[session.id] = name
            sessions.append(session)
        return sessions

    def _session(self, manifest: Manifest, name: str) -> Session | None:
        members = self.source.members
        try:
            text = _utf8(read_member(self.source, name, lim.MAX_SESSION_FILE_BYTES))
            return parse_session(
                text,
                name,
                limits=manifest.limits,
                origin=self.origin_root / name if self.origin_root else None,
                pack_id=manifest.id or None,
                pack_version=(manifest.version or "0.0.0") if manifest.id else None,
                audio_exists=members.__contains__,
            )
        except MemberReadError as error:
            self.problems.append(Problem(name, "", str(error)))
        except SessionFileError as error:
            self.problems.extend(error.problems)
        return None

    def _plan_references(self, manifest: Manifest, sessions: list[Session]) -> None:
        ids = sorted(session.id for session in sessions)
        failed = {p.file for p in self.problems if p.file.startswith("sessions/")}
        practice = {s.id for s in sessions if any(isinstance(t, DilatorStep) for t in s.steps)}
        for (index, line), entry in zip(manifest.plan_where, manifest.plan, strict=True):
            if entry.sizes and entry.session in ids and entry.session not in practice:
                message = "sizes are suggested only for a session with a dilator step"
                self.problems.append(Problem(MANIFEST, f"plan[{index}].sizes", message, line))
            if entry.session in ids or failed:
                continue  # a session file with problems may be the one it names
            hint = did_you_mean(entry.session, ids) or (
                f"; the sessions are {', '.join(ids)}" if ids else ""
            )
            message = f"there is no session '{entry.session}' in this pack{hint}"
            self.problems.append(Problem(MANIFEST, f"plan[{index}].session", message, line))

    # -- member bytes, media and checksums ---------------------------------------------------
    def _read_all(self) -> dict[str, str]:
        """SHA-256 of every member, read once (and copied into the stage when there is one)."""
        hashes: dict[str, str] = {}
        for name in self.source.members:
            try:
                if self.stage is None:
                    hashes[name] = hash_member(self.source, name)
                else:
                    target = self.stage / name
                    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                    hashes[name] = copy_member(self.source, name, target)
            except MemberReadError as error:
                self.problems.append(Problem(name, "", str(error)))
            except (FileExistsError, NotADirectoryError, IsADirectoryError):
                # e.g. Audio/a.ogg beside audio/a.ogg on a disk that ignores case
                message = "clashes with another file or folder of the same name; rename one"
                self.problems.append(Problem(name, "", message))
        return hashes

    def _check_media(self, sessions: list[Session], hashes: Mapping[str, str]) -> dict[str, int]:
        media = MediaCheck(self.source, self.stage, self.problems, self.levels)
        return media.check(sessions, hashes.keys())

    def _with_media(
        self, session: Session, manifest: Manifest, audio_ms: Mapping[str, int]
    ) -> Session:
        """The session with its pack's title and author, its media root and the lengths of the
        recordings it names, which the catalog's timeline uses instead of opening them again."""
        audio, _ = media_names([session])
        lengths = tuple(sorted((name, audio_ms[name]) for name in audio if name in audio_ms))
        return replace(
            session,
            pack_title=manifest.title,
            pack_author=manifest.author,
            media_root=self.origin_root,
            narration_ms=lengths,
        )

    def _check_lengths(
        self, manifest: Manifest, sessions: list[Session], audio_ms: Mapping[str, int]
    ) -> None:
        """Sessions with recorded narration: their length is known only now."""
        limit = manifest.limits.session_max_ms
        for session in sessions:
            audio, _ = media_names([session])
            if not audio or not audio <= audio_ms.keys():
                continue
            length = compile_session(session, audio_ms.__getitem__).duration_ms
            if length > limit:
                name = self.session_files[session.id]
                message = (
                    f"the session lasts {format_minutes(length)} with its narration; "
                    f"the maximum is {format_minutes(limit)}"
                )
                self.problems.append(Problem(name, "", message))

    def _checksums(self, hashes: Mapping[str, str]) -> None:
        members = self.source.members
        if CHECKSUMS not in members:
            if not self.path.is_dir():  # optional in a folder while authoring
                self.problems.append(missing_checksums())
            return
        try:
            text = _utf8(read_member(self.source, CHECKSUMS, lim.MAX_CHECKSUMS_BYTES))
        except MemberReadError as error:
            self.problems.append(Problem(CHECKSUMS, "", str(error)))
            return
        self.problems.extend(checksum_problems(text, members, hashes))


def _utf8(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise MemberReadError(f"line {line} is not UTF-8 text; save the file as UTF-8") from None


def _missing_manifest(members: Mapping[str, object]) -> str:
    nested = sorted(n for n in members if n.count("/") == 1 and n.endswith("/" + MANIFEST))
    if nested:
        return (
            f"is missing at the top of the pack (found {nested[0]}); zip the folder's "
            "contents rather than the folder, or use `pfrelax pack build`"
        )
    return "is missing; a pack needs a pack.toml manifest at its top level"


def _reread(path: Path, name: str) -> bytes:
    with opened(path) as source:
        try:
            return read_member(source, name, lim.MAX_MEMBER_BYTES)
        except MemberReadError as error:
            raise PackError([Problem(name, "", str(error))]) from None
