"""Thousands of random keys, clicks, wheel turns and resizes: the window must never fall over."""

from __future__ import annotations

import random

import pygame
import pytest

from simulator.window.pilot import open_app

KEYS = ["1", "2", "3", "4", "5", "9", "b", "l", "x", "return", "space", "escape", "up", "down", "left", "right",
        "tab", "page up", "page down", "home", "end"]
SIZES = [(800, 600), (1280, 720), (1920, 1080), (1024, 768)]


def random_event(rnd: random.Random, size: tuple[int, int]) -> pygame.event.Event:
    roll = rnd.random()
    pos = (rnd.randrange(size[0]), rnd.randrange(size[1]))
    if roll < 0.55:
        name = rnd.choice(KEYS)
        code = pygame.key.key_code(name)
        return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=name if len(name) == 1 else "",
                                  scancode=0, window=None)
    if roll < 0.9:
        return pygame.event.Event(pygame.MOUSEBUTTONUP if rnd.random() < 0.5 else pygame.MOUSEBUTTONDOWN,
                                  pos=pos, button=1, touch=False, window=None)
    if roll < 0.97:
        return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rnd.choice((-2, -1, 1, 2)), flipped=False,
                                  precise_x=0.0, precise_y=1.0, touch=False, window=None)
    w, h = rnd.choice(SIZES)
    return pygame.event.Event(pygame.VIDEORESIZE, w=w, h=h, size=(w, h), window=None)


@pytest.mark.slow
@pytest.mark.parametrize("seed, events", [(1, 800), pytest.param(2, 4000, marks=pytest.mark.slow)])
def test_random_input_never_raises(seed, events):
    """A fixed number of events per seed (not a time budget): the same run on any machine."""
    rnd = random.Random(seed)
    app, pilot = open_app(size=(1280, 720), text_speed=rnd.choice(["instant", "fast"]), persist=False)
    sent, scenes = 0, set()
    try:
        while sent < events:
            if not app.running:  # the monkey quit: start again
                app.close()
                app, pilot = open_app(size=(1280, 720), text_speed="instant", persist=False)
            batch = rnd.randrange(1, 12)
            for _ in range(batch):
                event = random_event(rnd, app.size)
                if event.type == pygame.MOUSEBUTTONDOWN:
                    pygame.mouse.set_pos(event.pos)
                pygame.event.post(event)
            sent += batch
            pilot.step(rnd.choice((1, 1, 2, 5)))
            scenes.add(type(app.top).__name__)
        assert len(scenes) >= 3, scenes  # the monkey got past the start screen, not only into a corner
    finally:
        app.close()
