"""Imported right after PySide6: stops PySide6 reading the source of every later module.

PySide6 replaces `__import__` to support `from __feature__ import snake_case`, and after each new
import reads the module's whole source file (`inspect.getsource`) to see whether it mentions
PySide6 — even when its bytecode is cached. pfrelax never selects a feature, so every module
behaves the same either way ("no feature"); the read cost ~10 ms of the start before the window
painted (~100 modules). A PySide6 without the hook is left as it is.
"""

from __future__ import annotations

import sys
from types import ModuleType

FEATURE_MODULE = "PySide6.support.feature"
SCAN = "_mod_uses_pyside"  # the function that reads the source


def _uses_no_feature(_module: ModuleType) -> bool:
    # False marks the module "ignore in feature switching": the same as "no feature" while no
    # module ever selects one.
    return False


def skip_source_scan() -> bool:
    """Replace PySide6's source scan with an answer that needs no file; True if it was there."""
    feature = sys.modules.get(FEATURE_MODULE)
    if feature is None or not callable(getattr(feature, SCAN, None)):
        return False
    vars(feature)[SCAN] = _uses_no_feature
    return True


skip_source_scan()
