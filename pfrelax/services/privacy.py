"""The optional passphrase: keys derived with Argon2id, encryption on and off, unlock attempts."""

from __future__ import annotations

import hmac
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pfrelax.errors import InputError

# DatabaseKey, LockedError and StoreError are named here for the privacy widgets, which go
# through this service rather than the store (the `as` re-exports them).
from pfrelax.store.cipher import KEY_BYTES, SALT_BYTES, file_salt, is_encrypted
from pfrelax.store.cipher import DatabaseKey as DatabaseKey
from pfrelax.store.convert import Step, convert, tidy_interrupted
from pfrelax.store.db import Database, open_database
from pfrelax.store.errors import LockedError as LockedError
from pfrelax.store.errors import StoreError as StoreError


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id's costs. docs/privacy.md states them; they were tuned to about 0.5 s on the
    development machine (2 cores). Changing them makes existing files unopenable: never do it
    without keeping the old ones to open older files with."""

    time_cost: int = 3
    memory_kib: int = 192 * 1024  # 192 MiB: the issue asks for at least 64
    parallelism: int = 1


KDF = KdfParams()
MIN_PASSPHRASE = 8
NO_RECOVERY = (
    "If you forget this passphrase, your history cannot be recovered: not by you, not by "
    "anyone. Keep it somewhere safe, and consider saving a backup first (Progress → Your data → "
    "Back up…)."
)


class PassphraseRejectedError(InputError, ValueError):
    """A new passphrase that cannot be used; the message says why, in plain words."""


def derive_key(passphrase: str, salt: bytes, params: KdfParams = KDF) -> DatabaseKey:
    """The 256-bit key for `passphrase` and `salt` (Argon2id)."""
    from argon2.low_level import Type, hash_secret_raw  # only when a key is wanted

    raw = hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )
    return DatabaseKey(raw, salt)


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseRejectedError(
            f"A passphrase needs at least {MIN_PASSPHRASE} characters; a few words are easy to "
            "remember and hard to guess."
        )
    if passphrase != passphrase.strip():
        raise PassphraseRejectedError("A passphrase cannot start or end with a space.")


@dataclass(frozen=True, slots=True)
class PrivacyStatus:
    encrypted: bool
    lock: bool

    def lines(self) -> list[str]:
        """What `pfrelax privacy status` prints: nothing else, nothing secret."""
        return [f"encrypted: {_yes(self.encrypted)}", f"lock: {_on(self.lock)}"]


@dataclass
class Privacy:
    """The passphrase of the history at `database_path`. `on_step` sees each conversion step."""

    database_path: Path
    params: KdfParams = KDF
    on_step: Step | None = field(default=None, repr=False)

    def status(self) -> PrivacyStatus:
        encrypted = self.encrypted()
        return PrivacyStatus(encrypted=encrypted, lock=encrypted)

    def encrypted(self) -> bool:
        return is_encrypted(self.database_path)

    def tidy(self) -> None:
        """Remove what an interrupted conversion left (the history itself is whole)."""
        tidy_interrupted(self.database_path)

    def key_for(self, passphrase: str) -> DatabaseKey:
        """The key `passphrase` gives for the encrypted history (not checked: see `unlock`)."""
        if not self.encrypted():
            raise StoreError("Your history has no passphrase; there is nothing to unlock.")
        return derive_key(passphrase, file_salt(self.database_path), self.params)

    def unlock(self, passphrase: str) -> DatabaseKey:
        """The key, once it has opened the history; LockedError for a wrong passphrase.

        A history the key opens but that cannot be used (damaged past its first page, a
        read-only folder) still gives the key: whoever opens it next says what is wrong.
        SQLCipher cannot tell a damaged first page from a wrong key: that is LockedError.
        """
        key = self.key_for(passphrase)
        try:
            open_database(self.database_path, recover_runs=False, key=key).close()
        except LockedError:
            raise
        except StoreError:
            pass
        return key

    def matches(self, passphrase: str, key: DatabaseKey) -> bool:
        """Whether `passphrase` gives `key` (unlocking a history that is already open)."""
        return hmac.compare_digest(derive_key(passphrase, key.salt, self.params).raw, key.raw)

    def set_passphrase(self, passphrase: str) -> DatabaseKey:
        """Encrypt the plain history under `passphrase`; returns the new key."""
        check_new_passphrase(passphrase)
        if self.encrypted():
            raise StoreError("Your history already has a passphrase; change it instead.")
        if not self.database_path.exists():
            open_database(self.database_path, recover_runs=False).close()  # an empty history
        key = derive_key(passphrase, os.urandom(SALT_BYTES), self.params)
        self._convert(None, key)
        return key

    def change_passphrase(self, old: str, new: str) -> DatabaseKey:
        check_new_passphrase(new)
        old_key = self.unlock(old)
        key = derive_key(new, os.urandom(SALT_BYTES), self.params)  # a new salt: a new file
        self._convert(old_key, key)
        return key

    def remove_passphrase(self, passphrase: str) -> None:
        """Write the history back as plain SQLite (the person chose to)."""
        self._convert(self.unlock(passphrase), None)

    def rewrite_open(
        self,
        db: Database | None,
        change: Callable[[Privacy], DatabaseKey | None],
        current: DatabaseKey | None,
    ) -> DatabaseKey | None:
        """Run `change` (set, change or remove) on the history the app has open as `db`: its
        connection is closed for the rewrite and reopened on whichever file is then in place,
        so everything holding `db` goes on working. Returns the key now in force."""
        if db is not None:
            db.connection.close()
        key = current
        try:
            key = change(self)
        finally:
            if db is not None:
                fresh = open_database(self.database_path, recover_runs=False, key=key)
                db.connection = fresh.connection
        return key

    def _convert(self, old: DatabaseKey | None, new: DatabaseKey | None) -> None:
        if self.on_step is None:
            convert(self.database_path, old, new)
        else:
            convert(self.database_path, old, new, self.on_step)


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _on(value: bool) -> str:
    return "on" if value else "off"
