"""A small, safe condition language for scenario authors.

Conditions such as ``ineke.trust >= 6 and not flag.beloofd`` are parsed once, at load
time, into a tiny expression tree; evaluating one only looks values up in the session
state. Nothing a scenario contains is ever handed to ``eval``.

Grammar::

    expr    := and ("or" and)*
    and     := unary ("and" unary)*
    unary   := "not" unary | compare
    compare := atom (("=="|"!="|"<"|"<="|">"|">=") atom)?
    atom    := NUMBER | "true" | "false" | REF | "(" expr ")"
    REF     := NAME ("." NAME)+

Conditions come from files anyone can write, so parsing is bounded: at most
``MAX_CONDITION_CHARS`` characters, ``MAX_NESTING`` levels of brackets and ``not``, and
numbers within ``MAX_NUMBER`` (mood lies within -100..100; nothing sensible is bigger).
Tokenising is one pass, so time grows with the length and never faster.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from typing import Any, Callable, Protocol, Union

from .messages import msg

Value = Union[int, bool]

_TOKEN = re.compile(
    r"\s*(?:(?P<num>-?\d+)|(?P<op>==|!=|<=|>=|<|>|\(|\))|(?P<name>[A-Za-z_][A-Za-z0-9_\-]*(?:\.[A-Za-z_][A-Za-z0-9_\-]*)*))"
)
_COMPARE: dict[str, Callable[[Value, Value], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt,
    "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}
REF_KINDS = ("flag", "prep", "chose", "visited", "away", "max", "min")
MAX_CONDITION_CHARS = 1000
MAX_NESTING = 32
MAX_NUMBER = 1_000_000


class ConditionSyntaxError(ValueError):
    """A condition that does not parse; ``offset`` is the 0-based character position."""

    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.message = message  # a catalogue ``Message``: the reader renders it in the author's language
        self.offset = offset


class Environment(Protocol):
    def lookup(self, ref: "Ref") -> Value: ...


@dataclass(frozen=True)
class Const:
    value: Value

    def evaluate(self, env: Environment) -> Value:
        return self.value


@dataclass(frozen=True)
class Ref:
    """A reference such as ``ineke.trust`` (kind ``mood``) or ``flag.beloofd``."""

    kind: str  # "mood", or one of REF_KINDS
    parts: tuple[str, ...]
    offset: int = 0

    def evaluate(self, env: Environment) -> Value:
        return env.lookup(self)

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("mood", "max", "min")

    def __str__(self) -> str:
        head = () if self.kind == "mood" else (self.kind,)
        return ".".join(head + self.parts)


@dataclass(frozen=True)
class Not:
    operand: "Expr"

    def evaluate(self, env: Environment) -> Value:
        return not _truth(self.operand.evaluate(env))


@dataclass(frozen=True)
class BoolOp:
    op: str  # "and" | "or"
    operands: tuple["Expr", ...]

    def evaluate(self, env: Environment) -> Value:
        if self.op == "and":
            return all(_truth(o.evaluate(env)) for o in self.operands)
        return any(_truth(o.evaluate(env)) for o in self.operands)


@dataclass(frozen=True)
class Compare:
    op: str
    left: "Expr"
    right: "Expr"

    def evaluate(self, env: Environment) -> Value:
        return _COMPARE[self.op](self.left.evaluate(env), self.right.evaluate(env))


Expr = Union[Const, Ref, Not, BoolOp, Compare]


def _truth(value: Value) -> bool:
    return bool(value)


def three_valued(e: Expr, leaf: Callable[[Expr], "bool | None"]) -> "bool | None":
    """Kleene's three-valued truth of ``e`` where only part of a state is known: True, False
    or None (unknown). Constants, 'not', 'and' and 'or' are judged here; ``leaf`` judges each
    reference and comparison from what the caller knows (the analyser's kept names, or a
    box of moods)."""
    if isinstance(e, Const):
        return bool(e.value)
    if isinstance(e, Not):
        inner = three_valued(e.operand, leaf)
        return None if inner is None else not inner
    if isinstance(e, BoolOp):
        parts = [three_valued(o, leaf) for o in e.operands]
        if e.op == "and":
            return False if False in parts else True if all(p is True for p in parts) else None
        return True if True in parts else False if all(p is False for p in parts) else None
    return leaf(e)


@dataclass(frozen=True)
class Condition:
    """A parsed condition together with its source, for messages and saving."""

    source: str
    expr: Expr

    def __call__(self, env: Environment) -> bool:
        return _truth(self.expr.evaluate(env))

    def refs(self) -> list[Ref]:
        found: list[Ref] = []
        stack: list[Expr] = [self.expr]
        while stack:
            e = stack.pop()
            if isinstance(e, Ref):
                found.append(e)
            elif isinstance(e, Not):
                stack.append(e.operand)
            elif isinstance(e, BoolOp):
                stack.extend(e.operands)
            elif isinstance(e, Compare):
                stack.extend((e.left, e.right))
        return found


def _tokenize(source: str) -> list[tuple[str, str, int]]:
    tokens: list[tuple[str, str, int]] = []
    pos, end = 0, len(source)
    while pos < end:
        m = _TOKEN.match(source, pos)
        if not m or m.end() == pos or m.lastgroup is None:
            bad = pos
            while bad < end and source[bad].isspace():
                bad += 1
            if bad == end:
                break  # trailing blanks
            before = source[:bad].rstrip()[-1:]
            hint = next((word for written, word in _CHAR_HINTS if source.startswith(written, bad)), None)
            if before and before in "<>=!":  # ">= = 8": a stray character after an operator, not a typo for one
                hint = None
            if hint is not None:  # what other notations write: "&&", "=", "=>" ...
                written = next(w for w, _ in _CHAR_HINTS if source.startswith(w, bad))
                raise ConditionSyntaxError(msg("condition.unexpected_char_hint", char=written, word=hint), bad)
            raise ConditionSyntaxError(msg("condition.unexpected_char", char=source[bad]), bad)
        kind = m.lastgroup
        start = m.start(kind)
        text = m.group(kind)
        if kind == "num" and len(text.lstrip("-")) > len(str(MAX_NUMBER)):
            raise ConditionSyntaxError(msg("condition.number_too_big", number=f"{text[:12]}...", limit=MAX_NUMBER),
                                       start)
        tokens.append((kind, text, start))
        pos = m.end()
    tokens.append(("end", "", len(source)))
    return tokens


class _Parser:
    def __init__(self, source: str):
        self.tokens = _tokenize(source)
        self.i = 0
        self.depth = 0

    def deeper(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ConditionSyntaxError(msg("condition.too_deep", limit=MAX_NESTING), pos)

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def is_word(self, word: str) -> bool:
        kind, text, _ = self.peek()
        return kind == "name" and text == word

    def parse(self) -> Expr:
        expr = self.parse_or()
        kind, text, pos = self.peek()
        if kind != "end":
            english = _ENGLISH_WORD.get(text.lower()) if kind == "name" else None
            if english is not None:  # "a of b": a trainer writing the words in Dutch
                raise ConditionSyntaxError(msg("condition.dutch_word", token=text, word=english), pos)
            if kind == "name" and text.lower() in _KEYWORDS and text != text.lower():  # "AND", "Or"
                raise ConditionSyntaxError(msg("condition.word_case", token=text, word=text.lower()), pos)
            raise ConditionSyntaxError(msg("condition.unexpected", token=text), pos)
        return expr

    def parse_or(self) -> Expr:
        parts = [self.parse_and()]
        while self.is_word("or"):
            self.take()
            parts.append(self.parse_and())
        return parts[0] if len(parts) == 1 else BoolOp("or", tuple(parts))

    def parse_and(self) -> Expr:
        parts = [self.parse_unary()]
        while self.is_word("and"):
            self.take()
            parts.append(self.parse_unary())
        return parts[0] if len(parts) == 1 else BoolOp("and", tuple(parts))

    def parse_unary(self) -> Expr:
        if self.is_word("not"):
            _, _, pos = self.take()
            self.deeper(pos)
            inner = self.parse_unary()
            self.depth -= 1
            return Not(inner)
        return self.parse_compare()

    def parse_compare(self) -> Expr:
        left = self.parse_atom()
        kind, text, _ = self.peek()
        if kind == "op" and text in _COMPARE:
            self.take()
            return Compare(text, left, self.parse_atom())
        return left

    def parse_atom(self) -> Expr:
        kind, text, pos = self.take()
        if kind == "num":
            value = int(text)
            if abs(value) > MAX_NUMBER:
                raise ConditionSyntaxError(msg("condition.number_too_big", number=text, limit=MAX_NUMBER), pos)
            return Const(value)
        if kind == "op" and text == "(":
            self.deeper(pos)
            inner = self.parse_or()
            self.depth -= 1
            kind2, text2, pos2 = self.take()
            if text2 != ")":
                raise ConditionSyntaxError(msg("condition.missing_bracket"), pos2)
            return inner
        if kind == "name":
            if text in ("true", "false"):
                return Const(text == "true")
            if text in ("and", "or", "not"):
                raise ConditionSyntaxError(msg("condition.value_expected", token=text), pos)
            if text.lower() in _ENGLISH_WORD:  # "niet flag.x", "waar"
                raise ConditionSyntaxError(msg("condition.dutch_word", token=text, word=_ENGLISH_WORD[text.lower()]),
                                           pos)
            return _make_ref(text, pos)
        if kind == "end":
            raise ConditionSyntaxError(msg("condition.ends_early"), pos)
        raise ConditionSyntaxError(msg("condition.unexpected", token=text), pos)


# The condition language's words, as a Dutch author may write them.
_ENGLISH_WORD = {"of": "or", "en": "and", "niet": "not", "waar": "true", "onwaar": "false"}
_KEYWORDS = ("and", "or", "not", "true", "false")
# What other notations write where a condition has a word or another operator (longest first).
_CHAR_HINTS = (("&&", "and"), ("||", "or"), ("=>", ">="), ("=<", "<="), ("=", "=="), ("!", "not"), ("&", "and"),
               ("|", "or"))


def _make_ref(name: str, pos: int) -> Ref:
    parts = tuple(name.split("."))
    if name.lower() in _KEYWORDS and name != name.lower():  # "Not flag.x", "TRUE"
        raise ConditionSyntaxError(msg("condition.word_case", token=name, word=name.lower()), pos)
    if len(parts) < 2:
        raise ConditionSyntaxError(msg("condition.not_a_reference", name=name), pos)
    head = parts[0]
    expected = {"flag": 1, "prep": 1, "visited": 1, "away": 1, "max": 1, "min": 1, "chose": 2}
    if head in expected:
        if len(parts) - 1 != expected[head]:
            shape = msg("shape.chose") if head == "chose" else msg("shape.named", head=head)
            raise ConditionSyntaxError(msg("condition.form", name=name, shape=shape), pos)
        return Ref(head, parts[1:], pos)
    if len(parts) != 2:
        raise ConditionSyntaxError(msg("condition.form", name=name, shape=msg("shape.mood")), pos)
    return Ref("mood", parts, pos)


# -- compiling to closures ------------------------------------------------------------
# The analyser evaluates conditions hundreds of thousands of times on its own state
# representation. Walking the tree and asking an environment per reference costs a few
# method calls per node each time; instead each node becomes a closure, built once, with the
# common shapes (``REF OP NUMBER``, two-operand ``and``/``or``) specialised into one call.
# Still no ``eval``: the closures are made from the parsed tree, never from source text.

Getter = Callable[[Any], Value]
Resolver = Callable[[Ref], Getter]

_COMPARE_CONST: dict[str, Callable[[Getter, Value], Getter]] = {
    "==": lambda g, c: lambda s: g(s) == c,
    "!=": lambda g, c: lambda s: g(s) != c,
    "<": lambda g, c: lambda s: g(s) < c,
    "<=": lambda g, c: lambda s: g(s) <= c,
    ">": lambda g, c: lambda s: g(s) > c,
    ">=": lambda g, c: lambda s: g(s) >= c,
}
# The same for a getter that reads ``s[a][b]`` (it says so with a ``path`` attribute):
# one closure call per comparison instead of two.
_COMPARE_PATH: dict[str, Callable[[int, int, Value], Getter]] = {
    "==": lambda a, b, c: lambda s: s[a][b] == c,
    "!=": lambda a, b, c: lambda s: s[a][b] != c,
    "<": lambda a, b, c: lambda s: s[a][b] < c,
    "<=": lambda a, b, c: lambda s: s[a][b] <= c,
    ">": lambda a, b, c: lambda s: s[a][b] > c,
    ">=": lambda a, b, c: lambda s: s[a][b] >= c,
}
# And for a getter that reads ``pick(values(s[a]))`` (``max.anger``: the angriest
# resident; it says so with a ``reduce = (pick, a, values)`` attribute).
_COMPARE_REDUCE: dict[str, Callable[[Callable, int, Callable, Value], Getter]] = {
    "==": lambda p, a, v, c: lambda s: p(v(s[a])) == c,
    "!=": lambda p, a, v, c: lambda s: p(v(s[a])) != c,
    "<": lambda p, a, v, c: lambda s: p(v(s[a])) < c,
    "<=": lambda p, a, v, c: lambda s: p(v(s[a])) <= c,
    ">": lambda p, a, v, c: lambda s: p(v(s[a])) > c,
    ">=": lambda p, a, v, c: lambda s: p(v(s[a])) >= c,
}
# A comparison read the other way round: ``3 < x`` is ``x > 3``.
MIRRORED = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}


def _compare_const(op: str, getter: Getter, value: Value) -> Getter:
    path = getattr(getter, "path", None)
    if path is not None:
        return _COMPARE_PATH[op](path[0], path[1], value)
    reduce = getattr(getter, "reduce", None)
    if reduce is not None:
        return _COMPARE_REDUCE[op](reduce[0], reduce[1], reduce[2], value)
    return _COMPARE_CONST[op](getter, value)


def compile_condition(condition: Condition, resolve: Resolver) -> Callable[[Any], bool]:
    """A function of a state that is true exactly when ``condition`` holds there.

    ``resolve`` turns each reference into a getter on that state (the caller's own
    representation); a getter that reads ``s[a][b]`` may say so in a ``path = (a, b)``
    attribute, and one that reads ``pick(values(s[a]))`` in ``reduce = (pick, a, values)``,
    which lets comparisons skip a call. The result agrees with ``condition(env)`` for every state whose
    getters agree with the environment's ``lookup``.
    """
    expr = condition.expr
    fn = _compile(expr, resolve)
    if isinstance(expr, (Ref, Const)):  # a bare number or flag: make the answer a bool
        inner = fn
        return lambda s: bool(inner(s))
    return fn


def _compile(e: Expr, resolve: Resolver) -> Getter:
    """A getter returning the same value as ``e.evaluate`` (bools for Not/BoolOp/Compare)."""
    if isinstance(e, Const):
        value = e.value
        return lambda s: value
    if isinstance(e, Ref):
        return resolve(e)
    if isinstance(e, Not):
        inner = _compile(e.operand, resolve)
        return lambda s: not inner(s)
    if isinstance(e, BoolOp):
        parts = tuple(_compile(o, resolve) for o in e.operands)
        if e.op == "and":
            if len(parts) == 2:
                a, b = parts
                return lambda s: bool(a(s) and b(s))
            return lambda s: all(p(s) for p in parts)
        if len(parts) == 2:
            a, b = parts
            return lambda s: bool(a(s) or b(s))
        return lambda s: any(p(s) for p in parts)
    if isinstance(e, Compare):
        op, left, right = e.op, e.left, e.right
        if isinstance(right, Const) and not isinstance(left, Const):
            return _compare_const(op, _compile(left, resolve), right.value)
        if isinstance(left, Const) and not isinstance(right, Const):
            return _compare_const(MIRRORED[op], _compile(right, resolve), left.value)
        cmp = _COMPARE[op]
        lf, rf = _compile(left, resolve), _compile(right, resolve)
        return lambda s: cmp(lf(s), rf(s))
    raise TypeError(f"not a condition expression: {e!r}")


def parse_condition(source: str) -> Condition:
    """Parse ``source``; raises ``ConditionSyntaxError`` with the offending offset."""
    if not source.strip():
        raise ConditionSyntaxError(msg("condition.empty"), 0)
    if len(source) > MAX_CONDITION_CHARS:
        raise ConditionSyntaxError(msg("condition.too_long", length=len(source), limit=MAX_CONDITION_CHARS), 0)
    return Condition(source, _Parser(source).parse())
