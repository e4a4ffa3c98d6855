"""SQLite storage: runs, check-ins, installed packs, settings; migrations and export. No Qt."""
