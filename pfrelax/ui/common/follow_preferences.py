"""A widget follows the preferences while it lives: subscribed now, unsubscribed when destroyed."""

from __future__ import annotations

from PySide6.QtCore import QObject

from pfrelax.services.preferences import Listener, Preferences


def follow(preferences: Preferences, owner: QObject, listener: Listener) -> None:
    """Call `listener` with the changed keys until `owner` is destroyed (a destroyed widget
    must not be told: its C++ side is gone)."""
    preferences.subscribe(listener)
    owner.destroyed.connect(lambda: preferences.unsubscribe(listener))
