"""A pack's media stage: every recording decodes (its length measured), captions are WebVTT."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Mapping
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from pfrelax.core.session import Session, SpeakStep
from pfrelax.formats import pack_limits as lim
from pfrelax.formats.pack_archive import MemberReadError, PackSource, copy_member, read_member
from pfrelax.formats.pack_limits import format_sizes
from pfrelax.formats.problems import Problem
from pfrelax.formats.session_steps import CAPTION_SUFFIXES, PLAYABLE_AUDIO


class MediaCheck:
    """Checks a pack's media into the reader's `problems`; installing (a `stage`), it also
    measures each recording's loudness into `levels`."""

    def __init__(
        self,
        source: PackSource,
        stage: Path | None,
        problems: list[Problem],
        levels: dict[str, tuple[float, float]],
    ) -> None:
        self.source = source
        self.stage = stage
        self.problems = problems
        self.levels = levels

    @contextmanager
    def _on_disk(self, name: str) -> Iterator[Path]:
        """Member `name` as a file the decoders can open: in the stage or the folder, else
        unpacked alone into a private temporary folder that is gone afterwards (validating a
        zip never unpacks the whole pack to disk)."""
        root = self.stage if self.stage is not None else self.source.root
        if root is not None:
            yield root / name
            return
        with tempfile.TemporaryDirectory(prefix="pfrelax-probe-") as work:
            target = Path(work) / ("member" + PurePosixPath(name).suffix.lower())
            copy_member(self.source, name, target)
            yield target

    def check(self, sessions: list[Session], read: AbstractSet[str]) -> dict[str, int]:
        """Decode every audio file that was `read` (its length in ms by name) and check every
        captions file; problems go to the reader's list."""
        from pfrelax.audio.decode import AudioDecodeError  # decoders load only when needed
        from pfrelax.audio.probe import check_and_measure, check_audio

        # Every audio file is decoded, named by a session or not: a session that failed to
        # parse must not hide its broken narration from the list of problems.
        audio, captions = media_names(sessions)
        audio |= {n for n in self.source.members if n.lower().endswith(PLAYABLE_AUDIO)}
        captions |= {n for n in self.source.members if n.lower().endswith(CAPTION_SUFFIXES)}
        lengths: dict[str, int] = {}
        for name in sorted(audio & read):
            try:
                with self._on_disk(name) as file:
                    if self.stage is None:
                        lengths[name] = check_audio(file, name)
                    else:  # installing: measure loudness in the same decoding pass
                        lengths[name], lufs, peak = check_and_measure(file, name)
                        self.levels[name] = (lufs, peak)
            except AudioDecodeError as error:
                message = str(error).removeprefix(f"{name}: ")
                self.problems.append(Problem(name, "", message))
            except MemberReadError as error:
                self.problems.append(Problem(name, "", str(error)))
        self._check_total_audio(lengths)
        for name in sorted(captions & read):
            self._check_captions(name)
        return lengths

    def _check_total_audio(self, lengths: Mapping[str, int]) -> None:
        total = sum(lengths.values())
        if total > lim.MAX_TOTAL_AUDIO_MS:
            hours = lim.MAX_TOTAL_AUDIO_MS // 3_600_000
            message = (
                f"holds {total / 3_600_000:.1f} hours of recordings; a pack may hold at most "
                f"{hours} hours"
            )
            self.problems.append(Problem(self.source.label, "", message))

    def _check_captions(self, name: str) -> None:
        size = self.source.members[name].size
        if size > lim.MAX_CAPTIONS_BYTES:
            shown, limit = format_sizes(size, lim.MAX_CAPTIONS_BYTES)
            message = f"is {shown}; a captions file may be at most {limit}"
            self.problems.append(Problem(name, "", message))
            return
        try:
            head = read_member(self.source, name, lim.MAX_CAPTIONS_BYTES)[:16]
        except MemberReadError as error:
            self.problems.append(Problem(name, "", str(error)))
            return
        if not head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
            self.problems.append(
                Problem(name, "", "is not a WebVTT file; its first line must be WEBVTT")
            )


def media_names(sessions: list[Session]) -> tuple[set[str], set[str]]:
    """The recordings and the captions files `sessions` name."""
    audio: set[str] = set()
    captions: set[str] = set()
    for session in sessions:
        if session.ambient:
            audio.add(session.ambient)
        for step in session.steps:
            if isinstance(step, SpeakStep):
                audio.update([step.audio] if step.audio else [])
                captions.update([step.captions] if step.captions else [])
    return audio, captions
