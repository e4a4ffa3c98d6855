"""Sub-commands of `pfrelax`; each module has `register(subparsers)` and never imports Qt at import."""
