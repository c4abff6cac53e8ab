"""Speech through the platform's own voices (pyttsx3: SAPI5, NSSpeechSynthesizer, eSpeak NG), in a process
of its own so that whoever asks to speak never waits.

pyttsx3's ``runAndWait`` blocks until an utterance has been spoken, so the window's frame loop (and
the terminal player) never call it: ``Speaker.say`` puts the text on a queue and returns at once;
a child process (``_worker``) takes it off, speaks it and reports back on a second queue. Speaking
can be cut short at any moment, as a screen reader stops when a key is pressed: ``stop()`` raises a
shared generation counter, so the worker drops every queued utterance of an older generation and
stops the one it is speaking at its next word (pyttsx3's ``started-word`` callback); and when the
worker is busy, it is ended with everything it started (eSpeak NG's driver synthesises a whole
utterance and then plays it with ``aplay``, which no callback can stop) and a fresh one takes the
next utterance.

No pyttsx3, no speech engine on the machine, or an engine that fails: ``problem`` says why in one
line and every ``say`` is a no-op. Nothing here ever raises to the caller.

``record_to`` writes each utterance to a WAV file in that folder instead of the speakers (pyttsx3's
``save_to_file``), through the same queue, process and voice choice: the tests hear what the
window would say.
"""

from __future__ import annotations

import ctypes
import importlib.util
import logging
import multiprocessing
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Optional

log = logging.getLogger(__name__)

NORMAL_RATE = 175  # words a minute: eSpeak's and SAPI's ordinary pace (pyttsx3's default)
MAX_KEPT = 10_000  # utterances remembered in ``spoken`` (what the pilot's tests read back)
LANGUAGE_VOICES = {"nl": ("nl", "dutch", "nederlands"), "en": ("en-gb", "en", "english")}
VARIANTS = {"female": "+f3", "male": "+m3"}  # eSpeak NG voice variants (another engine picks by gender)


