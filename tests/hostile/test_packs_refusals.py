"""Hostile packs are refused by `pfrelax pack install` and `pack validate` with the exact message,
exit status 1, no traceback, and a data folder byte-identical to before (issue 10: 4, 5, 10, 14)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from .folders import snapshot
from .pack_builders import (
    cut,
    manifest,
    outcome,
    pack_files,
    refused,
    run_cli,
    tone,
    with_session,
    with_sums,
    zip64_locator_at,
    zip_bytes,
)
from .pack_builders import make_home as make_home_folder

Build = Callable[[], bytes]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_home_folder(tmp_path, monkeypatch)


def _manifest(**fields: str) -> Build:
    return lambda: zip_bytes({**pack_files(), "pack.toml": manifest(**fields)})


def _extra(text: str) -> Build:
    return lambda: zip_bytes({**pack_files(), "pack.toml": manifest(extra=text)})


def _session(old: str, new: str) -> Build:
    def build() -> bytes:
        files = pack_files()
        text = files["sessions/soften.toml"].decode()
        assert old in text
        return zip_bytes({**files, "sessions/soften.toml": text.replace(old, new).encode()})

    return build


def _member(name: str) -> Build:
    return lambda: zip_bytes({**pack_files(), name: b"x"})


@cache
def _bomb() -> bytes:
    # 480 members of 1,000,000 zero bytes: each under the per-member ratio rule, together 480 MB.
    zeros = bytes(1_000_000)  # one buffer shared by every member: 1 MB of memory, not 480
    members = {f"audio/z{i:03}.bin": zeros for i in range(480)}
    return zip_bytes({**pack_files(), **members}, level=1)


def _duplicate_sums_line() -> bytes:
    files = with_sums(pack_files())
    first = files["SHA256SUMS"].splitlines(keepends=True)[0]
    return zip_bytes({**files, "SHA256SUMS": files["SHA256SUMS"] + first}, sums=False)


def _joined() -> bytes:
    first = zip_bytes(pack_files(title="The PT's pack"))
    return first + zip_bytes(pack_files(title="Something else"))


def _big_manifest() -> bytes:
    head = manifest()
    padding = b"#" + b"x" * (64_005 - len(head) - 2) + b"\n"
    assert len(head + padding) == 64_005
    return zip_bytes({**pack_files(), "pack.toml": head + padding})


def _cut_audio(fmt: str, subtype: str, name: str, fraction: float) -> Build:
    return lambda: zip_bytes(
        with_session(pack_files(), name, cut(tone(fmt, subtype, 19.1), fraction))
    )


DEEP = "x = " + "[" * 1000 + "]" * 1000 + "\n"
CASES = [
    pytest.param(
        _bomb,
        [
            "hostile.pfpack: unpacks to 480 MB, 223 times its size; over 100 times is refused as a "
            "possible zip bomb"
        ],
        id="zip-bomb-of-many-small-members",
    ),
    pytest.param(
        _cut_audio("OGG", "VORBIS", "audio/welcome.ogg", 4.0 / 19.1),
        ["audio/welcome.ogg: ends early (the file is cut short); copy or export it again"],
        id="vorbis-cut-from-19-to-4-seconds",
    ),
    pytest.param(
        _cut_audio("OGG", "OPUS", "audio/welcome.opus", 0.3),
        ["audio/welcome.opus: ends early (the file is cut short); copy or export it again"],
        id="opus-cut-to-30-percent",
    ),
    pytest.param(
        _session("cycles = 2", "minutes = 1e30"),
        [
            "sessions/soften.toml:13: step[1].minutes: value is out of range: 1e+30 minutes is "
            "more than a day; nothing in a session lasts that long"
        ],
        id="minutes-1e30",
    ),
    pytest.param(
        _extra(DEEP),
        [
            "pack.toml:9: nesting too deep: lists and { } tables are nested more than 10 levels "
            "here; check the brackets on this line"
        ],
        id="nesting-1000-deep-in-under-2-KB",
    ),
    pytest.param(
        _extra("limits = " + "9" * 5000 + "\n"),
        [
            "pack.toml:9: limits: value is out of range: this number has thousands of digits; "
            "write an ordinary number, like 30"
        ],
        id="a-5000-digit-integer",
    ),
    pytest.param(
        _extra('[[plan]]\nsession = "soften"\nweeks = 99999999999999999999\n'),
        ["pack.toml:11: plan[0].weeks: value is out of range; write an ordinary number, like 30"],
        id="an-integer-beyond-64-bits",
    ),
    pytest.param(
        _extra('[[plan]]\nsession = "soften"\nweeks = "70-80"\n'),
        ["pack.toml:11: plan[0].weeks: week 70 is past week 52, the longest a plan runs"],
        id="weeks-all-past-the-longest-plan",
    ),
    pytest.param(
        lambda: zip64_locator_at(2**63, with_sums(pack_files())),
        ["hostile.pfpack: is damaged (its table of contents is unreadable); build it again"],
        id="zip64-locator-offset-2-to-the-63",
    ),
    pytest.param(
        _manifest(version="1" * 5001 + ".0.0"),
        [
            f"pack.toml:3: version: '{'1' * 100}…' is not a valid version; write a version like "
            "'1.0.0' (major.minor.patch)"
        ],
        id="a-5001-digit-version",
    ),
    pytest.param(
        _big_manifest,
        ["pack.toml: is 64,005 bytes; it may be at most 64,000 bytes"],
        id="pack-toml-of-64005-bytes",
    ),
    pytest.param(
        _manifest(title="Release \u202egnp.exe"),
        [
            "pack.toml:4: title: contains an invisible text-direction control (U+202E), which can "
            "make text read differently from what it says; remove it"
        ],
        id="title-with-a-right-to-left-override",
    ),
    pytest.param(
        _manifest(title="Release\\u0000"),
        ["pack.toml:4: title: contains a control character (U+0000); remove it"],
        id="title-with-a-NUL",
    ),
    pytest.param(
        _manifest(author="\u200b\u200c\u2060"),
        ["pack.toml:5: author: the author is empty; write what the patient should see"],
        id="zero-width-author",
    ),
    pytest.param(
        _session('title = "Soften"', 'title = "\u200b"'),
        [
            "sessions/soften.toml:3: title: the title is empty; write the name shown in the "
            "session list"
        ],
        id="zero-width-session-title",
    ),
    pytest.param(
        _duplicate_sums_line,
        [
            "SHA256SUMS:4: lists audio/welcome.wav twice; build the pack again with "
            "`pfrelax pack build`"
        ],
        id="duplicate-line-in-SHA256SUMS",
    ),
    pytest.param(
        _joined,
        [
            "hostile.pfpack: has extra data before or after the archive (two files joined "
            "together, or a damaged download); ask for the pack again, or build it with "
            "`pfrelax pack build`"
        ],
        id="two-concatenated-zips",
    ),
    pytest.param(
        _member(".. /x"),
        [".. /x: has '.. ' in its path, which ends with a space or a dot; rename it"],
        id="member-dot-dot-space",
    ),
    pytest.param(
        _member("audio/a:b.wav"),
        ["audio/a:b.wav: has : in its name, which Windows does not allow; rename it"],
        id="member-with-a-colon",
    ),
    pytest.param(
        _member("nul"),
        ["nul: is named 'nul', a name Windows keeps for a device; rename it"],
        id="member-named-nul",
    ),
    pytest.param(
        _member("audio/CON.ogg"),
        ["audio/CON.ogg: is named 'CON.ogg', a name Windows keeps for a device; rename it"],
        id="member-named-CON",
    ),
    pytest.param(
        _member("audio/a\u202eb.txt"),
        ["audio/a\\u202eb.txt: has a control or invisible character in its name; rename it"],
        id="member-with-a-direction-override",
    ),
]


@pytest.mark.parametrize(("build", "expected"), CASES)
def test_install_refuses_with_the_exact_message_and_changes_nothing(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    build: Build,
    expected: list[str],
) -> None:
    pack = tmp_path / "hostile.pfpack"
    pack.write_bytes(build())
    before = snapshot(home)
    assert outcome(run_cli(capsys, "pack", "install", str(pack))) == refused(expected)
    assert snapshot(home) == before


@pytest.mark.parametrize(("build", "expected"), CASES)
def test_validate_refuses_with_the_same_message(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    build: Build,
    expected: list[str],
) -> None:
    pack = tmp_path / "hostile.pfpack"
    pack.write_bytes(build())
    before = snapshot(home)
    assert outcome(run_cli(capsys, "validate", str(pack))) == refused(expected)
    assert outcome(run_cli(capsys, "pack", "validate", str(pack))) == refused(expected)
    assert snapshot(home) == before


def test_a_refused_upgrade_leaves_the_installed_pack_byte_identical(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.pfpack"
    good.write_bytes(zip_bytes(pack_files()))
    assert run_cli(capsys, "pack", "install", str(good))[0] == 0
    before = snapshot(home)
    bad = tmp_path / "hostile.pfpack"
    bad.write_bytes(zip_bytes({**pack_files(version="2.0.0"), "nul": b"x"}))
    expected = ["nul: is named 'nul', a name Windows keeps for a device; rename it"]
    assert outcome(run_cli(capsys, "pack", "install", str(bad))) == refused(expected)
    assert snapshot(home) == before
