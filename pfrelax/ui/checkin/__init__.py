"""Around a session: the before/after check-ins, their rating scales and the run's flow."""
