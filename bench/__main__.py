"""``python -m bench``: run every benchmark and write the tables to ``bench/RESULTS.md``.

With ``--only``, the parts not run keep their sections from the previous file
(``bench/results.py``), each marked with the date and commit it was measured at.

    python -m bench                        # everything (about an hour)
    python -m bench --only trainer         # some of it
    python -m bench --only trainer --baseline 2831b9a   # against an older revision, side by side
    python -m bench --quick --out -        # tiny sizes, seconds, to stdout (the smoke test)

Benchmarks are not part of the test suite; ``tests/test_bench_smoke.py`` runs ``--quick``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import (
    code_lines,
    load_bench,
    monkey_memory,
    results,
    stage_bench,
    standalone_bench,
    trainer_bench,
    window_bench,
)
from bench.common import engine_at, machine, run_line

PARTS = ("load", "trainer", "window", "stage", "monkey", "standalone", "code")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description="Tussenwerker's benchmarks.")
    p.add_argument("--only", default=",".join(PARTS), help=f"comma-separated subset of {', '.join(PARTS)}")
    p.add_argument("--sizes", default="1000,10000,50000", help="synthetic scenario sizes in nodes (load)")
    p.add_argument("--trainer-sizes", default="1000,10000",
                   help="synthetic sizes the trainer part also runs validate and analyze on (informational)")
    p.add_argument("--scenarios", default="", help="trainer part: only these scenarios (comma-separated names "
                                                   "as its tables show them, e.g. windmolens,realistic 3x40)")
    p.add_argument("--baseline", metavar="REV", help="also measure the engine (and commands) of this git revision")
    p.add_argument("--repeat", type=int, default=3, help="repeats per measurement (the best counts; for whole "
                                                         "commands the median)")
    p.add_argument("--quick", action="store_true", help="tiny sizes and short runs (a smoke test)")
    p.add_argument("--out", default=str(Path(__file__).parent / "RESULTS.md"), help="file to write, or - for stdout")
    args = p.parse_args(argv)
    parts = [x.strip() for x in args.only.split(",") if x.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        p.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    try:
        sizes = [int(x) for x in args.sizes.split(",")]
        trainer_sizes = [int(x) for x in args.trainer_sizes.split(",") if x.strip()]
    except ValueError:
        p.error(f"--sizes and --trainer-sizes take whole numbers separated by commas, not {args.sizes!r} / "
                f"{args.trainer_sizes!r}")
    repeat = args.repeat
    if args.quick:
        sizes, trainer_sizes, repeat = [60, 120], [], 1
    folder = Path(tempfile.mkdtemp(prefix="tussenwerker-bench-"))
    baseline = engine_at(args.baseline) if args.baseline else None
    started = time.perf_counter()
    fresh: dict[str, list[str]] = {}
    for part in parts:
        print(f"bench: {part} ...", file=sys.stderr, flush=True)
        stamp = run_line()  # date, commit and load average as the part starts
        if part == "load":
            lines = load_bench.run(sizes, folder, baseline, repeat)
        elif part == "trainer":
            only = [x.strip() for x in args.scenarios.split(",") if x.strip()]
            lines = trainer_bench.run(folder, trainer_sizes, baseline, repeat, quick=args.quick, only=only)
        elif part == "window":
            lines = window_bench.run(rounds=2 if args.quick else 9, idle_seconds=1.0 if args.quick else 10.0)
            lines = [lines[0].replace("### ", "## ", 1), *lines[1:]] if lines else ["## Window"]
        elif part == "stage":  # the meeting's stage: faces animating, idle (bench/stage_bench.py)
            lines = stage_bench.run(idle_seconds=1.0 if args.quick else 10.0, decisions=2 if args.quick else 8)
        elif part == "standalone":  # builds a venv and the standalone folder first: needs the package index
            lines = standalone_bench.run(runs=3 if args.quick else 9)
        elif part == "code":  # lines of code in engine/, now and before the one-rule-set rewrite
            lines = code_lines.run()
        else:
            lines = monkey_memory.run(events=300 if args.quick else 30_000, quick=args.quick)
        lines = [lines[0], "", stamp, *lines[1:]]
        fresh[part] = lines
        print("\n".join(lines), file=sys.stderr, flush=True)
    print(f"bench: {time.perf_counter() - started:.0f} s in all", file=sys.stderr)
    shutil.rmtree(folder, ignore_errors=True)
    if args.out == "-":
        sys.stdout.write(results.render(machine(), fresh, parts))
    else:
        results.write(Path(args.out), machine(), fresh, PARTS)
        print(f"bench: wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
