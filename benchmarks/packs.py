"""Pack benchmark: validate and install a ~100 MB pack, and refuse zip bombs fast and small.

Builds (untimed) a pack of three sessions and four ~25 MB noise WAV files, then times
`read_pack` (what `pfrelax pack validate` runs) and `install_pack` (which validates again while
staging, then swaps the folder in). Then times the refusal of three bombs, with peak Python memory
from tracemalloc: a 1 GB member of zeros (ratio), 65,535 empty members (count, refused from the end
record alone), and a member whose header understates its size (caught while streaming).

    .venv/bin/python benchmarks/packs.py [--megabytes 100]

Exits 1 when a figure is over its budget (ARCHITECTURE.md: import ≤ 2 s, a bomb ≤ 100 ms).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import struct
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import soundfile

INSTALL_BUDGET_S = 2.0
BOMB_BUDGET_S = 0.100
BOMB_MEMORY_BUDGET = 16 * 1024 * 1024

MANIFEST = """pfrelax-pack = 1
id = "bench.big-pack"
version = "1.0.0"
title = "Benchmark"
author = "Bench"
created = 2026-11-27
"""
SESSION = """pfrelax = 1
id = "s{n}"
title = "Session {n}"

[[step]]
type = "speak"
title = "Narration"
text = "Noise."
audio = "audio/noise{n}.wav"

[[step]]
type = "breathe"
title = "Breathe"
pattern = "4-6"
minutes = 2
"""


def make_folder(root: Path, megabytes: int) -> Path:
    (root / "sessions").mkdir(parents=True)
    (root / "audio").mkdir()
    (root / "pack.toml").write_text(MANIFEST)
    rng = np.random.default_rng(7)
    files = 4
    frames = megabytes * 1_000_000 // files // 2  # 16-bit mono
    for n in range(files):
        noise = rng.integers(-3000, 3000, size=frames, dtype=np.int16)
        soundfile.write(root / "audio" / f"noise{n}.wav", noise, 48_000, subtype="PCM_16")
        if n < 3:
            (root / "sessions" / f"s{n}.toml").write_text(SESSION.format(n=n))
    return root


def timed(action: Callable[[], object]) -> tuple[float, int]:
    """Seconds taken and peak traced memory (bytes) of `action`; a PackError counts as done."""
    from pfrelax.formats.problems import PackError

    tracemalloc.start()
    start = time.perf_counter()
    with contextlib.suppress(PackError):  # a refusal is the expected end of a bomb
        action()
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak


def ratio_bomb(path: Path) -> Path:
    info = zipfile.ZipInfo("audio/zeros.wav")
    info.compress_type = zipfile.ZIP_DEFLATED
    info.file_size = 1_000_000_000
    zeros = bytes(1 << 20)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("pack.toml", MANIFEST)
        with archive.open(info, "w", force_zip64=True) as member:
            for _ in range(1_000_000_000 // len(zeros)):
                member.write(zeros)
            member.write(bytes(1_000_000_000 % len(zeros)))
    return path


def count_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for n in range(65_535):
            archive.writestr(f"m/{n}", b"")
    return path


def lying_bomb(path: Path) -> Path:
    """pack.toml declares 200 bytes but inflates to 100 MB: only the streaming bound catches it."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("pack.toml", MANIFEST.encode() + b"#" * 100_000_000)
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    struct.pack_into("<L", data, at + 24, 200)  # the uncompressed size in the directory
    path.write_bytes(bytes(data))
    return path


def report(label: str, seconds: float, budget: float, peak: int | None = None) -> bool:
    ok = seconds <= budget and (peak is None or peak <= BOMB_MEMORY_BUDGET)
    memory = f", peak {peak / 1e6:.1f} MB" if peak is not None else ""
    print(
        f"{label:<44} {seconds * 1000:8.1f} ms{memory}  (budget {budget * 1000:.0f} ms) "
        f"{'ok' if ok else 'OVER BUDGET'}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        os.environ["PFRELAX_HOME"] = str(root / "home")
        from pfrelax.formats.pack import read_pack
        from pfrelax.formats.pack_build import build_pack
        from tests.pack_service import install_pack

        start = time.perf_counter()
        pack = build_pack(make_folder(root / "folder", args.megabytes), root / "big.pfpack")
        print(
            f"built {pack.stat().st_size / 1e6:.0f} MB pack in {time.perf_counter() - start:.1f} s"
        )
        results = []
        validate_s, _ = timed(lambda: read_pack(pack))
        results.append(report("validate (read_pack)", validate_s, INSTALL_BUDGET_S))
        install_s, _ = timed(lambda: install_pack(pack))
        results.append(report("install (validates, stages, swaps in)", install_s, INSTALL_BUDGET_S))
        for label, make in (
            ("refuse 1 GB of zeros (ratio)", ratio_bomb),
            ("refuse 65,535 members (count)", count_bomb),
            ("refuse a header that understates its size", lying_bomb),
        ):
            bomb = make(root / f"{make.__name__}.pfpack")
            seconds, peak = timed(lambda bomb=bomb: read_pack(bomb))  # type: ignore[misc]
            results.append(report(label, seconds, BOMB_BUDGET_S, peak))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
