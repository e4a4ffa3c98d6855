"""Reading `pelvic_floor` and `dilator` steps, checked against CLINICAL.md §2a and §2b.

A contraction (`kind = "contract_release"`) and insertion on the out-breath are a PT's choices:
they are accepted only in a pack, never in a built-in or personal session.
"""

from __future__ import annotations

from dataclasses import dataclass

from pfrelax.core.durations import format_ms
from pfrelax.core.pattern import Pattern
from pfrelax.core.practice_limits import (
    CLINICIAN_PRACTICE_LIMITS,
    DEFAULT_PRACTICE_LIMITS,
    PRACTICE_LIMITS,
    Bound,
    PracticeLimits,
    check_bound,
)
from pfrelax.core.practice_steps import practice_length_ms
from pfrelax.core.session import (
    Cues,
    DilatorStep,
    InsertOn,
    PelvicFloorStep,
    PelvicKind,
    PelvicPrompts,
)
from pfrelax.formats.checker import Checker, Table, format_minutes
from pfrelax.formats.toml_lines import KeyPath

PELVIC_FLOOR_KEYS = (
    "type",
    "title",
    "kind",
    "reps",
    "effort",
    "contract",
    "release",
    "rest",
    "prompts",
    "cues",
)
DILATOR_KEYS = (
    "type",
    "title",
    "pattern",
    "settle",
    "insert_breaths",
    "insert_on",
    "stay",
    "stay_max",
    "move_breaths",
    "remove_breaths",
    "log",
    "cues",
)
PELVIC_PROMPT_KEYS = ("contract", "release", "rest")
_CONTRACTION_ONLY = ("effort", "contract")
_PACK_ONLY = " is a PT's choice, allowed only in a pack; {}"


@dataclass(frozen=True, slots=True)
class _Reader:
    """Reads one step's numbers against the bounds for its session's limits."""

    checker: Checker
    table: Table
    path: KeyPath
    limits: PracticeLimits

    def _wider(self, name: str) -> Bound | None:
        if self.limits is DEFAULT_PRACTICE_LIMITS:
            bound: Bound = getattr(CLINICIAN_PRACTICE_LIMITS, name)
            return bound
        return None

    def _check(self, key: str, value: int | None, name: str, default: int) -> int:
        """`value` when it is within bounds, else `default` (with the problem noted)."""
        if value is None:
            return default
        message = check_bound(value, getattr(self.limits, name), self._wider(name))
        if message:
            self.checker.problem((*self.path, key), message)
            return default
        return value

    def seconds(self, key: str, default: int) -> int:
        return self._check(key, self.checker.seconds(self.table, key, self.path), key, default)

    def count(self, key: str, default: int) -> int:
        value = self.checker.whole_number(self.table, key, self.path, minimum=0)
        return self._check(key, value, key, default)

    def cues(self) -> Cues:
        cues = self.checker.choice(self.table, "cues", self.path, [cue.value for cue in Cues])
        return Cues(cues) if cues else Cues.TONES


def practice_limits(name: str) -> PracticeLimits:
    return PRACTICE_LIMITS.get(name, DEFAULT_PRACTICE_LIMITS)


def read_pelvic_floor(
    checker: Checker, table: Table, path: KeyPath, title: str, limits: str, in_pack: bool
) -> PelvicFloorStep | None:
    before = len(checker.problems)
    read = _Reader(checker, table, path, practice_limits(limits))
    kind = _pelvic_kind(checker, table, path, in_pack)
    if kind is PelvicKind.RELEASE:
        for key in _CONTRACTION_ONLY:
            if key in table:
                checker.problem(
                    (*path, key),
                    f"'{key}' is only used with kind = \"contract_release\"; remove it "
                    "(a release step has no contraction)",
                )
    contracts = kind is PelvicKind.CONTRACT_RELEASE
    effort = read.count("effort", 30) if contracts else 30
    contract_ms = read.seconds("contract", 3_000) if contracts else 3_000
    release_ms = read.seconds("release", 10_000)
    rest_ms = read.seconds("rest", 5_000)
    reps = read.count("reps", 5)
    prompts = _pelvic_prompts(checker, table, path)
    if contracts:
        _release_twice_contract(checker, path, contract_ms, release_ms)
    if len(checker.problems) > before or kind is None:
        return None
    return PelvicFloorStep(
        title=title or "Pelvic floor",
        pelvic_kind=kind,
        reps=reps,
        effort=effort,
        contract_ms=contract_ms,
        release_ms=release_ms,
        rest_ms=rest_ms,
        prompts=prompts,
        cues=read.cues(),
    )


