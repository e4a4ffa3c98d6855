"""Pelvic floor and dilator steps in a session file: one exact message for each bound."""

from __future__ import annotations

from textwrap import dedent

import pytest

from pfrelax.core.limits import CLINICIAN_LIMITS, DEFAULT_LIMITS, Limits
from pfrelax.core.session import DilatorStep, InsertOn, PelvicFloorStep, PelvicKind
from pfrelax.formats.problems import SessionFileError
from pfrelax.formats.session_file import parse_session

# The first [[step]] header is on line 5, so its keys start on line 6.
HEADER = 'pfrelax = 1\nid = "test"\ntitle = "Test"\nsafety = "Gently."\n'
PF = 'type = "pelvic_floor"\n'
CR = 'type = "pelvic_floor"\nkind = "contract_release"\n'
DIL = 'type = "dilator"\npattern = "4-6"\n'
PACK = "riverside-pt.test"


def parse(step: str, limits: Limits = DEFAULT_LIMITS, pack_id: str | None = PACK) -> object:
    text = HEADER + "[[step]]\n" + dedent(step)
    return parse_session(text, "s.toml", limits=limits, pack_id=pack_id).steps[0]


def problems(step: str, limits: Limits = DEFAULT_LIMITS, pack_id: str | None = PACK) -> list[str]:
    with pytest.raises(SessionFileError) as caught:
        parse(step, limits, pack_id)
    return [str(problem) for problem in caught.value.problems]


def test_a_pelvic_floor_step_has_the_clinical_defaults() -> None:
    step = parse(PF, pack_id=None)
    assert step == PelvicFloorStep("Pelvic floor")
    assert (step.pelvic_kind, step.reps, step.release_ms, step.rest_ms) == (
        PelvicKind.RELEASE,
        5,
        10_000,
        5_000,
    )


def test_a_contraction_is_read_with_its_effort_and_timings_in_a_pack() -> None:
    step = parse(CR + "effort = 25\ncontract = 2.5\nrelease = 8\nrest = 0\nreps = 4\n")
    assert step == PelvicFloorStep(
        "Pelvic floor", PelvicKind.CONTRACT_RELEASE, 4, 25, 2_500, 8_000, 0
    )


def test_a_contraction_is_refused_in_a_built_in_or_personal_session() -> None:
    assert problems(CR, pack_id=None) == [
        's.toml:7: step[0].kind: kind = "contract_release" (a gentle contraction) is a PT\'s '
        'choice, allowed only in a pack; a built-in or personal session uses kind = "release"'
    ]


def test_a_session_with_a_contraction_needs_a_safety_note() -> None:
    text = 'pfrelax = 1\nid = "t"\ntitle = "T"\n[[step]]\n' + CR
    with pytest.raises(SessionFileError) as caught:
        parse_session(text, "s.toml", pack_id=PACK)
    (problem,) = caught.value.problems
    assert problem.key == "safety"
    assert "gentle pelvic floor contraction" in problem.message


def test_a_safety_first_flag_tells_the_player_to_show_the_note() -> None:
    text = HEADER + "[[step]]\n" + CR
    assert parse_session(text, "s.toml", pack_id=PACK).safety_first
    assert not parse_session(HEADER + "[[step]]\n" + PF, "s.toml").safety_first


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "effort = 45",
            "effort: 45 % is over the 40 % maximum (a PT's pack with limits = "
            '"clinician" allows up to 70 %)',
        ),
        ("effort = 80", "effort: 80 % is over the 40 % maximum"),
        ("effort = 5", "effort: 5 % is under the 10 % minimum"),
        (
            "contract = 6",
            "contract: 6 s is over the 5 s maximum (a PT's pack with limits = "
            '"clinician" allows up to 10 s)',
        ),
        ("contract = 0.5", "contract: 0.5 s is under the 1 s minimum"),
        (
            "release = 21",
            "release: 21 s is over the 20 s maximum (a PT's pack with limits = "
            '"clinician" allows up to 30 s)',
        ),
        ("release = 3", "release: 3 s is under the 4 s minimum"),
        (
            "release = 5",
            "release: 5 s is shorter than twice the contraction (3 s); the let-go "
            "is always at least twice as long, so make it 6 s or more",
        ),
        (
            "rest = 25",
            "rest: 25 s is over the 20 s maximum (a PT's pack with limits = "
            '"clinician" allows up to 30 s)',
        ),
        (
            "reps = 11",
            "reps: 11 reps is over the 10 reps maximum (a PT's pack with limits = "
            '"clinician" allows up to 20 reps)',
        ),
        ("reps = 0", "reps: 0 reps is under the 1 rep minimum"),
    ],
)
def test_each_pelvic_floor_bound_has_its_message(line: str, message: str) -> None:
    assert problems(CR + line + "\n") == [f"s.toml:8: step[0].{message}"]


def test_the_pt_maximum_applies_with_clinician_limits() -> None:
    step = parse(
        CR + "effort = 70\ncontract = 10\nrelease = 30\nrest = 30\nreps = 20\n", CLINICIAN_LIMITS
    )
    assert isinstance(step, PelvicFloorStep)
    assert (step.effort, step.contract_ms, step.reps) == (70, 10_000, 20)
    assert problems(CR + "effort = 71\n", CLINICIAN_LIMITS) == [
        "s.toml:8: step[0].effort: 71 % is over the 70 % maximum"
    ]


