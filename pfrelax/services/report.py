"""The PT report's contents from the history: ratings and sessions, notes, adherence, extras."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pfrelax.core.progress import AdherenceProvider, local_day_bounds
from pfrelax.core.report_data import ReportData, gather
from pfrelax.core.report_extras import ReportExtras
from pfrelax.services.report_extras import gather_extras
from pfrelax.store.db import Database
from pfrelax.store.progress_queries import Note, load_ratings, load_runs, notes_between

__all__ = ["Note", "ReportInput", "gather_report"]


@dataclass(frozen=True, slots=True)
class ReportInput:
    """Everything the report shows; the PDF is made from it."""

    data: ReportData
    notes: tuple[Note, ...]  # empty unless the person chose to include them
    extras: ReportExtras


def gather_report(
    db: Database,
    first: date,
    last: date,
    include_notes: bool = False,
    adherence_provider: AdherenceProvider | None = None,
) -> ReportInput:
    """The report for local days `first`..`last` (StoreError if the history cannot be read)."""
    adherence = adherence_provider(first, last) if adherence_provider else ()
    data = gather(load_ratings(db), load_runs(db), first, last, adherence)
    notes = notes_between(db, *local_day_bounds(first, last)) if include_notes else []
    extras = gather_extras(db, first, last, include_notes=include_notes)
    return ReportInput(data, tuple(notes), extras)
