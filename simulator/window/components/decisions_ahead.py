"""How far along the meeting is: "beslissing 3 van ongeveer 8".

A meeting branches, so the number of decisions left is known only roughly. From every
node we count the decisions on the shortest and on the longest way to an ending over
the scenario's node graph (every ``next``, choice and ``auto`` jump, conditions
ignored; a way that comes back to a node it passed stops there), and call the middle
of the two "about". The trainee sees the decision they are at and about how many the
whole meeting has, counted from where they stand now — so the estimate sharpens as the
meeting goes on. Pure: no window, computed once per scenario.
"""

from __future__ import annotations

from typing import Mapping

from engine.scenario.model import Scenario

CACHE = "_decision_spans"  # kept on the (frozen) scenario object itself, as the engine keeps its machine


def _successors(scenario: Scenario, node_id: str) -> list[str]:
    node = scenario.nodes[node_id]
    found = [c.next for c in node.choices] + [a.goto for a in node.auto]
    if node.next is not None:
        found.append(node.next)
    return [n for n in dict.fromkeys(found) if n in scenario.nodes or n in scenario.endings]


def spans(scenario: Scenario) -> Mapping[str, tuple[int, int]]:
    """Per node: (fewest, most) decisions from it (itself included) to an ending."""
    cached = scenario.__dict__.get(CACHE)
    if cached is not None:
        return cached
    out: dict[str, tuple[int, int]] = {}
    state: dict[str, int] = {}  # 1: on the current way, 2: done
    for root in scenario.nodes:
        if root in out:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        while stack:
            node_id, i = stack.pop()
            nexts = _successors(scenario, node_id)
            if i == 0:
                state[node_id] = 1
            if i < len(nexts):
                stack.append((node_id, i + 1))
                nxt = nexts[i]
                if nxt in scenario.nodes and state.get(nxt) is None:
                    stack.append((nxt, 0))
                continue
            own = 1 if scenario.nodes[node_id].choices else 0
            below = [out[n] for n in nexts if n in out]  # a node on the current way (a loop) counts as no way
            if any(n in scenario.endings for n in nexts):
                below.append((0, 0))
            if below:
                out[node_id] = (own + min(b[0] for b in below), own + max(b[1] for b in below))
            else:
                out[node_id] = (own, own)
            state[node_id] = 2
    object.__setattr__(scenario, CACHE, out)  # a cache, not state: frozen is fine
    return out


def about_total(scenario: Scenario, node_id: str, decided: int) -> int:
    """About how many decisions the meeting has: ``decided`` so far plus the middle of the
    fewest and the most still ahead from ``node_id`` (itself included)."""
    fewest, most = spans(scenario).get(node_id, (0, 0))
    return decided + max(fewest, round((fewest + most) / 2))
