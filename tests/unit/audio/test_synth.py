"""Cue sounds: level, no clicks, an onset exactly at frame 0, and the right pitch movement."""

from __future__ import annotations

import numpy as np
import pytest

from pfrelax.audio.format import CHANNELS, SAMPLE_RATE
from pfrelax.audio.synth import (
    ATTACK_MS,
    CUE_KINDS,
    ONSET_MS,
    SOUND_SET_NAMES,
    SOUND_SETS,
    cue_bank,
)

from .audio_measure import dominant_frequency, largest_step, peak_dbfs

AUDIBLE_SETS = ("soft", "bell")
RATES = (SAMPLE_RATE, 44_100)
EVERY_CUE = [(s, k, r) for s in AUDIBLE_SETS for k in CUE_KINDS for r in RATES]


def cue(sound_set: str, kind: str, rate: int = SAMPLE_RATE) -> np.ndarray:
    return cue_bank(sound_set, rate)[kind]


def test_every_set_has_a_display_name_and_every_cue() -> None:
    assert SOUND_SETS == ("soft", "bell", "none")
    assert SOUND_SET_NAMES == {"soft": "Soft tones", "bell": "Bell", "none": "None"}
    for sound_set in SOUND_SETS:
        assert set(cue_bank(sound_set)) == {"inhale", "exhale", "hold", "top_up", "end"}


@pytest.mark.parametrize(("sound_set", "kind", "rate"), EVERY_CUE)
def test_a_cue_is_stereo_float32_and_gentle_in_level(sound_set: str, kind: str, rate: int) -> None:
    sound = cue(sound_set, kind, rate)

    assert sound.dtype == np.float32
    assert sound.ndim == 2
    assert sound.shape[1] == CHANNELS
    loudest = -11.0  # set against narration at −20 LUFS (test_natural_voice_render)
    quietest = -26.0 if kind == "hold" else -16.0  # the hold tick is meant to be barely there
    assert quietest <= peak_dbfs(sound) <= loudest


@pytest.mark.parametrize(("sound_set", "kind", "rate"), EVERY_CUE)
def test_a_cue_starts_at_exactly_zero_and_never_clicks(
    sound_set: str, kind: str, rate: int
) -> None:
    sound = cue(sound_set, kind, rate)

    assert np.all(sound[0] == 0.0)
    # A sine's own steepest step is 2π·f/rate of its peak (~11 % near 1 kHz): a click is more.
    assert largest_step(sound) <= 0.12 * float(np.abs(sound).max())
    assert np.all(np.abs(sound[-1]) < 1e-6)


@pytest.mark.parametrize(("sound_set", "kind", "rate"), EVERY_CUE)
def test_a_cue_is_audible_from_its_first_millisecond(sound_set: str, kind: str, rate: int) -> None:
    # ONSET_MS = 0: an onset detector must find the cue at frame 0, within 1 ms.
    sound = np.abs(cue(sound_set, kind, rate)).max(axis=1)
    first_ms = round(rate / 1000)
    peak = float(sound.max())

    assert ONSET_MS == 0
    assert sound[:first_ms].max() > peak * 10 ** (-40 / 20)  # above −40 dB re peak in 1 ms
    assert sound[: first_ms * 5].max() > peak * 10 ** (-20 / 20)  # and −20 dB within 5 ms


@pytest.mark.parametrize("sound_set", AUDIBLE_SETS)
def test_the_attack_is_a_few_milliseconds_not_an_instant(sound_set: str) -> None:
    sound = np.abs(cue(sound_set, "inhale")).max(axis=1)
    rise = int(np.argmax(sound > sound.max() * 0.25))

    assert 1.0 <= rise * 1000 / SAMPLE_RATE <= ATTACK_MS


def test_soft_inhale_rises_and_exhale_falls_in_pitch() -> None:
    for kind, rising in (("inhale", True), ("exhale", False)):
        sound = cue("soft", kind)[:, 0]
        start = dominant_frequency(sound[: SAMPLE_RATE // 10], SAMPLE_RATE)
        later = dominant_frequency(sound[SAMPLE_RATE // 2 : SAMPLE_RATE // 2 + 4800], SAMPLE_RATE)
        assert (later > start * 1.15) if rising else (later < start / 1.15), kind


@pytest.mark.parametrize("sound_set", AUDIBLE_SETS)
def test_inhale_and_exhale_sound_different(sound_set: str) -> None:
    inhale = dominant_frequency(cue(sound_set, "inhale")[:, 0], SAMPLE_RATE)
    exhale = dominant_frequency(cue(sound_set, "exhale")[:, 0], SAMPLE_RATE)

    assert inhale > exhale * 1.2


def test_the_top_up_sip_is_short_and_higher_than_the_inhale() -> None:
    sip = cue("soft", "top_up")
    inhale = cue("soft", "inhale")

    assert sip.shape[0] < SAMPLE_RATE * 0.3
    assert dominant_frequency(sip[:, 0], SAMPLE_RATE) > dominant_frequency(
        inhale[:, 0], SAMPLE_RATE
    )


@pytest.mark.parametrize("sound_set", AUDIBLE_SETS)
def test_the_end_bell_rings_for_seconds_and_dies_away(sound_set: str) -> None:
    bell = cue(sound_set, "end")
    second = SAMPLE_RATE

    assert 4 * second <= bell.shape[0] <= 8 * second
    early = np.abs(bell[: second // 2]).max()
    after_three = np.abs(bell[3 * second : 3 * second + second // 2]).max()
    assert after_three < early * 0.7  # decaying…
    assert after_three > early * 0.05  # …but still ringing after three seconds


def test_the_none_set_is_silent_end_bell_included() -> None:
    for kind, sound in cue_bank("none").items():
        assert sound.shape == (0, CHANNELS), kind


def test_cues_are_made_once_and_cannot_be_changed_by_a_caller() -> None:
    first = cue_bank("soft")
    first["inhale"] = np.zeros((1, 2), dtype=np.float32)
    second = cue_bank("soft")

    assert second["inhale"].shape[0] > 1
    assert second["exhale"] is cue_bank("soft")["exhale"]
    with pytest.raises(ValueError, match="read-only"):
        second["exhale"][0, 0] = 1.0


def test_an_unknown_sound_set_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match=r"^unknown sound set") as caught:
        cue_bank("chimes")

    assert str(caught.value) == "unknown sound set 'chimes'; choose one of soft, bell, none"
