"""Lines of code in ``engine/``, per subpackage, now and before the one-rule-set rewrite.

The engine issue asked for the count before and after: the core should read like a small
story runtime. "Before" is the last commit before that work began (``BEFORE``), when the
engine was one flat folder; its files are grouped into today's subpackages by what they
did. Counted from git (``git show``), so the figures can be checked by anyone with the
history; without git only today's column is filled in.
"""

from __future__ import annotations

import subprocess
from typing import Optional

from bench.common import ROOT

BEFORE = "0250199"  # the parent of the commit that put engine/ in subpackages, on 2026-12-03
# The flat files of BEFORE, by the subpackage that does their job today.
BEFORE_GROUPS = {
    "scenario": "loader conditions shapes lint reader model yamlsafe schema checks dimensions text errors",
    "play": "rules session machine state scoring replay plans",
    "analysis": "abstraction playstats playwalk analysis values liveness outlook bounds packed gcpause playability",
    "debrief": "review review_parts branching selfrating seedtext progress",
    "rating": "",
}
# What each subpackage holds today, in a few words.
ROLES = {
    "scenario": "format, loading, conditions, validation, lint, schema, messages (en + nl)",
    "play": "the one rule set, its compiler, the transitions machine, session, state, scoring, replay",
    "analysis": "exact best/worst by question, bounds, static checks with witnesses, statistics, tells",
    "debrief": "review, tips, self-rating, progress, the seed's texts",
    "rating": "blind rating sheets and agreement with the key (sign-off issue)",
}


def _lines(text: str) -> int:
    return len(text.splitlines())


def _git(*args: str) -> Optional[str]:
    try:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def now() -> dict[str, tuple[int, int]]:
    """Per subpackage (``init`` for engine/__init__.py): (files, lines) in this checkout."""
    out: dict[str, tuple[int, int]] = {}
    for path in sorted((ROOT / "engine").rglob("*.py")):
        parts = path.relative_to(ROOT / "engine").parts
        key = parts[0] if len(parts) > 1 else "init"
        files, lines = out.get(key, (0, 0))
        out[key] = (files + 1, lines + _lines(path.read_text(encoding="utf-8")))
    return out


def before() -> Optional[dict[str, tuple[int, int]]]:
    """The same at ``BEFORE``, grouped by ``BEFORE_GROUPS``; None without the history."""
    out: dict[str, tuple[int, int]] = {}
    for key, names in [*BEFORE_GROUPS.items(), ("init", "__init__")]:
        files = lines = 0
        for name in names.split():
            text = _git("show", f"{BEFORE}:engine/{name}.py")
            if text is None:
                return None
            files, lines = files + 1, lines + _lines(text)
        out[key] = (files, lines)
    return out


def run() -> list[str]:
    today, then = now(), before()
    out = ["## Lines of code in engine/", "",
           f"Python lines (comments and docstrings included) per subpackage, now and at {BEFORE} "
           "(before the one-rule-set rewrite, when engine/ was one flat folder; its files grouped by "
           "the subpackage that does their job today).", "",
           "| subpackage | what it holds | files then | lines then | files now | lines now |",
           "|---|---|---|---|---|---|"]
    keys = [k for k in (*ROLES, "init") if k in today or (then and k in then)]
    for key in keys:
        f0, l0 = then.get(key, (0, 0)) if then else (None, None)
        f1, l1 = today.get(key, (0, 0))
        role = ROLES.get(key, "the package's lazy imports")
        name = "engine/__init__.py" if key == "init" else f"engine/{key}/"
        out.append(f"| {name} | {role} | {'-' if f0 is None else f0} | {'-' if l0 is None else f'{l0:,}'} "
                   f"| {f1} | {l1:,} |")
    t0 = sum(v[1] for v in then.values()) if then else None
    t1 = sum(v[1] for v in today.values())
    out.append(f"| all | | {sum(v[0] for v in then.values()) if then else '-'} | "
               f"{'-' if t0 is None else f'{t0:,}'} | {sum(v[0] for v in today.values())} | {t1:,} |")
    out += ["", "The play core a live session runs (rules, compiler, machine, session, state, scoring, "
            "replay, plans) is the engine/play/ row; the analysis grew by what the engine issue asked of it "
            "(exact values by question with bounds, static checks with replayed witnesses, interval proofs, "
            "statistics with confidence intervals) and the validity issue's tells report."]
    return out
