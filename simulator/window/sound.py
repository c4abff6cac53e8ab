"""The window's sound: the stage's quiet ambience, and a soft cue when a resident's mood shifts.

Off by default (``Settings.sound``); while off, no audio device is opened at all, so
the idle window costs what it did without sound. Turning it on opens the mixer and
makes the sounds (``sound_synth``) in a background thread: the window never waits for
an audio device, and a machine without one (or a mixer that fails) gets one logged
line and a note in the settings (``problem``), never an exception.

The app calls ``follow(scene)`` each frame it draws: in a meeting the stage's
ambience loops (its kind from the residents' stage) and the cues the residents queued
(``ResidentsRow.take_cues``) play; on any other screen the ambience fades out.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Optional

import pygame

from simulator.window import sound_synth

AMBIENCE_SHARE = 0.45  # the ambience plays at this share of the chosen volume, cues at the whole of it
FADE_MS = 600

log = logging.getLogger(__name__)


class SoundPlayer:
    def __init__(self) -> None:
        self.level = "off"
        self.volume = 0.0
        self.problem: Optional[str] = None  # why there is no sound, in a few words
        self._lock = threading.Lock()
        self._thread: Optional[threading.Thread] = None
        self._ready = False  # the mixer is open
        self._closing = False
        self._samples: dict[str, list[float]] = {}  # made once per run, kept when the sound is turned off
        self._sounds: dict[str, Any] = {}  # pygame Sounds at the mixer's format
        self._want: Optional[str] = None  # the ambience the screen asks for
        self._playing: Optional[str] = None
        self._channel: Any = None

    # -- settings ------------------------------------------------------------------------
    def configure(self, level: str, volume: float) -> None:
        """Follow the setting: open the mixer (in the background) or close it."""
        self.level, self.volume = level, volume
        if level == "off":
            self._shut()
            return
        with self._lock:
            if self._ready:
                self._apply_volume()
                return
        self._start_worker()

    def _start_worker(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self.problem = None
        self._closing = False
        self._thread = threading.Thread(target=self._work, name="tussenwerker-sound", daemon=True)
        self._thread.start()

    def _work(self) -> None:
        """Open the mixer, then make whatever is wanted and not made yet (in this thread)."""
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=sound_synth.RATE, size=-16, channels=1, buffer=2048)
        except (pygame.error, OSError) as exc:
            self.problem = _short(exc)
            log.warning("no sound: the audio device can't be opened (%s)", exc)
            return
        with self._lock:
            if self._closing:  # turned off while the device opened
                pygame.mixer.quit()
                return
            self._ready = True
        for name in ("up", "down"):
            self._make(name)
        self._switch()

    def _make(self, name: str) -> None:
        if name not in self._samples:
            samples = sound_synth.cue(name == "up") if name in ("up", "down") else sound_synth.ambience(name)
            self._samples[name] = samples
        with self._lock:
            if not self._ready or name in self._sounds:
                return
            init = pygame.mixer.get_init()
            if not init:
                return
            rate, _, channels = init
            try:
                self._sounds[name] = pygame.mixer.Sound(buffer=sound_synth.to_pcm(self._samples[name], 1.0, channels,
                                                                                  rate))
            except (pygame.error, ValueError) as exc:
                self.problem = _short(exc)
                log.warning("a sound can't be made (%s)", exc)

    def _shut(self) -> None:
        with self._lock:
            self._closing = True
            if self._ready:
                try:
                    pygame.mixer.stop()
                    pygame.mixer.quit()
                except pygame.error:
                    pass
            self._ready = False
            self._sounds.clear()
            self._playing = None
            self._channel = None

    def close(self) -> None:
        self._shut()
        if self._thread is not None:
            self._thread.join(timeout=2.0)

    # -- each frame ------------------------------------------------------------------------
    def follow(self, scene: Any) -> None:
        """What the screen asks for: its stage's ambience, and the cues its residents queued."""
        residents = getattr(scene, "residents", None)
        want = getattr(residents, "kind", None) if getattr(scene, "in_session", False) else None
        cues = residents.take_cues() if residents is not None and hasattr(residents, "take_cues") else []
        if self.level == "off":
            return
        if want != self._want:
            self._want = want
            threading.Thread(target=self._switch, name="tussenwerker-sound-switch", daemon=True).start()
        for up in cues:
            self._cue(up)

    def _switch(self) -> None:
        """Play the wanted ambience (made first if need be), or fade out what no screen wants.
        Runs in a background thread: making a sound takes longer than a frame."""
        want = self._want
        if want is not None:
            self._make(want)
        with self._lock:
            if not self._ready or self._want != want or want == self._playing:
                return
            if self._channel is not None:
                self._channel.fadeout(FADE_MS)
                self._channel = None
            self._playing = None
            sound = self._sounds.get(want) if want is not None else None
            if sound is not None:
                self._channel = sound.play(loops=-1, fade_ms=FADE_MS)
                self._playing = want
                self._apply_volume()

    def _apply_volume(self) -> None:
        if self._channel is not None:
            self._channel.set_volume(self.volume * AMBIENCE_SHARE)

    def _cue(self, up: bool) -> None:
        with self._lock:
            sound = self._sounds.get("up" if up else "down") if self._ready else None
            if sound is not None:
                sound.set_volume(self.volume)
                sound.play()

    @property
    def playing(self) -> Optional[str]:
        return self._playing


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:80]
