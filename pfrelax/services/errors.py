"""The errors a page catches from the services and shows, and the problems a pack error lists.

Pages reach them here rather than in the store and formats below the services: what a service
may raise is part of its interface.
"""

from __future__ import annotations

from pfrelax.formats.problems import PackError, Problem, visible
from pfrelax.store.errors import DamagedDatabaseError, StoreError

__all__ = ["DamagedDatabaseError", "PackError", "Problem", "StoreError", "visible"]
