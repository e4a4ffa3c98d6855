"""From a problem's key path to the field it is about: the Check tab's jump to the exact place."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pfrelax.ui.studio.sessions_form import SessionsForm

if TYPE_CHECKING:
    from pfrelax.ui.studio.studio_window import StudioWindow

_STEP_FIELD = re.compile(r"step\[(\d+)\]\.?([a-z_]*)")
_ITEM_FIELD = re.compile(r"checkin\.item\[(\d+)\]\.?([a-z_]*)")


def top_key(key: str) -> str:
    """ "title" for "title", "plan" for "plan[2].weeks", "pattern" for "pattern.exhale"."""
    return re.split(r"[.\[]", key, maxsplit=1)[0]


def go_to_manifest_problem(window: StudioWindow, key: str) -> None:
    """A `pack.toml` problem: its check-in question's field, or its field on the Pack tab."""
    if key.startswith("checkin"):
        window.tabs.setCurrentWidget(window.checkin)
        match = _ITEM_FIELD.match(key)
        if match:
            window.checkin.focus_field(int(match.group(1)), match.group(2))
        else:
            window.checkin.focus_lists()
        return
    window.tabs.setCurrentWidget(window.details)
    field = window.details.fields.get(top_key(key))
    if field is not None:
        field.setFocus()


def go_to_session_field(sessions: SessionsForm, key: str) -> None:
    """A session file's problem, its session already chosen: the step's field, or the session's."""
    match = _STEP_FIELD.match(key)
    if match:
        sessions.select_step(int(match.group(1)))
        if not sessions.step_form.focus_field(match.group(2)):
            sessions.steps.setFocus()
        return
    field = sessions.fields.get(top_key(key))
    if field is not None:
        field.setFocus()
    elif top_key(key) == "safety":
        _go_to_safety_note(sessions)


def _go_to_safety_note(sessions: SessionsForm) -> None:
    """The note a contraction needs is typed on its pelvic floor step: go to that step."""
    for row in range(sessions.steps.count()):
        sessions.select_step(row)
        if sessions.step_form.focus_field("safety"):
            return
    sessions.steps.setFocus()
