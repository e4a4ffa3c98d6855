"""Heart rate biofeedback, pure: the 0x2A37 parser, RR cleaning, per-run figures, the finder."""
