"""The one ordered list of what stops when the window closes, filled as things are built."""

from __future__ import annotations

from collections.abc import Callable

# Sound first (it reads the transport), then what shows or records a session, then what
# writes (imports), the database last; "desktop" is what follows the desktop's settings.
STAGES = ("sound", "pages", "runs", "packs", "database", "desktop")


class Shutdown:
    """Steps added under a stage run stage by stage, each once, in the order they were added."""

    def __init__(self) -> None:
        self._steps: dict[str, list[Callable[[], None]]] = {stage: [] for stage in STAGES}
        self.done = False

    def add(self, stage: str, step: Callable[[], None]) -> None:
        self._steps[stage].append(step)

    def run(self) -> None:
        """Run every step (closing twice is harmless: the second time does nothing)."""
        if self.done:
            return
        self.done = True
        for stage in STAGES:
            for step in self._steps[stage]:
                step()
