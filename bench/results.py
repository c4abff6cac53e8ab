"""``bench/RESULTS.md``: one section per part, so a run of some parts keeps the others.

Each part's section sits between ``<!-- part:NAME -->`` and ``<!-- /part:NAME -->`` and
starts with the date, commit and load average of the run that measured it. A run
rewrites the header and the machine description, replaces the sections of the parts it
ran and keeps every other section as it was (``--only load`` leaves the window numbers
of an earlier run in place, marked with their own date and commit).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

HEADER = [
    "# Benchmark results", "",
    "Written by `python -m bench`; bench/README.md says what each number means. Each part names",
    "the run that measured it: `python -m bench --only PART` replaces that part and keeps the others.",
    "",
]
_SECTION = re.compile(r"<!-- part:(\w+) -->\n(.*?)<!-- /part:\1 -->\n", re.S)


def sections(text: str) -> dict[str, str]:
    """The part sections of an existing results file, by part name."""
    return {m.group(1): m.group(2) for m in _SECTION.finditer(text)}


def render(machine: Sequence[str], fresh: dict[str, list[str]], order: Sequence[str], old_text: str = "") -> str:
    """The whole file: header, machine, then every part in ``order`` (fresh or kept)."""
    kept = sections(old_text)
    out = [*HEADER, "## Machine (of the latest run)", "", *machine, ""]
    for part in order:
        if part in fresh:
            body = "\n".join(fresh[part]).rstrip("\n") + "\n"
        elif part in kept:
            body = kept[part]
        else:
            continue
        out.append(f"<!-- part:{part} -->\n{body}<!-- /part:{part} -->")
    return "\n".join(out).rstrip("\n") + "\n"


def write(path: Path, machine: Sequence[str], fresh: dict[str, list[str]], order: Sequence[str]) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(render(machine, fresh, order, old), encoding="utf-8")
