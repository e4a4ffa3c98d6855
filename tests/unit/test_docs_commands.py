"""Every command README.md and docs/*.md show runs as written: it exists, its arguments parse,
and the ones that are cheap and name files that exist run for real in a throwaway PFRELAX_HOME."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pfrelax.cli import build_parser, main
from pfrelax.store.db import open_database

REPO = Path(__file__).resolve().parents[2]
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
SHELL_BLOCKS = {"", "sh", "bash", "shell", "console"}
PROGRAMS = ("pfrelax", ".venv/bin/pfrelax", "make", ".", "pip", ".venv/bin/pip")
# Commands cheap enough to run for real; the rest (a window, audio, a PDF) are parsed only.
RUN_FOR_REAL = {"sessions", "show", "timeline", "validate", "export", "import", "restore", "pack"}
_FENCE = re.compile(r"^```(\w*)\s*$")
_SPAN = re.compile(r"`([^`]+)`")


@dataclass(frozen=True)
class Shown:
    """A command as a document shows it, and where."""

    where: str
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text}"


def shown_commands() -> list[Shown]:
    found: list[Shown] = []
    for doc in DOCS:
        name = doc.relative_to(REPO)
        in_block: str | None = None
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            fence = _FENCE.match(line)
            if fence:
                in_block = None if in_block is not None else fence.group(1)
                continue
            where = f"{name}:{number}"
            if in_block is not None:
                if in_block in SHELL_BLOCKS and _is_command(line.strip()):
                    found.append(Shown(where, _without_comment(line.strip())))
                continue
            found.extend(Shown(where, text) for text in _spans(line))
    return found


def _is_command(text: str) -> bool:
    words = text.split()
    if not words or words[0] not in PROGRAMS:
        return False
    return len(words) == 1 or words[1] != "="  # `pfrelax = 1` is TOML, not a command


def _without_comment(line: str) -> str:
    return re.split(r"\s+#\s", line, maxsplit=1)[0].strip()


def _spans(line: str) -> Iterator[str]:
    """Inline commands; `--json FILE` after `pfrelax export --csv DIR` in one table row is the
    same command's other form."""
    previous: list[str] | None = None
    for span in _SPAN.findall(line):
        if _is_command(span):
            previous = [w for w in span.split() if not w.startswith("-")][:2]
            yield span
        elif span.startswith("--") and previous is not None:
            yield " ".join([*previous, span])


def test_the_docs_show_the_commands_this_test_checks() -> None:
    texts = {shown.text for shown in shown_commands()}
    # One of each kind, so a change to the extraction cannot quietly check nothing.
    assert {"make run", "pfrelax --version", "pfrelax validate sessions/"} <= texts
    assert "pfrelax export --json FILE" in texts
    assert any(text.startswith(".venv/bin/pfrelax") for text in texts)


