"""Whatever a person writes, reading it gives a Session or a SessionFileError — never a crash."""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from pfrelax.formats.problems import SessionFileError
from pfrelax.formats.session_file import SESSION_KEYS, parse_session
from pfrelax.formats.session_steps import STEP_KEYS
from pfrelax.formats.toml_lines import locate_keys

STEP_KEY_POOL = sorted({key for keys in STEP_KEYS.values() for key in keys} | {"inhale", "to"})
WORDS = ["speak", "breathe", "rest", "4-6", "4-7-8-0", "2+1-6", "tones", "before", "a.ogg", "x"]

scalars = st.one_of(
    st.integers(min_value=-5, max_value=5000),
    st.floats(min_value=-1, max_value=100, allow_nan=False).map(lambda f: round(f, 2)),
    st.booleans(),
    st.sampled_from(WORDS),
    st.text(max_size=8),
)


def values(keys: list[str]) -> st.SearchStrategy[object]:
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(st.sampled_from(keys), inner, max_size=4),
        ),
        max_leaves=6,
    )


def toml_value(value: object) -> str:
    """A tiny TOML writer for what the strategies make (inline tables, one line)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=True).replace("\\ud", "\\u00")  # no surrogates
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    assert isinstance(value, dict)
    return "{ " + ", ".join(f"{key} = {toml_value(item)}" for key, item in value.items()) + " }"


top_level = st.dictionaries(st.sampled_from(SESSION_KEYS[:-1]), values(["a", "inhale", "to"]))
steps = st.lists(st.dictionaries(st.sampled_from(STEP_KEY_POOL), values(STEP_KEY_POOL)), max_size=3)


@settings(max_examples=200, deadline=None)
@given(top=top_level, step_tables=steps)
def test_any_session_shaped_file_is_read_or_refused_with_problems(
    top: dict[str, object], step_tables: list[dict[str, object]]
) -> None:
    lines = [f"{key} = {toml_value(value)}" for key, value in top.items()]
    for table in step_tables:
        lines.append("[[step]]")
        lines += [f"{key} = {toml_value(value)}" for key, value in table.items()]
    text = "\n".join(lines) + "\n"
    try:
        parse_session(text, "fuzz.toml")
    except SessionFileError as error:
        problems = error.problems
    else:
        return
    assert problems
    assert all(str(problem).startswith("fuzz.toml:") for problem in problems if problem.line)
    assert not any("syntax error" in str(problem) for problem in problems), text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab =[]{}\"'#.,\n\\1")), max_size=60))
def test_the_key_locator_never_fails_on_any_text(text: str) -> None:
    locate_keys(text)