@dataclass(frozen=True)
class Voice:
    """How one speaker sounds: ``voice`` is "female", "male" or a voice's name on the machine; ``rate``
    a factor of the normal pace; ``pitch`` 0-100, 50 normal (eSpeak only: other engines ignore it)."""

    voice: Optional[str] = None
    rate: float = 1.0
    pitch: Optional[int] = None

    def to_data(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Utterance:
    text: str
    lang: str = "nl"
    voice: Voice = Voice()
    kind: str = "say"  # what it is, for tests and logs: line, option, focus, page, ...
    seq: int = 0  # its number in the current worker's queue (0: not sent, speech unavailable)

    def wav_name(self) -> str:
        """The file it is recorded to with ``record_to``."""
        return f"{self.seq:04d}.wav"


class Speaker:
    """The front end: non-blocking ``say``, ``stop``; the speaking happens in a child process."""

    def __init__(self, lang: str = "nl", record_to: Optional[Path] = None, start: bool = True):
        self.lang = lang
        self.record_to = Path(record_to) if record_to is not None else None
        self.problem: Optional[str] = None
        self.engine: Optional[str] = None  # the driver's name once the worker is ready
        self.spoken: list[Utterance] = []
        self.done = 0  # utterances the worker has finished (spoken, recorded or dropped)
        self._sent = 0
        self._ctx = multiprocessing.get_context("spawn")  # never fork a process that holds SDL
        self._process: Optional[Any] = None
        self._commands: Optional[Any] = None
        self._reports: Optional[Any] = None
        self._generation: Optional[Any] = None
        self._started_once = False
        if start:
            self._start()

    # -- the child process ---------------------------------------------------------------
    def _start(self) -> None:
        if self.problem is not None or self._process is not None:
            return
        self._sent = self.done = 0
        try:
            if importlib.util.find_spec("pyttsx3") is None:
                self.problem = "pyttsx3 is not installed"
                return
            self._commands = self._ctx.Queue()
            self._reports = self._ctx.Queue()
            self._generation = self._ctx.Value("i", 0)
            self._process = self._ctx.Process(target=_worker, name="tussenwerker-speech", daemon=True,
                                              args=(self._commands, self._reports, self._generation,
                                                    str(self.record_to) if self.record_to else None))
            self._process.start()
            self._started_once = True
        except (OSError, RuntimeError, ValueError) as exc:  # no processes, no semaphores: no speech
            self.problem = f"the speech process can't start ({exc})"
            self._process = None

    @property
    def available(self) -> bool:
        return self.problem is None and self._process is not None

    def poll(self) -> None:
        """Read what the worker reported (ready, finished, a problem); never waits."""
        if self._reports is None:
            return
        while True:
            try:
                report = self._reports.get_nowait()
            except (queue.Empty, OSError, EOFError, ValueError):
                break
            kind = report[0]
            if kind == "ready":
                self.engine = report[1]
            elif kind == "done":
                self.done = max(self.done, report[1])
            elif kind == "problem":
                self.problem = report[1]
                log.info("speech: %s", report[1])  # shown where speech is asked for (settings, --speak)
        if self._process is not None and not self._process.is_alive() and self.problem is None:
            self.problem = "the speech process stopped"

    # -- asking -----------------------------------------------------------------------------
    def say(self, text: str, voice: Optional[Voice] = None, lang: Optional[str] = None, interrupt: bool = False,
            kind: str = "say") -> None:
        """Queue ``text``; with ``interrupt`` whatever is being said or waiting is dropped first."""
        text = " ".join(str(text).split())
        if not text:
            return
        if interrupt:
            self.stop()
        if self._process is None and self.problem is None and self._started_once:
            self._start()  # the last one was ended to stop it speaking
        seq = self._sent + 1 if self.available else 0
        utterance = Utterance(text, lang or self.lang, voice or Voice(), kind, seq)
        self.spoken.append(utterance)
        if len(self.spoken) > MAX_KEPT:
            del self.spoken[: MAX_KEPT // 2]
        if not seq:
            return
        self._sent = seq
        try:
            self._commands.put_nowait(("say", self._sent, self._generation.value, utterance.text, utterance.lang,
                                       utterance.voice.to_data()))
        except (OSError, ValueError, queue.Full) as exc:
            self.problem = f"speech stopped ({exc})"

    def stop(self) -> None:
        """Silence: cut the utterance being spoken and drop every queued one."""
        if self._generation is not None:
            with self._generation.get_lock():
                self._generation.value += 1
        self.poll()
        if self._process is not None and self.done < self._sent and self.record_to is None:
            self._end_worker()  # busy speaking: end it and whatever it plays through

    def _end_worker(self) -> None:
        process, self._process = self._process, None
        try:
            os.killpg(process.pid, 9)  # the worker leads its own group: aplay goes too
        except (OSError, AttributeError):  # Windows, or a worker that hasn't made its group yet
            process.terminate()
        try:
            process.join(timeout=1)
        except (OSError, ValueError, AssertionError):
            pass
        _scratch_wav(process.pid).unlink(missing_ok=True)  # a worker ended mid-line leaves its sound behind
        self._drop_queues()

    def _drop_queues(self) -> None:
        for q in (self._commands, self._reports):
            try:
                q.close()
                q.cancel_join_thread()
            except (OSError, ValueError, AttributeError):
                pass
        self._commands = self._reports = self._generation = None

    def ready(self, timeout: float = 5.0) -> bool:
        """Until the worker said it can speak, or why not; True when it can."""
        deadline = time.monotonic() + timeout
        while self.available and self.engine is None and time.monotonic() < deadline:
            time.sleep(0.02)
            self.poll()
        return self.available and self.engine is not None

    def wait(self, timeout: float = 30.0) -> bool:
        """Until the worker has dealt with everything sent (tests and the terminal's end); True when it has."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.poll()
            if not self.available or self.done >= self._sent:
                return self.available and self.done >= self._sent
            time.sleep(0.02)
        return False

    def close(self) -> None:
        """End the worker (what it is saying stops)."""
        if self._process is None:
            return
        if self.done < self._sent and self.record_to is None:
            self.stop()  # ends it
        if self._process is None:
            return
        try:
            self._commands.put_nowait(("quit",))
            self._process.join(timeout=2)
        except (OSError, ValueError, AssertionError):
            pass
        if self._process.is_alive():
            self._end_worker()
        else:
            self._process = None
            self._drop_queues()


class Silent:
    """A speaker that never speaks: what a window without speech settings uses (no process at all)."""

    problem: Optional[str] = None
    available = False
    spoken: list[Utterance] = []

    def say(self, *args: Any, **kwargs: Any) -> None:
        pass

    def stop(self) -> None:
        pass

    def poll(self) -> None:
        pass

    def close(self) -> None:
        pass


# -- the worker (in the child process) ---------------------------------------------------------
def missing_player(driver: str, platform: str) -> Optional[str]:
    """Why speech can't be heard though the engine works, if so: pyttsx3's eSpeak driver on Linux
    plays what it synthesised with ``aplay`` (alsa-utils)."""
    if driver == "espeak" and platform.startswith("linux") and shutil.which("aplay") is None:
        return "eSpeak NG plays its speech with aplay, which is not installed (the alsa-utils package)"
    return None



def pick_voice(voices: list[Any], lang: str, wanted: Optional[str]) -> Optional[str]:
    """The id of the platform voice for ``lang`` (and ``wanted``: a name, or female/male), if any.

    eSpeak NG names voices by language ("gmw/nl") and takes a variant suffix for another timbre;
    SAPI and NSSpeech list named voices with languages and genders.
    """
    def languages(v: Any) -> list[str]:
        out = []
        for code in getattr(v, "languages", None) or []:
            out.append((code.decode("utf-8", "ignore") if isinstance(code, bytes) else str(code)).lower())
        return out

    if wanted and wanted not in VARIANTS:
        for v in voices:
            if wanted.lower() in (str(v.id).lower(), str(getattr(v, "name", "")).lower()):
                return v.id
    prefixes = LANGUAGE_VOICES.get(lang, (lang,))
    matching = [v for v in voices
                if any(code.lstrip("\x05").startswith(p) for code in languages(v) for p in prefixes[:1])
                or str(v.id).lower().rsplit("/", 1)[-1] in prefixes
                or any(p in str(getattr(v, "name", "")).lower() for p in prefixes[1:])]
    if wanted in VARIANTS and matching:
        gendered = [v for v in matching if str(getattr(v, "gender", "") or "").lower() == wanted]
        if gendered and gendered[0] is not matching[0]:
            return gendered[0].id
    return matching[0].id if matching else None


def _worker(commands: Any, reports: Any, generation: Any, record_to: Optional[str]) -> None:  # pragma: no cover
    """The child process: one pyttsx3 engine, one utterance at a time, cut short when the generation moves."""
    # pyttsx3 prints "Audio saved to ..." and eSpeak may print to stderr: keep the trainee's terminal clean.
    devnull = open(os.devnull, "w")
    sys.stdout = devnull
    if hasattr(os, "setpgrp"):
        os.setpgrp()  # its own process group, so that stopping it stops what it plays through
    try:
        import pyttsx3  # only this process loads pyttsx3 (and may find it missing: then no speech)
        engine = pyttsx3.init()
        voices = list(engine.getProperty("voices") or [])
    except Exception as exc:  # noqa: BLE001 - any failure of a platform engine means: no speech, said once
        reports.put(("problem", f"no speech engine ({type(exc).__name__}: {exc})".strip()))
        return
    driver = str(getattr(engine, "driver_name", "") or "")
    if driver == "espeak":
        keep_last_chunk(engine)
    player = missing_player(driver, sys.platform)
    if player and not record_to:
        reports.put(("problem", player))
        return
    reports.put(("ready", driver or "pyttsx3"))
    current = {"generation": 0}
    own_player = not record_to and plays_in_background(driver, sys.platform)
    scratch = _scratch_wav(os.getpid())

    def on_word(name: Any = None, location: Any = None, length: Any = None) -> None:
        if generation.value != current["generation"]:
            engine.stop()

    if driver != "espeak":  # eSpeak's driver never finishes an utterance cancelled mid-way: it is ended instead
        try:
            engine.connect("started-word", on_word)
        except Exception:  # noqa: BLE001 - an engine without word events can still speak, only not be cut short
            pass
    while True:
        try:
            command = commands.get()
        except (EOFError, OSError, KeyboardInterrupt):
            scratch.unlink(missing_ok=True)
            return
        if command[0] == "quit":
            scratch.unlink(missing_ok=True)
            return
        _, seq, gen, text, lang, voice = command
        if gen == generation.value:
            current["generation"] = gen
            try:
                _configure(engine, voices, lang, Voice(**voice))
                if record_to:
                    engine.save_to_file(text, str(Path(record_to) / Utterance(text, seq=seq).wav_name()))
                elif own_player:
                    engine.save_to_file(text, str(scratch))
                else:
                    engine.say(text)
                engine.runAndWait()
                if own_player and gen == generation.value:  # done only once it has been heard; stop ends it
                    subprocess.run(["aplay", "-q", str(scratch)], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            except Exception as exc:  # noqa: BLE001 - one bad utterance must not end speech
                reports.put(("problem", f"speech failed ({type(exc).__name__}: {exc})"))
        reports.put(("done", seq))


def _scratch_wav(worker_pid: int) -> Path:
    """Where a worker that plays its own sound writes it (one file per worker, rewritten per line)."""
    return Path(tempfile.gettempdir()) / f"tussenwerker-speech-{worker_pid}.wav"


def plays_in_background(driver: str, platform: str) -> bool:
    """pyttsx3's eSpeak driver on Linux plays each line with ``aplay`` from eSpeak's own thread and
    says the line is finished before the sound is: nothing could tell that speech is still going
    on, so nothing would stop it. Such lines are synthesised to a file and played by the worker."""
    return driver == "espeak" and platform.startswith("linux")


def keep_last_chunk(engine: Any) -> None:  # pragma: no cover - runs in the speech process
    """Work around pyttsx3's eSpeak driver losing the last second of every utterance.

    eSpeak hands over audio in chunks (of a second: pyttsx3 asks for 1000 ms) together with its
    events; the driver writes the WAV when it sees the end-of-message event and only then adds
    the chunk's samples, so the last chunk, and the whole of a short utterance, is never heard.
    We take the samples first and hand the driver the events alone.
    """
    try:
        from pyttsx3.drivers import _espeak
        driver = engine.proxy._driver
        original = driver._onSynth
    except (ImportError, AttributeError):
        return

    def on_synth(wav: Any, numsamples: int, events: Any) -> int:
        if numsamples > 0 and getattr(driver, "_speaking", False):
            driver._data_buffer += ctypes.string_at(wav, numsamples * ctypes.sizeof(ctypes.c_short))
        return original(wav, 0, events)

    driver._onSynth = on_synth
    _espeak.SetSynthCallback(on_synth)


def _configure(engine: Any, voices: list[Any], lang: str, voice: Voice) -> None:
    # pyttsx3 queues property changes behind its own loop, and eSpeak (asynchronous: pyttsx3 retrieves
    # its audio) applies parameters from a queue of its own: set them on the driver directly, with eSpeak
    # idle before and after, or an utterance can come out in the previous speaker's voice.
    driver = getattr(getattr(engine, "proxy", None), "_driver", None)
    set_property = driver.setProperty if getattr(engine, "driver_name", "") == "espeak" and driver else \
        engine.setProperty
    if set_property is not engine.setProperty:
        from pyttsx3.drivers import _espeak
        _espeak.Synchronize()
    chosen = pick_voice(voices, lang, voice.voice)
    if chosen is not None:
        variant = VARIANTS.get(voice.voice or "", "") if "/" in str(chosen) else ""  # eSpeak ids hold a "/"
        set_property("voice", f"{chosen}{variant}")
    set_property("rate", int(NORMAL_RATE * max(0.5, min(2.0, voice.rate))))
    try:  # every time: a pitch set for one resident must not stay for the next
        set_property("pitch", max(0, min(100, int(voice.pitch if voice.pitch is not None else 50))))
    except (KeyError, ValueError, TypeError):  # SAPI and NSSpeech have no pitch property
        pass
    if set_property is not engine.setProperty:
        from pyttsx3.drivers import _espeak
        _espeak.Synchronize()
