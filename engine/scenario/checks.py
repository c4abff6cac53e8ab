"""Cross-reference and graph checks on a built scenario.

The loader checks each field's shape; these checks need the whole scenario: does
every ``next`` lead somewhere, does every condition name a real resident, flag or
question, can every node be reached from the start.
"""

from __future__ import annotations

from collections import deque
from typing import Iterator, Optional

from .conditions import _COMPARE, BoolOp, Compare, Condition, Const, Not, Ref
from .errors import Problem
from .messages import msg, where_field, where_key
from .model import NARRATOR, RETURN, Pos, Scenario
from .reader import closest, did_you_mean


def check_scenario(s: Scenario) -> list[Problem]:
    out: list[Problem] = []

    def err(pos: Pos, message: str, severity: str = "error") -> None:
        out.append(Problem(s.path, pos.line, pos.column, message, severity))

    targets = set(s.nodes) | set(s.endings)
    residents = set(s.resident_ids)
    speakers = residents | {NARRATOR}

    for eid, ending in s.endings.items():
        if eid in s.nodes:
            err(ending.pos, msg("checks.ending_is_node", ending=eid))
        if ending.speaker is not None and ending.speaker not in speakers:
            err(s.mark(f"ending:{eid}:speaker", ending.pos),
                msg("checks.ending_speaker", ending=eid, speaker=ending.speaker,
                    hint=did_you_mean(ending.speaker, speakers)))

    if s.start not in s.nodes:
        hint = msg("hint.start_at_ending") if s.start in s.endings else did_you_mean(s.start, s.nodes)
        err(s.mark("start"), msg("checks.start_not_node", start=s.start, hint=hint))

    def check_target(key: str, target: str, fallback: Pos, what: str) -> None:
        if target == RETURN:
            return  # ends an interruption; _check_returns says whether one can be running
        if target not in targets:
            err(s.mark(key, fallback), msg("checks.bad_target", what=what, target=target,
                                           hint=did_you_mean(target, targets)))

    for trig in s.triggers:
        if trig.goto == RETURN:
            err(s.mark(f"trigger:goto:{trig.goto}", trig.pos), msg("checks.trigger_return"))
            continue
        check_target(f"trigger:goto:{trig.goto}", trig.goto, trig.pos, where_field(msg("where.trigger"), "goto"))

    for nid, node in s.nodes.items():
        here = msg("where.node", name=nid)
        if node.speaker not in speakers:
            err(s.mark(f"node:{nid}:speaker", node.pos),
                msg("checks.node_speaker", node=nid, speaker=node.speaker,
                    hint=did_you_mean(node.speaker, speakers)))
        for v in node.variants:
            if v.speaker is not None and v.speaker not in speakers:
                err(s.mark(f"node:{nid}:variant-speaker:{v.speaker}", node.pos),
                    msg("checks.variant_speaker", node=nid, speaker=v.speaker))
        if node.next is not None:
            check_target(f"node:{nid}:next", node.next, node.pos, msg("where.owner_key", owner=here, key="next"))
        for key, who in (("leaves", node.leaves), ("rejoins", node.rejoins)):
            for rid in who:
                if rid not in residents:
                    err(s.mark(f"node:{nid}:{key}", node.pos),
                        msg("checks.names_non_resident", node=nid, key=key, who=rid,
                            hint=did_you_mean(rid, residents)))
        for a in node.auto:
            check_target(f"node:{nid}:auto:goto:{a.goto}", a.goto, a.pos,
                         msg("where.owner_key", owner=here, key="goto"))
        for c in node.choices:
            choice = msg("where.choice", node=c.node_id, choice=c.id)
            check_target(f"choice:{c.key}:next", c.next, c.pos, msg("where.owner_key", owner=choice, key="next"))
            for who, deltas in c.effects.items():
                epos = s.mark(f"choice:{c.key}:effects:{who}", s.mark(f"choice:{c.key}:effects", c.pos))
                if who != "all" and who not in residents:
                    err(epos, msg("checks.effects_who", owner=choice, who=who,
                                  hint=did_you_mean(who, residents | {'all'})))
                for var in deltas:
                    if var not in s.mood_variables:
                        err(s.mark(f"choice:{c.key}:effects:{who}.{var}", epos),
                            msg("checks.undefined_variable", owner=choice, var=var, hint=_variable_hint(s, var)))

    for r in s.group:
        rpos = r.pos
        for who, deltas in r.effects.items():
            if who != "all" and who not in residents:
                err(rpos, msg("checks.reaction_effects_who", who=who, hint=did_you_mean(who, residents | {'all'})))
            for var in deltas:
                if var not in s.mood_variables:
                    err(rpos, msg("checks.undefined_variable", owner=msg("where.group_reaction"), var=var,
                                  hint=_variable_hint(s, var)))
    for who, deltas in s.timeout.cost.items():
        tpos = s.mark(f"timeout:effects:{who}", s.mark("timeout:effects"))
        if who != "all" and who not in residents:
            err(tpos, msg("checks.timeout_cost_who", who=who, hint=did_you_mean(who, residents | {'all'})))
        for var in deltas:
            if var not in s.mood_variables:
                err(s.mark(f"timeout:effects:{who}.{var}", tpos),
                    msg("checks.undefined_variable", owner=where_field(where_key("timeout"), "cost"), var=var,
                        hint=_variable_hint(s, var)))

    out.extend(_check_conditions(s))
    out.extend(_check_scales(s))
    out.extend(_check_reachability(s))
    out.extend(_check_returns(s))
    out.extend(_check_interruptions_come_back(s))
    out.extend(_check_line_loops(s))
    return out


