"""A PT's pack: choosing, previewing, installing, and the problems that stop it."""
