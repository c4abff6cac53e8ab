"""The process that valgrind counts for ``bench.work_bench``: ``python -m bench.work_child``.

``freeze SCENARIO.yaml OUT.pickle`` loads a scenario (natively, outside valgrind) and
pickles the model; ``count OUT.pickle none|explore`` unpickles it and, with ``explore``,
builds the state graph once. Counting both and subtracting leaves the instructions of
``explore`` alone. The pickle is there because loading 50k nodes from YAML takes about
25 s natively and most of an hour under valgrind; unpickling takes a few seconds.
"""

from __future__ import annotations

import copyreg
import os
import pickle
import sys
from types import MappingProxyType


def proxy(d: dict) -> MappingProxyType:
    """Rebuilds a read-only mapping (``Text.variants``): ``mappingproxy`` can't be pickled itself."""
    return MappingProxyType(d)


copyreg.pickle(MappingProxyType, lambda m: (proxy, (dict(m),)))


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "freeze":
        from engine import load_scenario
        scenario = load_scenario(argv[1])
        with open(argv[2], "wb") as fh:
            pickle.dump(scenario, fh, protocol=pickle.HIGHEST_PROTOCOL)
        print(len(scenario.nodes))
        return 0
    if len(argv) == 3 and argv[0] == "count" and argv[2] in ("none", "explore"):
        from engine import explore
        with open(argv[1], "rb") as fh:
            scenario = pickle.load(fh)
        graph = explore(scenario) if argv[2] == "explore" else None
        print(graph.state_count if graph is not None else 0, flush=True)
        # Leave without freeing the graph and the scenario: tearing down 75k states is not
        # explore's work, and the process that only unpickles would not count its share.
        os._exit(0)
    print("usage: python -m bench.work_child freeze SCENARIO.yaml OUT | count OUT none|explore", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
