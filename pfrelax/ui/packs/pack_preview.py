"""A pack shown before anything is installed: who it is from, their message, sessions, plan, safety.

`preview_of` turns a checked Pack (and what is installed under its id) into plain words; the
dialog only lays them out. An older version than the one installed is never installed quietly:
the dialog says so and its button names the step back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

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
from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.texts import APP_TITLE
from pfrelax.ui.common.theme import Palette, mix, scaled_font

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


def on_disk(pack: Pack) -> OnDisk | None:
    """What is installed under `pack`'s id, or None. Hashes the installed files: run it on a
    worker thread."""
    folder = paths.data_dir() / "packs" / pack.id  # looking never creates the folder
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


def _label(text: str, *, quiet: bool = False, scale: float = 1.0) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a pack's text is text, never markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if scale != 1.0:
        label.setFont(scaled_font(label.font(), scale))
    if quiet:
        label.setProperty("quiet", True)
    return label


class PackPreviewDialog(QDialog):
    """Install or cancel; `start_plan_today()` says whether to start the plan on install."""

    def __init__(
        self, preview: PackPreview, palette: Palette | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(f"Install a pack — {APP_TITLE}")
        self.start_plan = QCheckBox("Start the plan today")
        name(self.start_plan, "Start the plan today", "Week 1 of the plan begins today")
        self.start_plan.setChecked(True)
        # Only a plan not started yet can start today; an update keeps the day it started.
        self._offers_start = bool(preview.plan_lines) and preview.plan_started is None
        self.start_plan.setVisible(self._offers_start)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.install_button = QPushButton(preview.install_label)
        self.install_button.setProperty("accent", True)
        # Another author's pack: Cancel stays the default, and Replace waits for the tick.
        self.trust_author = QCheckBox(
            f"I trust this file: replace the pack from {preview.installed_who}"
        )
        self.trust_author.setVisible(bool(preview.author_warning))
        self._allow_install(not preview.author_warning)
        self.trust_author.toggled.connect(self._allow_install)
        name(self.install_button, preview.install_label, f"Install {preview.title}")
        buttons.addButton(self.install_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        default = self.cancel_button if preview.author_warning else self.install_button
        for button in (self.install_button, self.cancel_button):
            button.setAutoDefault(False)  # Return presses the default, whatever has focus
        default.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._body())
        column = QVBoxLayout(self)
        em = self.fontMetrics().height()
        column.setContentsMargins(em * 2, em * 2, em * 2, round(em * 1.5))
        column.setSpacing(em)
        column.addWidget(scroll, 1)
        column.addWidget(self.trust_author)
        column.addWidget(self.start_plan)
        column.addWidget(buttons)
        self.resize(em * 44, em * 46)
        if palette is not None:
            self.set_palette(palette)

    def _allow_install(self, allowed: bool) -> None:
        # The accent colour says "this is the way on": not while the button waits for a tick.
        self.install_button.setEnabled(allowed)
        self.install_button.setProperty("accent", allowed)
        self.install_button.style().unpolish(self.install_button)
        self.install_button.style().polish(self.install_button)

    def start_plan_today(self) -> bool:
        return self._offers_start and self.start_plan.isChecked()

    def set_palette(self, palette: Palette) -> None:
        border = mix(palette.color("surface"), palette.color("text"), 0.12).name()
        self.setStyleSheet(
            f"""QLabel[quiet="true"] {{ color: {palette.quiet_text}; }}
            QLabel[message="true"] {{ border: none; border-left: 3px solid {palette.accent};
                padding: 0.3em 0 0.3em 0.9em; }}
            QFrame#previewNote {{ background-color: {palette.surface};
                border: 1px solid {border}; border-radius: 12px; }}"""
        )

    # --- layout -------------------------------------------------------------------------------
    def _body(self) -> QWidget:
        p = self.preview
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, self.fontMetrics().height(), 0)
        column.setSpacing(round(self.fontMetrics().height() * 0.5))
        self.title_label = _label(p.title, scale=1.5)
        self.title_label.setFont(scaled_font(self.font(), 1.5, QFont.Weight.Light))
        column.addWidget(self.title_label)
        self.who_label = _label(f"From {p.who} · version {p.version}", quiet=True)
        column.addWidget(self.who_label)
        self.author_warning_label: QLabel | None = None
        if p.author_warning:  # first, where it cannot be missed
            note, labels = self._note("This pack is from someone else", (p.author_warning,))
            self.author_warning_label = labels[0]
            column.addWidget(note)
        self.change_label = _label(p.change_line)
        self.change_label.setVisible(bool(p.change_line))
        column.addWidget(self.change_label)
        if p.description:
            column.addWidget(_label(p.description))
        self.message_label = _label(f"“{p.message}”\n{p.signature}", scale=1.1)
        self.message_label.setProperty("message", True)
        self.message_label.setVisible(bool(p.message))
        column.addWidget(self.message_label)
        if p.safety_lines:  # before the sessions, where it cannot be missed
            column.addSpacing(round(self.fontMetrics().height() * 0.4))
            note, self.safety_labels = self._note("Before you practise", p.safety_lines)
            column.addWidget(note)
        self._section(column, "Sessions")
        self.session_rows: list[tuple[QLabel, QLabel]] = []
        for title, length in p.sessions:
            row = QHBoxLayout()
            pair = (_label(title), _label(length, quiet=True))
            row.addWidget(pair[0], 1)
            row.addWidget(pair[1], 0, Qt.AlignmentFlag.AlignTop)
            self.session_rows.append(pair)
            column.addLayout(row)
        if p.plan_lines:
            self._section(column, "The plan (week 1 begins on the day you start)")
            self.plan_labels = [_label(line) for line in p.plan_lines]
            for label in self.plan_labels:
                column.addWidget(label)
        column.addStretch(1)
        return body

    def _section(self, column: QVBoxLayout, heading: str) -> None:
        label = _label(heading, quiet=True)
        label.setFont(scaled_font(self.font(), 1.0, QFont.Weight.DemiBold))
        column.addSpacing(round(self.fontMetrics().height() * 0.6))
        column.addWidget(label)

    def _note(self, title: str, lines: tuple[str, ...]) -> tuple[QFrame, list[QLabel]]:
        note = QFrame()
        note.setObjectName("previewNote")
        inner = QVBoxLayout(note)
        em = self.fontMetrics().height()
        inner.setContentsMargins(em, round(em * 0.8), em, round(em * 0.8))
        heading = _label(title)
        heading.setFont(scaled_font(self.font(), 1.0, QFont.Weight.DemiBold))
        inner.addWidget(heading)
        labels = [_label(line) for line in lines]
        for label in labels:
            inner.addWidget(label)
        return note, labels
