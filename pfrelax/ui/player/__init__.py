"""The session player: the breathing picture, its words, the bottom bar and the sound."""
