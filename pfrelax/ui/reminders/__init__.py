"""Gentle reminders on this computer: the tray icon and the notification at the chosen times."""
