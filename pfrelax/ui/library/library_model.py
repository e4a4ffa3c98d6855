"""The library's list model: sessions (grouped under their pack, if any) and a text/tag filter.

A PT's packs come first, each under its title and author; the built-in sessions follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)

if TYPE_CHECKING:  # imported on first use (session_of): the first paint has no sessions
    from pfrelax.core.session import Session

# Qt.ItemDataRole.UserRole is 256: by number, as the module is imported before the first paint
# (see ui/common/early_enums.py).
USER_ROLE = 256
SESSION_ROLE = USER_ROLE + 1
HEADER_ROLE = USER_ROLE + 2
MINUTES_ROLE = USER_ROLE + 3
DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole

ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Row:
    """A session, or (session None) the header above a pack's sessions."""

    header: str
    session: Session | None = None
    minutes: int | None = None


MY_SESSIONS = "My sessions"


def session_minutes(session: Session) -> int | None:
    """Whole minutes (at least 1), or None when the length cannot be known."""
    from pfrelax.services import catalog  # with the sessions, after the first paint

    length_ms = catalog.length_ms(session)
    return None if length_ms is None else max(1, round(length_ms / 60_000))


def pack_heading(session: Session) -> str:
    """The pack's title and its author, as the PT wrote them in the pack's manifest; a
    manifest that could no longer be read gives the pack's id, so the group still has a name."""
    title = session.pack_title or f"From pack {session.pack_id}"
    return f"{title} · from {session.pack_author}" if session.pack_author else title


def build_rows(sessions: list[Session]) -> list[Row]:
    """Each pack's sessions under a header with its title and author, then the person's own
    ("My sessions"), then the built-ins."""
    packs: dict[str, list[Session]] = {}
    for session in sessions:
        if session.pack_id:
            packs.setdefault(session.pack_id, []).append(session)
    rows: list[Row] = []
    for pack_id, members in packs.items():
        rows.append(Row(pack_heading(members[0])))
        rows.extend(Row(pack_id, s, session_minutes(s)) for s in members)
    mine = [s for s in sessions if s.personal]
    if mine:
        rows.append(Row(MY_SESSIONS))
        rows.extend(Row("", s, session_minutes(s)) for s in mine)
    if packs or mine:
        rows.append(Row("Built-in sessions"))
    rows.extend(
        Row("", s, session_minutes(s)) for s in sessions if not s.pack_id and not s.personal
    )
    return rows


class SessionListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_sessions(self, sessions: list[Session]) -> None:
        self.beginResetModel()
        self._rows = build_rows(sessions)
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        session = row.session
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            return row.header if session is None else session.title
        if role == QtCore.Qt.ItemDataRole.AccessibleTextRole:
            return row.header if session is None else _spoken(session, row.minutes)
        if role == QtCore.Qt.ItemDataRole.ToolTipRole and session is not None:
            return session.summary
        if role == SESSION_ROLE:
            return session
        if role == HEADER_ROLE:
            return session is None
        if role == MINUTES_ROLE:
            return row.minutes
        return None

    def flags(self, index: ModelIndex) -> QtCore.Qt.ItemFlag:
        if not index.isValid() or self._rows[index.row()].session is None:
            return QtCore.Qt.ItemFlag.NoItemFlags  # headers are not choosable
        return QtCore.Qt.ItemFlag.ItemIsEnabled | QtCore.Qt.ItemFlag.ItemIsSelectable


def session_of(value: object) -> Session | None:
    """`value` (a row's SESSION_ROLE data) if it is a session, else None. The session types are
    imported on first use: the window's first paint, with no sessions yet, does without them
    (~10 ms of the start)."""
    if value is None:
        return None
    from pfrelax.core.session import Session

    return value if isinstance(value, Session) else None


def _spoken(session: Session, minutes: int | None) -> str:
    length = f", {minutes} minutes" if minutes else ""
    return f"{session.title}{length}. {session.summary}"


def matches(session: Session, text: str, tag: str) -> bool:
    """Every word of `text` appears in the title, summary, tags or id; and it has `tag`."""
    if tag and tag not in session.tags:
        return False
    haystack = " ".join((session.title, session.summary, session.id, *session.tags)).casefold()
    return all(word in haystack for word in text.casefold().split())


class SessionFilter(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._tag = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_tag(self, tag: str) -> None:
        self.beginFilterChange()
        self._tag = tag
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, SessionListModel):
            return True
        row = model.row_at(source_row)
        if row.session is not None:
            return matches(row.session, self._text, self._tag)
        # A pack header shows while any of its sessions does.
        for index in range(source_row + 1, model.rowCount()):
            below = model.row_at(index)
            if below.session is None:
                return False
            if matches(below.session, self._text, self._tag):
                return True
        return False
