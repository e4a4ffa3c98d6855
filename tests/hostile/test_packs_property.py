"""Whatever a pack holds — random bytes as its manifest, random TOML structures, random members
with random names — reading it gives a Pack or raises PackError, nothing else (issue 10)."""

from __future__ import annotations

import io
import os
import tempfile
import warnings
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pfrelax.formats.pack import read_pack
from pfrelax.formats.pack_manifest import MANIFEST_KEYS
from pfrelax.formats.problems import PackError

from .pack_builders import manifest, pack_files, toml_document, zip_bytes
from .test_sessions_property import HOSTILE_TEXT, scalars, values

PROPERTY = settings(
    max_examples=int(os.environ.get("PFRELAX_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
PLAN_KEYS = ["session", "weeks", "days", "times_per_day", "note", "sizes", "x"]


def read_or_refuse(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.pfpack"
        path.write_bytes(data)
        try:
            read_pack(path)
        except PackError as error:
            problems = error.problems
        else:
            return
    assert problems
    assert all(str(problem) for problem in problems)


def with_manifest(text: bytes) -> bytes:
    return zip_bytes({**pack_files(), "pack.toml": text})


manifests = st.builds(
    lambda top, plans: toml_document(top, {"plan": plans}),
    st.dictionaries(st.sampled_from([*MANIFEST_KEYS, "x"]), values, max_size=8),
    st.lists(st.dictionaries(st.sampled_from(PLAN_KEYS), values, max_size=5), max_size=2),
)
near_valid_manifests = st.builds(
    lambda extra, plan: manifest().decode() + toml_document(extra, {"plan": plan}),
    st.dictionaries(st.sampled_from(["description", "limits", "x"]), scalars, max_size=2),
    st.lists(
        st.fixed_dictionaries(
            {"session": st.sampled_from(["soften", "nope"]) | HOSTILE_TEXT},
            optional={"weeks": values, "days": values, "times_per_day": scalars},
        ),
        max_size=2,
    ),
)


@PROPERTY
@given(manifests | near_valid_manifests)
def test_any_manifest_structure_is_read_or_refused(text: str) -> None:
    read_or_refuse(with_manifest(text.encode("utf-8", "surrogatepass")))


@PROPERTY
@given(st.binary(max_size=2048))
def test_any_bytes_as_the_manifest_are_refused_cleanly(data: bytes) -> None:
    read_or_refuse(with_manifest(data))


NAMES = st.lists(
    st.sampled_from([*"ab./\\: \x00\u202e~", "..", "CON", "nul", "sessions/", "audio/"]),
    min_size=1,
    max_size=8,
).map("".join)


@PROPERTY
@given(st.dictionaries(NAMES, st.binary(max_size=64), max_size=5), st.booleans())
def test_random_members_with_random_names_are_read_or_refused(
    members: dict[str, bytes], stored: bool
) -> None:
    buffer = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", method) as archive:
        warnings.simplefilter("ignore")  # "Duplicate name": exactly what a hostile zip holds
        for name, data in {**pack_files(), **members}.items():
            archive.writestr(zipfile.ZipInfo(name), data)
    read_or_refuse(buffer.getvalue())
