"""Scenario smells: things that load and play, but that a trainer most likely didn't mean.

The validator's errors say "this can't work"; these warnings say "this works, but the
debrief, the window or a translator will suffer": a choice nobody scored, feedback that
is missing, a dimension the scenario never tests, a line too long for the dialogue box,
a text without its translation, mood or flags that change but are never looked at,
characters the window's font can't draw (``fontcoverage``), invisible direction controls,
and titles or names too long for their places on screen.
(Dead ends and endings that no mood path reaches come from ``playability``.)

Communicate!'s authors found that scoring gets hard as scenarios grow and added a
"scenario smells" checker; this is ours. It runs on a scenario that loaded without
errors, plus its YAML tree (walked with ``shapes``) for exact positions of texts.
"""

from __future__ import annotations

from typing import Iterable, Iterator

import yaml

from .conditions import Condition
from .dimensions import BY_KEY, DIMENSION_KEYS
from .errors import Problem
from .fontcoverage import drawable
from .model import NARRATOR, Choice, Pos, Scenario
from .shapes import Instance, instances, texts
from .text import LANGUAGES
from .yamlsafe import compose, pos_of

# Characters that fit the dialogue box and a choice button at the largest text size.
# The window decides the real layout; these budgets keep authors well inside it.
LINE_BUDGET = 420
# The window's promise: a decision of up to MAX_OPTIONS options of up to CHOICE_BUDGET
# characters shows every option in full, without scrolling, at 800x600 and any text size.
CHOICE_BUDGET = 240
MAX_OPTIONS = 5
EMPATHY = ("e1", "e2", "e3", "e4")
# Short labels with a place of their own on screen: the scenario's title (its start-screen
# card and the top bar), an ending's title (the ending screen's heading), a resident's name
# (the resident's card in the meeting) and a mood scale's label (beside its meter). Beyond
# these they wrap over more lines than the place has at 800x600 and the largest text size.
_LABEL_BUDGETS = {
    ("scenario", "title"): 60, ("ending", "title"): 60, ("resident", "name"): 30, ("mood_variable", "label"): 20,
}
# Embeddings, overrides and isolates: invisible, and they make text read otherwise than written.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LAYOUT_CHARS = frozenset("\n\t")

# Which texts are shown in which box: (shape, key) -> budget.
_BUDGETS = {
    ("node", "text"): LINE_BUDGET, ("variant", "text"): LINE_BUDGET, ("question", "prompt"): LINE_BUDGET,
    ("choice", "text"): CHOICE_BUDGET, ("option", "text"): CHOICE_BUDGET,
}


def lint_scenario(scenario: Scenario, source: str) -> list[Problem]:
    """Every smell in a scenario that loaded without errors, as positioned warnings."""
    root = compose(source, scenario.path)
    found = _Lint(scenario, root)
    found.texts()
    found.glyphs()
    found.labels()
    found.choices()
    found.dimensions()
    found.mood()
    found.flags()
    found.opportunities()
    found.endings()
    found.faces()
    return sorted(found.out)


