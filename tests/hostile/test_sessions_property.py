"""Whatever bytes or TOML structure a session file holds, the reader gives a Session or raises
SessionFileError, nothing else; and what validate accepts, the timeline lays out (issue 10)."""

from __future__ import annotations

import datetime
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pfrelax import paths
from pfrelax.core.timeline import compile_session
from pfrelax.formats.problems import SessionFileError
from pfrelax.formats.session_file import SESSION_KEYS, load_session, parse_session
from pfrelax.formats.session_steps import STEP_KEYS

from .pack_builders import toml_document

PROPERTY = settings(
    max_examples=int(os.environ.get("PFRELAX_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

KEYS = sorted(
    {*SESSION_KEYS, *(k for keys in STEP_KEYS.values() for k in keys)}
    | {"inhale", "exhale", "hold_in", "top_up", "to", "x"}
)
WORDS = ["speak", "breathe", "rest", "4-6", "4-7-8-0", "2+1-6", "1e308-6", "tones", "before"]
HOSTILE_TEXT = st.text(
    alphabet=st.characters(codec="utf-8") | st.sampled_from('\x00\u202e\u200b\u2066\n\t\\"'),
    max_size=12,
)
scalars = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.integers(min_value=0, max_value=200),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=0, max_value=100).map(lambda f: round(f, 1)),
    st.booleans(),
    st.sampled_from(WORDS),
    HOSTILE_TEXT,
    st.dates(min_value=datetime.date(1, 1, 1)),
    st.times(),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner),
    max_leaves=8,
)
NEAR_VALUES = {
    "pattern": st.sampled_from(["4-6", "4-7-8-0", "2+1-6", "3-4.5"])
    | st.fixed_dictionaries({"inhale": scalars, "exhale": scalars}),
    "minutes": st.floats(min_value=0.1, max_value=200).map(lambda f: round(f, 1)) | scalars,
    "seconds": st.integers(min_value=1, max_value=100_000) | scalars,
    "cycles": st.integers(min_value=1, max_value=20_000) | scalars,
    "ramp": st.fixed_dictionaries({"to": st.sampled_from(["4-8", "5-5"]), "minutes": scalars}),
    "text": HOSTILE_TEXT,
    "title": HOSTILE_TEXT,
}


@st.composite
def near_valid_step(draw: st.DrawFn) -> dict[str, object]:
    """A step of a real type with its own keys, some values sensible and some hostile."""
    kind = draw(st.sampled_from(sorted(STEP_KEYS)))
    required = {"speak": ["text", "seconds"], "rest": ["seconds"]}.get(kind) or [
        "pattern",
        draw(st.sampled_from(["minutes", "seconds", "cycles"])),
    ]
    extra = draw(st.lists(st.sampled_from(STEP_KEYS[kind][1:]), unique=True, max_size=2))
    keys = list(dict.fromkeys(required + extra))
    step: dict[str, object] = {"type": kind}
    for key in keys:
        step[key] = draw(NEAR_VALUES.get(key, values))
    return step


near_valid = st.builds(
    lambda extra, steps: toml_document(
        {"pfrelax": 1, "id": "random", "title": "Random", **extra}, {"step": steps}
    ),
    st.dictionaries(st.sampled_from(["summary", "safety", "tags", "checkin"]), values, max_size=2),
    st.lists(near_valid_step(), min_size=1, max_size=3),
)
documents = st.builds(
    lambda top, steps: toml_document(top, {"step": steps}),
    st.dictionaries(st.sampled_from([*SESSION_KEYS[:-1], "x"]), values, max_size=6),
    st.lists(st.dictionaries(st.sampled_from(KEYS), values, max_size=6), max_size=3),
)


def read_or_refuse(text: str) -> None:
    try:
        session = parse_session(text, "random.toml", audio_exists=lambda _name: False)
    except SessionFileError as error:
        problems = error.problems
    else:
        compile_session(session)  # accepted means it can be laid out: validate ⇒ timeline
        return
    assert problems  # a refusal always says why


@PROPERTY
@given(documents | near_valid)
def test_any_toml_structure_is_read_or_refused_with_the_projects_error(text: str) -> None:
    read_or_refuse(text)


@PROPERTY
@given(st.binary(max_size=2048))
def test_any_bytes_are_read_or_refused_with_the_projects_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.toml"
        path.write_bytes(data)
        problems: tuple[object, ...] = ("read",)
        try:
            load_session(path)
        except SessionFileError as error:
            problems = error.problems
    assert problems


def _builtin_texts() -> list[str]:
    return [
        p.read_text(encoding="utf-8") for p in sorted(paths.builtin_sessions_dir().glob("*.toml"))
    ]


@PROPERTY
@given(
    st.sampled_from(_builtin_texts()),
    st.lists(
        st.tuples(st.integers(min_value=0), HOSTILE_TEXT | st.sampled_from(list("[]{}=\"'#.:-e9"))),
        max_size=6,
    ),
)
def test_a_real_session_file_with_random_edits_is_read_or_refused(
    text: str, edits: list[tuple[int, str]]
) -> None:
    for at, inserted in edits:
        where = at % (len(text) + 1)
        text = text[:where] + inserted + text[where:]
    read_or_refuse(text)
