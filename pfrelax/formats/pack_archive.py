"""The first stage of reading a pack: a zip or a folder whose every member is safe to read.

Nothing here trusts the archive. The zip's end record is checked before its central directory is
parsed; every name, size and ratio is checked from the directory before a byte is inflated; and
every read is bounded by the size the directory declared, so a lying header cannot make a read
run on. Members are read by name, one at a time; nothing is ever extracted wholesale.
"""

from __future__ import annotations

import hashlib
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from pfrelax.core.file_kinds import kind_of
from pfrelax.errors import InputError
from pfrelax.formats import pack_limits as lim
from pfrelax.formats.pack_limits import format_size, format_sizes
from pfrelax.formats.pack_names import name_problems
from pfrelax.formats.problems import PackError, Problem

_CHUNK = 1 << 20
_EOCD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
_READABLE_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
# Damage a zip can show while a member is inflated; all of them mean "this pack is broken".
_READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    RuntimeError,  # includes NotImplementedError (an unknown zip version or method)
    ValueError,
    struct.error,
    OverflowError,
)
# ...and while its directory is parsed (found by the fuzz tests in tests/unit/packs).
_OPEN_ERRORS = (*_READ_ERRORS, zipfile.LargeZipFile, IndexError, KeyError)


@dataclass(frozen=True, slots=True)
class Member:
    """One file of a pack: its path inside the pack (always `a/b.ext`) and its declared size."""

    name: str
    size: int


class PackSource(Protocol):
    """A pack's files by name: a zip archive or a folder, already checked by `open_source`."""

    label: str
    members: dict[str, Member]
    root: Path | None  # a folder's own path; None for a zip

    def open(self, name: str) -> BinaryIO: ...

    def close(self) -> None: ...


class MemberReadError(InputError):
    """A member could not be read as its directory entry promised; str() is product copy."""


def open_source(path: Path) -> PackSource:
    """`path` as a pack source, or PackError listing every unsafe or oversized member."""
    if path.is_dir():
        return _FolderSource(path)
    if not path.is_file():
        raise PackError([Problem(path.name, "", _not_a_pack(path))])
    return _open_zip(path)


def _not_a_pack(path: Path) -> str:
    """Why a path that is neither a file nor a folder cannot be a pack: absent, or a pipe…"""
    try:
        kind = kind_of(path.stat().st_mode)
    except OSError:
        return "does not exist; check the path and try again"
    return f"is {kind}, not a pack file or folder; give a .pfpack file or a pack's folder"


def read_member(source: PackSource, name: str, limit: int) -> bytes:
    """All of member `name`, refusing (MemberReadError) past `limit` or past its declared size."""
    member = source.members[name]
    if member.size > limit:
        shown, most = format_sizes(member.size, limit)
        raise MemberReadError(f"is {shown}; it may be at most {most}")
    chunks = list(_bounded_chunks(source, member))
    return b"".join(chunks)


def copy_member(source: PackSource, name: str, target: Path) -> str:
    """Stream member `name` into a new owner-only file `target`; returns its SHA-256 (hex)."""
    digest = hashlib.sha256()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        for chunk in _bounded_chunks(source, source.members[name]):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def hash_member(source: PackSource, name: str) -> str:
    digest = hashlib.sha256()
    for chunk in _bounded_chunks(source, source.members[name]):
        digest.update(chunk)
    return digest.hexdigest()


def _bounded_chunks(source: PackSource, member: Member) -> Iterator[bytes]:
    """The member's bytes in chunks; never more than its declared size (+1 byte to notice)."""
    seen = 0
    try:
        with source.open(member.name) as stream:
            while True:
                chunk = stream.read(min(_CHUNK, member.size - seen + 1))
                if not chunk:
                    break
                seen += len(chunk)
                if seen > member.size:
                    raise MemberReadError(
                        "is larger than the archive's directory says; the pack is damaged, "
                        "so build it again"
                    )
                yield chunk
    except _READ_ERRORS as error:
        raise MemberReadError(
            f"cannot be read ({error}); the pack is damaged, so build it again"
        ) from error
    if seen != member.size:
        raise MemberReadError("is shorter than the archive's directory says; build the pack again")


# -- checks shared by zips and folders -------------------------------------------------------
def _size_problems(label: str, members: list[Member]) -> list[Problem]:
    problems = []
    for member in members:
        if member.size > lim.MAX_MEMBER_BYTES:
            shown, most = format_sizes(member.size, lim.MAX_MEMBER_BYTES)
            message = f"is {shown} unpacked; a file in a pack may be at most {most}"
            problems.append(Problem(member.name, "", message))
    total = sum(m.size for m in members)
    if total > lim.MAX_TOTAL_BYTES:
        shown, most = format_sizes(total, lim.MAX_TOTAL_BYTES)
        message = f"unpacks to {shown} in all; a pack may be at most {most}"
        problems.append(Problem(label, "", message))
    return problems