def test_the_installed_command_is_where_the_readme_says(tmp_path: Path) -> None:
    program = REPO / ".venv" / "bin" / "pfrelax"
    assert program.is_file(), "make run puts the command here"
    assert (REPO / ".venv" / "bin" / "activate").is_file()
    done = subprocess.run(
        [str(program), "--version"],
        capture_output=True,
        text=True,
        check=False,
        env={"PFRELAX_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert (done.returncode, done.stdout.split()[0]) == (0, "pfrelax"), done.stderr


@pytest.mark.parametrize(
    "shown", [s for s in shown_commands() if s.text.split()[0] == "make"], ids=str
)
def test_each_make_command_shown_is_a_target(shown: Shown) -> None:
    done = subprocess.run(
        ["make", "-n", *shlex.split(shown.text)[1:]],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"{shown}: {done.stderr}"


@pytest.mark.parametrize(
    "shown", [s for s in shown_commands() if s.text.split()[0] == "."], ids=str
)
def test_each_file_sourced_is_there(shown: Shown) -> None:
    assert (REPO / shown.text.split()[1]).is_file(), shown


def test_a_pip_command_shown_installs_from_this_repository() -> None:
    """pfrelax is not on the package index: `pip install "pfrelax[authoring]"` cannot work.
    Any pip command the docs show must install from the checkout itself."""
    for shown in shown_commands():
        words = shlex.split(shown.text)
        if words[0].endswith("pip"):
            # An option's value (`-c constraints.txt`) is not something to install.
            values = {words[i + 1] for i, w in enumerate(words[:-1]) if w in ("-c", "-r")}
            targets = [w for w in words[2:] if not w.startswith("-") and w not in values]
            assert targets, shown
            assert all(t.startswith(".") for t in targets), shown


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder to run commands in, with the repository's folders the docs name, and the files
    the placeholders stand for."""
    work = tmp_path / "work"
    work.mkdir()
    for name in ("sessions", "examples", "docs"):
        (work / name).symlink_to(REPO / name)
    monkeypatch.chdir(work)
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "home"))
    (work / "in").mkdir()
    (work / "in" / "runs.csv").write_text(
        "run_id,session,pack,pack_version,started,ended,seconds,completed\n", "utf-8"
    )
    (work / "in" / "checkins.csv").write_text(
        "checkin_id,time,moment,session,measure,value,note\n", "utf-8"
    )
    (work / "in.json").write_text('{"format": "pfrelax-export", "version": 1}', "utf-8")
    with open_database(tmp_path / "made" / "pfrelax.sqlite3") as db:
        db.backup_to(work / "backup.sqlite3")
    return work


PLACEHOLDERS = {
    "SESSION": "box-4-4-4-4",
    "PACKID/SESSIONID": "riverside-pt.release-phase-1/arrive-and-soften",
    "PATH...": "sessions/box-4-4-4-4.toml",
    "DATE": "2026-11-01",
    "BACKUP": "backup.sqlite3",
}


def argv_of(shown: Shown) -> list[list[str]]:
    """The argument lists a shown command stands for: `a\\|b` alternatives, optional
    `[parts]` included, placeholders filled in."""
    text = shown.text.replace("[", "").replace("]", "")
    words = shlex.split(text.replace("\\|", "|"))[1:]
    variants: list[list[str]] = [[]]
    for word in words:
        options = word.split("|") if "|" in word else [word]
        variants = [[*v, option] for v in variants for option in options]
    return [[_fill(word, argv) for word in argv] for argv in variants]


def _fill(word: str, argv: list[str]) -> str:
    if word == "DIR":
        return "in" if "import" in argv else "out"
    if word == "FILE":
        return "in.json" if "import" in argv else "out.file"
    return PLACEHOLDERS.get(word, word)


def _parses(argv: list[str]) -> tuple[bool, str]:
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exited:
            return exited.code == 0, errors.getvalue()  # --version and --help exit 0
    return args.command is None or hasattr(args, "func"), errors.getvalue()


def _only_command_names(argv: list[str]) -> bool:
    return all(re.fullmatch(r"[a-z]+", word) for word in argv)


def _runs_for_real(argv: list[str]) -> bool:
    """Cheap, and every file or session it names is here (the docs' own examples, like
    `release-phase-1`, are folders the reader makes: those are only parsed)."""
    if argv == ["--version"]:
        return True
    if argv == ["restore"]:
        return False  # the last backup of a history this throwaway home does not have
    if not argv or argv[0] not in RUN_FOR_REAL or "--pdf" in argv:
        return False
    words = [w for i, w in enumerate(argv) if not w.startswith("-") and argv[i - 1] != "-o"]
    commands = {argv[0], "validate", "info", "build", "list"}
    return all(w in _MADE or Path(w).exists() for w in words if w not in commands)


_MADE = {"box-4-4-4-4", "out", "out.file", "in", "in.json", "backup.sqlite3"}


PFRELAX_COMMANDS = [
    s for s in shown_commands() if s.text.split()[0] in ("pfrelax", ".venv/bin/pfrelax")
]


@pytest.mark.parametrize("shown", PFRELAX_COMMANDS, ids=str)
def test_each_pfrelax_command_shown_runs_as_written(workdir: Path, shown: Shown) -> None:
    for argv in argv_of(shown):
        ok, errors = _parses(argv)
        named_only = not ok and _only_command_names(argv)
        if named_only:
            # A command named in a sentence (`pfrelax pack build`): its help must work.
            ok, errors = _parses([*argv, "--help"])
        assert ok, f"{shown}: {argv} does not parse: {errors}"
        if not named_only and _runs_for_real(argv):
            stdout, stderr = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                try:
                    code = main(argv)
                except SystemExit as exited:
                    code = int(exited.code or 0)
            assert code == 0, f"{shown}: {argv} exited {code}: {stderr.getvalue()}"
            assert "Traceback" not in stderr.getvalue()


def test_the_command_table_names_every_command_there_is() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    [commands] = [a for a in parser._actions if a.dest == "command"]
    for name in commands.choices:  # type: ignore[union-attr]
        assert f"`pfrelax {name}" in readme, f"pfrelax {name} is not in the README's table"