def _pelvic_kind(checker: Checker, table: Table, path: KeyPath, in_pack: bool) -> PelvicKind | None:
    kind = checker.choice(table, "kind", path, [kind.value for kind in PelvicKind])
    if kind is None:
        return None if "kind" in table else PelvicKind.RELEASE
    if kind == PelvicKind.CONTRACT_RELEASE and not in_pack:
        checker.problem(
            (*path, "kind"),
            'kind = "contract_release" (a gentle contraction)'
            + _PACK_ONLY.format('a built-in or personal session uses kind = "release"'),
        )
        return None
    return PelvicKind(kind)


def _release_twice_contract(
    checker: Checker, path: KeyPath, contract_ms: int, release_ms: int
) -> None:
    if release_ms < 2 * contract_ms:
        checker.problem(
            (*path, "release"),
            f"{format_ms(release_ms)} s is shorter than twice the contraction "
            f"({format_ms(contract_ms)} s); the let-go is always at least twice as long, so "
            f"make it {format_ms(2 * contract_ms)} s or more",
        )


def _pelvic_prompts(checker: Checker, table: Table, path: KeyPath) -> PelvicPrompts:
    prompts = checker.table(table, "prompts", path)
    if prompts is None:
        return PelvicPrompts()
    where = (*path, "prompts")
    checker.unknown_keys(prompts, where, PELVIC_PROMPT_KEYS)
    return PelvicPrompts(
        **{key: checker.text(prompts, key, where) or "" for key in PELVIC_PROMPT_KEYS}
    )


def read_dilator(
    checker: Checker,
    table: Table,
    path: KeyPath,
    title: str,
    limits: str,
    in_pack: bool,
    pattern: Pattern | None,
) -> DilatorStep | None:
    """A dilator step; `pattern` is its breath, already read and checked (None: a problem)."""
    before = len(checker.problems)
    read = _Reader(checker, table, path, practice_limits(limits))
    if "pattern" not in table:
        checker.missing(path, "pattern", '; e.g. pattern = "4-6"')
    settle_ms = read.seconds("settle", 120_000)
    insert_breaths = read.count("insert_breaths", 3)
    insert_on = _insert_on(checker, table, path, in_pack)
    stay_ms = read.seconds("stay", 30_000)
    stay_max_ms = read.seconds("stay_max", 900_000)
    if stay_ms > stay_max_ms:
        checker.problem(
            (*path, "stay"),
            f"{format_ms(stay_ms)} s is longer than stay_max ({format_ms(stay_max_ms)} s); "
            "`stay` is the least time before Continue, `stay_max` the most",
        )
    move_breaths = read.count("move_breaths", 0)
    remove_breaths = read.count("remove_breaths", 3)
    log = _flag(checker, table, "log", path)
    if len(checker.problems) > before or pattern is None or insert_on is None:
        return None
    step = DilatorStep(
        title=title or "Practice with the breath",
        pattern=pattern,
        settle_ms=settle_ms,
        insert_breaths=insert_breaths,
        insert_on=insert_on,
        stay_ms=stay_ms,
        stay_max_ms=stay_max_ms,
        move_breaths=move_breaths,
        remove_breaths=remove_breaths,
        log=log,
        cues=read.cues(),
    )
    return step if _fits_practice(checker, path, step, read.limits) else None


def _insert_on(checker: Checker, table: Table, path: KeyPath, in_pack: bool) -> InsertOn | None:
    value = checker.choice(table, "insert_on", path, [side.value for side in InsertOn])
    if value is None:
        return None if "insert_on" in table else InsertOn.INHALE
    if value == InsertOn.EXHALE and not in_pack:
        checker.problem(
            (*path, "insert_on"),
            'insert_on = "exhale"'
            + _PACK_ONLY.format("a built-in or personal session inserts on the in-breath"),
        )
        return None
    return InsertOn(value)


def _flag(checker: Checker, table: Table, key: str, path: KeyPath) -> bool:
    value = table.get(key, True)
    if not isinstance(value, bool):
        checker.wrong_type((*path, key), "true or false", value)
        return True
    return value


def _fits_practice(
    checker: Checker, path: KeyPath, step: DilatorStep, limits: PracticeLimits
) -> bool:
    longest = practice_length_ms(step, longest=True)
    if longest <= limits.practice_max_ms:
        return True
    message = (
        f"with the stay at its longest (stay_max) this practice lasts {format_minutes(longest)}; "
        f"the maximum is {format_minutes(limits.practice_max_ms)}"
    )
    wider = CLINICIAN_PRACTICE_LIMITS.practice_max_ms
    if limits is DEFAULT_PRACTICE_LIMITS and longest <= wider:
        message += f' (a PT\'s pack with limits = "clinician" allows up to {format_minutes(wider)})'
    checker.problem((*path, "stay_max"), message + "; shorten stay_max or settle")
    return False
