"""Pure-Python heart of pfrelax: patterns, sessions, the timeline and the transport. No Qt."""
