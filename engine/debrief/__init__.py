"""Debrief data: the game review, what to work on, self-rating, progress and the seed's texts."""
