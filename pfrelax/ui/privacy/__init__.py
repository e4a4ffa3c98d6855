"""Privacy: the app lock, its neutral lock screen, the passphrase dialog and discreet mode."""
