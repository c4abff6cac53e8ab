"""The window's own timer events never arrive as a pygame_gui button press, even when their
types are taken after an earlier window closed (pygame.quit() resets pygame's counter)."""

from __future__ import annotations

import importlib

import pygame
import pygame_gui

from simulator.window import events


def test_types_taken_after_a_quit_are_none_of_pygame_guis():
    pygame.init()
    pygame.quit()  # the counter starts again at pygame_gui's first number
    fresh = importlib.reload(events)
    gui = {v for k, v in vars(pygame_gui).items() if k.startswith("UI_") and isinstance(v, int)}
    assert pygame_gui.UI_BUTTON_PRESSED in gui
    assert fresh.AUTO_DONE not in gui and fresh.TOAST_DONE not in gui
    assert fresh.AUTO_DONE != fresh.TOAST_DONE
