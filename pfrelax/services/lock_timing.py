"""When the app locks (idle minutes on an injected clock) and how long a wrong passphrase waits."""

from __future__ import annotations

from pfrelax.core.clock import Clock

DEFAULT_IDLE_MINUTES = 5
# Tries that are free; then each wrong one doubles the wait, up to half a minute: slow for a
# guesser at the screen, no trouble for a person who mistyped.
FREE_TRIES = 2
FIRST_WAIT_S = 1.0
LONGEST_WAIT_S = 30.0


class IdleWatch:
    """Whether the person has been away for `minutes` (0: never) since the last touch.
    `in_session` (off by default): the minutes count while a session plays too."""

    def __init__(
        self, clock: Clock, minutes: int = DEFAULT_IDLE_MINUTES, *, in_session: bool = False
    ) -> None:
        self._clock = clock
        self.minutes = minutes
        self.in_session = in_session
        self._last = clock.now()

    def touch(self) -> None:
        self._last = self._clock.now()

    def due(self) -> bool:
        return self.minutes > 0 and self._clock.now() - self._last >= self.minutes * 60

    def due_unless_in_session(self, session_moving: bool) -> bool:
        """`due()`, except that a session playing counts as being there: a hands-free session
        (eyes closed, lying down) goes minutes without a key, and stopping it mid-way to ask for
        a passphrase would break the practice. The idle minutes start when it pauses or ends.
        With `in_session` the person chose otherwise: a playing session is no presence."""
        if session_moving and not self.in_session:
            self.touch()
            return False
        return self.due()

    def session_changed(self) -> None:
        """A session started, paused or ended. Unless the minutes count during a session, they
        start from this moment (not from the last check, up to a second before)."""
        if not self.in_session:
            self.touch()


class UnlockAttempts:
    """Wrong passphrases in a row, and the wait they earn before the next try."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._wrong = 0
        self._not_before = clock.now()

    @property
    def wrong(self) -> int:
        return self._wrong

    def wait_left(self) -> float:
        """Seconds until another try is taken (0: now)."""
        return max(0.0, self._not_before - self._clock.now())

    def failed(self) -> float:
        """Count a wrong passphrase; returns the wait it earns."""
        self._wrong += 1
        extra = self._wrong - FREE_TRIES
        wait = 0.0 if extra <= 0 else min(LONGEST_WAIT_S, FIRST_WAIT_S * 2 ** (extra - 1))
        self._not_before = self._clock.now() + wait
        return wait

    def succeeded(self) -> None:
        self._wrong = 0
        self._not_before = self._clock.now()
