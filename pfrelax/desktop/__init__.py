"""Fitting into the person's computer without Qt: the local time zone, starting with the system."""
