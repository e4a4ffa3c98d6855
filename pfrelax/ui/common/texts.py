"""The windows' own labels; product texts (disclaimer, stop rules…) live in pfrelax.core.texts."""

from __future__ import annotations

APP_TITLE = "pfrelax"  # neutral on purpose: the title bar and taskbar say nothing about why

PAUSED = "Paused"
GET_READY = "Get ready"
# What Start does, said on the pre-start panel of every session, so a session without a
# check-in does not start unannounced (keys typed for a check-in would go to the player).
CHECKIN_FIRST = "Start asks how you feel first (rate or skip), then counts you in."
NO_CHECKIN = "No check-in for this session: Start counts you in straight away."


def count_steps(count: int) -> str:
    """ "1 step", "7 steps"."""
    return f"{count} step" if count == 1 else f"{count} steps"
