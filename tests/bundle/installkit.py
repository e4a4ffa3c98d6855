"""Helpers for the bundle tests: the build script as a module, a clean environment, snapshots."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def build_script() -> ModuleType:
    """bundle/build.py, imported by path (it is a tool, not part of the package)."""
    spec = importlib.util.spec_from_file_location("pfrelax_bundle_build", ROOT / "bundle/build.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What a person's login shell has: a HOME and the system PATH; no .venv, no checkout."""
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **extra}


def run(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def snapshot(root: Path) -> set[str]:
    """Every file, link and folder under `root`, as paths relative to it."""
    return {str(path.relative_to(root)) for path in root.rglob("*")}


def with_parents(paths: set[str]) -> set[str]:
    """`paths` and every folder above them (relative paths)."""
    found = set(paths)
    for path in paths:
        found.update(str(parent) for parent in Path(path).parents if str(parent) != ".")
    return found
