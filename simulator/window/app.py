"""The window: one pygame display, one pygame_gui manager, a small stack of scenes.

The frame loop sleeps when nothing moves: with no typewriter, transition or recent
input it looks at the event queue once per display frame and sleeps in between, drawing
nothing unless an event came, and only ticks the clock at 60 fps while something
animates. ``frame(events, dt)`` is the whole of one
frame, so tests drive the app by posting events and calling it with a fixed ``dt``.

The stack: the bottom scene is a full screen (start, briefing, meeting, ...); overlays
(menu, confirmation) sit on top of it, dimming it. Only the top scene gets keys and
button presses. Every scene can rebuild its widgets at any time — on a resize, a new
language or text size — because it keeps its state apart from its widgets.

Getting it going (settings, the journal, ``--resume``) is ``startup``'s job, so this
module is the window alone and a test can open one with whatever journal it likes. The
routes between screens that the scenes call (``open_card``, ``show_play``, ...) are
``navigation``'s.
"""

from __future__ import annotations

import gc
import time
import warnings
from typing import Optional

import pygame
import pygame_gui
from pygame_gui.core.utility import set_default_manager

from simulator import settings as settings_mod
from simulator.journal import Journal
from simulator.settings import Settings
from simulator.window import motion, theme
from simulator.window.hotreload import hot_reload
from simulator.window.journal_later import LateJournal, catch_up
from simulator.window.launch import icon as window_icon
from simulator.window.launch import window_size
from simulator.window.layout import MIN_WINDOW, height_factor
from simulator.window.navigation import Navigation
from simulator.window.play import Play
from simulator.window.scene import Scene
from simulator.window.sound import SoundPlayer
from simulator.window.theme import build_theme
from simulator.window.voicing import Voicing
from simulator.window.widgets import Fonts

FPS = 60
# How long the idle loop sleeps between looks at the event queue: one display frame, so
# the first key or click after a pause is answered within a frame. pygame's own
# ``event.wait`` looks every millisecond (``SDL_Delay(1)`` in a loop), about 3 % of a
# core for a window doing nothing; looking 60 times a second costs a third of that.
IDLE_POLL_S = 1 / FPS
SETTLE_AFTER_INPUT = 0.5  # keep drawing this long after input (hover fades, wheel scrolling)


def draw_focus_ring(screen: pygame.Surface, rect: pygame.Rect) -> None:
    """The keyboard focus: a ring in the palette's focus colour, 3 px, with a 1 px ring of paper inside it.

    The inner ring keeps the outline visible where the focused element is itself dark (a
    selected option, a verdict button) and the outer one where it is light: the ring
    contrasts with whatever is beside it (WCAG 2.4.7, and 1.4.11's 3:1, tested).
    """
    pal = theme.palette()
    pygame.draw.rect(screen, pal.focus, rect.inflate(8, 8), width=3, border_radius=6)
    pygame.draw.rect(screen, pal.paper, rect.inflate(2, 2), width=1, border_radius=4)


class Manager(pygame_gui.UIManager):
    """pygame_gui's manager, told when the pointer leaves the window (so nothing stays hovered)."""

    pointer_inside = True

    def _update_mouse_position(self) -> None:
        if self.pointer_inside:
            super()._update_mouse_position()
        else:
            self.mouse_position = (-10_000, -10_000)


