"""The surface classifier's weights, learned from the shipped scenarios and shipped beside them.

The tells report's surface classifier learns from the shipped scenarios
(``engine/analysis/surface.py``). Learning them again in every ``validate`` and ``analyze``
cost more than the rest of the check on most scenarios, so the weights are stored in
``scenarios/surface-model.json`` with the digest of every scenario they came from, and
used only while those are exactly the shipped files (otherwise it trains, as before).

After a shipped scenario changes, write them again from a checkout:

    python -m simulator.surface_model

(a test fails until then, naming this command).
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache

from engine.analysis.surface import Examples, StoredWeights, Training, stored_record
from engine.scenario.errors import ScenarioError
from engine.scenario.loader import source_digest
from engine.scenario.text import LANGUAGES
from engine.scenario.yamlsafe import read_text
from simulator import catalog, resources

FILE_NAME = "surface-model.json"


def shipped_digests() -> list[str]:
    """The digest of every shipped scenario file that can be read (its text hashed, not parsed)."""
    out = []
    for path in sorted(resources.shipped_scenarios().glob("*.yaml")):
        try:
            out.append(source_digest(read_text(str(path))))
        except ScenarioError:
            continue
    return out


def stored() -> dict:
    """The stored record, or an empty one when it is missing or unreadable (then training runs)."""
    try:
        data = json.loads((resources.shipped_scenarios() / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@lru_cache(maxsize=1)
def shipped_training() -> Training:
    """What the tells report's classifier learns from: the stored weights while they are fresh,
    else the shipped scenarios themselves (loaded only then)."""
    return StoredWeights(stored(), shipped_digests(), Examples(catalog.shipped_scenarios))


def record_text() -> str:
    """The stored record as training on today's shipped scenarios gives it."""
    return json.dumps(stored_record(catalog.shipped_scenarios(), LANGUAGES), indent=1) + "\n"


def main() -> int:
    repo = resources.checkout()
    if repo is None:
        print("surface_model writes the project's source files: run it in a checkout of the project",
              file=sys.stderr)
        return 1
    target = resources.shipped_scenarios() / FILE_NAME
    target.write_text(record_text(), encoding="utf-8")
    print(f"wrote scenarios/{FILE_NAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
