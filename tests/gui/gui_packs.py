"""Packs and practice made at test time for the Today page and pack import (PACK-FORMAT.md)."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from pfrelax.store.db import Database
from pfrelax.store.runs import Runs

RELEASE_ID = "riverside-pt.release-phase-1"
EVENING_ID = "riverside-pt.evening"

RELEASE_MANIFEST = """\
pfrelax-pack = 1
id = "riverside-pt.release-phase-1"
version = "{version}"
title = "Release — phase 1"
author = "Alex Rivera, PT, DPT"
organisation = "Riverside Pelvic Health"
created = 2026-11-20
description = "Four weeks to learn belly breathing and letting go."
message = "Hi! Practise these twice a day. Stop if anything hurts — we'll adjust at your next \
visit."
limits = "{limits}"

[[plan]]
session = "pf-release-10"
weeks = "1-4"
days = "daily"
times_per_day = 2
note = "Morning, and before bed."
"""

RELEASE_SESSION = """\
pfrelax = 1
id = "pf-release-10"
title = "Pelvic floor release"
summary = "Ten minutes of belly breathing that lets the pelvic floor soften."

[[step]]
type = "breathe"
title = "Drop on the in-breath"
pattern = "4-0-6-0"
minutes = 10
"""

HOLD_SESSION = """\
pfrelax = 1
id = "box-hold"
title = "Soft box breathing"
safety = "This session has short breath holds. Keep them soft; skip them if you feel dizzy."

[[step]]
type = "breathe"
title = "Box"
pattern = "4-4-4-4"
cycles = 6
"""

EVENING_MANIFEST = """\
pfrelax-pack = 1
id = "riverside-pt.evening"
version = "1.0.0"
title = "Evening wind-down"
author = "Sam Lee, PT"
created = 2026-11-21
description = "Slow breathing in the evening."
message = "A calm close to the day, three evenings a week."

[[plan]]
session = "coherent-5"
weeks = "1-2"
days = ["mon", "wed", "fri"]
times_per_day = 1
"""

EVENING_SESSION = """\
pfrelax = 1
id = "coherent-5"
title = "Coherent breathing"

[[step]]
type = "breathe"
title = "Five and a half"
pattern = "5.5-5.5"
minutes = 5
"""


def release_files(
    version: str = "1.2.0", *, limits: str = "default", holds: bool = False
) -> dict[str, bytes]:
    files = {
        "pack.toml": RELEASE_MANIFEST.format(version=version, limits=limits).encode(),
        "sessions/pf-release-10.toml": RELEASE_SESSION.encode(),
    }
    if holds:
        files["sessions/box-hold.toml"] = HOLD_SESSION.encode()
    return files


def evening_files() -> dict[str, bytes]:
    return {
        "pack.toml": EVENING_MANIFEST.encode(),
        "sessions/coherent-5.toml": EVENING_SESSION.encode(),
    }


def write_pack(path: Path, files: Mapping[str, bytes]) -> Path:
    """A `.pfpack` of `files` with a matching SHA256SUMS."""
    sums = "".join(
        f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items())
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted({**files, "SHA256SUMS": sums.encode()}.items()):
            archive.writestr(name, data)
    return path


def record_run(
    db: Database,
    at: datetime,
    pack_id: str,
    session_id: str,
    *,
    seconds: int = 600,
    completed: bool = True,
) -> None:
    """A session run that started at `at` (aware) and was finished or stopped."""
    runs = Runs(db, now=lambda: at)
    run_id = runs.start_run(session_id, session_id, pack_id, "1.0.0")
    runs.finish_run(run_id, seconds, completed)


class SetClock:
    """An injectable `now()` that returns whatever the test sets."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment
