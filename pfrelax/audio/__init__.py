"""Cue synthesis, decoding, the mixer and output backends. No Qt."""
