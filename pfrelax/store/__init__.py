"""SQLite storage: runs, check-ins, installed packs; migrations and export. No Qt.

Open with `open_database(path)`, then wrap the `Database` in the repository you need:
`Runs`, `Checkins`, `InstalledPacks`. Every write is one transaction.
"""

from pfrelax.store.checkins import Checkins
from pfrelax.store.db import Database, open_database
from pfrelax.store.errors import DataFileError, StoreError
from pfrelax.store.export import ExportCounts, export_csv, export_json
from pfrelax.store.importer import ImportSummary, import_csv, import_json
from pfrelax.store.models import (
    MEASURES,
    MOMENTS,
    InstalledPack,
    Rating,
    Run,
    RunChange,
    Series,
    WeekMinutes,
)
from pfrelax.store.packs import InstalledPacks
from pfrelax.store.runs import Runs

__all__ = [
    "MEASURES",
    "MOMENTS",
    "Checkins",
    "DataFileError",
    "Database",
    "ExportCounts",
    "ImportSummary",
    "InstalledPack",
    "InstalledPacks",
    "Rating",
    "Run",
    "RunChange",
    "Runs",
    "Series",
    "StoreError",
    "WeekMinutes",
    "export_csv",
    "export_json",
    "import_csv",
    "import_json",
    "open_database",
]
