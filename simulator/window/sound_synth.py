"""The window's sounds, made here from noise and sine waves: nothing recorded, nothing downloaded.

Each room of the meeting's stage has a quiet ambience (a few seconds that loop without
a seam) and a mood shift has a short cue of two soft notes, rising when a resident
calmed down and falling when one got upset. Every sound is computed from a fixed seed,
so it is the same on every machine; ``assets/README.md`` notes their licence (ours, MIT).

Pure Python, no pygame and no numpy: samples are floats in -1..1 until ``to_pcm`` packs
them as 16-bit integers for the mixer. Making an ambience is work the frame loop must never
wait for, so the player (``sound``) makes them in a background thread, once.
"""

from __future__ import annotations

import math
import random
from array import array
from typing import Callable

RATE = 22050  # samples per second
LOOP_SECONDS = 6.0
FADE_SECONDS = 0.5  # the loop's end is blended into its start over this long
KINDS = ("kitchen", "hall", "council", "phone", "online")


def _white(n: int, rng: random.Random) -> list[float]:
    return [rng.uniform(-1.0, 1.0) for _ in range(n)]


def _lowpass(xs: list[float], cutoff: float) -> list[float]:
    """One-pole low-pass at about ``cutoff`` Hz."""
    a = 1.0 - math.exp(-2.0 * math.pi * cutoff / RATE)
    y, out = 0.0, []
    for x in xs:
        y += a * (x - y)
        out.append(y)
    return out


def _highpass(xs: list[float], cutoff: float) -> list[float]:
    low = _lowpass(xs, cutoff)
    return [x - lo for x, lo in zip(xs, low)]


def _normalised(xs: list[float], peak: float) -> list[float]:
    top = max((abs(x) for x in xs), default=0.0)
    return [x * peak / top for x in xs] if top > 0 else xs


def _brown(n: int, rng: random.Random) -> list[float]:
    """Deep, soft noise: the hum of a room."""
    y, out = 0.0, []
    for _ in range(n):
        y = (y + 0.02 * rng.uniform(-1.0, 1.0)) * 0.998
        out.append(y)
    return out


def _mix(*layers: list[float]) -> list[float]:
    n = min(len(layer) for layer in layers)
    return [sum(layer[i] for layer in layers) for i in range(n)]


def _looped(xs: list[float], n: int) -> list[float]:
    """``n`` samples that loop without a click: the extra tail is faded into the start."""
    fade = len(xs) - n
    out = xs[:n]
    for i in range(fade):
        t = i / fade
        out[i] = xs[i] * t + xs[n + i] * (1.0 - t)
    return out


def _clicks(n: int, every: float, rng: random.Random, peak: float, cutoff: float) -> list[float]:
    """A short knock every ``every`` seconds (a clock's tick, alternately higher and lower)."""
    out = [0.0] * n
    length = int(0.012 * RATE)
    step = int(every * RATE)
    for k, start in enumerate(range(int(0.1 * RATE), n - length, step)):
        burst = _highpass(_white(length, rng), cutoff * (1.0 if k % 2 else 0.7))
        for i, x in enumerate(burst):
            out[start + i] += x * peak * math.exp(-i / (0.0025 * RATE))
    return out


def _murmur(n: int, rng: random.Random, voices: int) -> list[float]:
    """Many people talking at once, none understood: band-limited noise in syllables and phrases.

    The voices share one filtered noise, each read from its own offset, and their loudness
    changes every few milliseconds rather than every sample: the same sound, made quickly."""
    spread = RATE
    base = _lowpass(_highpass(_white(n + spread, rng), 200.0), 1100.0)
    total = [0.0] * n
    block = 64
    for _ in range(voices):
        offset = rng.randrange(spread)
        syllable = rng.uniform(2.5, 5.0)
        phrase = rng.uniform(0.15, 0.45)
        phase1, phase2 = rng.uniform(0, math.tau), rng.uniform(0, math.tau)
        for start in range(0, n, block):
            t = start / RATE
            env = max(0.0, math.sin(math.tau * syllable * t + phase1)) ** 2
            env *= 0.5 + 0.5 * math.sin(math.tau * phrase * t + phase2)
            if env <= 0.001:
                continue
            for i in range(start, min(n, start + block)):
                total[i] += base[offset + i] * env
    return total


