"""Run by test_conversion_killed: turns encryption on and off for ever, saying each step."""

from __future__ import annotations

import sys
from pathlib import Path

from pfrelax.store.cipher import DatabaseKey, is_encrypted
from pfrelax.store.convert import convert

KEY = DatabaseKey(bytes(range(32)), bytes(range(100, 116)))


def say(step: str) -> None:
    sys.stdout.write(step + "\n")
    sys.stdout.flush()


def main(path: Path) -> None:
    say("ready")
    while True:
        if is_encrypted(path):
            convert(path, KEY, None, say)
        else:
            convert(path, None, KEY, say)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
