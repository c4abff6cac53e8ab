"""Which flags, visits, earlier choices and preparation answers the relaxed meeting keeps, and what they decide.

The relaxed meeting (``relaxed``) forgets mood and nearly every name; the few it keeps
are those without which its bound would be useless: what guards a way back in the
dialogue (else a loop seems to gain forever) and what an ``auto`` reads to route the
meeting (else a repair scene pays every playthrough). A condition is then judged in
three values from the kept names alone: certainly true, certainly false, or unknown.
"""

from __future__ import annotations

from typing import Optional

from ..scenario.conditions import Condition, Expr, Ref, three_valued
from ..scenario.model import Scenario
from .lazygraph import components


def name_of(ref: Ref) -> Optional[str]:
    """The kept-name spelling of a reference ("flag:x", "visited:n", "chose:n.c", "prep:q" for
    a question answered right); None for what is never kept (mood, who is away)."""
    if ref.kind == "flag":
        return f"flag:{ref.parts[0]}"
    if ref.kind == "visited":
        return f"visited:{ref.parts[0]}"
    if ref.kind == "chose":
        return "chose:" + ".".join(ref.parts)
    if ref.kind == "prep":
        return f"prep:{ref.parts[0]}"
    return None


def loop_guards(s: Scenario) -> frozenset[str]:
    """Flags, visits and earlier choices read by a condition on a way back in the dialogue
    (an edge inside a loop of the scenario as written, triggers included)."""
    succ: dict[str, list[tuple[str, list[Condition]]]] = {}
    targets = [t for t in s.triggers]
    for nid, node in s.nodes.items():
        out: list[tuple[str, list[Condition]]] = [(a.goto, [a.when]) for a in node.auto]
        if node.next is not None:
            out.append((node.next, []))
        out += [(c.next, [c.when] if c.when is not None else []) for c in node.choices]
        if node.choices:
            out += [(t.goto, [t.when]) for t in targets]
        succ[nid] = out
    component = _components(list(s.nodes), lambda n: [d for d, _ in succ[n] if d in s.nodes])
    kept: set[str] = set()
    for nid, out in succ.items():
        for dest, conds in out:
            if dest in component and component[dest] == component[nid]:
                for cond in conds:
                    kept.update(n for n in map(name_of, cond.refs()) if n is not None)
    return frozenset(kept)


def routing_names(s: Scenario, most: int = 1) -> frozenset[str]:
    """Flags, visits and earlier choices an ``auto`` or a trigger reads: where the meeting goes
    by itself. Without them every such route would seem open, and a repair scene (``flag.belofte``:
    "you promised...") would pay its points to playthroughs that never made the mistake.
    Each name kept can double the relaxed meeting (and each of its ceilings), which on
    scenarios with several cost more than the tighter bound saved: the one read most often
    is kept (a flag that four lines ask after, like a promise made too soon)."""
    count: dict[str, int] = {}
    conditions = [t.when for t in s.triggers] + [a.when for n in s.nodes.values() for a in n.auto]
    for cond in conditions:
        for ref in cond.refs():
            name = name_of(ref)
            if name is not None:
                count[name] = count.get(name, 0) + 1
    return frozenset(sorted(count, key=lambda n: (-count[n], n))[:most])


def preparation_names(s: Scenario) -> frozenset[str]:
    """The preparation questions a condition reads ("prep:q"): what the prepared relaxed
    meeting keeps, so an option a right answer unlocks is no way after a wrong one. Only the
    conditions that meeting decides (triggers, ``auto``s, choices), not all of
    ``Scenario.conditions()``: a question only a line variant or a group reaction reads would
    copy the meeting per answer and tighten nothing."""
    out: set[str] = set()
    conditions = [t.when for t in s.triggers] + [a.when for n in s.nodes.values() for a in n.auto] + \
        [c.when for n in s.nodes.values() for c in n.choices if c.when is not None]
    for cond in conditions:
        out.update(f"prep:{r.parts[0]}" for r in cond.refs() if r.kind == "prep")
    return frozenset(out)


def _components(nodes: list[str], succ) -> dict[str, int]:
    """Strongly connected component number per node: the nodes of one loop share a number, a node
    on no loop has one of its own (``lazygraph.components``, from each node not reached yet)."""
    comp: dict[str, int] = {}
    for root in nodes:
        if root in comp:
            continue
        for number, members in enumerate(components(root, lambda n: [(None, d) for d in succ(n)],
                                                    comp.__contains__), start=len(comp)):
            for w in members:
                comp[w] = number
    return comp


def truth(e: Expr, kept: frozenset, names: frozenset) -> Optional[bool]:
    """Three-valued truth of a condition from the kept names alone: True, False or None (unknown)."""
    def leaf(x: Expr) -> Optional[bool]:
        key = name_of(x) if isinstance(x, Ref) else None
        return (key in names) if key is not None and key in kept else None
    return three_valued(e, leaf)


__all__ = ["loop_guards", "routing_names", "truth"]
