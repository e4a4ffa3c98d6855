"""Spoken and sounded cues for pelvic floor reps and dilator stages, on exact frames."""

from __future__ import annotations

from pfrelax.audio.engine import SoundChoice, prepare_sound
from pfrelax.audio.practice_cues import OFFER, PRACTICE_TEXTS, practice_cues
from pfrelax.audio.schedule import ms_to_frame
from pfrelax.audio.voice_library import cue_texts
from pfrelax.core.pattern import Pattern
from pfrelax.core.pelvic import DRAW_UP, LET_GO, NOTHING_TO_DO, SOFTEN
from pfrelax.core.session import (
    Cues,
    DilatorStep,
    InsertOn,
    PelvicFloorStep,
    PelvicKind,
    Session,
)
from pfrelax.core.timeline import compile_session

from .engine_kit import RATE

BREATH = Pattern(inhale_ms=4000, exhale_ms=6000)


def pelvic(cues: Cues) -> Session:
    """A release rep 0–14 s (release 10, rest 4), then a contract_release rep 14–29 s."""
    return Session(
        id="pf",
        title="Letting go",
        steps=(
            PelvicFloorStep("Drop", reps=1, release_ms=10_000, rest_ms=4000, cues=cues),
            PelvicFloorStep(
                "Feel",
                pelvic_kind=PelvicKind.CONTRACT_RELEASE,
                reps=1,
                contract_ms=3000,
                release_ms=8000,
                rest_ms=4000,
                cues=cues,
            ),
        ),
    )


def dilator(cues: Cues, *, stay_ms: int = 33_000, insert_on: InsertOn = InsertOn.INHALE) -> Session:
    """10 s breaths: settle 0–20 s, insert 20–30 s, stay 30–70 s (offered at 30 s + stay),
    remove 70–80 s."""
    step = DilatorStep(
        "Practice",
        BREATH,
        settle_ms=20_000,
        insert_breaths=1,
        insert_on=insert_on,
        stay_ms=stay_ms,
        stay_max_ms=120_000,
        remove_breaths=1,
        cues=cues,
    )
    return Session(id="dilator", title="Practice", steps=(step,))


def test_each_part_of_a_rep_says_what_to_do_when_it_begins() -> None:
    said = [(c.time_ms, c.text) for c in practice_cues(compile_session(pelvic(Cues.VOICE)))]
    assert said == [
        (0, SOFTEN),
        (10_000, NOTHING_TO_DO),
        (14_000, DRAW_UP),
        (17_000, LET_GO),
        (25_000, NOTHING_TO_DO),
    ]


def test_each_dilator_stage_speaks_at_its_first_breath_and_continue_is_offered_once() -> None:
    cues = practice_cues(compile_session(dilator(Cues.VOICE)))
    assert [(c.time_ms, c.text) for c in cues] == [
        (20_000, "Insert slowly as you breathe in — only as far as feels OK today"),
        (30_000, "Stay here and keep breathing — there's no hurry"),
        (64_000, OFFER),  # the first phase start at or after 30 s + 33 s, inside the stay
    ]  # not "Remove…" at 70 s: the stay may still grow there, and it must never be heard early
    assert all(c.replaces_breath for c in cues)


def test_a_pt_who_prefers_the_out_breath_hears_so() -> None:
    cues = practice_cues(compile_session(dilator(Cues.VOICE, insert_on=InsertOn.EXHALE)))
    assert cues[0].text == "Insert slowly as you breathe out — only as far as feels OK today"


def test_no_offer_when_the_stay_ends_where_continue_is_offered() -> None:
    cues = practice_cues(compile_session(dilator(Cues.VOICE, stay_ms=30_000)))
    assert OFFER not in [c.text for c in cues]


def test_voice_cues_speak_the_shipped_words_in_place_of_the_breath_prompt() -> None:
    timeline = compile_session(dilator(Cues.VOICE))
    sound = prepare_sound(timeline, SoundChoice(), None, RATE)
    at = {cue.frame: cue.name for cue in sound.cues.cues}
    insert = ms_to_frame(20_000, RATE)
    assert at[insert].startswith("say:Insert slowly")
    assert [frame for frame in at if frame == insert] == [insert]  # no "Breathe in" over it
    assert at[ms_to_frame(10_000, RATE)] == "inhale"  # settling: the usual prompt
    assert at[ms_to_frame(64_000, RATE)] == f"say:{OFFER}"


def test_tones_sound_a_contraction_as_the_out_breath_and_a_release_as_the_in_breath() -> None:
    timeline = compile_session(pelvic(Cues.TONES))
    sound = prepare_sound(timeline, SoundChoice(), None, RATE)
    at = {cue.frame: cue.name for cue in sound.cues.cues}
    assert at[ms_to_frame(0, RATE)] == "inhale"
    assert at[ms_to_frame(14_000, RATE)] == "exhale"
    assert at[ms_to_frame(17_000, RATE)] == "inhale"
    assert ms_to_frame(10_000, RATE) not in at  # a rest is quiet


def test_every_practice_cue_is_rendered_by_make_voices() -> None:
    assert set(PRACTICE_TEXTS) <= set(cue_texts())
