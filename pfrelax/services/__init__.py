"""Use cases, Qt-free, built once by app.py and shared by the GUI and the CLI."""
