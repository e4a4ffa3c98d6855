"""Sub-commands of `pfrelax`: each module has `register(subparsers)` and imports Qt only to run."""