def _check_line_loops(s: Scenario) -> list[Problem]:
    """Lines without choices whose ``next`` leads round to themselves: the meeting would show
    them for ever (an error), or until one of their ``auto``s holds (a warning: if none holds as
    the meeting gets there, it never does). Each loop is named once, at the ``next`` that closes it."""
    def goes_on(nid: str) -> bool:
        node = s.nodes.get(nid)
        return node is not None and not node.choices and node.next is not None and node.next != RETURN

    out: list[Problem] = []
    done: set[str] = set()
    for first in s.nodes:
        chain: list[str] = []
        nid = first
        while goes_on(nid) and nid not in done and nid not in chain:
            chain.append(nid)
            nid = s.nodes[nid].next  # type: ignore[assignment]
        done.update(chain)
        if nid not in chain:
            continue
        cycle = chain[chain.index(nid):]
        closing = cycle[-1]  # its ``next`` leads back to the loop's first line
        names = " -> ".join(repr(n) for n in cycle + [nid])
        with_auto = any(s.nodes[n].auto for n in cycle)
        pos = s.mark(f"node:{closing}:next", s.nodes[closing].pos)
        out.append(Problem(s.path, pos.line, pos.column,
                           msg("checks.line_loop_auto" if with_auto else "checks.line_loop", node=closing,
                               cycle=names),
                           "warning" if with_auto else "error"))
    return out


def _conditions(s: Scenario) -> Iterator[tuple[Condition, Pos]]:
    for r in s.group:
        yield r.when, r.pos
    for t in s.triggers:
        yield t.when, t.pos
    for node in s.nodes.values():
        for v in node.variants:
            yield v.when, node.pos
        for a in node.auto:
            yield a.when, a.pos
        for c in node.choices:
            if c.when is not None:
                yield c.when, c.pos


def _variable_hint(s: Scenario, word: str, who: Optional[str] = None) -> str:
    """Did you mean: by spelling, and by a variable's label in any language (boosheid -> anger);
    ``who``: the resident a condition names (``henk.boosheid``), None for an effect's variable."""
    key = _key_of_label(s, word, nearly=False)
    if key is None:  # a typo of a key is nearer to what was meant than a label it happens to resemble
        spelled = closest(word, s.mood_variables)
        if spelled:
            return msg("hint.did_you_mean", word=spelled if who is None else f"{who}.{spelled}")
        key = _key_of_label(s, word)
    if key is None:
        return ""
    if who is None:
        return msg("hint.label_not_key_effect", key=key, word=word)
    return msg("hint.label_not_key", ref=f"{who}.{key}", word=word)


def _key_of_label(s: Scenario, word: str, nearly: bool = True) -> Optional[str]:
    """The variable whose label (in any language, or, ``nearly``, nearly) ``word`` is."""
    by_label = {}
    for key, var in s.mood_variables.items():
        for text in var.label.variants.values():
            by_label[text.strip().lower()] = key
    key = by_label.get(word.strip().lower())
    if key is None and nearly:
        key = by_label.get(closest(word, by_label))
    return key


def flags_set(s: Scenario) -> set[str]:
    found: set[str] = set()
    for node in s.nodes.values():
        for c in node.choices:
            found.update(c.set_flags)
    if s.preparation:
        for q in s.preparation.questions:
            for o in q.options:
                found.update(o.set_flags)
    return found


