"""SQLCipher connections for an encrypted history: the key, the file's salt, sqlite3's errors."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from pfrelax.store.file_kind import is_encrypted as is_encrypted  # where callers look for it

KEY_BYTES = 32
SALT_BYTES = 16


@dataclass(frozen=True, slots=True, repr=False)
class DatabaseKey:
    """A raw 256-bit key (already derived: no passphrase reaches the store) and the file's salt.

    The salt is the first 16 bytes of the encrypted file, so a file carries what its key is
    derived with, and a copy made with the same key (a backup) keeps it.
    """

    raw: bytes
    salt: bytes

    def __post_init__(self) -> None:
        if len(self.raw) != KEY_BYTES or len(self.salt) != SALT_BYTES:
            raise ValueError("a database key is 32 bytes and its salt 16")

    def pragma_value(self) -> str:
        return f"\"x'{self.raw.hex()}{self.salt.hex()}'\""

    def __repr__(self) -> str:  # never the key itself, not even in a traceback
        return "DatabaseKey(<hidden>)"


def file_salt(path: Path) -> bytes:
    """The salt at the start of an encrypted file (what its key is derived with)."""
    with path.open("rb") as stream:
        return stream.read(SALT_BYTES)


def _as_sqlite3(error: Exception) -> sqlite3.Error:
    """The sqlite3 exception the rest of the store catches, with the same SQLite error code."""
    kind = getattr(sqlite3, type(error).__name__, sqlite3.DatabaseError)
    translated: sqlite3.Error = kind(*error.args)
    translated.sqlite_errorcode = getattr(error, "sqlite_errorcode", 0)
    translated.sqlite_errorname = getattr(error, "sqlite_errorname", "")
    return translated


@functools.cache
def _sqlcipher() -> Any:
    """SQLCipher's module, imported on first use: a plain history never pays for it."""
    import sqlcipher3.dbapi2

    return sqlcipher3.dbapi2


@contextmanager
def _sqlite3_errors() -> Iterator[None]:
    try:
        yield
    except _sqlcipher().Error as error:
        raise _as_sqlite3(error) from None


@functools.cache
def _connection_class() -> type:
    class CipherConnection(_sqlcipher().Connection):  # type: ignore[misc]
        """An SQLCipher connection that raises sqlite3's exceptions, so the store's handling
        of damage, busy and read-only files is the same for both kinds of file."""

        is_cipher = True
        key: DatabaseKey | None = None

        def execute(self, *args: Any) -> Any:
            with _sqlite3_errors():
                return super().execute(*args)

        def executemany(self, *args: Any) -> Any:
            with _sqlite3_errors():
                return super().executemany(*args)

        def executescript(self, *args: Any) -> Any:
            with _sqlite3_errors():
                return super().executescript(*args)

        def commit(self) -> None:
            with _sqlite3_errors():
                super().commit()

        def backup(self, target: Any, **options: Any) -> None:
            with _sqlite3_errors():
                super().backup(target, **options)

    return CipherConnection


def connect_encrypted(
    database: str | Path, key: DatabaseKey | None, *, timeout: float, uri: bool = False
) -> sqlite3.Connection:
    """An SQLCipher connection keyed with `key` (None: a plain file through SQLCipher).

    Typed as sqlite3's: the same methods, and it raises sqlite3's exceptions.
    """
    with _sqlite3_errors():
        con = _sqlcipher().connect(
            str(database),
            timeout=timeout,
            isolation_level=None,
            uri=uri,
            factory=_connection_class(),
        )
    # SQLCipher logs a wrong key to stderr; the person is told in words instead.
    con.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        con.execute(f"PRAGMA key = {key.pragma_value()}")
    con.key = key
    return cast(sqlite3.Connection, con)


def key_of(con: sqlite3.Connection) -> DatabaseKey | None:
    """The key `con` was opened with (None for a plain file)."""
    return cast("DatabaseKey | None", getattr(con, "key", None))


def is_cipher_connection(con: sqlite3.Connection) -> bool:
    return getattr(con, "is_cipher", False) is True


def connect_like(source: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    """A connection to a new file `path` that `source.backup()` can copy into: with the same
    key, so a backup of an encrypted history is encrypted, with the same salt."""
    if is_cipher_connection(source):
        return connect_encrypted(path, key_of(source), timeout=5.0)
    return sqlite3.connect(path)
