"""Test-wide settings: the bundled product texts; under CI, a fixed set of property examples."""

from __future__ import annotations

import os

from hypothesis import settings

from pfrelax import paths
from pfrelax.core import texts

# As cli.main and app.create_application do: the product texts are the bundled ones.
texts.use_assets(paths.assets_dir())

# Locally, hypothesis explores new examples each run (and remembers failures in .hypothesis/).
# CI starts from a clean clone with no memory, so it runs a derandomized, repeatable set: a red
# CI run is then reproducible, never a one-off.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
