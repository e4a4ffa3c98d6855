"""Test-wide settings: under CI, property tests run a fixed set of examples (same every run)."""

from __future__ import annotations

import os

from hypothesis import settings

# Locally, hypothesis explores new examples each run (and remembers failures in .hypothesis/).
# CI starts from a clean clone with no memory, so it runs a derandomized, repeatable set: a red
# CI run is then reproducible, never a one-off.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
