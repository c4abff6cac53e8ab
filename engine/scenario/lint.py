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

from typing import Iterator

import yaml

from .dimensions import BY_KEY, DIMENSION_KEYS
from .errors import Problem
from .fontcoverage import drawable
from .messages import Message, msg, or_list
from .model import NARRATOR, Choice, Pos, Scenario
from .presence import may_have_left
from .shapes import Instance, instances, texts
from .text import LANGUAGES
from .together import most_at_once
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
        self.maybe_gone = may_have_left(scenario)  # per node, who may have walked out by then

    def warn(self, at: "yaml.Node | Pos", message: str) -> None:
        line, col = (at.line, at.column) if isinstance(at, Pos) else pos_of(at)
        self.out.append(Problem(self.s.path, line, col, message, "warning"))

    def of_shape(self, name: str) -> Iterator[Instance]:
        return (i for i in self.shaped if i.shape.name == name)

    def has_top_key(self, key: str) -> bool:
        return isinstance(self.root, yaml.MappingNode) and any(getattr(k, "value", None) == key
                                                               for k, _ in self.root.value)

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
        # A scenario that names its ``language`` and translates nothing is written in that one on purpose.
        if sites and not translated and not self.has_top_key("language"):
            missing = [lang for lang in LANGUAGES if lang != self.s.language]
            self.warn(self.top_key("title"),
                      msg("lint.no_translations", missing=", ".join(missing), lang=self.s.language))
        for site in sites:
            if translated:
                self._translation(site.path, site.node)
            budget = _BUDGETS.get((site.shape.name, site.key))
            if budget is not None:
                self._length(site.path, site.node, budget)

    def _translation(self, path: str, node: yaml.Node) -> None:
        if isinstance(node, yaml.ScalarNode):
            others = [lang for lang in LANGUAGES if lang != self.s.language]
            self.warn(node, msg("lint.one_language", path=path, lang=self.s.language, others=", ".join(others),
                                first=others[0]))
        elif isinstance(node, yaml.MappingNode):
            have = {str(k.value) for k, _ in node.value}
            missing = [lang for lang in LANGUAGES if lang not in have]
            if missing:
                self.warn(node, msg("lint.missing_translation", path=path, missing=or_list(missing)))

    def _length(self, path: str, node: yaml.Node, budget: int) -> None:
        box = msg("lint.choice_button") if budget == CHOICE_BUDGET else msg("lint.dialogue_box")
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
                advice = msg("lint.advice_split") if budget == LINE_BUDGET else msg("lint.advice_shorten")
                self.warn(value, msg("lint.text_too_long", path=path, which=which, length=len(text), box=box,
                                     budget=budget, advice=advice))

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
            self.warn(node, msg("lint.bidi", codes=_codes(hidden)))
        missing = sorted({ch for ch in text if ch not in LAYOUT_CHARS and ch not in BIDI_CONTROLS
                          and not drawable(ch)})
        if missing:
            shown = " ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
            self.warn(node, msg("lint.glyphs", shown=shown, codes=_codes(missing[:5])))

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
                        self.warn(part, msg("lint.label_too_long", where=where, which=which, length=len(text),
                                            budget=budget))

    # -- choices: score, feedback, and how many fit the window ---------------------------
    def choices(self) -> None:
        for node in self.s.nodes.values():
            if len(node.choices) <= MAX_OPTIONS:
                continue
            shown = most_at_once([c.when for c in node.choices])  # versions of an option count once
            if shown > MAX_OPTIONS:
                self.warn(node.pos, msg("lint.too_many_choices", node=node.id, count=shown, limit=MAX_OPTIONS))
        for q in self.s.preparation.questions if self.s.preparation else ():
            if len(q.options) > MAX_OPTIONS:
                self.warn(q.pos, msg("lint.too_many_answers", question=q.id, count=len(q.options), limit=MAX_OPTIONS))
        for inst in self.of_shape("choice"):
            if "score" not in inst.fields:
                self.warn(inst.node, msg("lint.no_score", choice=_choice_name(inst)))
        for node in self.s.nodes.values():
            for c in node.choices:
                if c.score and not c.feedback.variants:
                    weights = ", ".join(f"{k} {v:+d}" for k, v in c.score.items())
                    self.warn(c.pos, msg("lint.no_feedback", choice=c.key, weights=weights))

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
            self.warn(at, msg("lint.nothing_scored"))
            return
        for k in DIMENSION_KEYS:
            name = msg("lint.dimension", key=k, label={lang: BY_KEY[k].label.get(lang) for lang in LANGUAGES})
            if not weights[k]:
                self.warn(at, msg("lint.never_scored", dimension=name))
            elif max(weights[k]) <= 0:
                self.warn(at, msg("lint.only_negative", dimension=name))

    # -- mood that changes but is never read -----------------------------------------
    def mood(self) -> None:
        read: set[tuple[str, str]] = set()
        for cond in self.s.conditions():
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
            self.warn(pos, msg("lint.unread_mood", ref=f"{rid}.{var}",
                               choices=msg("count.choice" if n == 1 else "count.choices", n=n)))
        self._effects_on_the_gone()

    def _effects_on_the_gone(self) -> None:
        """A choice at a line that takes a resident out (``leaves``) whose effects name that
        resident: they have left as the choice is made, so the change does nothing, also on the
        choice that wins them back (the line after it ``rejoins`` them only when it is shown).
        The docs' own walk-out example invites exactly that."""
        for node in self.s.nodes.values():
            gone = set(node.leaves) - set(node.rejoins)
            for c in node.choices:
                for rid in sorted(gone & set(c.effects)):
                    if any(c.effects[rid].values()):
                        back = self.s.nodes.get(c.next)
                        at = self.s.mark(f"choice:{c.key}:effects:{rid}", self.s.mark(f"choice:{c.key}:effects", c.pos))
                        wins_back = back is not None and rid in back.rejoins
                        self.warn(at, msg("lint.effects_on_gone_back" if wins_back else "lint.effects_on_gone",
                                          choice=c.id, who=rid, node=node.id, back=c.next))

    # -- flags -----------------------------------------------------------------------
    def flags(self) -> None:
        read = {ref.parts[0] for cond in self.s.conditions() for ref in cond.refs() if ref.kind == "flag"}
        setters: dict[str, tuple[Message, Pos]] = {}
        for node in self.s.nodes.values():
            for c in node.choices:
                for flag in c.set_flags:
                    setters.setdefault(flag, (msg("where.choice", node=c.node_id, choice=c.id), c.pos))
        if self.s.preparation:
            for q in self.s.preparation.questions:
                for o in q.options:
                    for flag in o.set_flags:
                        setters.setdefault(flag, (msg("where.option", question=q.id, option=o.id), o.pos))
        for flag, (who, pos) in sorted(setters.items(), key=lambda kv: kv[1][1].line):
            if flag not in read:
                self.warn(pos, msg("lint.unread_flag", flag=flag, who=who))
        for node in self.s.nodes.values():
            for c in node.choices:
                for flag in c.clear_flags:
                    if flag not in setters:
                        self.warn(c.pos, msg("lint.clears_unset_flag", choice=c.key, flag=flag))

    # -- opportunities and endings -----------------------------------------------------
    def opportunities(self) -> None:
        for node in self.s.nodes.values():
            if node.opportunity is None:
                continue
            if not node.choices:
                self.warn(node.pos, msg("lint.opportunity_no_choices", node=node.id))
                continue
            if not any(c.score.get(k, 0) > 0 for c in node.choices for k in EMPATHY):
                self.warn(node.pos, msg("lint.opportunity_no_empathy", node=node.id))
            passing = [c for c in node.choices if not any(c.score.get(k, 0) > 0 for k in EMPATHY)]
            if passing and not any(self._worsens(c) for c in passing):
                names = ", ".join(c.id for c in passing)
                # An effect on someone who walked out does nothing: name a resident surely still here.
                gone = self.maybe_gone.get(node.id, frozenset())
                here = [r for r in self.s.resident_ids if r not in gone]
                if node.speaker in here or not here:
                    here.insert(0, node.speaker if node.speaker in self.s.resident_ids else "RESIDENT")
                who = here[0]
                self.warn(node.pos, msg("lint.opportunity_free_pass", node=node.id, names=names, who=who))

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
                self.warn(ending.pos, msg("lint.ending_no_debrief", ending=ending.id))

    def faces(self) -> None:
        """An ``emotion:`` on a line no resident speaks shows on no face."""
        for node in self.s.nodes.values():
            lines = [(node.speaker, node.emotion, "")] + [
                (v.speaker or node.speaker, v.emotion or node.emotion, msg("lint.version", n=k + 1))
                for k, v in enumerate(node.variants) if v.emotion or v.speaker]
            for speaker, emotion, which in lines:
                if emotion and speaker == NARRATOR:
                    self.warn(node.pos, msg("lint.narrator_emotion", node=node.id, which=which, emotion=emotion))
                    break


def _codes(chars: list[str]) -> str:
    return ", ".join(f"U+{ord(ch):04X}" for ch in chars)


def _choice_name(inst: Instance) -> str:
    # "nodes.opening.choices[luisteren]" -> "opening.luisteren"
    parts = inst.path.split(".")
    node = parts[1] if len(parts) > 2 else "?"
    cid = inst.path.rsplit("[", 1)[-1].rstrip("]")
    return f"{node}.{cid}"
