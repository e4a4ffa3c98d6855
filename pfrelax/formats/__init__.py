"""Reading, validating and building session files and packs. No Qt."""
