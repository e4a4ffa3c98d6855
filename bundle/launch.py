"""The bundled app's entry point: the same `pfrelax` command a checkout runs."""

import sys

from pfrelax.cli import main

if __name__ == "__main__":
    sys.exit(main())
