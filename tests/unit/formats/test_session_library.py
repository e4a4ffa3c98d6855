"""The session library: built-ins, pack sessions, addresses, and broken files set aside."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pfrelax import paths
from pfrelax.core.session import RestStep, Session
from pfrelax.formats.library import SessionLibrary, SessionNotFound
from pfrelax.formats.problems import SessionFileError

DATA = Path(__file__).parents[2] / "data" / "sessions"


def write_session(folder: Path, session_id: str, title: str, name: str = "") -> Path:
    path = folder / f"{name or session_id}.toml"
    path.write_text(
        f'pfrelax = 1\nid = "{session_id}"\ntitle = "{title}"\n'
        '[[step]]\ntype = "rest"\nseconds = 10\n',
        encoding="utf-8",
    )
    return path


def pack_session(pack_id: str, session_id: str, title: str = "Pack session") -> Session:
    return Session(
        session_id, title, (RestStep("Rest", 1000),), pack_id=pack_id, pack_version="1.0.0"
    )


@pytest.fixture
def builtin_dir(tmp_path: Path) -> Path:
    write_session(tmp_path, "zebra", "Zebra calm")
    write_session(tmp_path, "apple", "Apple breath")
    return tmp_path


def test_built_ins_are_listed_by_title_then_pack_sessions(builtin_dir: Path) -> None:
    library = SessionLibrary(builtin_dir, lambda: [pack_session("pt.pack", "release")])

    assert [s.address for s in library.sessions()] == ["apple", "zebra", "pt.pack/release"]


def test_a_broken_built_in_is_left_out_and_its_problems_kept(builtin_dir: Path) -> None:
    (builtin_dir / "broken.toml").write_text("pfrelax = 1\n", encoding="utf-8")
    library = SessionLibrary(builtin_dir)

    assert [s.id for s in library.sessions()] == ["apple", "zebra"]
    assert [str(p) for p in library.problems] == [
        f"{builtin_dir / 'broken.toml'}: missing required key 'id'",
        f"{builtin_dir / 'broken.toml'}: missing required key 'title'",
        f"{builtin_dir / 'broken.toml'}: a session needs at least one step; add a [[step]] table",
    ]


def test_sessions_are_cached_until_reload(builtin_dir: Path) -> None:
    library = SessionLibrary(builtin_dir)
    assert len(library.sessions()) == 2
    write_session(builtin_dir, "mango", "Mango")

    assert len(library.sessions()) == 2
    library.reload()
    assert len(library.sessions()) == 3


def test_find_by_builtin_id_pack_address_and_unique_pack_id(builtin_dir: Path) -> None:
    library = SessionLibrary(builtin_dir, lambda: [pack_session("pt.pack", "release")])

    assert library.find("apple").title == "Apple breath"
    assert library.find("pt.pack/release").pack_id == "pt.pack"
    assert library.find("release").pack_id == "pt.pack"


def test_a_builtin_id_wins_over_a_pack_session_of_the_same_id(builtin_dir: Path) -> None:
    library = SessionLibrary(builtin_dir, lambda: [pack_session("pt.pack", "apple")])
    assert library.find("apple").pack_id is None
    assert library.find("pt.pack/apple").pack_id == "pt.pack"


def test_an_id_in_two_packs_asks_for_the_pack(builtin_dir: Path) -> None:
    sessions = [pack_session("a.pack", "release"), pack_session("b.pack", "release")]
    library = SessionLibrary(builtin_dir, lambda: sessions)

    with pytest.raises(SessionNotFound) as caught:
        library.find("release")
    assert str(caught.value) == (
        "'release' is in more than one pack (a.pack/release, b.pack/release); write PACK/ID"
    )


def test_an_unknown_address_suggests_close_ones(builtin_dir: Path) -> None:
    with pytest.raises(SessionNotFound) as caught:
        SessionLibrary(builtin_dir).find("appel")
    assert str(caught.value) == (
        "no session 'appel'; did you mean 'apple'? (`pfrelax sessions` lists them all)"
    )
    assert isinstance(caught.value, LookupError)


def test_a_toml_path_is_read_as_a_session_file(builtin_dir: Path) -> None:
    library = SessionLibrary(builtin_dir)
    assert library.find(str(DATA / "evening-release.toml")).id == "evening-release"
    with pytest.raises(SessionFileError):
        library.find(str(DATA / "three-mistakes.toml"))
    with pytest.raises(SessionNotFound, match=r"^no session file 'missing\.toml'$"):
        library.find("missing.toml")


def test_a_duplicate_builtin_id_is_a_problem_not_a_second_entry(builtin_dir: Path) -> None:
    write_session(builtin_dir, "apple", "Apple again", name="apple-2")
    library = SessionLibrary(builtin_dir)

    assert [s.id for s in library.sessions()] == ["apple", "zebra"]
    assert [p.message for p in library.problems] == ["id 'apple' is already used by apple-2.toml"]


def test_the_builtin_library_reads_the_shipped_sessions() -> None:
    library = SessionLibrary(paths.builtin_sessions_dir())
    assert library.sessions()
    assert library.problems == []
    assert dataclasses.is_dataclass(library.find("coherent-5-5"))
