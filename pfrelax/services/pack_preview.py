"""A pack in plain words before anything is installed: who, message, sessions, plan, safety."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from pfrelax import paths
from pfrelax.core.plan import describe_entry
from pfrelax.core.prose import is_signed, reflow
from pfrelax.formats.pack import Pack
from pfrelax.formats.pack_manifest import version_key
from pfrelax.formats.pack_questions import (
    AuthorChangeRequired,
    author_of,
    installed_manifest,
    same_content,
    same_person,
)
from pfrelax.services import catalog
from pfrelax.store.models import InstalledPack


def installed_folder() -> Path:
    """Where installed packs live; looking never creates the folder."""
    return paths.data_dir() / "packs"


Change = Literal["new", "upgrade", "same", "replace", "downgrade"]
UNKNOWN_LENGTH = "—"
WIDER_LIMITS = (
    "Your physical therapist allowed wider limits in this pack: longer breaths or sessions than "
    "the app usually allows. Practise them the way they showed you."
)
HOLDS = "Some sessions include breath holds. Keep them soft, and skip them if they feel wrong."
UNKNOWN_AUTHOR = "an unknown author"
_REPLACE_LINE = (
    "Version {version} is already installed, but this file's content is different. Installing "
    "it replaces the installed files — your history and plan start date are kept."
)


@dataclass(frozen=True, slots=True)
class PackPreview:
    pack_id: str
    title: str
    version: str
    who: str  # "Alex Rivera, PT, DPT — Riverside Pelvic Health"
    author: str
    description: str
    message: str  # reflowed, without its signature line
    signature: str  # "— Alex": the PT's own, or their name from the pack when they signed none
    sessions: tuple[tuple[str, str], ...]  # (title, "10 min" | "—")
    plan_lines: tuple[str, ...]
    safety_lines: tuple[str, ...]
    change: Change
    change_line: str
    installed_version: str | None
    plan_started: date | None  # kept from the installed pack, if it was started
    # Another author's pack under the same id: both names, and installing needs an explicit yes.
    author_warning: str = ""
    installed_who: str = ""

    @property
    def install_label(self) -> str:
        if self.author_warning:
            return "Replace their pack"
        return {
            "new": "Install",
            "upgrade": f"Update to {self.version}",
            "same": "Install again",
            "replace": "Replace",
            "downgrade": f"Go back to {self.version}",
        }[self.change]


@dataclass(frozen=True, slots=True)
class OnDisk:
    """The installed pack under the same id, read from its folder (off the GUI thread)."""

    who: str  # "" when its pack.toml cannot be read
    same_content: bool


def on_disk(pack: Pack, packs: Callable[[], Path] = installed_folder) -> OnDisk | None:
    """What is installed in the `packs` folder under `pack`'s id, or None. Hashes the
    installed files: run it on a worker thread."""
    folder = packs() / pack.id
    if not folder.is_dir():
        return None
    manifest = installed_manifest(folder)
    # Only the same version needs the files compared (hashing a large pack takes a moment).
    same = manifest is not None and manifest.version == pack.version and same_content(pack, folder)
    return OnDisk(author_of(manifest), same)


def length_words(ms: int | None) -> str:
    """ "10 min", "45 s", or "—" when the length cannot be known."""
    if ms is None:
        return UNKNOWN_LENGTH
    if ms < 60_000:
        return f"{-(-ms // 1000)} s"
    return f"{round(ms / 60_000)} min"


def _session_length(pack: Pack, index: int) -> int | None:
    return catalog.length_ms(pack.sessions[index])


def preview_of(
    pack: Pack, installed: InstalledPack | None, disk: OnDisk | None = None
) -> PackPreview:
    titles = {session.id: session.title for session in pack.sessions}
    sessions = tuple(
        (session.title, length_words(_session_length(pack, i)))
        for i, session in enumerate(pack.sessions)
    )
    plan = tuple(f"{titles.get(e.session, e.session)} — {describe_entry(e)}" for e in pack.plan)
    change, line = _change(pack, installed)
    if change == "same" and disk is not None and not disk.same_content:
        change, line = "replace", _REPLACE_LINE.format(version=pack.version)
    warning = ""
    if installed is not None and disk is not None and not same_person(disk.who, pack):
        warning = str(AuthorChangeRequired(pack, installed.title, disk.who or UNKNOWN_AUTHOR))
    message, signature = _message(pack)
    return PackPreview(
        pack_id=pack.id,
        title=pack.title,
        version=pack.version,
        who=pack.author + (f" — {pack.organisation}" if pack.organisation else ""),
        author=pack.author,
        description=pack.description,
        message=message,
        signature=signature,
        sessions=sessions,
        plan_lines=plan,
        safety_lines=_safety(pack),
        change=change,
        change_line=line,
        installed_version=installed.version if installed else None,
        plan_started=installed.plan_started if installed else None,
        author_warning=warning,
        installed_who=(disk.who or UNKNOWN_AUTHOR) if warning and disk else "",
    )


def _message(pack: Pack) -> tuple[str, str]:
    """The message wrapped as the window wraps it, and one signature, never two."""
    text = reflow(pack.message)
    if not text:
        return "", ""
    if is_signed(text):
        body, _, signature = text.rpartition("\n")
        return body.strip(), signature.strip()
    return text, f"— {pack.author}"


def _change(pack: Pack, installed: InstalledPack | None) -> tuple[Change, str]:
    if installed is None:
        return "new", ""
    old, new = installed.version, pack.version
    kept = "your history and plan start date are kept"
    try:
        order = (version_key(new) > version_key(old)) - (version_key(new) < version_key(old))
    except ValueError:  # an installed record from an older app; treat it as an update
        order = 1
    if order > 0:
        return "upgrade", f"Update from {old} to {new} — {kept}."
    if order == 0:
        return "same", f"Version {new} is already installed; installing it again changes nothing."
    return "downgrade", (
        f"This is an older version ({new}) than the one you have ({old}). Installing it goes "
        f"back to {new} — {kept}."
    )


def _safety(pack: Pack) -> tuple[str, ...]:
    wider = pack.limits.name == "clinician"
    if not (pack.has_holds or wider):
        return ()
    lines = [HOLDS] if pack.has_holds else []
    lines += [f"{s.title}: {s.safety}" for s in pack.sessions if s.safety]
    return (*lines, WIDER_LIMITS) if wider else tuple(lines)
