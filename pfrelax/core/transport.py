"""The transport: idle → count-in → playing ⇄ paused → finished / stopped, over one clock.

Position is never accumulated. It is an anchor — "at clock time C the session was at P" — plus
the clock's progress since, while playing. Pause freezes P; resume sets a new anchor. So a pause
of any length, a stalled GUI or a suspended laptop cannot shift what comes after.

Time *played* is kept the same way: each running anchor, when it is replaced, adds how far the
position moved on the clock since it was set. Seeks, step jumps and pauses move the anchor
without adding anything, so skipped or seeked-over sound never counts as practice. And it is
never more than the real time since Start on the clock the transport was made with (the app's
monotonic clock), even while an audio clock lent by `set_clock` runs fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from pfrelax.core.clock import Clock
from pfrelax.core.completion import counts_as_completed
from pfrelax.core.paced_stage import PacedWaits, StageWait
from pfrelax.core.timeline import Moment, Timeline

DEFAULT_COUNT_IN_MS = 3_000


class State(StrEnum):
    IDLE = "idle"
    COUNT_IN = "count_in"
    PLAYING = "playing"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where the session is on the clock: at `clock_time` it was at `position_ms`."""

    clock_time: float
    position_ms: int
    running: bool


Listener = Callable[[], None]


class Transport:
    def __init__(
        self, timeline: Timeline, clock: Clock, count_in_ms: int = DEFAULT_COUNT_IN_MS
    ) -> None:
        self.timeline = timeline
        self._clock = clock
        self.count_in_ms = count_in_ms
        self._state = State.IDLE
        self._anchor = Anchor(clock.now(), 0, running=False)
        self._count_in_ends = 0.0
        self._played_ms = 0  # banked from running anchors already replaced
        self._wall = clock  # kept through set_clock: real time bounds the time played
        self._wall_start = clock.now()
        self._state_listeners: list[Listener] = []
        self._anchor_listeners: list[Listener] = []
        self._timeline_listeners: list[Listener] = []
        self._paced = PacedWaits()
        # How far ahead the audio device has already been handed sound. Starting the picture
        # this much later means a cue at the new position is heard whole, not cut by ~30 ms.
        self.lead_s = 0.0

    # --- observing -------------------------------------------------------------------------
    def on_state_changed(self, listener: Listener) -> None:
        self._state_listeners.append(listener)

    def on_anchor_changed(self, listener: Listener) -> None:
        """Called whenever the mapping from clock to position changes (seek, pause, resume…)."""
        self._anchor_listeners.append(listener)

    @property
    def clock(self) -> Clock:
        return self._clock

    @property
    def anchor(self) -> Anchor:
        return self._anchor

    @property
    def state(self) -> State:
        """The state as of the last `advance()` or command. Reading it changes nothing."""
        return self._state

    def position_ms(self) -> int:
        """Where the session is now on the clock. Reading it changes nothing: a count-in that
        is over reads 0 and the end reads the end until `advance()` moves the state on."""
        return self._position_at(self._clock.now())

    def moment(self) -> Moment:
        return self.timeline.at(self.position_ms())

    def played_ms(self) -> int:
        """Milliseconds of the session actually played since the last start: the clock's
        progress while playing, not pauses, skips or seeks. Reading it changes nothing."""
        now = self._clock.now()
        anchor = self._anchor
        if self._state is State.COUNT_IN and now >= self._count_in_ends:
            # The count-in is over but no advance() has noticed yet: playing began at its end.
            anchor = Anchor(self._count_in_ends, 0, running=True)
        played = self._played_ms + self._moved_since(anchor, now)
        return min(played, max(round((self._wall.now() - self._wall_start) * 1000), 0))

    @property
    def completed(self) -> bool:
        """Whether this play-through counts as completed (`core.completion`): it reached the end
        having played most of the session. Reads the state as last updated, changing nothing."""
        reached_end = self._state is State.FINISHED
        return counts_as_completed(reached_end, self.played_ms(), self.timeline.duration_ms)

    def count_in_left_ms(self) -> int:
        if self._state is not State.COUNT_IN:
            return 0
        return max(0, round((self._count_in_ends - self._clock.now()) * 1000))

    def advance(self) -> State:
        """Move from count-in to playing, and from playing to finished, when their time comes on
        the clock (listeners hear of it here, never from a read). Returns the state now."""
        return self._advance_at(self._clock.now())[0]

    def advance_to_moment(self) -> tuple[State, Moment]:
        """`advance()` and then `moment()` as of one clock reading, the position worked out
        once: what each animation frame asks for (it runs ~60 times a second)."""
        state, position = self._advance_at(self._clock.now())
        return state, self.timeline.at(position)

    def _advance_at(self, now: float) -> tuple[State, int]:
        """Advance as of `now`; the state and the position then."""
        if self._state is State.COUNT_IN and now >= self._count_in_ends:
            self._anchor = Anchor(self._count_in_ends, 0, running=True)
            self._set_state(State.PLAYING, anchor_changed=True)
        position = self._position_at(now)
        if self._state is State.PLAYING:
            timeline = self.timeline
            self._wait_in_paced_stage(position)
            if self.timeline is not timeline:  # a paced stay grew: the end moved
                position = self._position_at(now)
            if position >= self.timeline.duration_ms:
                self._reanchor(Anchor(now, self.timeline.duration_ms, running=False), now)
                self._set_state(State.FINISHED, anchor_changed=True)
                position = self.timeline.duration_ms
        return self._state, position

    # --- commands (each first catches up with the clock) ----------------------------------
    def start(self) -> None:
        """Begin from the top, after the count-in."""
        self._played_ms = 0
        self._wall_start = self._wall.now()
        self._use_timeline(self._paced.restart(self.timeline))
        if self.count_in_ms <= 0:
            self._anchor = Anchor(self._clock.now() + self.lead_s, 0, running=True)
            self._set_state(State.PLAYING, anchor_changed=True)
            return
        self._count_in_ends = self._clock.now() + self.count_in_ms / 1000
        self._anchor = Anchor(self._clock.now(), 0, running=False)
        self._set_state(State.COUNT_IN, anchor_changed=True)

    def pause(self) -> None:
        state = self.advance()
        if state is State.PLAYING:
            now = self._clock.now()
            self._reanchor(Anchor(now, self._position_at(now), running=False), now)
            self._set_state(State.PAUSED, anchor_changed=True)
        elif state is State.COUNT_IN:
            self._set_state(State.PAUSED, anchor_changed=False)

    def resume(self) -> None:
        if self.advance() is not State.PAUSED:
            return
        self._anchor = Anchor(
            self._clock.now() + self.lead_s, self._anchor.position_ms, running=True
        )
        self._set_state(State.PLAYING, anchor_changed=True)

    def toggle(self) -> None:
        """Space: start when idle or done, pause when running, resume when paused."""
        state = self.advance()
        if state in (State.PLAYING, State.COUNT_IN):
            self.pause()
        elif state is State.PAUSED:
            self.resume()
        else:
            self.start()

    def stop(self) -> None:
        if self.advance() in (State.IDLE, State.STOPPED, State.FINISHED):
            return
        now = self._clock.now()
        self._reanchor(Anchor(now, self._position_at(now), running=False), now)
        self._set_state(State.STOPPED, anchor_changed=True)

    def seek(self, position_ms: int) -> None:
        """Jump to `position_ms`; playing stays playing, paused stays paused."""
        state = self.advance()
        self._use_timeline(self._paced.seeked(self.timeline, int(position_ms)))
        target = min(max(int(position_ms), 0), self.timeline.duration_ms)
        running = state is State.PLAYING
        if state in (State.IDLE, State.COUNT_IN, State.FINISHED, State.STOPPED):
            state = State.PAUSED
        now = self._clock.now()
        self._reanchor(Anchor(now + (self.lead_s if running else 0.0), target, running), now)
        self._set_state(state, anchor_changed=True)
        self.advance()

    def next_step(self) -> None:
        self.advance()
        index = self.timeline.step_index_at(self.position_ms())
        if index + 1 < len(self.timeline.steps):
            self.seek(self.timeline.steps[index + 1].start_ms)
        else:
            self.seek(self.timeline.duration_ms)

    def previous_step(self) -> None:
        self.advance()
        index = self.timeline.step_index_at(self.position_ms())
        self.seek(self.timeline.steps[max(index - 1, 0)].start_ms)

    def restart_step(self) -> None:
        self.advance()
        index = self.timeline.step_index_at(self.position_ms())
        self.seek(self.timeline.steps[index].start_ms)

    def set_clock(self, clock: Clock) -> None:
        """Hand timekeeping to another clock (the audio frame clock) without a jump."""
        self.advance()
        position = self.position_ms()
        count_in_left = self._count_in_ends - self._clock.now()
        self._played_ms += self._moved_since(self._anchor, self._clock.now())
        self._clock = clock
        self._count_in_ends = clock.now() + count_in_left
        self._anchor = Anchor(clock.now(), position, running=self._anchor.running)
        self._notify(self._anchor_listeners)

    # --- patient-paced stages (core.paced_stage; docs/architecture.md) --------------------
    def on_timeline_changed(self, listener: Listener) -> None:
        """Called when a paced stage grows (or is reset) and `timeline` is a new one: cues and
        pictures of everything after the stage must be taken from it again."""
        self._timeline_listeners.append(listener)

    def continue_stage(self) -> None:
        """Continue pressed: the paced stage ends after the breath in progress."""
        self.advance()
        position = self._position_at(self._clock.now())
        self._use_timeline(self._paced.continue_stage(self.timeline, position))

    def stage_wait(self, position_ms: int | None = None) -> StageWait | None:
        """The paced stage at the position (offered, continued, waiting), or None; a frame
        passes the position it has already read."""
        position = self.position_ms() if position_ms is None else position_ms
        return self._paced.status(self.timeline, position)

    def _wait_in_paced_stage(self, position_ms: int) -> None:
        self._use_timeline(self._paced.reached(self.timeline, position_ms))

    def _use_timeline(self, timeline: Timeline | None) -> None:
        if timeline is not None:
            self.timeline = timeline
            self._notify(self._timeline_listeners)

    # --- internals -------------------------------------------------------------------------
    def _reanchor(self, anchor: Anchor, now: float) -> None:
        """Replace the anchor, banking what the old one played up to `now`."""
        self._played_ms += self._moved_since(self._anchor, now)
        self._anchor = anchor

    def _moved_since(self, anchor: Anchor, now: float) -> int:
        """How far a running anchor has carried the session by `now` (0 when not running)."""
        if not anchor.running:
            return 0
        return self._position_at(now, anchor) - anchor.position_ms

    def _position_at(self, now: float, anchor: Anchor | None = None) -> int:
        anchor = anchor or self._anchor
        if not anchor.running:
            return anchor.position_ms
        moved = round((now - anchor.clock_time) * 1000)
        return min(anchor.position_ms + max(moved, 0), self.timeline.duration_ms)

    def _set_state(self, state: State, *, anchor_changed: bool) -> None:
        changed = state is not self._state
        self._state = state
        if anchor_changed:
            self._notify(self._anchor_listeners)
        if changed:
            self._notify(self._state_listeners)

    @staticmethod
    def _notify(listeners: list[Listener]) -> None:
        for listener in list(listeners):
            listener()
