"""Installed packs and the day the patient started each plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pfrelax.store.models import InstalledPack
from pfrelax.store.timecodec import Clock, from_columns, local_now, to_columns

if TYPE_CHECKING:
    from pfrelax.store.db import Database

_COLUMNS = "pack_id, version, title, installed_at, installed_offset, folder, plan_started"


class InstalledPacks:
    """The packs the library has installed. Removing one never touches the runs history."""

    def __init__(self, db: Database, now: Clock = local_now) -> None:
        self._db = db
        self._now = now

    def upsert(self, pack_id: str, version: str, title: str, folder: Path) -> InstalledPack:
        """Record an install or an upgrade; an upgrade keeps the day the plan started.

        A folder inside the data folder (where the database is) is stored relative to it, so
        moving the whole data folder (PFRELAX_HOME) keeps every pack.
        """
        at, offset = to_columns(self._now())
        with self._db.transaction() as con:
            con.execute(
                f"INSERT INTO installed_packs ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, NULL) "
                "ON CONFLICT (pack_id) DO UPDATE SET version = excluded.version, "
                "title = excluded.title, installed_at = excluded.installed_at, "
                "installed_offset = excluded.installed_offset, folder = excluded.folder",
                (pack_id, version, title, at, offset, self._stored(folder)),
            )
        installed = self.get(pack_id)
        assert installed is not None  # just written
        return installed

    def _stored(self, folder: Path) -> str:
        data_folder = self._db.path.parent
        if folder.is_relative_to(data_folder):
            return folder.relative_to(data_folder).as_posix()
        return str(folder)  # not ours to move (tests, or a pack kept elsewhere)

    def remove(self, pack_id: str) -> bool:
        """Forget an installed pack; True if it was there. Runs of its sessions stay."""
        with self._db.transaction() as con:
            cursor = con.execute("DELETE FROM installed_packs WHERE pack_id = ?", (pack_id,))
        return cursor.rowcount == 1

    def set_plan_started(self, pack_id: str, day: date | None) -> None:
        with self._db.transaction() as con:
            cursor = con.execute(
                "UPDATE installed_packs SET plan_started = ? WHERE pack_id = ?",
                (None if day is None else day.isoformat(), pack_id),
            )
            if cursor.rowcount != 1:
                raise LookupError(f"pack {pack_id!r} is not installed")

    def get(self, pack_id: str) -> InstalledPack | None:
        row = self._db.connection.execute(
            f"SELECT {_COLUMNS} FROM installed_packs WHERE pack_id = ?", (pack_id,)
        ).fetchone()
        return None if row is None else _pack(row, self._db.path.parent)

    def installed(self) -> list[InstalledPack]:
        """Every installed pack, by title then id."""
        rows = self._db.connection.execute(
            f"SELECT {_COLUMNS} FROM installed_packs ORDER BY title, pack_id"
        ).fetchall()
        return [_pack(row, self._db.path.parent) for row in rows]


def _pack(row: tuple[str, str, str, int, int, str, str | None], data_folder: Path) -> InstalledPack:
    pack_id, version, title, at, offset, folder, started = row
    return InstalledPack(
        pack_id=pack_id,
        version=version,
        title=title,
        installed_at=from_columns(at, offset),
        folder=data_folder / folder,  # an absolute folder stays as it is
        plan_started=None if started is None else date.fromisoformat(started),
    )
