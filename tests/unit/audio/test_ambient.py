"""Ambient beds: quiet, seeded, and looping without a seam."""

from __future__ import annotations

import numpy as np
import pytest

from pfrelax.audio import ambient
from pfrelax.audio.ambient import AMBIENT_BED_NAMES, AMBIENT_BEDS, RMS_DBFS, ambient_bed
from pfrelax.audio.format import CHANNELS, SAMPLE_RATE

from .audio_measure import largest_step, peak_dbfs, rms_dbfs


def test_every_bed_has_a_display_name() -> None:
    assert set(AMBIENT_BEDS) == set(AMBIENT_BED_NAMES) == {"soft-noise", "low-drone"}
    assert AMBIENT_BED_NAMES == {"soft-noise": "Soft noise", "low-drone": "Low drone"}


@pytest.mark.parametrize("name", AMBIENT_BEDS)
def test_a_bed_is_one_quiet_stereo_loop(name: str) -> None:
    bed = ambient_bed(name)

    assert bed.dtype == np.float32
    assert bed.shape == (SAMPLE_RATE * 20, CHANNELS)
    assert rms_dbfs(bed) == pytest.approx(RMS_DBFS, abs=0.5)
    assert RMS_DBFS == -30.0
    assert peak_dbfs(bed) < -12.0


@pytest.mark.parametrize("name", AMBIENT_BEDS)
@pytest.mark.parametrize(("rate", "seconds"), [(SAMPLE_RATE, 20), (44_100, 7)])
def test_the_end_of_a_loop_leads_into_its_start_like_any_other_frame(
    name: str, rate: int, seconds: int
) -> None:
    bed = ambient_bed(name, rate=rate, seconds=seconds).astype(np.float64)
    seam = bed[0] - bed[-1]
    slope_in = bed[-1] - bed[-2]
    slope_out = bed[1] - bed[0]

    # No jump: the step across the seam is no bigger than the bed's own largest step…
    assert np.all(np.abs(seam) <= largest_step(bed))
    # …and no kink: the slope carries straight through it.
    curvature = np.abs(np.diff(bed, n=2, axis=0)).max()
    assert np.all(np.abs(seam - slope_in) <= curvature)
    assert np.all(np.abs(slope_out - seam) <= curvature)


def test_a_loop_cut_at_a_random_point_would_fail_the_seam_check() -> None:
    # Guards the check above: cutting the same bed anywhere else leaves an audible jump.
    bed = ambient_bed("soft-noise").astype(np.float64)
    cut = bed[: SAMPLE_RATE * 7 + 123]

    assert np.any(np.abs(cut[0] - cut[-1]) > largest_step(cut))


@pytest.mark.parametrize("name", AMBIENT_BEDS)
def test_a_bed_is_the_same_every_time(name: str) -> None:
    before = ambient_bed(name, seconds=5).copy()
    ambient._cached_bed.cache_clear()  # make it again from scratch, as a new run would

    assert np.array_equal(ambient_bed(name, seconds=5), before)


def test_left_and_right_differ_so_the_bed_feels_wide() -> None:
    for name in AMBIENT_BEDS:
        bed = ambient_bed(name)
        correlation = np.corrcoef(bed[:, 0], bed[:, 1])[0, 1]
        assert correlation < 0.99, name


def test_a_bed_cannot_be_changed_by_a_caller() -> None:
    bed = ambient_bed("low-drone")

    with pytest.raises(ValueError, match="read-only"):
        bed[0, 0] = 1.0


def test_unknown_beds_and_empty_loops_are_refused() -> None:
    with pytest.raises(ValueError, match=r"^unknown ambient bed") as caught:
        ambient_bed("rain")
    assert str(caught.value) == "unknown ambient bed 'rain'; choose one of soft-noise, low-drone"

    with pytest.raises(ValueError, match=r"^an ambient loop") as caught:
        ambient_bed("low-drone", seconds=0)
    assert str(caught.value) == "an ambient loop must last at least 1 second, not 0"
