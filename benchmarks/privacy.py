"""Privacy figures: unlock time, and the cost of encryption on 20 years of history (insert,
query, Progress page draw, one check-in saved), plain next to encrypted; and the conversion."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

from history import YEARS, fill, time_page, time_queries  # type: ignore[import-not-found]

from pfrelax.services.privacy import KDF, Privacy, derive_key
from pfrelax.store.checkins import Checkins
from pfrelax.store.cipher import DatabaseKey
from pfrelax.store.db import open_database
from pfrelax.store.runs import Runs

PASSPHRASE = "quiet harbour lanterns"


def time_unlock(path: Path) -> tuple[float, float]:
    """(median ms to derive the key, median ms to derive it and open the history)."""
    privacy = Privacy(path)
    derive, unlock = [], []
    for _ in range(3):
        started = time.perf_counter()
        derive_key(PASSPHRASE, os.urandom(16))
        derive.append(time.perf_counter() - started)
        started = time.perf_counter()
        privacy.unlock(PASSPHRASE)
        unlock.append(time.perf_counter() - started)
    return statistics.median(derive) * 1000, statistics.median(unlock) * 1000


def time_single_saves(path: Path, key: DatabaseKey | None, count: int = 30) -> float:
    with open_database(path, key=key) as db:
        run = Runs(db).start_run("daily", "Daily")
        checkins = Checkins(db)
        times = []
        for _ in range(count):
            started = time.perf_counter()
            checkins.save_checkin("before", {"distress": 4, "mood": 6}, run_id=run)
            times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def measure(folder: Path, key: DatabaseKey | None) -> dict[str, float]:
    path = folder / "history.sqlite3"
    with open_database(path, key=key) as db:
        insert_s, _added = fill(db, folder)
        query_ms, _rows = time_queries(db)
        _import_ms, draws = time_page(db)
    return {
        "save one check-in (ms, median)": time_single_saves(folder / "single.sqlite3", key),
        f"insert {YEARS} years (s)": insert_s,
        "query all ratings and runs (ms, median)": query_ms,
        "Progress page, 'All' (ms, median of repeats)": statistics.median(draws[1:]),
    }


def main() -> int:
    print(
        f"Argon2id: time_cost {KDF.time_cost}, memory {KDF.memory_kib // 1024} MiB, "
        f"parallelism {KDF.parallelism}"
    )
    with tempfile.TemporaryDirectory() as plain_dir, tempfile.TemporaryDirectory() as cipher_dir:
        plain = measure(Path(plain_dir), None)
        key = derive_key(PASSPHRASE, os.urandom(16))
        encrypted = measure(Path(cipher_dir), key)
        print(f"{'':46} {'plain':>9} {'encrypted':>10}")
        for what, value in plain.items():
            print(f"{what:46} {value:9.1f} {encrypted[what]:10.1f}")
        convert_path = Path(plain_dir) / "history.sqlite3"
        started = time.perf_counter()
        Privacy(convert_path).set_passphrase(PASSPHRASE)
        print(f"turn encryption on, {YEARS} years (s): {time.perf_counter() - started:.2f}")
        derive_ms, unlock_ms = time_unlock(convert_path)
        print(f"derive the key: {derive_ms:.0f} ms; unlock (derive + open): {unlock_ms:.0f} ms")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"(load average {load:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