class _Lint:
    def __init__(self, scenario: Scenario, root: yaml.Node):
        self.s = scenario
        self.root = root
        self.out: list[Problem] = []
        self.shaped = list(instances(root))

    def warn(self, at: "yaml.Node | Pos", message: str) -> None:
        line, col = (at.line, at.column) if isinstance(at, Pos) else pos_of(at)
        self.out.append(Problem(self.s.path, line, col, message, "warning"))

    def of_shape(self, name: str) -> Iterator[Instance]:
        return (i for i in self.shaped if i.shape.name == name)

    def top_key(self, key: str) -> Pos:
        """Where a top-level key is written (for warnings about the whole scenario)."""
        if isinstance(self.root, yaml.MappingNode):
            for k, _ in self.root.value:
                if getattr(k, "value", None) == key:
                    return Pos(*pos_of(k))
        return Pos()

    # -- texts: translations and length -------------------------------------------
    def texts(self) -> None:
        sites = list(texts(self.root))
        translated = [t for t in sites if isinstance(t.node, yaml.MappingNode) and len(t.node.value) > 1]
        if sites and not translated:
            missing = [lang for lang in LANGUAGES if lang != self.s.language]
            self.warn(self.top_key("title"),
                      f"no text has a translation ({', '.join(missing)}); the scenario plays in "
                      f"{self.s.language} only — write texts as {{nl: ..., en: ...}} to translate them")
        for site in sites:
            if translated:
                self._translation(site.path, site.node)
            budget = _BUDGETS.get((site.shape.name, site.key))
            if budget is not None:
                self._length(site.path, site.node, budget)

    def _translation(self, path: str, node: yaml.Node) -> None:
        if isinstance(node, yaml.ScalarNode):
            others = [lang for lang in LANGUAGES if lang != self.s.language]
            self.warn(node, f"{path} is only in {self.s.language}; add {', '.join(others)} "
                            f"({{{self.s.language}: ..., {others[0]}: ...}})")
        elif isinstance(node, yaml.MappingNode):
            have = {str(k.value) for k, _ in node.value}
            missing = [lang for lang in LANGUAGES if lang not in have]
            if missing:
                self.warn(node, f"{path} has no {' or '.join(missing)} translation")

    def _length(self, path: str, node: yaml.Node, budget: int) -> None:
        box = "a choice button" if budget == CHOICE_BUDGET else "the dialogue box"
        if isinstance(node, yaml.ScalarNode):
            parts = [(None, node)]
        elif isinstance(node, yaml.MappingNode):
            parts = [(str(k.value), v) for k, v in node.value]
        else:
            return
        for lang, value in parts:
            text = str(getattr(value, "value", ""))
            if len(text) > budget:
                which = f" ({lang})" if lang else ""
                advice = ("split it over two nodes with next:" if budget == LINE_BUDGET
                          else "shorten it, or the options may have to scroll")
                self.warn(value, f"{path}{which} is {len(text)} characters; {box} holds about {budget} at "
                                 f"the largest text size — {advice}")

    # -- what the window can show -------------------------------------------------------
    def glyphs(self) -> None:
        """Characters the font has no glyph for (an empty box on screen), and bidi controls."""
        stack = [self.root]
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                stack.extend(v for _, v in reversed(node.value))
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(reversed(node.value))
            elif isinstance(node, yaml.ScalarNode) and isinstance(node.value, str) and not node.value.isascii():
                self._glyphs(node, node.value)

    def _glyphs(self, node: yaml.Node, text: str) -> None:
        hidden = sorted({ch for ch in text if ch in BIDI_CONTROLS})
        if hidden:
            self.warn(node, f"text contains an invisible direction control ({_codes(hidden)}) that makes it "
                            "read otherwise than written; remove it")
        missing = sorted({ch for ch in text if ch not in LAYOUT_CHARS and ch not in BIDI_CONTROLS
                          and not drawable(ch)})
        if missing:
            shown = " ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
            self.warn(node, f"the window's font (Noto Sans) can't draw {shown} ({_codes(missing[:5])}): "
                            "it shows as an empty box; use other characters")

    def labels(self) -> None:
        for inst in self.shaped:
            for key in inst.fields:
                budget = _LABEL_BUDGETS.get((inst.shape.name, key))
                if budget is None:
                    continue
                value = inst.fields[key][1]
                parts = [(None, value)] if isinstance(value, yaml.ScalarNode) else \
                    [(str(k.value), v) for k, v in value.value] if isinstance(value, yaml.MappingNode) else []
                where = f"{inst.path}.{key}" if inst.path else key
                for lang, part in parts:
                    text = str(getattr(part, "value", ""))
                    if len(text) > budget:
                        which = f" ({lang})" if lang else ""
                        self.warn(part, f"{where}{which} is {len(text)} characters; its place on screen holds "
                                        f"about {budget} — shorten it")

    # -- choices: score, feedback, and how many fit the window ---------------------------
    def choices(self) -> None:
        for node in self.s.nodes.values():
            if len(node.choices) > MAX_OPTIONS:
                self.warn(node.pos, f"node {node.id!r} offers {len(node.choices)} choices; the window shows every "
                                    f"option at once up to {MAX_OPTIONS} — beyond, the trainee has to scroll for "
                                    "the rest: split the decision or drop the weakest options")
        for q in self.s.preparation.questions if self.s.preparation else ():
            if len(q.options) > MAX_OPTIONS:
                self.warn(q.pos, f"preparation question {q.id!r} has {len(q.options)} answers; the window shows "
                                 f"every answer at once up to {MAX_OPTIONS} — beyond, the trainee has to scroll")
        for inst in self.of_shape("choice"):
            if "score" not in inst.fields:
                self.warn(inst.node, f"choice {_choice_name(inst)} has no score; add weights such as "
                                     "score: {step3: 1}, or score: {} if it is deliberately neutral")
        for node in self.s.nodes.values():
            for c in node.choices:
                if c.score and not c.feedback.variants:
                    weights = ", ".join(f"{k} {v:+d}" for k, v in c.score.items())
                    self.warn(c.pos, f"choice {c.key} scores {weights} but has no feedback; the debrief "
                                     "can't explain the weight")

    # -- dimensions ------------------------------------------------------------------
    def dimensions(self) -> None:
        weights: dict[str, list[int]] = {k: [] for k in DIMENSION_KEYS}
        for node in self.s.nodes.values():
            for c in node.choices:
                for k, w in c.score.items():
                    weights[k].append(w)
        if self.s.preparation:
            for q in self.s.preparation.questions:
                for o in q.options:
                    for k, w in o.score.items():
                        weights[k].append(w)
        at = self.top_key("nodes")
        if not any(weights.values()):
            self.warn(at, "no choice or preparation answer is scored yet; the debrief has nothing to report "
                          "(add score: {step3: 1} and the like to the choices)")
            return
        for k in DIMENSION_KEYS:
            name = f"{k} ({BY_KEY[k].label.get('en')})"
            if not weights[k]:
                self.warn(at, f"dimension {name} is never scored; the debrief will show it as "
                              "not trained in this scenario")
            elif max(weights[k]) <= 0:
                self.warn(at, f"dimension {name} only has negative weights; a trainee can lose points on "
                              "it but never earn any")

    # -- mood that changes but is never read -----------------------------------------
    def mood(self) -> None:
        read: set[tuple[str, str]] = set()
        for cond in _conditions(self.s):
            for ref in cond.refs():
                if ref.kind == "mood":
                    read.add((ref.parts[0], ref.parts[1]))
                elif ref.kind in ("max", "min"):
                    read.update((rid, ref.parts[0]) for rid in self.s.resident_ids)
        first: dict[tuple[str, str], Pos] = {}
        count: dict[tuple[str, str], int] = {}
        for node in self.s.nodes.values():
            for c in node.choices:
                for who, deltas in c.effects.items():
                    rids = self.s.resident_ids if who == "all" else (who,)
                    for rid in rids:
                        for var, delta in deltas.items():
                            if delta and (rid, var) not in read:
                                first.setdefault((rid, var), self.s.mark(f"choice:{c.key}:effects", c.pos))
                                count[(rid, var)] = count.get((rid, var), 0) + 1
        for (rid, var), pos in sorted(first.items(), key=lambda kv: (kv[1].line, kv[0])):
            n = count[(rid, var)]
            self.warn(pos, f"mood {rid}.{var} is changed by {n} choice{'s' if n != 1 else ''} but no condition "
                           f"reads it; use it in a when: (e.g. \"{rid}.{var} >= 6\") or leave it out")

    # -- flags -----------------------------------------------------------------------
    def flags(self) -> None:
        read = {ref.parts[0] for cond in _conditions(self.s) for ref in cond.refs() if ref.kind == "flag"}
        setters: dict[str, tuple[str, Pos]] = {}
        for node in self.s.nodes.values():
            for c in node.choices:
                for flag in c.set_flags:
                    setters.setdefault(flag, (f"choice {c.key}", c.pos))
        if self.s.preparation:
            for q in self.s.preparation.questions:
                for o in q.options:
                    for flag in o.set_flags:
                        setters.setdefault(flag, (f"option {q.id}.{o.id}", o.pos))
        for flag, (who, pos) in sorted(setters.items(), key=lambda kv: kv[1][1].line):
            if flag not in read:
                self.warn(pos, f"flag {flag!r} is set ({who}) but no condition reads it (flag.{flag})")
        for node in self.s.nodes.values():
            for c in node.choices:
                for flag in c.clear_flags:
                    if flag not in setters:
                        self.warn(c.pos, f"choice {c.key} clears flag {flag!r}, which nothing sets")

    # -- opportunities and endings -----------------------------------------------------
    def opportunities(self) -> None:
        for node in self.s.nodes.values():
            if node.opportunity is None:
                continue
            if not node.choices:
                self.warn(node.pos, f"node {node.id!r} marks an opportunity but offers no choices, so the trainee "
                                    "can't answer it and the debrief never shows it; put it on the decision node")
                continue
            if not any(c.score.get(k, 0) > 0 for c in node.choices for k in EMPATHY):
                self.warn(node.pos, f"node {node.id!r} marks an opportunity, but no choice scores positively "
                                    "on e1-e4; give the trainee a way to answer the feeling")
            passing = [c for c in node.choices if not any(c.score.get(k, 0) > 0 for k in EMPATHY)]
            if passing and not any(self._worsens(c) for c in passing):
                names = ", ".join(c.id for c in passing)
                who = node.speaker if node.speaker in self.s.resident_ids else "RESIDENT"
                self.warn(node.pos, f"node {node.id!r} marks an opportunity, but passing it over costs nothing: no "
                                    f"reply without an e1-e4 weight ({names}) moves a resident's mood the wrong "
                                    "way; residents whose clues are ignored raise them again, louder — add e.g. "
                                    f"effects: {{{who}: {{anger: 1}}}}")

    def _worsens(self, choice: Choice) -> bool:
        """Whether a choice moves some resident's mood towards its uncalm end (anger up, trust down)."""
        variables = self.s.mood_variables
        for deltas in choice.effects.values():
            for var, delta in deltas.items():
                v = variables.get(var)
                if v is not None and delta and (delta < 0) == (v.good == "high"):
                    return True
        return False

    def endings(self) -> None:
        for ending in self.s.endings.values():
            if not ending.debrief.variants:
                self.warn(ending.pos, f"ending {ending.id!r} has no debrief; the trainer's word on it is what "
                                      "the trainee remembers")

    def faces(self) -> None:
        """An ``emotion:`` on a line no resident speaks shows on no face."""
        for node in self.s.nodes.values():
            lines = [(node.speaker, node.emotion, "")] + [
                (v.speaker or node.speaker, v.emotion or node.emotion, f" (version {k + 1})")
                for k, v in enumerate(node.variants) if v.emotion or v.speaker]
            for speaker, emotion, which in lines:
                if emotion and speaker == NARRATOR:
                    self.warn(node.pos, f"node {node.id!r}{which} has emotion {emotion!r}, but the narrator speaks "
                                        "it and has no face to show it; leave emotion out or give the line to a "
                                        "resident")
                    break


def _codes(chars: list[str]) -> str:
    return ", ".join(f"U+{ord(ch):04X}" for ch in chars)


def _choice_name(inst: Instance) -> str:
    # "nodes.opening.choices[luisteren]" -> "opening.luisteren"
    parts = inst.path.split(".")
    node = parts[1] if len(parts) > 2 else "?"
    cid = inst.path.rsplit("[", 1)[-1].rstrip("]")
    return f"{node}.{cid}"


def _conditions(s: Scenario) -> Iterable[Condition]:
    for t in s.triggers:
        yield t.when
    for node in s.nodes.values():
        for v in node.variants:
            yield v.when
        for a in node.auto:
            yield a.when
        for c in node.choices:
            if c.when is not None:
                yield c.when

