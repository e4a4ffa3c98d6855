"""What every screen shares: theme, icons, labels, accessibility and the service bridge."""
