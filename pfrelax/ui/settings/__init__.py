"""Settings and the person's data: export, back up, restore, delete."""
