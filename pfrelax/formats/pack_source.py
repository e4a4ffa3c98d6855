"""A PT's pack opened for editing: its TOML files as tomlkit documents, its media as they are.

Hand-written files keep their comments, key order and layout: tomlkit reads each file into a
document that writes back byte for byte, and a change touches only the values changed. A file
that was not changed is never rewritten. Keys the studio has no form for stay where they are.
A `.pfpack` is opened by copying its members (checked as the importer checks them) into a private
folder; saving writes an authoring folder, and a `.pfpack` is always built from a saved folder by
`build_pack`, so it equals `pfrelax pack build` of that folder byte for byte.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import tomlkit
from tomlkit.exceptions import ParseError
from tomlkit.toml_document import TOMLDocument

from pfrelax.durable import copy_durably, sync_folder, write_private
from pfrelax.formats.pack import read_pack
from pfrelax.formats.pack_archive import copy_member, opened
from pfrelax.formats.pack_build import build_pack
from pfrelax.formats.pack_manifest import MANIFEST
from pfrelax.formats.problems import PackError, Problem

SESSIONS = "sessions"


@dataclass
class TomlFile:
    """One TOML file of the pack: its name inside the pack, the text read, and the document."""

    name: str
    original: str
    document: TOMLDocument

    @property
    def text(self) -> str:
        return tomlkit.dumps(self.document)

    @property
    def changed(self) -> bool:
        return self.text != self.original


@dataclass
class PackSource:
    """The pack being edited. `folder` holds its media (and, for a folder, its own files)."""

    folder: Path
    manifest: TomlFile
    sessions: list[TomlFile] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # session files deleted since opening
    _scratch: tempfile.TemporaryDirectory[str] | None = None

    def files(self) -> list[TomlFile]:
        return [self.manifest, *self.sessions]

    def session_named(self, name: str) -> TomlFile:
        for session in self.sessions:
            if session.name == name:
                return session
        raise KeyError(name)

    def add_session(self, file_stem: str, text: str) -> TomlFile:
        """A new session file `sessions/<file_stem>.toml` from `text` (e.g. a copied built-in)."""
        name = f"{SESSIONS}/{file_stem}.toml"
        if any(s.name == name for s in self.sessions):
            raise ValueError(f"{name} is already in the pack")
        added = TomlFile(name, "", _parse(name, text))
        self.sessions.append(added)
        return added

    def remove_session(self, name: str) -> None:
        self.sessions = [s for s in self.sessions if s.name != name]
        self.removed.append(name)

    def close(self) -> None:
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None


def open_pack_source(path: Path) -> PackSource:
    """A pack folder or `.pfpack` opened for editing; PackError names any file that cannot be."""
    if path.is_dir():
        return _read_folder(path, None)
    scratch = tempfile.TemporaryDirectory(prefix="pfrelax-studio-")
    folder = Path(scratch.name) / "pack"
    try:
        with opened(path) as source:
            for name in source.members:
                target = folder / name
                target.parent.mkdir(parents=True, exist_ok=True)
                copy_member(source, name, target)
        return _read_folder(folder, scratch)
    except BaseException:
        scratch.cleanup()
        raise


def _read_folder(folder: Path, scratch: tempfile.TemporaryDirectory[str] | None) -> PackSource:
    manifest = _read(folder, MANIFEST)
    sessions = [
        _read(folder, f"{SESSIONS}/{path.name}")
        for path in sorted((folder / SESSIONS).glob("*.toml"))
    ]
    return PackSource(folder, manifest, sessions, _scratch=scratch)


def _read(folder: Path, name: str) -> TomlFile:
    try:
        data = (folder / name).read_bytes()
    except FileNotFoundError:
        raise PackError([Problem(name, "", f"no {name} in {folder}")]) from None
    except OSError as error:
        raise PackError(
            [Problem(name, "", f"cannot be read ({error.strerror or error})")]
        ) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        why = "is not UTF-8 text; save it as UTF-8 in your editor and open the pack again"
        raise PackError([Problem(name, "", why, line)]) from None
    return TomlFile(name, text, _parse(name, text))


def _parse(name: str, text: str) -> TOMLDocument:
    try:
        return tomlkit.parse(text)
    except ParseError as error:
        line = getattr(error, "line", None)
        raise PackError([Problem(name, "", str(error), line)]) from None


def save_folder(source: PackSource, target: Path) -> list[str]:
    """Write the pack as an authoring folder at `target`; the names of the files written.

    Saving over the folder it came from rewrites only changed files (each durably, through a
    temporary file); saving elsewhere copies the media too. Removed sessions are deleted last.
    """
    in_place = target.resolve() == source.folder.resolve()
    written: list[str] = []
    if not in_place:
        _copy_media(source, target)
    for file in source.files():
        if in_place and not file.changed:
            continue
        path = target / file.name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_private(path, file.text.encode("utf-8"))
        written.append(file.name)
    for name in source.removed:
        (target / name).unlink(missing_ok=True)
    if source.removed and (target / SESSIONS).is_dir():
        sync_folder(target / SESSIONS)  # the deletions last, like the writes
    if in_place:
        for file in source.files():
            file.original = file.text
        source.removed.clear()
    return written


def _copy_media(source: PackSource, target: Path) -> None:
    toml_names = {file.name for file in source.files()} | set(source.removed)
    for path in sorted(source.folder.rglob("*")):
        name = path.relative_to(source.folder).as_posix()
        if not path.is_file() or name in toml_names or name.startswith("."):
            continue
        if name.startswith(f"{SESSIONS}/") and name.endswith(".toml"):
            continue  # a session file no longer in the pack
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        copy_durably(path, destination)


def check(source: PackSource) -> list[Problem]:
    """Every problem the validator finds in the pack as it is now (nothing saved)."""
    with tempfile.TemporaryDirectory(prefix="pfrelax-check-") as work:
        folder = Path(work) / "pack"
        save_folder(source, folder)
        try:
            read_pack(folder)
        except PackError as error:
            return list(error.problems)
    return []


def save_pack(source: PackSource, folder: Path, output: Path) -> Path:
    """Save the authoring folder, then build `output` from it exactly as `pfrelax pack build`."""
    save_folder(source, folder)
    return build_pack(folder, output)
