"""SQLite storage: runs, check-ins, installed packs; migrations and export. No Qt.

Open with `pfrelax.store.db.open_database(path)`, then wrap the `Database` in the repository you
need (`runs.Runs`, `checkins.Checkins`, `packs.InstalledPacks`). Every write is one transaction.
Import the module you need: this package imports nothing, so opening the window does not load
the export and import code.
"""
