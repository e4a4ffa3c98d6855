"""The passphrase and encryption at rest: keys, no plaintext on disk, wrong keys, conversions."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from pfrelax.services.privacy import (
    KDF,
    PassphraseRejectedError,
    Privacy,
    derive_key,
)
from pfrelax.store.checkins import Checkins
from pfrelax.store.cipher import DatabaseKey, is_encrypted
from pfrelax.store.convert import STEPS
from pfrelax.store.db import open_database
from pfrelax.store.errors import LockedError, StoreError

from .conftest import AT, CHEAP, KNOWN_WORDS, checkin_count, fill

PASSPHRASE = "quiet harbour lanterns"


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {each.name: each.read_bytes() for each in sorted(folder.iterdir()) if each.is_file()}


def digests(folder: Path) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in folder_bytes(folder).items()}


def test_the_real_costs_are_argon2id_with_at_least_64_mib() -> None:
    assert KDF.memory_kib >= 64 * 1024
    assert KDF.time_cost >= 1


def test_a_key_depends_on_the_passphrase_and_the_salt() -> None:
    salt, other_salt = bytes(16), bytes(range(16))
    key = derive_key(PASSPHRASE, salt, CHEAP)
    assert derive_key(PASSPHRASE, salt, CHEAP) == key
    assert derive_key(PASSPHRASE + "!", salt, CHEAP).raw != key.raw
    assert derive_key(PASSPHRASE, other_salt, CHEAP).raw != key.raw
    assert len(key.raw) == 32
    assert key.raw.hex() not in repr(key)


def test_an_encrypted_history_holds_none_of_the_known_words(
    db_path: Path, privacy: Privacy
) -> None:
    fill(db_path)
    assert KNOWN_WORDS[0].encode() in db_path.read_bytes()  # the words were really there
    key = privacy.set_passphrase(PASSPHRASE)
    assert db_path.stat().st_mode & 0o077 == 0  # owner-only as the conversion wrote it
    # A write after the conversion: its pages sit in the WAL until a checkpoint.
    with open_database(db_path, key=key, daily_backup=True) as db:
        Checkins(db, now=lambda: AT).save_checkin("standalone", {"mood": 4}, note=KNOWN_WORDS[1])
        files = folder_bytes(db_path.parent)
    assert db_path.name + "-wal" in files
    assert db_path.name + ".bak-daily" in files
    for name, data in files.items():
        for word in (*KNOWN_WORDS, "checkins", "SQLite format 3"):
            assert word.encode() not in data, f"{word!r} in {name}"
    assert is_encrypted(db_path)
    assert checkin_count(db_path, privacy, PASSPHRASE) == 6


def test_the_wrong_passphrase_opens_nothing_and_changes_nothing(
    db_path: Path, privacy: Privacy
) -> None:
    fill(db_path)
    privacy.set_passphrase(PASSPHRASE)
    before = digests(db_path.parent)
    with pytest.raises(LockedError, match="does not open"):
        privacy.unlock("quiet harbour lantern")
    with pytest.raises(LockedError, match="protected by a passphrase"):
        open_database(db_path)
    with pytest.raises(LockedError):
        privacy.remove_passphrase("not it at all")
    assert digests(db_path.parent) == before


def test_the_passphrase_can_be_changed_and_removed(db_path: Path, privacy: Privacy) -> None:
    fill(db_path)
    first = privacy.set_passphrase(PASSPHRASE)
    second = privacy.change_passphrase(PASSPHRASE, "a new and longer one")
    assert second.salt != first.salt
    with pytest.raises(LockedError):
        privacy.unlock(PASSPHRASE)
    assert checkin_count(db_path, privacy, "a new and longer one") == 5
    privacy.remove_passphrase("a new and longer one")
    assert not is_encrypted(db_path)
    assert checkin_count(db_path, privacy, None) == 5
    assert privacy.status().lines() == ["encrypted: no", "lock: off"]


def test_a_history_not_yet_made_can_have_a_passphrase(db_path: Path, privacy: Privacy) -> None:
    privacy.set_passphrase(PASSPHRASE)
    assert privacy.status().lines() == ["encrypted: yes", "lock: on"]
    assert checkin_count(db_path, privacy, PASSPHRASE) == 0


@pytest.mark.parametrize(
    ("passphrase", "why"), [("short", "at least 8"), (" padded phrase ", "space")]
)
def test_a_weak_new_passphrase_is_refused_and_nothing_changes(
    db_path: Path, privacy: Privacy, passphrase: str, why: str
) -> None:
    fill(db_path)
    with pytest.raises(PassphraseRejectedError, match=why):
        privacy.set_passphrase(passphrase)
    assert not is_encrypted(db_path)


class StopError(Exception):
    """A failure injected at one conversion step."""


@pytest.mark.parametrize("direction", ["on", "off", "change"])
@pytest.mark.parametrize("failing", STEPS)
def test_a_failure_at_any_step_leaves_one_whole_history(
    db_path: Path, direction: str, failing: str
) -> None:
    fill(db_path)
    setup = Privacy(db_path, params=CHEAP)
    if direction != "on":
        setup.set_passphrase(PASSPHRASE)

    def on_step(name: str) -> None:
        if name == failing:
            raise StopError(name)

    privacy = Privacy(db_path, params=CHEAP, on_step=on_step)
    actions: dict[str, Callable[[], object]] = {
        "on": lambda: privacy.set_passphrase(PASSPHRASE),
        "off": lambda: privacy.remove_passphrase(PASSPHRASE),
        "change": lambda: privacy.change_passphrase(PASSPHRASE, "another good phrase"),
    }
    with pytest.raises(StopError):
        actions[direction]()
    privacy.tidy()
    done = STEPS.index(failing) >= STEPS.index("swapped")
    expected = {
        ("on", False): None,
        ("on", True): PASSPHRASE,
        ("off", False): PASSPHRASE,
        ("off", True): None,
        ("change", False): PASSPHRASE,
        ("change", True): "another good phrase",
    }[(direction, done)]
    assert checkin_count(db_path, privacy, expected) == 5
    left = [p.name for p in db_path.parent.iterdir() if "convert" in p.name or "before" in p.name]
    assert left == []


def test_a_key_of_the_wrong_size_is_refused() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        DatabaseKey(b"short", bytes(16))


def test_restoring_into_an_encrypted_history_says_what_to_do(
    db_path: Path, privacy: Privacy, tmp_path: Path
) -> None:
    fill(db_path)
    backup = tmp_path / "backup.sqlite3"
    with open_database(db_path) as db:
        db.backup_to(backup)
    key = privacy.set_passphrase(PASSPHRASE)
    with open_database(db_path, key=key) as db, pytest.raises(StoreError, match="Remove the"):
        db.restore_from(backup)


def test_a_damaged_encrypted_history_is_not_called_a_wrong_passphrase(
    db_path: Path, privacy: Privacy
) -> None:
    fill(db_path, count=300)
    privacy.set_passphrase(PASSPHRASE)
    damaged = bytearray(db_path.read_bytes())
    damaged[4096 * 5 + 200 : 4096 * 5 + 220] = bytes(20)  # a page past the first
    db_path.write_bytes(bytes(damaged))
    key = privacy.unlock(PASSPHRASE)  # the passphrase is right, and said to be
    with pytest.raises(StoreError, match="is damaged"):
        open_database(db_path, key=key)
