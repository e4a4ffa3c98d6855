"""The person's data as a whole: counting, exporting, backing up, restoring and deleting it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pfrelax import paths
from pfrelax.services.report import ReportInput, gather_report
from pfrelax.services.today import plan_adherence
from pfrelax.store.db import Database
from pfrelax.store.export import ExportCounts, export_csv, export_json
from pfrelax.store.progress_queries import DataCounts, data_counts, first_record_day

__all__ = ["DataCounts", "ExportCounts", "HistoryData"]


class HistoryData:
    """One history and the folders that belong to it (installed packs, the speech cache).

    Every method raises StoreError (the history cannot be used) or OSError (a file cannot be
    written) with a plain message, and then changed nothing it had not finished.
    """

    def __init__(
        self,
        db: Database,
        packs_dir: Callable[[], Path] = paths.packs_dir,
        cache_dir: Callable[[], Path] = paths.cache_dir,
    ) -> None:
        self._db = db
        self._packs_dir = packs_dir
        self._cache_dir = cache_dir

    def counts(self) -> DataCounts:
        return data_counts(self._db)

    def first_record_day(self) -> date | None:
        return first_record_day(self._db)

    def export_csv(self, folder: Path) -> ExportCounts:
        return export_csv(self._db, folder)

    def export_json(self, file: Path) -> ExportCounts:
        return export_json(self._db, file)

    def back_up(self, target: Path) -> None:
        """A complete copy of the history at `target`."""
        self._db.backup_to(target)

    def restore(self, source: Path) -> None:
        """Everything replaced by the backup `source`, in one transaction."""
        self._db.restore_from(source)

    def report(self, first: date, last: date, *, include_notes: bool = False) -> ReportInput:
        """The PT report for local days `first`..`last`, with every started plan's adherence."""
        adherence = plan_adherence(self._db)
        return gather_report(self._db, first, last, include_notes, adherence)

    def delete_all(self) -> list[Path]:
        """Every row, then every installed pack's files and the speech cache; returns the files
        that could not be removed (for the person to delete by hand)."""
        # The rows first: a pack registry naming folders that are gone would be worse than
        # folders no registry names, which the next delete (or the person) can still remove.
        self._db.delete_all_data()
        return self.delete_files()

    def delete_files(self) -> list[Path]:
        """Remove every installed pack's files and the speech cache; returns what could not go."""
        packs = self._packs_dir()
        targets = [*(packs.iterdir() if packs.is_dir() else ()), self._cache_dir() / "speech"]
        left: list[Path] = []
        for target in targets:
            try:
                if target.is_dir() and not target.is_symlink():
                    shutil.rmtree(target)
                else:
                    target.unlink(missing_ok=True)
            except OSError:
                left.append(target)
        return left
