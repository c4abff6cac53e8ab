"""Coverage-guided fuzzing with atheris (libFuzzer for Python), for a bounded time.

    pip install -e ".[fuzz]"
    python -m bench.fuzz_atheris --seconds 600          # fuzz the loader for ten minutes
    python -m bench.fuzz_atheris --seconds 600 --keep   # ... and fold new finds into the corpus
    python -m bench.fuzz_atheris --target conditions    # the condition parser (and its compiler)
    python -m bench.fuzz_atheris --target exports       # terminal, CSV and Markdown sanitising

The ``conditions`` and ``exports`` targets start from a few seeds of their own in a
temporary folder (their finds are crashes to turn into tests, not a corpus to keep);
their contracts are ``check_condition`` and ``check_text_channels`` in ``bench.fuzz_contract``.

The engine is instrumented for coverage; each input is decoded as UTF-8 (undecodable
bytes replaced) and handed to ``bench.fuzz_contract.check``: anything but a scenario or
a clean ``ScenarioError`` is a crash, written as ``crash-*`` in the working folder for
``tests/test_fuzz_loader.py``-style replay. Small inputs that load are also validated
and played a few steps (``deep``), so the analyser and the session are fuzzed as well.

The fuzzer starts from ``tests/fuzz_corpus/`` (small scenarios and earlier finds) and
works in a temporary copy; with ``--keep`` libFuzzer's merge folds back only inputs that
add coverage, the smallest first, up to a size budget, so the corpus stays small. ``tests/test_fuzz_loader.py`` replays
every corpus file on each test run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fuzz_corpus"
MAX_LEN = 12_288  # bytes per input: small inputs keep runs fast and the corpus small
DEEP_BELOW = 3000  # inputs shorter than this that load are validated and played too
CORPUS_BUDGET = 48 * 1024  # bytes of tests/fuzz_corpus/, seeds included

# Tokens libFuzzer splices in: scenario keys, condition words, YAML syntax.
DICTIONARY = [
    "format: 1", "id:", "title:", "summary:", "setting:", "meeting:", "residents:", "name:", "mood:", "trust:",
    "anger:", "preparation:", "questions:", "options:", "correct: true", "prompt:", "start:", "triggers:",
    "nodes:", "endings:", "speaker:", "text:", "variants:", "auto:", "goto:", "next:", "choices:", "when:",
    "effects:", "set:", "clear:", "score:", "feedback:", "label:", "balcony:", "kind: agreement", "debrief:",
    "mood_variables:", "min:", "max:", "initial:", "good: low", "language: en", "step1", "step5", "e4", "all:",
    "narrator", "flag.", "prep.", "chose.", "visited.", "max.anger", "min.trust", " >= ", " and ", " or ",
    "not ", "{nl: ", ", en: ", "}", "[", "]", "&a ", "*a", "!!str ", "!!python/object:", "---", "...", "? ",
    "- ", ": ", "\"", "'", "|\n", ">\n", "#",
]


def _dict_entry(token: str) -> str:
    r"""A libFuzzer dictionary line: quoted, with \\, \" and \xNN escapes only."""
    out = []
    for byte in token.encode("utf-8"):
        ch = chr(byte)
        out.append("\\\\" if ch == "\\" else '\\"' if ch == '"' else ch if 32 <= byte < 127 else f"\\x{byte:02X}")
    return '"' + "".join(out) + '"'


TARGETS = ("loader", "conditions", "exports")
TARGET_ENV = "TUSSENWERKER_FUZZ_TARGET"
SEEDS = {
    "conditions": ["ineke.trust >= 6 and not flag.beloofd", "(max.anger < 3 or chose.opening.luisteren)",
                   "prep.belang == true", "not (visited.x and min.trust != -2)"],
    "exports": ["Ineke \x1b]0;title\x07 [a](javascript:x) <img src=x>", "=HYPERLINK(\"x\")", "- 1. # |`*_~&",
                "\u202eevil\u2066 \x9b31m \r\t ’ë"],
}


