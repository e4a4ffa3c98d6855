"""How big a pack may be: the documented limits an importer enforces before trusting a byte.

The same numbers are listed for authors in docs/authoring.md; change both together. Sizes are in
decimal megabytes (1 MB = 1,000,000 bytes) because that is what a file manager shows a PT.
"""

from __future__ import annotations

from pfrelax.core import text_rules

KB = 1_000
MB = 1_000_000

# A 20-week programme with a dozen sessions and their narration is well under a hundred files;
# a few thousand leaves room while keeping a central directory small enough to read at once.
MAX_MEMBERS = 2_000
# An hour of 48 kHz stereo 16-bit WAV is ~690 MB, so long narration must be ogg/mp3/flac: 200 MB
# holds several hours of those.
MAX_MEMBER_BYTES = 200 * MB
MAX_TOTAL_BYTES = 500 * MB
# Audio barely compresses; text compresses about 3–10:1. Anything over 100:1 that is bigger
# than 1 MB is almost certainly a zip bomb rather than a pack.
MAX_RATIO = 100
RATIO_APPLIES_ABOVE_BYTES = 1 * MB
# The central directory of 2,000 members with long names is well under this; a bigger one is
# refused before it is parsed, so even its parsing is bounded.
MAX_CENTRAL_DIRECTORY_BYTES = 4 * MB
MAX_NAME_CHARS = 255

# Recordings: each is decoded to its end when a pack is checked; a pack of a dozen sessions
# has an hour or two. The cap bounds how long checking can take (a few minutes at worst).
MAX_TOTAL_AUDIO_MS = 10 * 60 * 60 * 1000

MAX_MANIFEST_BYTES = 64 * KB
MAX_SESSION_FILE_BYTES = 256 * KB
MAX_CHECKSUMS_BYTES = 1 * MB
MAX_CAPTIONS_BYTES = 1 * MB

# Plans: a week number counts from the day the patient starts; a year is plenty for one pack.
MAX_PLAN_WEEK = 52
MAX_TIMES_PER_DAY = 6
MAX_TEXT_CHARS = 2_000  # description and message: a few paragraphs
MAX_LINE_CHARS = text_rules.MAX_LINE_CHARS  # title, author, organisation, a plan note


def format_sizes(size: int, limit: int) -> tuple[str, str]:
    """`size` and `limit` for "is X; it may be at most Y": exact bytes when rounding would make
    them look equal ("is 64 KB; it may be at most 64 KB" helps nobody)."""
    shown, most = format_size(size), format_size(limit)
    if shown == most:
        return f"{size:,} bytes", f"{limit:,} bytes"
    return shown, most


def format_size(size: int) -> str:
    """12 bytes, 640 KB, 1.2 MB, 201 MB: how big a file is, in a file manager's words."""
    if size < KB:
        return f"{size} bytes" if size != 1 else "1 byte"
    if size < MB:
        return f"{size / KB:.0f} KB"
    if size < 10 * MB:
        return f"{size / MB:.1f} MB"
    return f"{size / MB:,.0f} MB"
