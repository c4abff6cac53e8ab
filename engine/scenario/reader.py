"""Typed access to a YAML node tree that records problems instead of raising.

The scenario loader asks this reader for "a mapping with these keys", "a text", "a
whole number between -2 and 2"; each request that fails adds a positioned
``Problem`` and returns ``None``, so one run reports every mistake in a file.
"""

from __future__ import annotations

import difflib
import re
from typing import Callable, Iterable, Optional, TypeVar

import yaml

from .conditions import Condition, ConditionSyntaxError, parse_condition
from .errors import Problem
from .messages import Message, msg
from .model import Pos
from .text import LANGUAGES, Text
from .yamlsafe import pos_of

T = TypeVar("T")
# Matched with ``fullmatch``: ``$`` alone would let "id\n" through. The pattern itself stays
# in ECMA-compatible form, since the JSON Schema for editors reuses it.
ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]+$")
# Control characters no window or terminal can show (tab and newline are layout, and fine).
# YAML refuses most of them written raw, but its escapes ("\e", "\x1b", "\N") make them all.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
MAX_TEXT_CHARS = 20_000

_KIND_NAMES = {
    yaml.MappingNode: "kind.mapping", yaml.SequenceNode: "kind.list", yaml.ScalarNode: "kind.value",
}
_SCALAR_KINDS = {
    STR_TAG: "kind.string", INT_TAG: "kind.number", BOOL_TAG: "kind.bool", NULL_TAG: "kind.null",
    "tag:yaml.org,2002:float": "kind.decimal", "tag:yaml.org,2002:timestamp": "kind.date",
}


def describe(node: yaml.Node) -> Message:
    """What a node is, as a fragment: "a string", "a list", "nothing (null)"."""
    if isinstance(node, yaml.ScalarNode):
        return msg(_SCALAR_KINDS.get(node.tag, "kind.value"))
    return msg(_KIND_NAMES.get(type(node), "kind.other"))