def _test_one_input(data: bytes) -> None:
    from bench.fuzz_contract import check, check_condition, check_text_channels
    text = data.decode("utf-8", "replace")
    target = os.environ.get(TARGET_ENV, "loader")
    if target == "conditions":
        check_condition(text)
    elif target == "exports":
        check_text_channels(text)
    else:
        check(text, deep=len(data) < DEEP_BELOW, steps=20)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:  # the child that runs libFuzzer (its flags look like options)
        return _worker(argv[1:])
    p = argparse.ArgumentParser(prog="python -m bench.fuzz_atheris", description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=int, default=60, help="how long to fuzz (default 60)")
    p.add_argument("--keep", action="store_true", help="merge inputs that add coverage into tests/fuzz_corpus/")
    p.add_argument("--target", choices=TARGETS, default="loader", help="what to fuzz (default: the loader)")
    p.add_argument("--libfuzzer", action="append", default=[], metavar="FLAG",
                   help="an extra libFuzzer flag, e.g. --libfuzzer=-seed=1 (repeatable)")
    args = p.parse_args(argv)
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("atheris is not installed: pip install -e \".[fuzz]\"", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="tussenwerker-fuzz-"))
    corpus = work / "corpus"
    if args.target != "loader":
        corpus.mkdir()
        for i, seed in enumerate(SEEDS[args.target]):
            (corpus / f"seed-{i}").write_text(seed, encoding="utf-8")
    elif CORPUS.is_dir():
        shutil.copytree(CORPUS, corpus)
    else:
        corpus.mkdir()
    os.environ[TARGET_ENV] = args.target  # the worker (a child) fuzzes what was asked
    dictionary = work / "scenario.dict"
    dictionary.write_text("\n".join(_dict_entry(t) for t in DICTIONARY) + "\n", encoding="utf-8")
    flags = [f"-max_total_time={args.seconds}", f"-max_len={MAX_LEN}", f"-dict={dictionary}", "-timeout=20",
             "-rss_limit_mb=4096", f"-artifact_prefix={Path.cwd()}/", "-print_final_stats=1", *args.libfuzzer]
    # libFuzzer ends its process when done, so it runs in a child and this one tidies up.
    status = subprocess.call([str(_launcher(work)), *flags, str(corpus)])
    if args.keep and status == 0 and args.target == "loader":
        _keep(corpus, work)
    return status


def _launcher(work: Path) -> Path:
    """An executable that starts the worker: libFuzzer re-runs its own ``argv[0]`` to merge."""
    path = work / "fuzz-worker"
    root = Path(__file__).resolve().parent.parent
    path.write_text(f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(root)!r})\n"
                    "from bench.fuzz_atheris import main\nsys.exit(main(['--worker', *sys.argv[1:]]))\n")
    path.chmod(0o755)
    return path


def _keep(found: Path, work: Path) -> None:
    """Fold finds that add coverage into tests/fuzz_corpus/, within a size budget.

    libFuzzer's ``-merge`` keeps a smallest set of inputs with the same coverage; of those,
    the seed files always stay and the smallest others are added until ``CORPUS_BUDGET``.
    """
    merged = work / "merged"
    merged.mkdir()
    CORPUS.mkdir(exist_ok=True)
    subprocess.call([str(_launcher(work)), "-merge=1", f"-max_len={MAX_LEN}", str(merged), str(CORPUS), str(found)])
    seeds = {p.name for p in CORPUS.glob("seed-*")}
    before = len(list(CORPUS.glob("*")))
    for old in CORPUS.iterdir():
        if old.name not in seeds:
            old.unlink()
    used = sum((CORPUS / name).stat().st_size for name in seeds)
    for new in sorted(merged.iterdir(), key=lambda p: p.stat().st_size):
        if new.read_bytes() in {(CORPUS / n).read_bytes() for n in seeds}:
            continue
        if used + new.stat().st_size > CORPUS_BUDGET:
            break
        shutil.copyfile(new, CORPUS / f"found-{new.name[:12]}")
        used += new.stat().st_size
    print(f"corpus: {before} -> {len(list(CORPUS.glob('*')))} files, {used // 1024} KiB", file=sys.stderr)


def _worker(flags: list[str]) -> int:
    import atheris
    with atheris.instrument_imports(include=["engine", "yaml", "simulator.safetext"]):
        import engine.analysis.playability  # noqa: F401
        import engine.scenario.lint  # noqa: F401  (instrumented for coverage)
        import engine.scenario.loader  # noqa: F401
        import simulator.safetext  # noqa: F401
    atheris.Setup([sys.argv[0], *flags], _test_one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