def _check_conditions(s: Scenario) -> list[Problem]:
    out: list[Problem] = []
    residents = set(s.resident_ids)
    questions = {q.id for q in s.preparation.questions} if s.preparation else set()
    flags = flags_set(s)
    leaving = {rid for node in s.nodes.values() for rid in node.leaves}
    for cond, fallback in _conditions(s):
        pos = s.mark(f"cond:{id(cond)}", fallback)

        def bad(message: str, offset: int, pos: Pos = pos) -> None:
            out.append(Problem(s.path, pos.line, pos.column + offset, message))

        for ref in cond.refs():
            name = str(ref)
            if ref.kind == "mood":
                who, var = ref.parts
                if who not in residents:
                    bad(msg("checks.cond_not_resident", cond=name, who=who, hint=did_you_mean(who, residents)),
                        ref.offset)
                elif var not in s.mood_variables:
                    bad(msg("checks.undefined_variable", owner=msg("where.condition", cond=name), var=var,
                            hint=_variable_hint(s, var, who)), ref.offset)
            elif ref.kind in ("max", "min"):
                if ref.parts[0] not in s.mood_variables:
                    bad(msg("checks.undefined_variable", owner=msg("where.condition", cond=name), var=ref.parts[0],
                            hint=""), ref.offset)
            elif ref.kind == "flag":
                if ref.parts[0] not in flags:
                    bad(msg("checks.cond_flag_never_set", cond=name, flag=ref.parts[0],
                            hint=did_you_mean(ref.parts[0], flags)), ref.offset)
            elif ref.kind == "prep":
                if ref.parts[0] not in questions:
                    bad(msg("checks.cond_no_question", cond=name, question=ref.parts[0],
                            hint=did_you_mean(ref.parts[0], questions)), ref.offset)
            elif ref.kind == "away":
                if ref.parts[0] not in residents:
                    bad(msg("checks.cond_not_resident", cond=name, who=ref.parts[0],
                            hint=did_you_mean(ref.parts[0], residents)), ref.offset)
                elif ref.parts[0] not in leaving:  # always false: a misspelt plan, or a line that forgot 'leaves'
                    out.append(Problem(s.path, pos.line, pos.column + ref.offset,
                                       msg("checks.cond_never_away", cond=name, who=ref.parts[0]), "warning"))
            elif ref.kind == "visited":
                if ref.parts[0] not in s.nodes:
                    bad(msg("checks.cond_no_node", cond=name, node=ref.parts[0],
                            hint=did_you_mean(ref.parts[0], s.nodes)), ref.offset)
            elif ref.kind == "chose":
                nid, cid = ref.parts
                if nid not in s.nodes:
                    bad(msg("checks.cond_no_node", cond=name, node=nid, hint=did_you_mean(nid, s.nodes)), ref.offset)
                elif cid not in {c.id for c in s.nodes[nid].choices}:
                    bad(msg("checks.cond_no_choice", cond=name, node=nid, choice=cid,
                            hint=did_you_mean(cid, [c.id for c in s.nodes[nid].choices])), ref.offset)
    return out


_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def _check_scales(s: Scenario) -> list[Problem]:
    """A comparison of a mood with a number outside its scale (``anger >= 11`` on 0..10): never
    true (or always), wherever it stands. Choices whose condition never holds are found by the
    analysis too; a trigger, a variant or an ``auto`` that never fires is only missed."""
    out: list[Problem] = []
    for cond, fallback in _conditions(s):
        pos = s.mark(f"cond:{id(cond)}", fallback)
        stack = [cond.expr]
        while stack:
            e = stack.pop()
            if isinstance(e, Not):
                stack.append(e.operand)
            elif isinstance(e, BoolOp):
                stack.extend(e.operands)
            elif isinstance(e, Compare):
                found = _out_of_scale(s, e)
                if found is not None:
                    ref, always = found
                    scale = s.mood_variables[ref.parts[-1]]
                    out.append(Problem(s.path, pos.line, pos.column + ref.offset, msg(
                        "checks.cond_out_of_scale_always" if always else "checks.cond_out_of_scale",
                        cond=cond.source, var=ref.parts[-1], low=scale.minimum, high=scale.maximum), "warning"))
    return out


def _out_of_scale(s: Scenario, e: Compare) -> Optional[tuple[Ref, bool]]:
    """(the mood, whether the comparison always holds) when it is decided by the scale alone."""
    ref, op, number = e.left, e.op, e.right
    if isinstance(number, Ref) and isinstance(ref, Const):
        ref, number, op = number, ref, _FLIP.get(op, op)
    if not (isinstance(ref, Ref) and ref.is_numeric and isinstance(number, Const)) \
            or isinstance(number.value, bool) or not isinstance(number.value, (int, float)):
        return None
    scale = s.mood_variables.get(ref.parts[-1])
    if scale is None or op not in _COMPARE:
        return None
    held = {_COMPARE[op](v, number.value) for v in range(scale.minimum, scale.maximum + 1)}
    return (ref, True in held) if len(held) == 1 else None


