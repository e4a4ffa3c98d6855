"""The windows' own labels; product texts (disclaimer, stop rules…) live in pfrelax.core.texts."""

from __future__ import annotations

APP_TITLE = "pfrelax"  # neutral on purpose: the title bar and taskbar say nothing about why

PAUSED = "Paused"
GET_READY = "Get ready"


def count_steps(count: int) -> str:
    """ "1 step", "7 steps"."""
    return f"{count} step" if count == 1 else f"{count} steps"
