"""Building a `.pfpack` from a pack folder: checked, checksummed, and byte-for-byte reproducible.

The folder is copied to a private staging folder first, so the author's files are never changed:
phone recordings (m4a/AAC) are transcoded to Ogg Opus there when PyAV is installed (the
`authoring` extra), a fresh SHA256SUMS is written there, and the zip is written from it with
sorted names, fixed timestamps and permissions, and no extra fields, so the same folder always
gives the same bytes. The result is read back with the importer's own checks before it is kept.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from pfrelax.formats.pack import Pack, read_pack
from pfrelax.formats.pack_archive import opened
from pfrelax.formats.pack_checksums import CHECKSUMS, format_checksums
from pfrelax.formats.problems import PackError, Problem

AAC_SUFFIXES = (".m4a", ".aac", ".mp4")
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can store
_FILE_MODE = 0o100644  # a regular file, rw-r--r--
_CHUNK = 1 << 20
_OPUS_RATE = 48_000


def build_pack(folder: Path, output: Path, prepare: Callable[[Path], object] | None = None) -> Path:
    """Check `folder`, and write it as a `.pfpack` at `output`; PackError lists every problem.

    `prepare`, when given, may change the staged copy before it is checked (the natural voice
    records text-only narration there).
    """
    if not folder.is_dir():
        raise PackError([Problem(folder.name, "", "is not a folder; build a pack from its folder")])
    own_output = _output_inside(folder, output)
    with tempfile.TemporaryDirectory(prefix="pfrelax-build-") as work:
        staged = Path(work) / "pack"
        staged.mkdir()  # an empty folder is then told "pack.toml is missing", not "pack"
        _stage(folder, staged, skip=own_output)
        if prepare is not None:
            prepare(staged)
        pack = read_pack(staged)
        write_checksums(pack, staged)
        temp = output.with_name(f".{output.name}.partial")
        try:
            write_zip(staged, temp)
            read_pack(temp)  # the importer's own checks, on the very bytes we ship
            temp.replace(output)
        finally:
            temp.unlink(missing_ok=True)
    return output


def _output_inside(folder: Path, output: Path) -> str | None:
    """The output's name as a member of `folder` when it is written inside it, else None.

    A pack built into its own folder must not ship the previous build inside the next one, and
    must never overwrite one of the author's files (`-o pack.toml`).
    """
    try:
        name = output.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return None
    if (folder / name).exists() and not name.lower().endswith(".pfpack"):
        raise PackError(
            [
                Problem(
                    name,
                    "",
                    "is one of the pack's own files, so the build would overwrite it; "
                    f"write the pack to a .pfpack file beside the folder, e.g. "
                    f"-o {folder.resolve().name}.pfpack from the folder above it",
                )
            ]
        )
    return name


def _stage(folder: Path, staged: Path, skip: str | None = None) -> None:
    """Copy the folder's pack files (not dot-files, not `skip`) and convert AAC in the copy."""
    with opened(folder) as source:
        names = [name for name in source.members if name != skip]
    for name in names:
        target = staged / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / name, target)
    (staged / CHECKSUMS).unlink(missing_ok=True)  # rebuilt from what is actually shipped
    aac = [name for name in names if name.lower().endswith(AAC_SUFFIXES)]
    if aac:
        _convert_aac(staged, aac)


def _convert_aac(staged: Path, names: list[str]) -> None:
    try:
        import av  # noqa: F401  # optional: the `authoring` extra
    except ImportError:
        raise PackError([Problem(name, "", _aac_hint(name)) for name in names]) from None
    renames: dict[str, str] = {}
    for name in names:
        ogg = str(Path(name).with_suffix(".ogg").as_posix())
        if (staged / ogg).exists():
            message = f"both {name} and {ogg} exist; remove one of them"
            raise PackError([Problem(name, "", message)])
        transcode_to_ogg(staged / name, staged / ogg)
        (staged / name).unlink()
        renames[name] = ogg
    for session in sorted((staged / "sessions").glob("*.toml")):
        text = session.read_text(encoding="utf-8")
        for old, new in renames.items():
            # Only quoted references: a word in a sentence that happens to match is left alone.
            text = re.sub(rf"([\"']){re.escape(old)}\1", rf"\g<1>{new}\g<1>", text)
        session.write_text(text, encoding="utf-8")


def _aac_hint(name: str) -> str:
    stem = Path(name).with_suffix("").as_posix()
    return (
        f"is AAC audio (a phone recording), which pfrelax cannot play; convert it with "
        f"`ffmpeg -i {name} {stem}.ogg` and name the .ogg in the session, or "
        "install the authoring extra (`make run` does; in the pfrelax folder: "
        "`.venv/bin/pip install -c constraints.txt -e '.[authoring]'`) and the build converts it "
        "for you"
    )


def transcode_to_ogg(source: Path, target: Path) -> None:
    """Decode `source` with PyAV and encode it as Ogg Opus at `target` (libsndfile plays it).

    Opus rather than Vorbis: PyAV's wheels ship libopus but not libvorbis. Opus runs at 48 kHz,
    which is also the mixer's rate, so playback needs no resampling.
    """
    import av

    # bitexact: no random Ogg serial number or encoder tag, so a rebuild gives the same bytes.
    output = av.open(str(target), "w", format="ogg", options={"fflags": "+bitexact"})
    with av.open(str(source)) as inp, output as out:
        audio_in = inp.streams.audio[0]
        layout = "mono" if audio_in.channels == 1 else "stereo"
        audio_out = out.add_stream("libopus", rate=_OPUS_RATE, layout=layout)
        audio_out.bit_rate = 64_000 if layout == "mono" else 96_000  # clear speech, small files
        resampler = av.AudioResampler(format="flt", layout=layout, rate=_OPUS_RATE)
        for frame in [*inp.decode(audio_in), None]:
            for converted in resampler.resample(frame):
                converted.pts = None
                out.mux(audio_out.encode(converted))
        out.mux(audio_out.encode(None))


def write_checksums(pack: Pack, folder: Path) -> None:
    """SHA256SUMS in `folder`: "<hex>  <path>" for every file of `pack`, sorted by path."""
    text = format_checksums({name: file.sha256 for name, file in pack.files.items()})
    (folder / CHECKSUMS).write_text(text, encoding="utf-8", newline="\n")


def write_zip(folder: Path, output: Path) -> None:
    """Zip every file under `folder` (no dot-files) deterministically into `output`."""
    with opened(folder) as source:
        names = sorted(source.members)
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            path = folder / name
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.create_system = 3  # Unix, so the permission bits below are read as such
            info.external_attr = _FILE_MODE << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.file_size = path.stat().st_size  # known up front: no zip64 extra field needed
            # ZipFile.open ignores the archive's level for a ZipInfo; this is its own field.
            info._compresslevel = 9  # type: ignore[attr-defined]
            with path.open("rb") as data, archive.open(info, "w") as member:
                shutil.copyfileobj(data, member, _CHUNK)
