"""Where pfrelax keeps its files: the one module that knows.

Nothing is resolved at import time, so tests (and `PFRELAX_HOME`) decide where files go before
anything is touched. Every folder is created owner-only: the data says what the app is for.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs

APP_NAME = "pfrelax"
HOME_ENV = "PFRELAX_HOME"
_OWNER_ONLY = 0o700


def _home_override() -> Path | None:
    value = os.environ.get(HOME_ENV, "").strip()
    return Path(value).expanduser() if value else None


def _ensure(path: Path) -> Path:
    """Create `path` owner-only (PFRELAX_HOME too, when it is set and new), and take away any
    access by others if it already existed.

    Never raises: in a read-only place (a write-protected folder, a read-only disk) the folder
    is used as it is, reading works, and whatever wants to write there says it cannot.
    """
    home = _home_override()
    if home is not None and path.is_relative_to(home):
        _make_owner_only(home)
    _make_owner_only(path)
    return path


def _make_owner_only(path: Path) -> None:
    try:
        # parents=True creates missing parents with the default mode; PFRELAX_HOME is made
        # owner-only by its own call first.
        path.mkdir(mode=_OWNER_ONLY, parents=True, exist_ok=True)
    except OSError:
        return  # read-only: nothing to create here, and nothing will be written
    if os.name != "posix":
        return
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            # Only ever taken away: a folder the person made read-only (0500) stays so.
            path.chmod(mode & _OWNER_ONLY)
    except OSError:
        pass  # a read-only disk: the folder stays as it is


def config_dir() -> Path:
    home = _home_override()
    base = home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, False))
    return _ensure(base)


def data_dir() -> Path:
    home = _home_override()
    base = home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, False))
    return _ensure(base)


def cache_dir() -> Path:
    home = _home_override()
    base = home / "cache" if home else Path(platformdirs.user_cache_dir(APP_NAME, False))
    return _ensure(base)


def database_path() -> Path:
    return data_dir() / "pfrelax.sqlite3"


def packs_dir() -> Path:
    return _ensure(data_dir() / "packs")


def settings_path() -> Path:
    return config_dir() / "settings.json"


def _bundled(name: str) -> Path:
    """A folder shipped with the app: inside the wheel, or at the top of a source checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "_data" / name
    return installed if installed.is_dir() else package.parent / name


def my_sessions_dir() -> Path:
    """The person's own session files ("My sessions"), made with the pattern editor. Not
    created here: reading the library never makes a folder; the first save does."""
    return data_dir() / "my-sessions"


def builtin_sessions_dir() -> Path:
    return _bundled("sessions")


def assets_dir() -> Path:
    return _bundled("assets")