def _too_many(label: str, count: int | None) -> Problem:
    """`count` None: more than the limit (a folder walk stops counting there)."""
    held = f"{count:,}" if count is not None else f"more than {lim.MAX_MEMBERS:,}"
    return Problem(label, "", f"holds {held} files; a pack may hold at most {lim.MAX_MEMBERS:,}")


# -- zip archives ----------------------------------------------------------------------------
def _open_zip(path: Path) -> PackSource:
    label = path.name
    not_zip = Problem(
        label,
        "",
        "is not a pfrelax pack: it is not a zip archive. Choose a .pfpack file, "
        "or a folder with a pack.toml in it",
    )
    try:
        with path.open("rb") as handle:
            early = _end_record_problems(handle, label)
    except OSError as error:
        raise PackError([Problem(label, "", f"cannot be read ({error.strerror})")]) from error
    if early:
        raise PackError(early)
    try:
        archive = zipfile.ZipFile(path)
    except _OPEN_ERRORS:
        raise PackError([not_zip]) from None
    try:
        members, problems = _check_zip_entries(label, archive.infolist(), path.stat().st_size)
    except BaseException:
        archive.close()
        raise
    if problems:
        archive.close()
        raise PackError(problems)
    return _ZipSource(label, archive, members)


def _end_record_problems(handle: BinaryIO, label: str) -> list[Problem]:
    """What the end record says, checked before the directory is parsed: how many members and
    how big a directory, and that the archive fills the file exactly (two zips joined together
    would otherwise be read as the second one)."""
    size = handle.seek(0, os.SEEK_END)
    tail_length = min(size, _EOCD.size + 0xFFFF)
    handle.seek(size - tail_length)
    tail = handle.read(tail_length)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < _EOCD.size:
        return []  # not a zip: zipfile says so in the caller's words
    fields = _EOCD.unpack_from(tail, at)
    entries, directory_size, directory_at, comment_length = fields[4:8]
    end_at = size - tail_length + at  # where the end record starts in the file
    directory_end = end_at
    if (entries == 0xFFFF or directory_size == 0xFFFFFFFF or directory_at == 0xFFFFFFFF) and (
        at >= _ZIP64_LOCATOR.size
    ):
        found = _zip64_end(handle, tail, at, size)
        if found is None:
            return [_damaged(label)]
        entries, directory_size, directory_at, directory_end = found
    if entries > lim.MAX_MEMBERS:
        return [_too_many(label, entries)]
    if directory_size > lim.MAX_CENTRAL_DIRECTORY_BYTES:
        return [
            Problem(
                label,
                "",
                f"has a {format_size(directory_size)} table of contents; a pack's "
                f"may be at most {format_size(lim.MAX_CENTRAL_DIRECTORY_BYTES)}",
            )
        ]
    if (
        directory_at + directory_size != directory_end
        or end_at + _EOCD.size + comment_length != size
    ):
        return [
            Problem(
                label,
                "",
                "has extra data before or after the archive (two files joined together, or a "
                "damaged download); ask for the pack again, or build it with `pfrelax pack build`",
            )
        ]
    return []


def _damaged(label: str) -> Problem:
    return Problem(label, "", "is damaged (its table of contents is unreadable); build it again")


def _zip64_end(
    handle: BinaryIO, tail: bytes, at: int, size: int
) -> tuple[int, int, int, int] | None:
    """(entries, directory size, directory offset, where the zip64 end record starts) from the
    zip64 records the locator before the end record points to; None when they are not there."""
    signature, _, offset, _ = _ZIP64_LOCATOR.unpack_from(tail, at - _ZIP64_LOCATOR.size)
    if signature != b"PK\x06\x07" or not 0 <= offset <= size - _ZIP64_EOCD.size:
        return None
    handle.seek(offset)
    record = handle.read(_ZIP64_EOCD.size)
    if len(record) < _ZIP64_EOCD.size or not record.startswith(b"PK\x06\x06"):
        return None
    fields = _ZIP64_EOCD.unpack(record)
    return fields[7], fields[8], fields[9], offset


