"""The installed menu entry goes by the app's name now ("Calm" in discreet mode)."""

from __future__ import annotations

import logging

from pfrelax.desktop.menu_entry import InstalledMenuEntry

log = logging.getLogger(__name__)


def name_menu_entry(discreet: bool, entry: InstalledMenuEntry | None = None) -> bool:
    """Rename the menu entry install.sh wrote (if there is one of ours) for `discreet`; True
    when it was rewritten. A file that cannot be read or replaced is logged and left as it is:
    the app's own name has changed already, and the next start tries again."""
    entry = entry or InstalledMenuEntry()
    try:
        return entry.follow_discreet(discreet)
    except (OSError, UnicodeDecodeError) as error:
        log.warning("menu entry %s left as it was: %s", entry.path, error)
        return False
