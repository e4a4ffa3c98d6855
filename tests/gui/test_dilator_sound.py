"""A stay that grows moves every later sound with it: the sound is prepared again, whole
breaths later, so the end bell and what follows never come while the person still stays."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from pfrelax.audio.schedule import ms_to_frame
from pfrelax.ui.player.player_audio import PlayerAudio
from pfrelax.ui.player.player_page import PlayerPage

from .practice_sessions import dilator_session
from .test_player_audio import READY_MS, connected, live, transport_of

__all__ = ["live"]  # the fixture, used by name

STAY_ENDS_MS = 60_000
BREATH_MS = 10_000


def test_the_sound_follows_the_stay_when_it_grows(
    live: tuple[PlayerPage, PlayerAudio], qtbot: QtBot
) -> None:
    page, audio = live
    page.load(dilator_session())
    engine = connected(qtbot, audio)
    first = engine.sound
    assert first.end_frame == ms_to_frame(75_000, engine.rate)
    page.start()
    page.seek(STAY_ENDS_MS - 150)  # the person has not pressed Continue
    transport = transport_of(page)
    qtbot.waitUntil(lambda: transport.timeline.paced_stages[0].extra_cycles == 1, timeout=READY_MS)
    grown = ms_to_frame(75_000 + BREATH_MS, engine.rate)
    qtbot.waitUntil(lambda: engine.sound.end_frame == grown, timeout=READY_MS)
    assert audio.engine is engine  # the same engine, its sound cross-faded
