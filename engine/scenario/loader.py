"""YAML scenario file -> validated ``Scenario``.

``load_scenario(path)`` is the one entry point: it reads safely (``yamlsafe``), builds the
model while collecting every shape problem (``reader``), then checks references and the
graph (``checks``). Any problem raises ``ScenarioError`` listing all of them.
"""

from __future__ import annotations

import hashlib
from typing import Optional

import yaml

from .checks import check_scenario
from .dimensions import DIMENSION_KEYS
from .errors import Problem, ScenarioError
from .messages import msg, where_field, where_key
from .model import (
    CHANNELS,
    EMOTIONS,
    ENDING_KINDS,
    LABELS,
    LENS_TAGS,
    ORDERS,
    STAGES,
    TIMEOUT,
    AutoTransition,
    Choice,
    Ending,
    MoodVariable,
    Node,
    Preparation,
    PrepOption,
    PrepQuestion,
    Reaction,
    Resident,
    Scenario,
    Setting,
    TimeoutRule,
    Variant,
    VoiceHint,
)
from .reader import ID_PATTERN, Reader
from .shapes import MAX_DELTA, MAX_WEIGHT, MIN_WEIGHT, MOOD_BOUND, RESERVED_IDS, bounds, keys
from .text import EMPTY, LANGUAGES, Text
from .yamlsafe import compose, read_text

FORMAT_VERSION = 1

DEFAULT_MOOD = {
    "trust": MoodVariable("trust", Text({"nl": "Vertrouwen", "en": "Trust"}), 0, 10, 5, "high"),
    "anger": MoodVariable("anger", Text({"nl": "Boosheid", "en": "Anger"}), 0, 10, 3, "low"),
}

# Key lists, bounds and docs of every part of a scenario are declared once, in ``shapes``.
TOP_REQUIRED, TOP_OPTIONAL = keys("scenario")


def load_scenario(path: str) -> Scenario:
    """Load and fully validate the scenario at ``path``."""
    source = read_text(path)
    return load_scenario_text(source, path)


def load_scenario_text(source: str, path: str = "<scenario>") -> Scenario:
    scenario, problems = parse_scenario(source, path)
    errors = [p for p in problems if p.severity == "error"]
    if errors or scenario is None:
        raise ScenarioError(errors or [Problem(path, 1, 1, msg("loader.unreadable"))])
    return scenario


def parse_scenario(source: str, path: str = "<scenario>") -> tuple[Optional[Scenario], list[Problem]]:
    """Build a scenario and return it with every problem found (errors and warnings)."""
    return _parse_scenario(source, path)


def source_digest(source: str) -> str:
    """A scenario's digest: the hash of its file's text, how a saved session and the stored
    surface weights know the exact scenario they belong to."""
    return hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _parse_scenario(source: str, path: str) -> tuple[Optional[Scenario], list[Problem]]:
    root = compose(source, path)
    language = _peek_language(root)
    reader = _ScenarioBuilder(path, language)
    scenario = reader.build(root, source_digest(source))
    if scenario is not None and not any(p.severity == "error" for p in reader.problems):
        reader.problems.extend(check_scenario(scenario))
    return scenario, sorted(reader.problems)


def default_timeout(mood_vars: dict[str, MoodVariable]) -> TimeoutRule:
    """Step 2 at a provocation; elsewhere two per meeting, each costing every resident a little
    patience: +1 on the first scale whose calm end is low (anger in the default scales)."""
    restless = next((key for key, var in mood_vars.items() if var.good == "low"), None)
    return TimeoutRule(cost={"all": {restless: 1}} if restless else {})


def _peek_language(root: yaml.Node) -> str:
    if isinstance(root, yaml.MappingNode):
        for k, v in root.value:
            if getattr(k, "value", None) == "language" and getattr(v, "value", None) in LANGUAGES:
                return str(v.value)
    return "nl"