class Reader:
    def __init__(self, path: str, language: str = "nl"):
        self.path = path
        self.language = language
        self.problems: list[Problem] = []
        self.marks: dict[str, Pos] = {}
        self._key_index: dict[int, tuple[yaml.MappingNode, dict[str, yaml.Node]]] = {}

    def at(self, key: str, node: Optional[yaml.Node]) -> yaml.Node:
        """Remember where ``key`` was written, for checks that run after building."""
        if node is not None:
            line, col = pos_of(node)
            quoted = key.startswith("cond:") and getattr(node, "style", None) in ("'", '"')
            self.marks[key] = Pos(line, col + 1 if quoted else col)
        return node  # type: ignore[return-value]

    def at_effects(self, key: str, node: Optional[yaml.Node]) -> None:
        """Remember where an effects mapping and each resident and variable in it were written
        (``key``, ``key:who``, ``key:who.var``), so a check names the very line of a wrong one."""
        self.at(key, node)
        if not isinstance(node, yaml.MappingNode):
            return
        for who_node, changes in node.value:
            who = getattr(who_node, "value", None)
            if not isinstance(who, str):
                continue
            self.at(f"{key}:{who}", who_node)
            if isinstance(changes, yaml.MappingNode):
                for var_node, _ in changes.value:
                    if isinstance(getattr(var_node, "value", None), str):
                        self.at(f"{key}:{who}.{var_node.value}", var_node)

    # -- reporting -------------------------------------------------------
    def error(self, node: Optional[yaml.Node], message: str, offset: int = 0) -> None:
        line, col = pos_of(node) if node is not None else (1, 1)
        self.problems.append(Problem(self.path, line, col + offset, message))

    def warn(self, node: Optional[yaml.Node], message: str) -> None:
        line, col = pos_of(node) if node is not None else (1, 1)
        self.problems.append(Problem(self.path, line, col, message, "warning"))

    @staticmethod
    def pos(node: yaml.Node) -> Pos:
        return Pos(*pos_of(node))

    # -- structure -------------------------------------------------------
    def mapping(
        self, node: yaml.Node, where: str, required: Iterable[str] = (),
        optional: Iterable[str] = (), open_keys: bool = False,
    ) -> Optional[dict[str, yaml.Node]]:
        """Return key -> value node, reporting wrong type, missing, duplicate and unknown keys."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, msg("reader.not_mapping", where=where, found=describe(node)))
            return None
        required = tuple(required)
        allowed = set(required) | set(optional)
        out: dict[str, yaml.Node] = {}
        key_nodes: dict[str, yaml.Node] = {}
        for key_node, value in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (STR_TAG, INT_TAG, BOOL_TAG):
                self.error(key_node, msg("reader.plain_keys", where=where))
                continue
            key = str(key_node.value)
            if key in out:
                first = key_nodes[key].start_mark.line + 1
                self.error(key_node, msg("reader.duplicate_key", key=key, where=where, first=first))
                continue
            if not open_keys and key not in allowed:
                self.error(key_node, msg("reader.unknown_key", key=key, where=where, hint=did_you_mean(key, allowed)))
                continue
            out[key] = value
            key_nodes[key] = key_node
        for key in required:
            if key not in out:
                self.error(node, msg("reader.missing_key", where=where, key=key))
        return out

    def key_node(self, mapping_node: yaml.MappingNode, key: str) -> Optional[yaml.Node]:
        """The (first) key node named ``key``: indexed once per mapping, since the loader
        asks this for every node and ending id and a scan each time made loading quadratic."""
        cached = self._key_index.get(id(mapping_node))
        if cached is None or cached[0] is not mapping_node:
            index: dict[str, yaml.Node] = {}
            for k, _ in mapping_node.value:
                if isinstance(k, yaml.ScalarNode):
                    index.setdefault(str(k.value), k)
            cached = self._key_index[id(mapping_node)] = (mapping_node, index)
        return cached[1].get(key)

    def sequence(self, node: yaml.Node, where: str, allow_empty: bool = True) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, msg("reader.not_list", where=where, found=describe(node)))
            return []
        if not node.value and not allow_empty:
            self.error(node, msg("reader.empty_list", where=where))
        return list(node.value)

    def items(self, node: yaml.Node, where: str, read: Callable[[yaml.Node], Optional[T]]) -> tuple[T, ...]:
        out = []
        for item in self.sequence(node, where):
            value = read(item)
            if value is not None:
                out.append(value)
        return tuple(out)

    # -- scalars ---------------------------------------------------------
    def string(self, node: yaml.Node, where: str, allow_empty: bool = False) -> Optional[str]:
        if not isinstance(node, yaml.ScalarNode) or node.tag != STR_TAG:
            self.error(node, msg("reader.not_string", where=where, found=describe(node)))
            return None
        value = str(node.value)
        control = CONTROL_CHARS.search(value)  # before 'empty': str.strip() eats \x1c-\x1f
        if control is not None:
            code = ord(control.group())
            self.error(node, msg("reader.control_char", where=where, code=code))
            return None
        if not allow_empty and not value.strip():
            self.error(node, msg("reader.empty_string", where=where))
            return None
        if len(value) > MAX_TEXT_CHARS:
            self.error(node, msg("reader.too_long", where=where, length=len(value), limit=MAX_TEXT_CHARS))
            return None
        return value

    def identifier(self, node: yaml.Node, where: str) -> Optional[str]:
        if isinstance(node, yaml.ScalarNode) and node.tag == INT_TAG:
            value: Optional[str] = str(node.value)
        else:
            value = self.string(node, where)
        if value is None:
            return None
        if not ID_PATTERN.fullmatch(value):
            self.error(node, msg("reader.bad_identifier", where=where, value=value[:60]))
            return None
        return value

    def integer(self, node: yaml.Node, where: str, lo: Optional[int] = None, hi: Optional[int] = None) -> Optional[int]:
        if not isinstance(node, yaml.ScalarNode) or node.tag != INT_TAG:
            plain = isinstance(node, yaml.ScalarNode) and node.tag == STR_TAG and not node.style
            found = msg("kind.text_value", value=str(node.value)[:40]) if plain else describe(node)  # 1e400, 12,5
            self.error(node, msg("reader.not_integer", where=where, found=found))
            return None
        try:
            value = int(str(node.value).replace("_", ""), 0)
        except ValueError:
            try:
                value = int(str(node.value).replace("_", ""))
            except ValueError:
                self.error(node, msg("reader.bad_integer", where=where))
                return None
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            self.error(node, msg("reader.out_of_range", where=where, value=value, lo=lo, hi=hi))
            return None
        return value

    def boolean(self, node: yaml.Node, where: str) -> Optional[bool]:
        if not isinstance(node, yaml.ScalarNode) or node.tag != BOOL_TAG:
            self.error(node, msg("reader.not_bool", where=where, found=describe(node)))
            return None
        return str(node.value).lower() in ("true", "yes", "on", "y")

    def choice_of(self, node: yaml.Node, where: str, options: Iterable[str]) -> Optional[str]:
        options = tuple(options)
        value = self.string(node, where)
        if value is None:
            return None
        if value not in options:
            self.error(node, msg("reader.not_one_of", where=where, value=value, options=", ".join(options),
                                  hint=did_you_mean(value, options)))
            return None
        return value

    def text(self, node: yaml.Node, where: str) -> Optional[Text]:
        """A plain string in the scenario's language, or a map ``{nl: ..., en: ...}``."""
        if isinstance(node, yaml.ScalarNode) and node.tag == STR_TAG:
            value = self.string(node, where)
            return Text.plain(value, self.language) if value is not None else None
        if isinstance(node, yaml.MappingNode):
            stray = [k for k, v in node.value if node.flow_style and isinstance(k, yaml.ScalarNode)
                     and k.value not in LANGUAGES and isinstance(v, yaml.ScalarNode) and v.tag == NULL_TAG]
            if stray:  # {nl: buurman, woont ernaast, en: ...}: an unquoted comma split the text
                self.error(stray[0], msg("reader.comma_in_text", where=where, part=stray[0].value))
                return None
            fields = self.mapping(node, where, optional=LANGUAGES)
            if fields is None:
                return None
            if not fields:
                self.error(node, msg("reader.no_text", where=where, languages=", ".join(LANGUAGES)))
                return None
            variants = {}
            for lang, value_node in fields.items():
                value = self.string(value_node, msg("where.language", owner=where, lang=lang))
                if value is not None:
                    variants[lang] = value
            return Text(variants, self.language) if variants else None
        self.error(node, msg("reader.not_text", where=where, found=describe(node)))
        return None

    def condition(self, node: yaml.Node, where: str) -> Optional[Condition]:
        source = self.string(node, where)
        if source is None:
            return None
        try:
            return parse_condition(source)
        except ConditionSyntaxError as exc:
            quoted = 1 if getattr(node, "style", None) in ("'", '"') else 0
            offset = exc.offset + quoted if "\n" not in source else 0
            self.error(node, msg("reader.condition", where=where, error=exc.message), offset)
            return None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest candidate (a ``Message``), or ``""``."""
    close = closest(word, candidates)
    return msg("hint.did_you_mean", word=close) if close else ""


def closest(word: str, candidates: Iterable[str]) -> str:
    """The candidate ``did_you_mean`` would suggest, or ``""``: the same word in other capitals
    first (``NL`` for ``nl``: too short for a near spelling to count), else the nearest spelling."""
    ordered = sorted(candidates)
    same = [c for c in ordered if c.lower() == word.lower()]
    if same:
        return same[0]
    close = difflib.get_close_matches(word, ordered, n=1, cutoff=0.6)
    return close[0] if close else ""
