"""The player's own look on top of the app theme: quiet labels, notes, captions, chapters."""

from __future__ import annotations

from pfrelax.ui.common.theme import Palette


def player_sheet(palette: Palette) -> str:
    return f"""
    QLabel[quiet="true"] {{ color: {palette.quiet_text}; }}
    QLabel[paused="true"] {{ color: {palette.accent}; }}
    QLabel[countin="disc"] {{ color: {palette.background}; }}
    QLabel[countin="plain"] {{ color: {palette.text}; }}
    QPushButton[link="true"] {{
        border: none;
        background: transparent;
        color: {palette.accent};
        text-decoration: underline;
    }}
    QPushButton[link="true"]:focus {{ border: 2px solid {palette.accent}; border-radius: 6px; }}
    QLabel[note="true"] {{
        background-color: {palette.surface};
        border-radius: 10px;
        padding: 0.7em 1em;
    }}
    QLabel[caption="true"][showing="true"] {{
        background-color: {palette.surface};
        border-radius: 10px;
    }}
    QListWidget#steps {{ background: transparent; border: none; padding: 0; }}
    QListWidget#steps::item {{
        color: {palette.quiet_text};
        padding: 0.25em 0.9em;
        border-radius: 0.9em;
    }}
    QListWidget#steps::item:selected {{
        background-color: {palette.surface};
        color: {palette.text};
    }}
    """