def _check_returns(s: Scenario) -> list[Problem]:
    """``return`` only makes sense inside an interruption: a node that returns must not be
    reachable from the start without an interrupting trigger having fired on the way."""
    returning = [nid for nid, node in s.nodes.items() if node.says_return]
    if not returning or s.start not in s.nodes:
        return []
    plain = _reach(s, [s.start] + [t.goto for t in s.triggers if not t.interrupts])
    out = []
    for nid in returning:
        if nid in plain:
            pos = _return_written(s, nid)
            out.append(Problem(s.path, pos.line, pos.column, msg("checks.return_outside", node=nid)))
    return out


def _check_interruptions_come_back(s: Scenario) -> list[Problem]:
    """An interruption whose lines go on into the meeting itself (a node the meeting reaches
    without it) instead of ``return``: the meeting carries on from there with the way back still
    waiting, and the decisions after it can come round a second time, scoring again."""
    if s.start not in s.nodes:
        return []
    plain = _reach(s, [s.start] + [t.goto for t in s.triggers if not t.interrupts])
    out = []
    for t in s.triggers:
        if not t.interrupts or t.goto not in s.nodes:
            continue
        found = None
        if t.goto in plain:
            found = (t.goto, None, s.mark(f"trigger:goto:{t.goto}", t.pos))
        seen, queue = {t.goto}, deque([t.goto])
        while queue and found is None:
            nid = queue.popleft()
            for into, pos in _ways_on(s, nid):
                if into in plain:
                    found = (into, nid, pos)
                    break
                if into in s.nodes and into not in seen:
                    seen.add(into)
                    queue.append(into)
        if found is not None:
            into, from_node, pos = found
            out.append(Problem(s.path, pos.line, pos.column, msg(
                "checks.interruption_into_meeting", goto=t.goto, into=into, node=from_node or t.goto), "warning"))
    return out


def _ways_on(s: Scenario, nid: str) -> Iterator[tuple[str, Pos]]:
    """Where node ``nid`` leads, each with where that is written."""
    node = s.nodes[nid]
    for a in node.auto:
        yield a.goto, a.pos
    if node.next is not None:
        yield node.next, s.mark(f"node:{nid}:next", node.pos)
    for c in node.choices:
        yield c.next, s.mark(f"choice:{c.key}:next", c.pos)


def _return_written(s: Scenario, nid: str) -> Pos:
    """Where node ``nid`` says ``return`` (its ``next``, a choice's ``next`` or an ``auto``'s
    ``goto``): the line the author has to change, not the node's first line."""
    node = s.nodes[nid]
    if node.next == RETURN:
        return s.mark(f"node:{nid}:next", node.pos)
    for c in node.choices:
        if c.next == RETURN:
            return s.mark(f"choice:{c.key}:next", c.pos)
    for a in node.auto:
        if a.goto == RETURN:
            return s.mark(f"node:{nid}:auto:goto:{RETURN}", a.pos)
    return node.pos


def _reach(s: Scenario, roots: list[str]) -> set[str]:
    """Nodes reachable from ``roots`` along next, choices and auto (not triggers, not return)."""
    seen = {r for r in roots if r in s.nodes}
    queue = deque(seen)
    while queue:
        for nxt in successors(s, queue.popleft()):
            if nxt in s.nodes and nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def successors(s: Scenario, nid: str) -> list[str]:
    return [into for into, _ in _ways_on(s, nid)]


def _check_reachability(s: Scenario) -> list[Problem]:
    if s.start not in s.nodes:
        return []
    seen = {s.start}
    queue = deque([s.start])
    # A trigger can fire after any choice, so its target counts as reachable.
    for t in s.triggers:
        if t.goto not in seen:
            seen.add(t.goto)
            queue.append(t.goto)
    while queue:
        nid = queue.popleft()
        if nid not in s.nodes:
            continue
        for nxt in successors(s, nid):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    out = []
    for nid, node in s.nodes.items():
        if nid not in seen:
            out.append(Problem(s.path, node.pos.line, node.pos.column,
                               msg("checks.unreachable", what=msg("where.node", name=nid), start=s.start)))
    for eid, ending in s.endings.items():
        if eid not in seen:
            out.append(Problem(s.path, ending.pos.line, ending.pos.column,
                               msg("checks.unreachable", what=msg("where.ending", name=eid), start=s.start)))
    return out
