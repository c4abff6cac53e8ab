"""A long monkey run through the window, watching memory: does anything grow without bound?

Tens of thousands of random keys, clicks, wheel turns and resizes, with a language switch,
a text-size switch and a scenario reload (the catalog read again from disk, back to the
start screen) every few thousand events — all in one ``App``, headless. Every so often
it records Python's traced memory (``tracemalloc``), the process's resident size, the
number of objects the garbage collector tracks, and the sizes of the caches we know of
(pygame_gui's loaded fonts, our font cache, the portrait caches), the surfaces Python
holds and what C's ``malloc`` has handed out (surface pixels and fonts are C memory). At the end it compares
a ``tracemalloc`` snapshot taken after warming up with one at the end and lists the
lines whose allocations grew most: that is "what grows".

    python -m bench.monkey_memory [EVENTS]       # prints the table
"""

from __future__ import annotations

import gc
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from bench.common import CURRENT, ROOT, goals, last_line, table

FLAT_MIB = 10.0  # growth from the warm-up sample to the end that still counts as flat (traced, malloc)
FLAT_OBJECTS = 0.05  # and GC objects, as a fraction

KEYS = ["1", "2", "3", "4", "9", "b", "l", "return", "space", "escape", "up", "down", "left", "right",
        "tab", "page up", "page down", "home", "end"]
SIZES = [(800, 600), (1280, 720), (1920, 1080), (1024, 768)]
SWITCH_EVERY = 2_500  # events between language / text size switches and scenario reloads


def _rss_mib() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, AttributeError):
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _trim() -> None:
    """Hand freed heap pages back to the system first, so RSS shows what is in use, not the
    high-water mark of a past debrief (glibc keeps freed memory mapped)."""
    import ctypes
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _malloc_mib() -> float:
    """Bytes glibc's malloc has handed out and not got back (C allocations too: SDL surfaces, fonts)."""
    import ctypes

    class MallInfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in
                    ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                     "fordblks", "keepcost")]
    try:
        libc = ctypes.CDLL(None)
        libc.mallinfo2.restype = MallInfo2
        info = libc.mallinfo2()
    except (OSError, AttributeError):
        return float("nan")
    return (info.uordblks + info.hblkhd) / 2**20


def _surfaces() -> tuple[int, float]:
    """Surfaces that Python objects hold, and their pixels (surfaces aren't tracked by the GC,
    so they are found as the referents of objects that are)."""
    import pygame
    seen: dict[int, Any] = {}
    for obj in gc.get_objects():
        for ref in gc.get_referents(obj):
            if isinstance(ref, pygame.Surface):
                seen[id(ref)] = ref
    pixels = 0
    for surf in seen.values():
        try:
            pixels += surf.get_width() * surf.get_height() * surf.get_bytesize()
        except pygame.error:  # a surface of a display that is gone
            continue
    return len(seen), pixels / 2**20


def _caches(app: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    try:
        out["gui fonts"] = len(app.manager.get_theme().get_font_dictionary().loaded_fonts)
    except AttributeError:
        pass
    fonts = getattr(getattr(app, "fonts", None), "_cache", None)
    if isinstance(fonts, dict):
        out["our fonts"] = len(fonts)
    portraits = 0
    for obj in gc.get_objects():
        cache = getattr(obj, "_cache", None) if type(obj).__name__.lower().startswith("portrait") else None
        if isinstance(cache, dict):
            portraits += len(cache)
    out["portrait surfaces"] = portraits
    return out


def _event(rnd: random.Random, size: tuple[int, int]) -> Any:
    import pygame
    roll = rnd.random()
    pos = (rnd.randrange(size[0]), rnd.randrange(size[1]))
    if roll < 0.55:
        name = rnd.choice(KEYS)
        return pygame.event.Event(pygame.KEYDOWN, key=pygame.key.key_code(name), mod=0,
                                  unicode=name if len(name) == 1 else "", scancode=0, window=None)
    if roll < 0.9:
        kind = pygame.MOUSEBUTTONUP if rnd.random() < 0.5 else pygame.MOUSEBUTTONDOWN
        return pygame.event.Event(kind, pos=pos, button=1, touch=False, window=None)
    if roll < 0.97:
        return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rnd.choice((-2, -1, 1, 2)), flipped=False,
                                  precise_x=0.0, precise_y=1.0, touch=False, window=None)
    w, h = rnd.choice(SIZES)
    return pygame.event.Event(pygame.VIDEORESIZE, w=w, h=h, size=(w, h), window=None)


def monkey(events: int, seed: int = 7, samples: int = 20) -> dict[str, Any]:
    """The run itself (in this process): samples over time and the top growth."""
    tracemalloc.start(1)
    try:
        return _monkey(events, seed, samples)
    finally:
        tracemalloc.stop()


