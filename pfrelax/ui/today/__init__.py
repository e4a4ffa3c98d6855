"""Today: the plan's sessions for today and the PT's words."""
