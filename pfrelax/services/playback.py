"""Playback: the one owner of the session being played — its timeline, transport and clock.

Pages render it and send it commands; sound follows it and lends it the audio clock; the run
recorder watches it. Nobody else changes the transport. Listeners hear typed events: loaded,
started, state changed (a `State`, never a string) and ended (finished or stopped).
"""

from __future__ import annotations

from collections.abc import Callable

from pfrelax.core.clock import Clock
from pfrelax.core.session import Session
from pfrelax.core.timeline import Moment, Timeline
from pfrelax.core.transport import DEFAULT_COUNT_IN_MS, State, Transport

# Called with (session, proceed) when a start is asked for; the before check-in uses it and
# calls proceed() once it is saved or skipped.
BeforeStart = Callable[[Session, Callable[[], None]], None]
Loaded = Callable[[Session, Timeline], None]
Started = Callable[[Session], None]
StateChanged = Callable[[State], None]
Ended = Callable[[Session, bool], None]  # (session, finished): False when stopped early

ENDED = (State.FINISHED, State.STOPPED)


class Playback:
    """One session at a time on one transport over the app's clock (or a lent audio clock)."""

    def __init__(self, clock: Clock, *, count_in_ms: int = DEFAULT_COUNT_IN_MS) -> None:
        self._clock = clock
        self._count_in_ms = count_in_ms
        self._session: Session | None = None
        self._transport: Transport | None = None
        self._lent: Transport | None = None  # the transport running on a lent clock
        self._last_state = State.IDLE
        self.before_start: BeforeStart | None = None
        self._loaded: list[Loaded] = []
        self._started: list[Started] = []
        self._state_changed: list[StateChanged] = []
        self._ended: list[Ended] = []

    # --- listening ------------------------------------------------------------------------------
    def on_loaded(self, listener: Loaded) -> None:
        self._loaded.append(listener)

    def on_started(self, listener: Started) -> None:
        """The count-in (or, without one, the session) began."""
        self._started.append(listener)

    def on_state_changed(self, listener: StateChanged) -> None:
        self._state_changed.append(listener)

    def on_ended(self, listener: Ended) -> None:
        """Played to its end (finished=True) or stopped early; after the state listeners."""
        self._ended.append(listener)

    # --- reading (never changes anything) -------------------------------------------------------
    @property
    def clock(self) -> Clock:
        """The app's own clock, which the transport runs on unless sound lends it another."""
        return self._clock

    @property
    def session(self) -> Session | None:
        return self._session

    @property
    def timeline(self) -> Timeline | None:
        return self._transport.timeline if self._transport is not None else None

    @property
    def transport(self) -> Transport | None:
        """For observers (the engine, the run recorder); commands go through playback."""
        return self._transport

    @property
    def state(self) -> State:
        return self._transport.state if self._transport is not None else State.IDLE

    @property
    def count_in_ms(self) -> int:
        return self._count_in_ms

    def moment(self) -> Moment | None:
        return self._transport.moment() if self._transport is not None else None

    def position_ms(self) -> int:
        return self._transport.position_ms() if self._transport is not None else 0

    # --- commands -------------------------------------------------------------------------------
    def set_count_in_ms(self, count_in_ms: int) -> None:
        """For sessions started from now on (and the loaded one, if not yet started)."""
        self._count_in_ms = count_in_ms
        if self._transport is not None:
            self._transport.count_in_ms = count_in_ms

    def load(self, session: Session, timeline: Timeline) -> None:
        """Make `session` the one being played (stopping any other), ready to start."""
        self.stop()
        transport = Transport(timeline, self._clock, count_in_ms=self._count_in_ms)
        self._session, self._transport = session, transport
        self._last_state = State.IDLE
        transport.on_state_changed(self._on_transport_state_changed)
        for listener in list(self._loaded):
            listener(session, timeline)

    def request_start(self) -> None:
        """Start, after the `before_start` hook (a check-in) when one is set."""
        session, loaded = self._session, self._transport
        if session is None or loaded is None:
            return
        if self.before_start is None:
            self.start()
            return

        def proceed() -> None:
            if self._transport is loaded:  # still the same session (not replaced meanwhile)
                self.start()

        self.before_start(session, proceed)

    def start(self) -> None:
        """From the top, after the count-in; now, without asking the hook."""
        session, transport = self._session, self._transport
        if session is None or transport is None:
            return
        transport.start()
        for listener in list(self._started):
            listener(session)

    def toggle(self) -> None:
        """Play/pause: asks to start when idle; nothing once ended."""
        state = self.advance()
        if self._transport is None or state in ENDED:
            return
        if state is State.IDLE:
            self.request_start()
        else:
            self._transport.toggle()

    def pause(self) -> None:
        if self._transport is not None:
            self._transport.pause()

    def resume(self) -> None:
        if self._transport is not None:
            self._transport.resume()

    def stop(self) -> None:
        if self._transport is not None:
            self._transport.stop()

    def seek(self, position_ms: int) -> None:
        self._while_running(lambda t: t.seek(position_ms))

    def continue_stage(self) -> None:
        """Continue pressed: a patient-paced stay ends after the breath under way."""
        if self._transport is not None:
            self._transport.continue_stage()

    def next_step(self) -> None:
        self._while_running(Transport.next_step)

    def previous_step(self) -> None:
        self._while_running(Transport.previous_step)

    def restart_step(self) -> None:
        self._while_running(Transport.restart_step)

    def advance(self) -> State:
        """Catch up with the clock (count-in over, end reached); the frame driver calls it."""
        return self._transport.advance() if self._transport is not None else State.IDLE

    def lend_clock(self, clock: Clock, lead_s: float = 0.0) -> None:
        """Run on `clock` (the audio engine's) from here, without a jump; start, resume and
        seek begin `lead_s` later, so a cue there is heard whole, not cut by the latency."""
        self.take_clock_back()
        transport = self._lent = self._transport
        if transport is not None:
            transport.set_clock(clock)
            transport.lead_s = lead_s

    def take_clock_back(self) -> None:
        """Back on the app's own clock, without a jump (sound stopped or failed); a session
        already replaced gets it back too, so it never hangs on a closed output's clock."""
        transport, self._lent = self._lent, None
        if transport is not None:
            transport.set_clock(self._clock)
            transport.lead_s = 0.0

    # --- internals ------------------------------------------------------------------------------
    def _while_running(self, command: Callable[[Transport], None]) -> None:
        """Step and seek commands work once started and until ended."""
        transport = self._transport
        if transport is None or transport.advance() in (State.IDLE, *ENDED):
            return
        command(transport)

    def _on_transport_state_changed(self) -> None:
        transport, session = self._transport, self._session
        if transport is None or session is None:
            return
        state = transport.state
        previous, self._last_state = self._last_state, state
        if state is previous:
            return
        for listener in list(self._state_changed):
            listener(state)
        if state in ENDED and previous not in ENDED:
            for ended in list(self._ended):
                ended(session, state is State.FINISHED)
