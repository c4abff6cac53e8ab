"""Accessibility: contrast arithmetic, speech (self-voicing and the residents' voices), the plain
terminal route. Nothing here imports pygame, so the terminal player can use all of it."""
