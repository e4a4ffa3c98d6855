"""The checker locates key lines only when a problem needs one, and then at the right line."""

from __future__ import annotations

from pfrelax.formats.checker import Checker

TEXT = 'pfrelax = 1\nname = "Calm"\n\n[checkin]\nmood = "x"\n'


def test_a_file_without_problems_is_never_scanned_for_lines() -> None:
    checker = Checker("calm.toml", TEXT)
    checker.unknown_keys({"pfrelax": 1, "name": "Calm"}, (), ("pfrelax", "name"))
    assert checker.problems == []
    assert "lines" not in vars(checker)


def test_the_first_problem_is_reported_at_its_line() -> None:
    checker = Checker("calm.toml", TEXT)
    checker.unknown_keys({"mood": "x"}, ("checkin",), ("measures",))
    (problem,) = checker.problems
    assert (problem.file, problem.key, problem.line) == ("calm.toml", "checkin.mood", 5)
    assert "unknown key 'mood'" in problem.message