class _ScenarioBuilder(Reader):
    """Reads each section; returns ``None`` for the scenario when a required part is unusable."""

    def __init__(self, path: str, language: str = "nl"):
        super().__init__(path, language)
        self.broken_moods: set[str] = set()  # mood variables defined with a mistake (said once, at the definition)

    def build(self, root: yaml.Node, digest: str) -> Optional[Scenario]:
        if not isinstance(root, yaml.MappingNode):
            self.error(root, msg("loader.root_not_mapping"))
            return None
        top = self.mapping(root, msg("where.scenario"), TOP_REQUIRED, TOP_OPTIONAL)
        if top is None:
            return None
        if "format" in top:
            fmt = self.integer(top["format"], where_key("format"))
            if fmt is not None and fmt != FORMAT_VERSION:
                self.error(top["format"], msg("loader.format_unsupported", found=fmt, supported=FORMAT_VERSION))
        if "language" in top:
            self.choice_of(top["language"], where_key("language"), LANGUAGES)
        scenario_id = self.identifier(top["id"], where_key("id")) if "id" in top else None
        title = self.text(top["title"], where_key("title")) if "title" in top else None
        summary = self.text(top["summary"], where_key("summary")) if "summary" in top else None
        goals = self.items(top["learning_goals"], where_key("learning_goals"),
                           lambda n: self.text(n, msg("where.a_learning_goal"))) \
            if "learning_goals" in top else ()
        minutes = self.integer(top["minutes"], where_key("minutes"), *bounds("scenario", "minutes")) \
            if "minutes" in top else None
        difficulty = self.integer(top["difficulty"], where_key("difficulty"), *bounds("scenario", "difficulty")) \
            if "difficulty" in top else None
        setting = self.setting(top["setting"]) if "setting" in top else None
        mood_vars = self.mood_variables(top["mood_variables"]) if "mood_variables" in top else dict(DEFAULT_MOOD)
        residents = self.residents(top["residents"], mood_vars) if "residents" in top else ()
        prep = self.preparation(top["preparation"]) if "preparation" in top else None
        timeout = self.timeout(top["timeout"], mood_vars) if "timeout" in top else default_timeout(mood_vars)
        start = self.identifier(self.at("start", top["start"]), where_key("start")) if "start" in top else None
        group = self.items(top["group"], where_key("group"), self.reaction) if "group" in top else ()
        triggers = self.items(top["triggers"], where_key("triggers"),
                              lambda n: self.auto(n, msg("where.a_trigger"), "trigger", shape="trigger")) \
            if "triggers" in top else ()
        nodes = self.nodes(top["nodes"]) if "nodes" in top else {}
        endings = self.endings(top["endings"]) if "endings" in top else {}
        if None in (scenario_id, title, summary, setting, start) or not residents:
            return None
        assert scenario_id and title and summary and setting and start
        return Scenario(
            id=scenario_id, title=title, summary=summary, language=self.language,
            learning_goals=goals, minutes=minutes, difficulty=difficulty, setting=setting,
            mood_variables=mood_vars, residents=residents, preparation=prep, start=start,
            triggers=triggers, nodes=nodes, endings=endings, timeout=timeout, group=group, path=self.path,
            digest=digest,
            marks=dict(self.marks),
        )

    # -- sections ----------------------------------------------------------
    def setting(self, node: yaml.Node) -> Optional[Setting]:
        f = self.mapping(node, where_key("setting"), *keys("setting"))
        if f is None:
            return None
        meeting = self.text(f["meeting"], where_key("setting.meeting")) if "meeting" in f else None
        situation = self.text(f["situation"], where_key("setting.situation")) if "situation" in f else EMPTY
        role = self.text(f["your_role"], where_key("setting.your_role")) if "your_role" in f else EMPTY
        goals = self.items(f["goals"], where_key("setting.goals"), lambda n: self.text(n, msg("where.a_goal"))) \
            if "goals" in f else ()
        room = self.items(f["room_to_move"], where_key("setting.room_to_move"),
                          lambda n: self.text(n, msg("where.an_item"))) \
            if "room_to_move" in f else ()
        stage = self.choice_of(f["stage"], where_key("setting.stage"), STAGES) if "stage" in f else None
        if meeting is None:
            return None
        return Setting(meeting, situation or EMPTY, role or EMPTY, goals, room, stage)

    def timeout(self, node: yaml.Node, mood_vars: dict[str, MoodVariable]) -> TimeoutRule:
        f = self.mapping(node, where_key("timeout"), *keys("timeout"))
        default = default_timeout(mood_vars)
        if f is None:
            return default
        limit = self.integer(f["limit"], where_key("timeout.limit"), *bounds("timeout", "limit")) \
            if "limit" in f else None
        cost = self.effects(f["cost"], where_key("timeout")) if "cost" in f else default.cost
        if "cost" in f:
            self.at_effects("timeout:effects", f["cost"])
        score = self.score(f["score"], where_field(where_key("timeout"), "score")) if "score" in f else default.score
        return TimeoutRule(default.limit if limit is None else limit, cost, score)

    def mood_variables(self, node: yaml.Node) -> dict[str, MoodVariable]:
        f = self.mapping(node, where_key("mood_variables"), open_keys=True)
        out: dict[str, MoodVariable] = {}
        for key, value in (f or {}).items():
            where = msg("where.mood_variable", name=key)
            if self.identifier_ok(node, key, where) is None:
                continue
            self.broken_moods.add(key)  # until it is read whole: residents may name it without a second error
            spec = self.mapping(value, where, *keys("mood_variable"))
            if spec is None:
                continue
            label = self.text(spec["label"], where_field(where, "label")) if "label" in spec else None
            lo = self.integer(spec["min"], where_field(where, "min"), -MOOD_BOUND, MOOD_BOUND) if "min" in spec else 0
            hi = self.integer(spec["max"], where_field(where, "max"), -MOOD_BOUND, MOOD_BOUND) if "max" in spec else 10
            if lo is None or hi is None or label is None:
                continue
            if lo >= hi:
                self.error(value, msg("loader.min_max", where=where, lo=lo, hi=hi))
                continue
            initial = self.integer(spec["initial"], where_field(where, "initial"), lo, hi) \
                if "initial" in spec else (lo + hi) // 2
            good = self.choice_of(spec["good"], where_field(where, "good"), ("high", "low")) \
                if "good" in spec else "high"
            if initial is None or good is None:
                continue
            out[key] = MoodVariable(key, label, lo, hi, initial, good)
            self.broken_moods.discard(key)
        if not out and f is not None:
            self.error(node, msg("loader.no_mood_variables"))
        return out

    def identifier_ok(self, node: yaml.Node, key: str, where: str) -> Optional[str]:
        if not ID_PATTERN.fullmatch(key):
            self.error(node, msg("loader.bad_id", where=where))
            return None
        return key

    def residents(self, node: yaml.Node, mood_vars: dict[str, MoodVariable]) -> tuple[Resident, ...]:
        out: list[Resident] = []
        seen: dict[str, yaml.Node] = {}
        for item in self.sequence(node, where_key("residents"), allow_empty=False):
            f = self.mapping(item, msg("where.a_resident"), *keys("resident"))
            if f is None or "id" not in f:
                continue
            rid = self.identifier(f["id"], msg("where.resident_id"))
            if rid is None:
                continue
            if rid in seen:
                self.error(f["id"], msg("loader.duplicate_resident", id=rid))
                continue
            if rid in RESERVED_IDS:
                self.error(f["id"], msg("loader.reserved_id", id=rid))
                continue
            seen[rid] = item
            where = msg("where.resident", name=rid)
            name = self.string(f["name"], where_field(where, "name")) if "name" in f else None
            role = self.text(f["role"], where_field(where, "role")) if "role" in f else EMPTY
            group = self.text(f["group"], where_field(where, "group")) if "group" in f else EMPTY
            position = self.text(f["position"], where_field(where, "position")) if "position" in f else EMPTY
            interests = self.items(f["interests"], where_field(where, "interests"),
                                   lambda n: self.text(n, msg("where.an_interest"))) \
                if "interests" in f else ()
            portrait = self.identifier(f["portrait"], where_field(where, "portrait")) if "portrait" in f else rid
            mood = {k: v.initial for k, v in mood_vars.items()}
            if "mood" in f:
                spec = self.mapping(f["mood"], where_field(where, "mood"),
                                    optional=set(mood_vars) | self.broken_moods)
                for var, value_node in (spec or {}).items():
                    mv = mood_vars.get(var)
                    if mv is None:  # its definition is wrong, and said so once
                        continue
                    value = self.integer(value_node, where_field(where, var), mv.minimum, mv.maximum)
                    if value is not None:
                        mood[var] = value
            voice = self.voice(f["voice"], where_field(where, "voice")) if "voice" in f else None
            if name is None:
                continue
            out.append(Resident(rid, name, role or EMPTY, group or EMPTY, position or EMPTY, interests,
                                portrait or rid, mood, self.pos(item), voice))
        return tuple(out)

    def voice(self, node: yaml.Node, where: str) -> Optional[VoiceHint]:
        f = self.mapping(node, where, *keys("voice"))
        if f is None:
            return None
        name = self.string(f["voice"], where_field(where, "voice")) if "voice" in f else None
        lo, hi = bounds("voice", "rate")
        rate = self.integer(f["rate"], where_field(where, "rate"), lo, hi) if "rate" in f else None
        lo, hi = bounds("voice", "pitch")
        pitch = self.integer(f["pitch"], where_field(where, "pitch"), lo, hi) if "pitch" in f else None
        return VoiceHint(name, rate, pitch)

    def preparation(self, node: yaml.Node) -> Optional[Preparation]:
        f = self.mapping(node, where_key("preparation"), *keys("preparation"))
        if f is None:
            return None
        intro = self.text(f["intro"], where_key("preparation.intro")) if "intro" in f else EMPTY
        questions: list[PrepQuestion] = []
        seen: set[str] = set()
        for qnode in self.sequence(f.get("questions", node), where_key("preparation.questions"), allow_empty=False) \
                if "questions" in f else []:
            q = self.mapping(qnode, msg("where.a_question"), *keys("question"))
            if q is None or "id" not in q:
                continue
            qid = self.identifier(q["id"], msg("where.question_id"))
            if qid is None:
                continue
            if qid in seen:
                self.error(q["id"], msg("loader.duplicate_question", id=qid))
                continue
            seen.add(qid)
            question = msg("where.question", name=qid)
            prompt = self.text(q["prompt"], where_field(question, "prompt")) if "prompt" in q else None
            order = self.choice_of(q["order"], where_field(question, "order"), ORDERS) if "order" in q else "shuffled"
            options: list[PrepOption] = []
            option_ids: set[str] = set()
            for onode in self.sequence(q["options"], where_field(question, "options"), allow_empty=False) \
                    if "options" in q else []:
                o = self.mapping(onode, msg("where.an_option"), *keys("option"))
                if o is None or "id" not in o:
                    continue
                oid = self.identifier(o["id"], msg("where.option_id"))
                if oid is None:
                    continue
                if oid in option_ids:
                    self.error(o["id"], msg("loader.duplicate_option", id=oid, question=qid))
                    continue
                option_ids.add(oid)
                where = msg("where.option", question=qid, option=oid)
                text = self.text(o["text"], where_field(where, "text")) if "text" in o else None
                correct = bool(self.boolean(o["correct"], where_field(where, "correct"))) if "correct" in o else False
                feedback = self.text(o["feedback"], where_field(where, "feedback")) if "feedback" in o else EMPTY
                flags = self.flags(o["set"], where_field(where, "set")) if "set" in o else ()
                score = self.score(o["score"], where_field(where, "score")) if "score" in o else \
                    {"step1": 1 if correct else -1}
                if text is None:
                    continue
                options.append(PrepOption(oid, qid, text, correct, feedback or EMPTY, flags, score, self.pos(onode)))
            if prompt is None or not options:
                continue
            if "options" in q and not any(o.correct for o in options):
                self.error(q["options"], msg("loader.no_correct_option", question=qid))
            questions.append(PrepQuestion(qid, prompt, tuple(options), self.pos(qnode), order or "shuffled"))
        return Preparation(intro or EMPTY, tuple(questions))

    def nodes(self, node: yaml.Node) -> dict[str, Node]:
        f = self.mapping(node, where_key("nodes"), open_keys=True)
        out: dict[str, Node] = {}
        for nid, value in (f or {}).items():
            key_node = self.key_node(node, nid)
            if self.identifier_ok(key_node or node, nid, msg("where.node_id", name=nid)) is None:
                continue
            built = self.dialogue_node(nid, value)
            if built is not None:
                out[nid] = built
        if f is not None and not f:
            self.error(node, msg("loader.no_nodes"))
        return out

    def dialogue_node(self, nid: str, node: yaml.Node) -> Optional[Node]:
        where = msg("where.node", name=nid)
        f = self.mapping(node, where, *keys("node"))
        if f is None:
            return None
        speaker = self.identifier(self.at(f"node:{nid}:speaker", f["speaker"]), where_field(where, "speaker")) \
            if "speaker" in f else None
        text = self.text(f["text"], where_field(where, "text")) if "text" in f else None
        variants = self.items(f["variants"], where_field(where, "variants"), lambda n: self.variant(n, where, nid)) \
            if "variants" in f else ()
        thought = self.text(f["thought"], where_field(where, "thought")) if "thought" in f else None
        opportunity = self.text(f["opportunity"], where_field(where, "opportunity")) if "opportunity" in f else None
        auto = self.items(
            f["auto"], where_field(where, "auto"),
            lambda n: self.auto(n, msg("where.an_auto_transition", owner=where), f"node:{nid}:auto")) \
            if "auto" in f else ()
        nxt = self.identifier(self.at(f"node:{nid}:next", f["next"]), where_field(where, "next")) \
            if "next" in f else None
        emotion = self.choice_of(f["emotion"], where_field(where, "emotion"), EMOTIONS) if "emotion" in f else None
        provocation = bool(self.boolean(f["provocation"], where_field(where, "provocation"))) \
            if "provocation" in f else False
        order = self.choice_of(f["order"], where_field(where, "order"), ORDERS) if "order" in f else "shuffled"
        channel = self.choice_of(f["channel"], where_field(where, "channel"), CHANNELS) if "channel" in f else "spoken"
        leaves = self.flags(self.at(f"node:{nid}:leaves", f["leaves"]), where_field(where, "leaves")) \
            if "leaves" in f else ()
        rejoins = self.flags(self.at(f"node:{nid}:rejoins", f["rejoins"]), where_field(where, "rejoins")) \
            if "rejoins" in f else ()
        choices: tuple[Choice, ...] = ()
        if "choices" in f:
            choices = self.choices(nid, f["choices"])
        if "next" in f and "choices" in f:
            self.error(node, msg("loader.next_and_choices", where=where))
        elif "next" not in f and "choices" not in f:
            self.error(node, msg("loader.no_way_forward", where=where))
        if speaker is None or text is None:
            return None
        if (provocation or "order" in f) and "choices" not in f:
            self.error(f["provocation"] if provocation else f["order"],
                       msg("loader.decision_keys", where=where))
        return Node(nid, speaker, text, variants, thought, opportunity, auto, nxt, choices, self.pos(node),
                    emotion, provocation, order or "shuffled", leaves, rejoins, channel or "spoken")

    def variant(self, node: yaml.Node, where: str, nid: str) -> Optional[Variant]:
        f = self.mapping(node, msg("where.a_variant", owner=where), *keys("variant"))
        if f is None:
            return None
        when = self.condition(f["when"], where_key("when")) if "when" in f else None
        text = self.text(f["text"], msg("where.variant_text", owner=where)) if "text" in f else None
        speaker = self.identifier(f["speaker"], msg("where.variant_speaker")) if "speaker" in f else None
        emotion = self.choice_of(f["emotion"], msg("where.variant_emotion", owner=where), EMOTIONS) \
            if "emotion" in f else None
        if when is not None:
            self.at(f"cond:{id(when)}", f["when"])
        if speaker is not None:
            self.at(f"node:{nid}:variant-speaker:{speaker}", f["speaker"])
        if when is None or text is None:
            return None
        return Variant(when, text, speaker, emotion)

    def reaction(self, node: yaml.Node) -> Optional[Reaction]:
        f = self.mapping(node, msg("where.a_group_reaction"), *keys("reaction"))
        if f is None:
            return None
        when = self.condition(f["when"], where_key("when")) if "when" in f else None
        effects = self.effects(f["effects"], msg("where.group_reaction")) if "effects" in f else None
        text = self.text(f["text"], where_field(msg("where.group_reaction"), "text")) if "text" in f else None
        if when is not None:
            self.at(f"cond:{id(when)}", f["when"])
        if "effects" in f:
            self.at(f"reaction:{id(node)}:effects", f["effects"])
        if when is None or effects is None:
            return None
        return Reaction(when, effects, text, self.pos(node))

    def auto(self, node: yaml.Node, where: str, owner: str, shape: str = "auto") -> Optional[AutoTransition]:
        f = self.mapping(node, where, *keys(shape))
        if f is None:
            return None
        when = self.condition(f["when"], where_key("when")) if "when" in f else None
        goto = self.identifier(f["goto"], where_key("goto")) if "goto" in f else None
        interrupts = bool(self.boolean(f["interrupts"], where_field(where, "interrupts"))) \
            if "interrupts" in f else False
        if when is not None:
            self.at(f"cond:{id(when)}", f["when"])
        if goto is not None:
            self.at(f"{owner}:goto:{goto}", f["goto"])
        if when is None or goto is None:
            return None
        return AutoTransition(when, goto, self.pos(node), interrupts)

    def choices(self, nid: str, node: yaml.Node) -> tuple[Choice, ...]:
        out: list[Choice] = []
        seen: set[str] = set()
        for item in self.sequence(node, where_field(msg("where.node", name=nid), "choices"), allow_empty=False):
            f = self.mapping(item, msg("where.a_choice_in", node=nid), *keys("choice"))
            if f is None or "id" not in f:
                continue
            cid = self.identifier(f["id"], msg("where.choice_id"))
            if cid is None:
                continue
            if cid == TIMEOUT:
                self.error(f["id"], msg("loader.timeout_id", id=TIMEOUT))
                continue
            if cid in seen:
                self.error(f["id"], msg("loader.duplicate_choice", id=cid, node=nid))
                continue
            seen.add(cid)
            where = msg("where.choice", node=nid, choice=cid)
            text = self.text(f["text"], where_field(where, "text")) if "text" in f else None
            nxt = self.identifier(f["next"], where_field(where, "next")) if "next" in f else None
            when = self.condition(f["when"], where_key("when")) if "when" in f else None
            effects = self.effects(f["effects"], where) if "effects" in f else {}
            set_flags = self.flags(f["set"], where_field(where, "set")) if "set" in f else ()
            clear_flags = self.flags(f["clear"], where_field(where, "clear")) if "clear" in f else ()
            score = self.score(f["score"], where_field(where, "score")) if "score" in f else {}
            feedback = self.text(f["feedback"], where_field(where, "feedback")) if "feedback" in f else EMPTY
            label = self.choice_of(f["label"], where_field(where, "label"), LABELS) if "label" in f else None
            balcony = bool(self.boolean(f["balcony"], where_field(where, "balcony"))) if "balcony" in f else False
            lens = self.flags(f["lens"], where_field(where, "lens")) if "lens" in f else ()
            for tag in lens:
                if tag not in LENS_TAGS:
                    self.error(f["lens"], msg("loader.bad_lens", where=where_field(where, "lens"), tag=tag,
                                                 options=", ".join(LENS_TAGS)))
            self.at(f"choice:{nid}.{cid}:next", f.get("next"))
            if when is not None:
                self.at(f"cond:{id(when)}", f["when"])
            if "effects" in f:
                self.at_effects(f"choice:{nid}.{cid}:effects", f["effects"])
            if text is None or nxt is None:
                continue
            out.append(Choice(cid, nid, text, nxt, when, effects, set_flags, clear_flags, score,
                              feedback or EMPTY, label, balcony, self.pos(item),
                              tuple(t for t in lens if t in LENS_TAGS)))
        return tuple(out)

    def effects(self, node: yaml.Node, where: str) -> dict[str, dict[str, int]]:
        f = self.mapping(node, where_field(where, "effects"), open_keys=True)
        out: dict[str, dict[str, int]] = {}
        for who, changes in (f or {}).items():
            spec = self.mapping(changes, msg("where.effects_for", owner=where, who=who), open_keys=True)
            deltas: dict[str, int] = {}
            for var, delta_node in (spec or {}).items():
                delta = self.integer(delta_node, where_field(where, f"{who}.{var}"), -MAX_DELTA, MAX_DELTA)
                if delta is not None:
                    deltas[var] = delta
            out[who] = deltas
        return out

    def flags(self, node: yaml.Node, where: str) -> tuple[str, ...]:
        if isinstance(node, yaml.ScalarNode):
            one = self.identifier(node, where)
            return (one,) if one else ()
        return self.items(node, where, lambda n: self.identifier(n, msg("where.a_flag_name")))

    def score(self, node: yaml.Node, where: str) -> dict[str, int]:
        f = self.mapping(node, where, optional=DIMENSION_KEYS)
        out: dict[str, int] = {}
        for dim, weight_node in (f or {}).items():
            weight = self.integer(weight_node, where_field(where, dim), MIN_WEIGHT, MAX_WEIGHT)
            if weight is not None and weight != 0:
                out[dim] = weight
        return out

    def endings(self, node: yaml.Node) -> dict[str, Ending]:
        f = self.mapping(node, where_key("endings"), open_keys=True)
        out: dict[str, Ending] = {}
        for eid, value in (f or {}).items():
            key_node = self.key_node(node, eid)
            if self.identifier_ok(key_node or node, eid, msg("where.ending_id", name=eid)) is None:
                continue
            where = msg("where.ending", name=eid)
            e = self.mapping(value, where, *keys("ending"))
            if e is None:
                continue
            kind = self.choice_of(e["kind"], where_field(where, "kind"), ENDING_KINDS) if "kind" in e else None
            title = self.text(e["title"], where_field(where, "title")) if "title" in e else None
            text = self.text(e["text"], where_field(where, "text")) if "text" in e else None
            debrief = self.text(e["debrief"], where_field(where, "debrief")) if "debrief" in e else EMPTY
            speaker = self.identifier(self.at(f"ending:{eid}:speaker", e["speaker"]), where_field(where, "speaker")) \
                if "speaker" in e else None
            if kind is None or title is None or text is None:
                continue
            out[eid] = Ending(eid, kind, title, text, debrief or EMPTY, speaker, self.pos(value))
        if f is not None and not f:
            self.error(node, msg("loader.no_endings"))
        return out