class App(Navigation):
    """The window; the routes between its screens are ``Navigation``'s."""

    def __init__(self, settings: Optional[Settings] = None, journal: Optional[Journal] = None,
                 size: Optional[tuple[int, int]] = None, notice: Optional[str] = None,
                 persist_settings: bool = True):
        # Only what the window needs: no audio device unless the trainee turns the sound on (``sound``).
        pygame.display.init()
        pygame.font.init()
        self.settings = settings or Settings()
        theme.use(*self.settings.look)
        motion.set_reduced(self.settings.reduce_motion)
        self.sound = SoundPlayer()
        self.sound.configure(self.settings.sound, self.settings.volume)
        self.voicing = Voicing(self.settings)  # self-voicing and the residents' voices: a process only when on
        self.persist_settings = persist_settings
        self.journal = journal
        self.notice = notice  # one line for the start screen (journal trouble and such)
        self.late_journal: Optional[LateJournal] = None  # a journal locked at the start, tried again later
        self.stack: list[Scene] = []
        self.running = True
        self.keyboard_mode = False
        self.last_input = 0.0
        self.now = 0.0  # seconds of app time (sum of dt), for tests as much as for fades
        self.last_pointer = -SETTLE_AFTER_INPUT  # the mouse's last move, click or wheel (hover, smooth scrolling)
        self._calm_frames = 0  # frames in a row without events: these may redraw only what moves
        self.frame_times: list[float] = []
        self.frames = 0
        self._windowed_size = size or self._default_size()
        self.screen = self._open_display()
        self._layout_size = self.screen.get_size()
        self._height_factor = height_factor(self._layout_size[1])
        self.manager, self.fonts = self._make_manager()
        self.clock = pygame.time.Clock()

    # -- display and theme ---------------------------------------------------------
    @staticmethod
    def _default_size() -> tuple[int, int]:
        return window_size()  # the title card's rule, so the window keeps its size

    def _open_display(self) -> pygame.Surface:
        pygame.display.set_caption("Tussenwerker")
        try:
            pygame.display.set_icon(window_icon())
        except pygame.error:
            pass
        if self.settings.fullscreen:
            screen = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            screen = pygame.display.set_mode(self._windowed_size, pygame.RESIZABLE)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    window = pygame.Window.from_display_module()
                window.minimum_size = MIN_WINDOW
            except (AttributeError, pygame.error):
                pass
        return screen

    @property
    def text_scale(self) -> float:
        """The trainee's text size times the window height's factor: what every font is drawn at."""
        return self.settings.text_scale * self._height_factor

    def _make_manager(self) -> tuple[Manager, Fonts]:
        built, preload = build_theme(self.text_scale)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            manager = Manager(self.screen.get_size(), built, enable_live_theme_updates=False)
            manager.preload_fonts(preload)
        return manager, Fonts(built)

    @property
    def size(self) -> tuple[int, int]:
        """The size the screens are laid out for (follows the window at the next frame)."""
        return self._layout_size

    def resize(self, size: tuple[int, int]) -> None:
        """The window changed size (or a test asks for another size)."""
        w, h = max(1, size[0]), max(1, size[1])
        if not self.settings.fullscreen:
            self._windowed_size = (w, h)
        surface = pygame.display.get_surface()
        if surface is None or surface.get_size() != (w, h):
            flags = pygame.FULLSCREEN if self.settings.fullscreen else pygame.RESIZABLE
            surface = pygame.display.set_mode((w, h), flags)
        self.screen = surface
        self._layout_size = surface.get_size()
        factor = height_factor(self._layout_size[1])
        if factor != self._height_factor:  # text follows the window's height: new fonts
            self._teardown_all()
            self._height_factor = factor
            self.manager, self.fonts = self._make_manager()
        else:
            self.manager.set_window_resolution(self._layout_size)
        self.rebuild_all()

    def reload_scenario(self) -> None:
        """F5 (authors): the scenario on screen again from disk (``hotreload``)."""
        hot_reload(self)

    def apply_settings(self, new: Settings) -> Optional[str]:
        """Use new settings now (and keep them); returns a save error to show, if any."""
        old, self.settings = self.settings, new
        error = settings_mod.save(new) if self.persist_settings else None
        if new.sound != old.sound:
            self.sound.configure(new.sound, new.volume)
        motion.set_reduced(new.reduce_motion)
        theme.use(*new.look)
        if new.self_voicing != old.self_voicing:
            if not new.self_voicing:
                self.voicing.announce("say_voicing_off")
            self.voicing.configure(new)
            if new.self_voicing:
                self.voicing.announce("say_voicing_on")
        else:
            self.voicing.configure(new)
        if new.fullscreen != old.fullscreen:
            self._teardown_all()
            self.screen = self._open_display()
            self._layout_size = self.screen.get_size()
            self._height_factor = height_factor(self._layout_size[1])
            self.manager, self.fonts = self._make_manager()
            self.rebuild_all()
        elif new.text_size != old.text_size or new.look != old.look:
            self._teardown_all()
            self.manager, self.fonts = self._make_manager()
            self.rebuild_all()
        elif new.language != old.language:
            for scene in self.stack:
                play = getattr(scene, "play", None)
                if isinstance(play, Play):
                    play.set_language(new.language)
            self.rebuild_all()
        elif new != old:  # text speed, auto-advance, coach mode: the screens show them
            self.rebuild_all()
        return error

    # -- the stack ------------------------------------------------------------------
    @property
    def top(self) -> Optional[Scene]:
        return self.stack[-1] if self.stack else None

    def depth_of(self, scene: Scene) -> int:
        return self.stack.index(scene) if scene in self.stack else len(self.stack)

    def _base_index(self) -> int:
        """The lowest scene that is drawn: the last full-screen scene."""
        for i in range(len(self.stack) - 1, -1, -1):
            if not self.stack[i].overlay:
                return i
        return 0

    def _teardown_all(self) -> None:
        for scene in self.stack:
            scene.teardown()

    def rebuild_all(self) -> None:
        self._teardown_all()
        for scene in self.stack[self._base_index():]:
            scene.build()

    def push(self, scene: Scene) -> Scene:
        if not scene.overlay:
            self._teardown_all()
        self.stack.append(scene)
        scene.build()
        scene.on_enter()
        return scene

    def pop(self, scene: Optional[Scene] = None) -> None:
        if not self.stack:
            return
        if scene is not None and self.top is not scene:
            if scene in self.stack:
                scene.teardown()
                self.stack.remove(scene)
            return
        gone = self.stack.pop()
        gone.teardown()
        base = self._base_index()
        for s in self.stack[base:]:
            if not s.built:
                s.build()
        if self.top is not None:
            self.top.on_enter()

    def replace(self, scene: Scene) -> Scene:
        """Swap the top full-screen scene (and any overlays on it) for another."""
        while self.stack and self.stack[-1].overlay:
            self.stack.pop().teardown()
        if self.stack:
            self.stack.pop().teardown()
        return self.push(scene)

    def reset(self, scene: Scene) -> Scene:
        self._teardown_all()
        self.stack = []
        return self.push(scene)

    # -- frames -----------------------------------------------------------------------
    def animating(self) -> bool:
        if self.now - self.last_input < SETTLE_AFTER_INPUT:
            return True
        top = self.top  # scenes below an overlay are paused: they don't animate
        return top is not None and top.built and top.animating()

    def frame(self, events: list[pygame.event.Event], dt: float) -> None:
        started = time.perf_counter()
        self.now += dt
        size = None
        for event in events:
            if event.type == pygame.VIDEORESIZE:
                size = (event.w, event.h)
        surface = pygame.display.get_surface()
        if size is None and surface is not None and surface.get_size() != self._layout_size:
            size = surface.get_size()  # SDL resized the window surface itself
        if size is not None and (size != self._layout_size or size != self.screen.get_size()):
            self.resize(size)
        for event in events:
            self.dispatch(event)
            if not self.running:
                return
        top = self.top
        if top is not None:
            top.update(dt)
        self.manager.update(dt)
        self.sound.follow(self.stack[self._base_index()] if self.stack else None)
        self.voicing.follow(self.top)  # says what changed (the speech runs in its own process)
        if self.voicing.new_problem() and self.top is not None and self.top.name == "settings":
            self.top.build()  # the speech rows say why there is no speech
        self._calm_frames = 0 if events or size is not None else self._calm_frames + 1
        self.draw(quiet=self._calm_frames >= 1 and self.now - self.last_pointer >= SETTLE_AFTER_INPUT)
        self.frames += 1
        self.frame_times.append(time.perf_counter() - started)
        if len(self.frame_times) > 2000:
            del self.frame_times[:1000]

    def dispatch(self, event: pygame.event.Event) -> None:
        et = event.type
        if et == pygame.QUIT:
            self.request_quit()
            return
        if et == pygame.VIDEORESIZE:
            return
        if et in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEWHEEL, pygame.MOUSEMOTION):
            self.last_input = self.now
            if et != pygame.KEYDOWN:
                self.last_pointer = self.now
        if et in (pygame.WINDOWLEAVE, pygame.WINDOWENTER):
            self.manager.pointer_inside = et == pygame.WINDOWENTER
            self.last_input = self.last_pointer = self.now
        elif et == pygame.MOUSEMOTION:
            self.manager.pointer_inside = True
        if et == pygame.KEYDOWN:
            self._set_keyboard_mode(True)
            self.voicing.interrupt()  # any key cuts the speech short, as a screen reader's does
            if event.key == pygame.K_v and not (self.top is not None and self.top.typing_in_field()):
                self.apply_settings(self.settings.with_(self_voicing=not self.settings.self_voicing))
                if self.top is not None and self.top.name == "settings":
                    self.top.build()
                return
            if event.key == pygame.K_F11:
                self.apply_settings(self.settings.with_(fullscreen=not self.settings.fullscreen))
                return
            if event.key == pygame.K_F5:  # hot reload: the scenario again from disk (authors)
                self.reload_scenario()
                return
        elif et == pygame.MOUSEBUTTONDOWN or (et == pygame.MOUSEMOTION and any(getattr(event, "rel", (0, 0)))):
            self._set_keyboard_mode(False)
        top = self.top
        if et == pygame.TEXTINPUT and top is not None and top.swallow_text(event):
            return  # the key that typed it already did something else (rated a row)
        self.manager.process_events(event)
        top = self.top
        if top is None:
            return
        if et == pygame_gui.UI_BUTTON_PRESSED:
            top.handle_button(event.ui_element)
        elif et == pygame.KEYDOWN:
            top.handle_key(event)
        else:
            top.handle_event(event)

    def _set_keyboard_mode(self, on: bool) -> None:
        """Keyboard users see the focus (ring and highlight); mouse users see only hovering."""
        if on != self.keyboard_mode:
            self.keyboard_mode = on
            if self.top is not None:
                self.top.focus.set_highlight(on)

    def draw(self, quiet: bool = False) -> None:
        """The whole screen, or (``quiet``: no input, nothing resized) only the part the scene says
        moves: everything is drawn as always, clipped to it, and only it goes to the display."""
        screen = self.screen
        base = self.stack[self._base_index()] if self.stack else None
        region = None
        if quiet and base is not None and base is self.top and hasattr(base, "moving_region"):
            region = base.moving_region()  # None: the whole screen
        screen.set_clip(region)
        if base is not None:
            base.draw_background(screen)
        else:
            screen.fill(theme.palette().paper)
        self.manager.draw_ui(screen)
        top = self.top
        if self.keyboard_mode and top is not None:
            found = top.focus_rect()
            if found is not None and found[1].width > 0 and found[1].height > 0:
                rect, visible = found
                ring = visible.inflate(10, 10)
                screen.set_clip(ring.clip(region) if region is not None else ring)
                draw_focus_ring(screen, rect)
        screen.set_clip(None)
        if region is not None:
            pygame.display.update(region)
            return
        pygame.display.flip()
        if base is not None and hasattr(base, "drawn_whole"):
            base.drawn_whole()

    def run(self, quit_after_first_frame: bool = False) -> int:
        self.frame([], 0.0)
        if quit_after_first_frame:
            return 0
        last = time.perf_counter()
        while self.running:
            if self.animating():
                self.clock.tick(FPS)
                events = pygame.event.get()
            else:
                events = pygame.event.get()
                if not events:
                    time.sleep(IDLE_POLL_S)  # lets the background review work meanwhile
                    last = time.perf_counter()
                    continue  # nothing happened and nothing moves: nothing to draw
            now = time.perf_counter()
            dt, last = min(0.1, now - last), now
            self.frame(events, dt)
        return 0

    def close(self) -> None:
        self.sound.close()
        self.voicing.close()
        theme.use()  # the look and the motion are the window's: the next one starts from its own settings
        motion.set_reduced(False)
        catch_up(self, closing=True)  # a journal that was locked: the goes played meanwhile, saved now
        self._teardown_all()
        if self.journal is not None:
            self.journal.close()
        self._release_fonts()
        pygame.quit()

    def _release_fonts(self) -> None:
        """Let go of every font before ``pygame.quit``: a font freed after it keeps its file open.

        pygame closes a font's file when the font is freed, but only while the font module
        is still initialised; pygame_gui also keeps the last manager as its default. A
        process that opens and closes windows (the tests, a trainer's F5 sessions) would
        otherwise hold one file per font size for every window it ever opened.
        """

        set_default_manager(None)
        self.stack.clear()
        self.manager = None  # type: ignore[assignment]
        self.fonts = None  # type: ignore[assignment]
        gc.collect()

    # -- for tests and screenshots ------------------------------------------------------
    def screenshot(self, path: str) -> None:
        pygame.image.save(self.screen, path)
