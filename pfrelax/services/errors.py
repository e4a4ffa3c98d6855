"""The errors a page catches from the services (part of their interface), and pack problems."""

from __future__ import annotations

from pfrelax.formats.problems import PackError, Problem, visible
from pfrelax.store.errors import DamagedDatabaseError, StoreError

__all__ = ["DamagedDatabaseError", "PackError", "Problem", "StoreError", "visible"]