def _monkey(events: int, seed: int, samples: int) -> dict[str, Any]:
    import pygame

    from simulator.window.pilot import open_app
    rnd = random.Random(seed)
    app, pilot = open_app(size=(1280, 720), text_speed="fast", persist=False)
    every = max(1, events // samples)
    rows: list[dict[str, Any]] = []
    warm: Any = None
    sent = restarts = switches = 0
    started = time.perf_counter()
    next_sample = 0
    while sent < events:
        if not app.running:  # the monkey found "quit": carry on in the same window
            app.running = True
            app.go_start()
            restarts += 1
        batch = rnd.randrange(1, 12)
        for _ in range(batch):
            event = _event(rnd, app.size)
            if event.type == pygame.MOUSEBUTTONDOWN:
                pygame.mouse.set_pos(event.pos)
            pygame.event.post(event)
        before = sent
        sent += batch
        pilot.step(rnd.choice((1, 1, 2, 5)))
        if sent // SWITCH_EVERY != before // SWITCH_EVERY:
            switches += 1
            s = app.settings
            app.apply_settings(s.with_(language="en" if s.language == "nl" else "nl"))
            if switches % 2 == 0:
                app.apply_settings(app.settings.with_(text_size="large" if s.text_size == "normal" else "normal"))
            if switches % 3 == 0:
                app.catalog = None
                app.go_start()
        if sent >= next_sample:
            next_sample += every
            gc.collect()
            _trim()
            current, _ = tracemalloc.get_traced_memory()
            count, pixels = _surfaces()
            rows.append({"events": sent, "seconds": time.perf_counter() - started, "traced_mib": current / 2**20,
                         "rss_mib": _rss_mib(), "malloc_mib": _malloc_mib(), "gc_objects": len(gc.get_objects()),
                         "surfaces": f"{count} ({pixels:.0f} MiB)", **_caches(app)})
            if warm is None and sent >= events // 10:
                warm = tracemalloc.take_snapshot()
    gc.collect()
    end = tracemalloc.take_snapshot()
    growth = []
    if warm is not None:
        for stat in end.compare_to(warm, "lineno")[:8]:
            frame = stat.traceback[0]
            where = f"{_short(frame.filename)}:{frame.lineno}"
            growth.append({"where": where, "kib": stat.size_diff / 1024, "count": stat.count_diff})
    app.close()
    return {"samples": rows, "growth": growth, "restarts": restarts, "switches": switches}


def _short(filename: str) -> str:
    parts = Path(filename).parts
    for anchor in ("site-packages", "simulator", "engine", "lib"):
        if anchor in parts:
            i = len(parts) - 1 - parts[::-1].index(anchor)
            return "/".join(parts[i + (1 if anchor in ("site-packages", "lib") else 0):])
    return Path(filename).name


def run(events: int = 30_000, quick: bool = False) -> list[str]:
    """Run the monkey in a child process and render what it saw."""
    folder = Path(tempfile.mkdtemp(prefix="tussenwerker-monkey-"))
    env = CURRENT.env({"TUSSENWERKER_DATA": str(folder / "data"), "TUSSENWERKER_CONFIG": str(folder / "config")})
    try:
        out = subprocess.run([sys.executable, "-m", "bench.monkey_memory", "--json", str(events)], cwd=ROOT,
                             env=env, capture_output=True, text=True, timeout=7200)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if out.returncode != 0:
        tail = last_line(out.stderr)
        return ["## Memory under a monkey run", "", f"error: {tail}", ""]
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return render(data, events)


def render(data: dict[str, Any], events: int) -> list[str]:
    samples = data["samples"]
    cache_keys = [k for k in samples[0] if k not in ("events", "seconds", "traced_mib", "rss_mib", "malloc_mib",
                                                     "gc_objects")]
    pick = samples if len(samples) <= 8 else [samples[i * (len(samples) - 1) // 7] for i in range(8)]
    rows = [[f"{s['events']:,}", f"{s['seconds']:.0f}", f"{s['traced_mib']:.1f}", f"{s['malloc_mib']:.0f}",
             f"{s['rss_mib']:.0f}", f"{s['gc_objects']:,}", *[s.get(k, "") for k in cache_keys]] for s in pick]
    warm = next((s for s in samples if s["events"] >= events // 10), samples[0])
    last = samples[-1]
    traced, malloc = last["traced_mib"] - warm["traced_mib"], last["malloc_mib"] - warm["malloc_mib"]
    objects = (last["gc_objects"] - warm["gc_objects"]) / max(1, warm["gc_objects"])
    lines = [f"## Memory under a monkey run ({events:,} events, {data['switches']} language/size switches "
             f"and reloads, {data['restarts']} quits)", "",
             *goals([(f"Python memory flat (traced, warm-up to end, ≤ +{FLAT_MIB:.0f} MiB)",
                      f"{traced:+.1f} MiB", traced <= FLAT_MIB),
                     (f"C memory flat (malloc in use, ≤ +{FLAT_MIB:.0f} MiB)", f"{malloc:+.0f} MiB",
                      malloc <= FLAT_MIB if malloc == malloc else None),
                     (f"no objects piling up (GC objects, ≤ +{FLAT_OBJECTS:.0%})", f"{objects:+.1%}",
                      objects <= FLAT_OBJECTS)]), "",
             *table(["events", "s", "Python MiB (traced)", "malloc MiB in use", "RSS MiB (after trim)", "GC objects",
                     *cache_keys], rows), ""]
    lines.append(f"From the warm-up sample ({warm['events']:,} events) to the end: traced memory "
                 f"{last['traced_mib'] - warm['traced_mib']:+.1f} MiB, "
                 f"malloc in use {last['malloc_mib'] - warm['malloc_mib']:+.0f} MiB, "
                 f"RSS {last['rss_mib'] - warm['rss_mib']:+.0f} MiB, "
                 f"GC objects {last['gc_objects'] - warm['gc_objects']:+,}.")
    if data["growth"]:
        lines += ["", "Largest growth by source line (tracemalloc, warm-up to end):", ""]
        lines += table(["where", "KiB", "blocks"],
                       [[g["where"], f"{g['kib']:+.1f}", f"{g['count']:+,}"] for g in data["growth"]])
    lines.append("")
    return lines


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--json"]
    n = int(args[0]) if args else 30_000
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    if "--json" in sys.argv:
        print(json.dumps(monkey(n)))
    else:
        print("\n".join(run(n)))
