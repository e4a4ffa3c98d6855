"""The pack studio: a PT makes or changes a pack for a patient, offline, without a text editor."""
