"""Build the self-contained Linux bundle: PyInstaller folder, install scripts, one .tar.gz.

    .venv/bin/python bundle/build.py [--force]        (`make bundle`)

Writes dist/pfrelax-VERSION-linux-x86_64.tar.gz and prints its figures: unpacked and archive
size against their budgets, and the oldest glibc the bundled programs need. Skips the build when
dist/ already holds an archive made from the same sources (hash of the code, data, spec, scripts
and pins), so the bundle tests can ask for it cheaply; --force rebuilds anyway.
Exit status 1 when a budget is exceeded or the build fails.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "bundle"
DIST = ROOT / "dist"
UNPACKED_BUDGET = 200 * 1024 * 1024
ARCHIVE_BUDGET = 90 * 1024 * 1024
SOURCES = ("pfrelax", "sessions", "assets", "bundle", "pyproject.toml", "constraints.txt")
_GLIBC = re.compile(rb"GLIBC_(\d+)\.(\d+)(?:\.(\d+))?")


def version() -> str:
    text = (ROOT / "pfrelax" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    if found is None:
        raise SystemExit("build.py: no __version__ in pfrelax/__init__.py")
    return found[1]


def archive_name() -> str:
    machine = platform.machine() or "x86_64"
    return f"pfrelax-{version()}-linux-{machine}"


def archive_path() -> Path:
    return DIST / f"{archive_name()}.tar.gz"


def source_hash() -> str:
    """A hash of everything that ends up in the bundle (bytecode caches excluded)."""
    digest = hashlib.sha256()
    for top in SOURCES:
        base = ROOT / top
        files = sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else [base]
        for path in files:
            if "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def run_pyinstaller(dist: Path) -> Path:
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(BUILD / "work"),
        str(ROOT / "bundle" / "pfrelax.spec"),
    ]  # fmt: skip
    subprocess.run(command, check=True, cwd=ROOT)
    return dist / "pfrelax"


def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def strip_debug_info(folder: Path) -> None:
    """Drop debug sections (the host's Python ships them: ~30 MB). Symbols stay."""
    strip = shutil.which("strip")
    if strip is None:
        print("note: no `strip` on this machine; the bundle keeps its debug sections")
        return
    for path in elf_files(folder):
        sections = subprocess.run(
            ["readelf", "-S", "-W", str(path)], capture_output=True, text=True, check=False
        ).stdout
        if ".debug_info" in sections:
            subprocess.run([strip, "--strip-debug", str(path)], check=True)


def oldest_glibc(folder: Path) -> tuple[int, ...]:
    """The newest GLIBC_x.y symbol version any bundled program or library asks for."""
    newest: tuple[int, ...] = (0,)
    for path in elf_files(folder):
        symbols = subprocess.run(
            ["objdump", "-T", str(path)], capture_output=True, check=False
        ).stdout
        for match in _GLIBC.finditer(symbols):
            found = tuple(int(part) for part in match.groups() if part is not None)
            newest = max(newest, found)
    return newest


def stage(app: Path, into: Path) -> Path:
    """The archive's folder: app/, install.sh, uninstall.sh, icons/ and a short README."""
    top = into / archive_name()
    shutil.rmtree(top, ignore_errors=True)
    (top / "icons").mkdir(parents=True)
    shutil.copytree(app, top / "app", symlinks=True)
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(ROOT / "bundle" / script, top / script)
        (top / script).chmod(0o755)
    for icon in ("pfrelax.svg", "pfrelax.png"):
        shutil.copy2(ROOT / "assets" / "icon" / icon, top / "icons" / icon)
    shutil.copy2(ROOT / "bundle" / "README.txt", top / "README.txt")
    return top


def pack(top: Path, archive: Path) -> None:
    """Write the .tar.gz under a temporary name and rename it: never a half archive in dist/."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=archive.parent, suffix=".partial")
    os.close(handle)
    try:
        with tarfile.open(temporary, "w:gz", compresslevel=9) as tar:
            tar.add(top, arcname=top.name)
        with Path(temporary).open("rb") as done:
            os.fsync(done.fileno())
        Path(temporary).chmod(0o644)  # a download for anyone, unlike the app's own files
        Path(temporary).replace(archive)
    finally:
        Path(temporary).unlink(missing_ok=True)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def build() -> int:
    shutil.rmtree(BUILD, ignore_errors=True)
    app = run_pyinstaller(BUILD / "pyinstaller")
    strip_debug_info(app)
    top = stage(app, BUILD / "stage")
    archive = archive_path()
    pack(top, archive)
    unpacked, packed = folder_size(top), archive.stat().st_size
    glibc = ".".join(str(part) for part in oldest_glibc(top))
    print(f"archive:   {archive.relative_to(ROOT)}")
    print(f"unpacked:  {mib(unpacked)} (budget {mib(UNPACKED_BUDGET)})")
    print(f"archive:   {mib(packed)} (budget {mib(ARCHIVE_BUDGET)})")
    print(f"needs:     glibc {glibc} or newer")
    (BUILD / "figures.txt").write_text(
        f"unpacked={unpacked}\narchive={packed}\nglibc={glibc}\n", encoding="utf-8"
    )
    over = unpacked > UNPACKED_BUDGET or packed > ARCHIVE_BUDGET
    if over:
        print("build.py: the bundle is over budget", file=sys.stderr)
    return 1 if over else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rebuild even when up to date")
    args = parser.parse_args()
    if not sys.platform.startswith("linux"):
        raise SystemExit("build.py builds the Linux bundle; see .github/workflows/release.yml")
    stamp = DIST / f"{archive_name()}.source-hash"
    current = source_hash()
    built_from = stamp.read_text(encoding="utf-8").strip() if stamp.is_file() else ""
    if not args.force and archive_path().is_file() and built_from == current:
        print(f"{archive_path().relative_to(ROOT)} is up to date (same sources)")
        return 0
    stamp.unlink(missing_ok=True)
    result = build()
    if result == 0:
        stamp.write_text(current + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    sys.exit(main())