def _check_zip_entries(
    label: str, infos: list[zipfile.ZipInfo], packed_size: int
) -> tuple[dict[str, Member], list[Problem]]:
    if len(infos) > lim.MAX_MEMBERS:
        return {}, [_too_many(label, len(infos))]
    problems: list[Problem] = []
    members: dict[str, Member] = {}
    seen: set[str] = set()
    for info in infos:
        name = info.orig_filename  # before zipfile's own cleaning: judge what was written
        found = name_problems(name) or _entry_problems(info)
        if name in seen and not found:
            found = ["appears more than once in the archive; build the pack again"]
        seen.add(name)
        shown = name or "(a file with no name)"
        problems.extend(Problem(shown, "", message) for message in found)
        if not found and not name.endswith("/"):
            members[name] = Member(name, info.file_size)
    # Sizes count every entry, judged or not: a total is only honest if nothing is left out.
    # ZipInfo.is_dir() fails on an empty name (a damaged directory), so test the name itself.
    every = [Member(i.orig_filename, i.file_size) for i in infos if not i.filename.endswith("/")]
    problems.extend(_size_problems(label, every))
    if not any(_ratio_too_high(info) for info in infos):  # else that member says it already
        problems.extend(_whole_ratio_problems(label, sum(m.size for m in every), packed_size))
    return members, problems


def _ratio_too_high(info: zipfile.ZipInfo) -> bool:
    size = info.file_size
    return size > lim.RATIO_APPLIES_ABOVE_BYTES and size > lim.MAX_RATIO * max(
        info.compress_size, 1
    )


def _whole_ratio_problems(label: str, unpacked: int, packed: int) -> list[Problem]:
    """Many small members that each pass can still be a bomb together: judge the whole."""
    if unpacked <= lim.RATIO_APPLIES_ABOVE_BYTES or unpacked <= lim.MAX_RATIO * max(packed, 1):
        return []
    ratio = unpacked / max(packed, 1)
    return [
        Problem(
            label,
            "",
            f"unpacks to {format_size(unpacked)}, {ratio:,.0f} times its size; over "
            f"{lim.MAX_RATIO} times is refused as a possible zip bomb",
        )
    ]


def _entry_problems(info: zipfile.ZipInfo) -> list[str]:
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return ["is a link; a pack may hold only plain files"]
    if info.flag_bits & 0x1:
        return ["is encrypted; a pack cannot be password-protected"]
    if info.compress_type not in _READABLE_METHODS:
        return [
            "uses a compression method pfrelax does not read; build the pack with "
            "`pfrelax pack build`"
        ]
    if _ratio_too_high(info):
        ratio = info.file_size / max(info.compress_size, 1)
        return [
            f"unpacks to {ratio:,.0f} times its packed size; over {lim.MAX_RATIO} times is "
            "refused as a possible zip bomb"
        ]
    return []


class _ZipSource:
    def __init__(self, label: str, archive: zipfile.ZipFile, members: dict[str, Member]) -> None:
        self.label = label
        self.members = members
        self.root: Path | None = None
        self._archive = archive

    def open(self, name: str) -> BinaryIO:
        return self._archive.open(name)  # type: ignore[return-value]  # ZipExtFile is binary IO

    def close(self) -> None:
        self._archive.close()


# -- folders ---------------------------------------------------------------------------------
class _FolderSource:
    """A pack folder while authoring. Names starting with '.' (.DS_Store, .git) are left out."""

    def __init__(self, root: Path) -> None:
        self.label = root.name
        self.root: Path | None = root
        self._root = root
        members, problems = _walk_folder(root)
        if problems:
            raise PackError(problems)
        self.members = members

    def open(self, name: str) -> BinaryIO:
        return _no_follow_open(self._root / name)

    def close(self) -> None:
        pass


def _no_follow_open(path: Path) -> BinaryIO:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    return os.fdopen(os.open(path, flags), "rb")


def _walk_folder(root: Path) -> tuple[dict[str, Member], list[Problem]]:
    members: dict[str, Member] = {}
    problems: list[Problem] = []
    pending = [root]
    while pending:
        folder = pending.pop()
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if entry.name.startswith("."):
                continue
            name = Path(entry.path).relative_to(root).as_posix()
            if entry.is_symlink():
                problems.append(Problem(name, "", "is a link; a pack may hold only plain files"))
            elif entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
            elif not entry.is_file(follow_symlinks=False):
                problems.append(Problem(name, "", "is not a plain file; remove it from the pack"))
            else:
                problems.extend(Problem(name, "", m) for m in name_problems(name))
                members[name] = Member(name, entry.stat(follow_symlinks=False).st_size)
            if len(members) > lim.MAX_MEMBERS:
                return {}, [_too_many(root.name, None)]
    problems.extend(_size_problems(root.name, list(members.values())))
    return dict(sorted(members.items())), problems


@contextmanager
def opened(path: Path) -> Iterator[PackSource]:
    """`open_source` as a context manager, so the zip is always closed."""
    source = open_source(path)
    try:
        yield source
    finally:
        source.close()