def test_a_release_step_has_no_contraction_keys() -> None:
    assert problems(PF + "effort = 30\n", pack_id=None) == [
        "s.toml:7: step[0].effort: 'effort' is only used with kind = \"contract_release\"; "
        "remove it (a release step has no contraction)"
    ]


def test_pelvic_floor_typos_and_wrong_keys_are_named() -> None:
    assert problems(PF + 'kind = "relax"\nrelase = 5\nminutes = 2\n', pack_id=None) == [
        "s.toml:7: step[0].kind: 'relax' is not one of 'release' or 'contract_release'; "
        "did you mean 'release'?",
        "s.toml:8: step[0].relase: unknown key 'relase'; did you mean 'release'?",
        "s.toml:9: step[0].minutes: 'minutes' belongs in a breathe step, not in a "
        "pelvic_floor step",
    ]


def test_a_dilator_step_has_the_clinical_defaults() -> None:
    step = parse(DIL, pack_id=None)
    assert isinstance(step, DilatorStep)
    assert (step.settle_ms, step.insert_breaths, step.insert_on) == (120_000, 3, InsertOn.INHALE)
    assert (step.stay_ms, step.stay_max_ms, step.move_breaths, step.remove_breaths) == (
        30_000,
        900_000,
        0,
        3,
    )
    assert step.log


def test_insertion_on_the_out_breath_is_a_pt_choice() -> None:
    assert parse(DIL + 'insert_on = "exhale"\n').insert_on is InsertOn.EXHALE  # type: ignore[attr-defined]
    assert problems(DIL + 'insert_on = "exhale"\n', pack_id=None) == [
        's.toml:8: step[0].insert_on: insert_on = "exhale" is a PT\'s choice, allowed only in '
        "a pack; a built-in or personal session inserts on the in-breath"
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("settle = 30", "settle: 30 s is under the 60 s minimum"),
        (
            "settle = 400",
            "settle: 400 s is over the 300 s maximum (a PT's pack with limits = "
            '"clinician" allows up to 600 s)',
        ),
        ("insert_breaths = 0", "insert_breaths: 0 breaths is under the 1 breath minimum"),
        ("insert_breaths = 11", "insert_breaths: 11 breaths is over the 10 breaths maximum"),
        ("stay = 20", "stay: 20 s is under the 30 s minimum"),
        (
            "stay_max = 1000",
            "stay_max: 1000 s is over the 900 s maximum (a PT's pack with "
            'limits = "clinician" allows up to 1800 s)',
        ),
        (
            "move_breaths = 12",
            "move_breaths: 12 breaths is over the 10 breaths maximum (a PT's "
            'pack with limits = "clinician" allows up to 20 breaths)',
        ),
        ("remove_breaths = 0", "remove_breaths: 0 breaths is under the 1 breath minimum"),
        (
            'insert_on = "inhal"',
            "insert_on: 'inhal' is not one of 'inhale' or 'exhale'; did you mean 'inhale'?",
        ),
        ('log = "yes"', "log: expected true or false, got text ('yes')"),
    ],
)
def test_each_dilator_bound_has_its_message(line: str, message: str) -> None:
    assert problems(DIL + line + "\n") == [f"s.toml:8: step[0].{message}"]


def test_the_stay_is_at_most_stay_max() -> None:
    assert problems(DIL + "stay = 120\nstay_max = 60\n") == [
        "s.toml:8: step[0].stay: 120 s is longer than stay_max (60 s); `stay` is the least "
        "time before Continue, `stay_max` the most"
    ]


def test_the_whole_practice_with_the_longest_stay_fits_in_the_pt_maximum() -> None:
    longest = (
        'type = "dilator"\npattern = "12-18"\nsettle = 600\ninsert_breaths = 10\n'
        "stay_max = 1800\nmove_breaths = 20\nremove_breaths = 10\n"
    )
    assert problems(longest, CLINICIAN_LIMITS) == [
        "s.toml:10: step[0].stay_max: with the stay at its longest (stay_max) this practice "
        "lasts 60 min; the maximum is 45 min; shorten stay_max or settle"
    ]


def test_a_dilator_step_s_pattern_keeps_the_breath_bounds() -> None:
    assert problems('type = "dilator"\npattern = "4-20"\n') == [
        "s.toml:7: step[0].pattern.exhale: 20 s is over the 15 s maximum (a PT's pack with "
        'limits = "clinician" allows up to 30 s)'
    ]
    assert problems('type = "dilator"\n') == [
        "s.toml:5: step[0]: missing required key 'pattern'; e.g. pattern = \"4-6\""
    ]


def test_a_dilator_pattern_of_no_length_is_refused_with_its_bounds_not_a_crash() -> None:
    # Found by the property test: the step used to be worked out from the refused pattern
    # (a breath of 0 s), which divided by zero instead of naming the bounds.
    found = problems('type = "dilator"\npattern = { inhale = 0, exhale = 0 }\n')
    assert any("pattern.inhale: 0 s is under the" in problem for problem in found)
    assert any("pattern.exhale: 0 s is under the" in problem for problem in found)
