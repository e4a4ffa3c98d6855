"""Whatever bytes arrive, reading a pack either succeeds or raises PackError — nothing else."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pfrelax.formats.pack import read_pack
from pfrelax.formats.problems import PackError

from .packkit import pack_files, with_sums

FUZZ = settings(
    max_examples=int(os.environ.get("PFRELAX_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@cache
def valid_pack() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(with_sums(pack_files()).items()):
            archive.writestr(name, data)
    return buffer.getvalue()


def read_only_fails_cleanly(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.pfpack"
        path.write_bytes(data)
        refusal: PackError | None = None
        try:
            read_pack(path)
        except PackError as error:
            refusal = error
    if refusal is not None:  # a refusal always says why
        assert refusal.problems
        assert all(str(problem) for problem in refusal.problems)


@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes_are_refused_as_a_pack_error(data: bytes) -> None:
    read_only_fails_cleanly(data)


@FUZZ
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=8))
def test_a_pack_with_flipped_bytes_is_read_or_refused(flips: list[tuple[int, int]]) -> None:
    data = bytearray(valid_pack())
    for at, value in flips:
        data[at % len(data)] = value
    read_only_fails_cleanly(bytes(data))


@FUZZ
@given(st.integers(min_value=0))
def test_a_truncated_pack_is_refused(length: int) -> None:
    data = valid_pack()
    read_only_fails_cleanly(data[: length % len(data)])


@FUZZ
@given(st.sets(st.sampled_from(sorted(with_sums(pack_files()))), min_size=1))
def test_a_pack_missing_members_is_refused(missing: set[str]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(valid_pack())) as source, zipfile.ZipFile(buffer, "w") as out:
        for info in source.infolist():
            if info.filename not in missing:
                out.writestr(info, source.read(info))
    read_only_fails_cleanly(buffer.getvalue())