def _rustles(n: int, rng: random.Random, every: float, peak: float) -> list[float]:
    """Now and then paper moves (a council room, an office)."""
    out = [0.0] * n
    length = int(0.35 * RATE)
    t = rng.uniform(0.5, every)
    while int(t * RATE) + length < n:
        start = int(t * RATE)
        burst = _lowpass(_highpass(_white(length, rng), 1500.0), 5000.0)
        for i, x in enumerate(burst):
            out[start + i] += x * peak * math.sin(math.pi * i / length) ** 2
        t += every * rng.uniform(0.7, 1.3)
    return out


def _hum(n: int, base: float, level: float) -> list[float]:
    return [level * (math.sin(math.tau * base * i / RATE) + 0.5 * math.sin(math.tau * 2 * base * i / RATE))
            for i in range(n)]


def _kitchen(n: int, rng: random.Random) -> list[float]:
    room = _normalised(_brown(n, rng), 0.04)
    return _mix(room, _hum(n, 50.0, 0.012), _clicks(n, 1.0, rng, 0.16, 2500.0))


def _hall(n: int, rng: random.Random) -> list[float]:
    room = _normalised(_brown(n, rng), 0.05)
    return _mix(room, _normalised(_murmur(n, rng, 7), 0.16))


def _council(n: int, rng: random.Random) -> list[float]:
    air = _normalised(_lowpass(_white(n, rng), 1200.0), 0.035)
    return _mix(air, _hum(n, 60.0, 0.008), _rustles(n, rng, 2.5, 0.05))


def _phone(n: int, rng: random.Random) -> list[float]:
    line = _normalised(_lowpass(_highpass(_white(n, rng), 300.0), 3400.0), 0.03)
    return _mix(line, _normalised(_brown(n, rng), 0.02))


def _online(n: int, rng: random.Random) -> list[float]:
    fan = _normalised(_lowpass(_white(n, rng), 600.0), 0.03)
    return _mix(fan, _normalised(_brown(n, rng), 0.025), _hum(n, 100.0, 0.004))


MAKERS: dict[str, Callable[[int, random.Random], list[float]]] = {
    "kitchen": _kitchen, "hall": _hall, "council": _council, "phone": _phone, "online": _online,
}


def ambience(kind: str, seconds: float = LOOP_SECONDS) -> list[float]:
    """The room tone of a stage kind, ``seconds`` long, looping seamlessly."""
    maker = MAKERS.get(kind, _online)
    n = int(seconds * RATE)
    fade = int(FADE_SECONDS * RATE)
    rng = random.Random(f"tussenwerker-{kind}")
    return _looped(maker(n + fade, rng), n)


def cue(up: bool) -> list[float]:
    """Two soft notes: rising (a resident calmed down) or falling (one got upset)."""
    notes = (523.25, 659.25) if up else (440.0, 349.23)
    peak = 0.22 if up else 0.2
    length = int(0.2 * RATE)
    out: list[float] = []
    for k, f in enumerate(notes):
        for i in range(length + (int(0.12 * RATE) if k else 0)):
            t = i / RATE
            env = min(1.0, t / 0.006) * math.exp(-t / 0.09)
            out.append(peak * env * (math.sin(math.tau * f * t) + 0.25 * math.sin(math.tau * 2 * f * t)))
    return out


def to_pcm(samples: list[float], volume: float = 1.0, channels: int = 1, rate: int = RATE) -> bytes:
    """16-bit signed samples for the mixer, at its rate and number of channels."""
    if rate != RATE and samples:
        step = RATE / rate
        samples = [samples[min(len(samples) - 1, int(i * step))] for i in range(int(len(samples) / step))]
    out = array("h", (int(max(-1.0, min(1.0, x * volume)) * 32767) for x in samples))
    if channels == 2:
        doubled = array("h", bytes(len(out) * 4))
        doubled[0::2] = out
        doubled[1::2] = out
        out = doubled
    return out.tobytes()
