"""Reading untrusted YAML safely, keeping every node's position.

Scenario files come from trainers and from the internet, so: the C safe loader when
present (pure-Python safe loader otherwise), only standard tags, a size limit, a
nesting limit, and an alias budget that refuses "billion laughs" documents before
anything is expanded. The result is PyYAML's node tree, whose ``start_mark`` gives
the line and column the validator reports.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import Any

import yaml

from .errors import ScenarioError

try:
    SafeLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    SafeLoader = yaml.SafeLoader

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 40
# A document may use aliases, but expanding them may not add more than this many
# nodes beyond the ones written out in the file.
ALIAS_EXPANSION_BUDGET = 100_000

STANDARD_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq", "tag:yaml.org,2002:timestamp",
}


def pos_of(node: yaml.Node) -> tuple[int, int]:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def read_text(path: str) -> str:
    """Read a scenario file as UTF-8, with one-line errors for the usual mishaps.

    Only a regular file is read, and at most ``MAX_FILE_BYTES`` of it: a folder, a pipe,
    a socket or a device (``/dev/zero``, a terminal) is refused without waiting on it or
    reading it endlessly. The file is opened non-blocking and checked on the open handle,
    so nothing can be swapped in between the check and the read.
    """
    path = os.fspath(path)
    if "\x00" in path:
        raise ScenarioError.single(path.replace("\x00", "\\0"), "a file name can't contain a NUL character")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ScenarioError.single(path, "file not found") from None
    except IsADirectoryError:
        raise ScenarioError.single(path, "is a directory, not a scenario file") from None
    except OSError as exc:
        raise ScenarioError.single(path, f"cannot read file: {_reason(exc)}") from None
    try:
        try:
            info = os.fstat(fd)
        except OSError as exc:
            raise ScenarioError.single(path, f"cannot read file: {_reason(exc)}") from None
        if stat.S_ISDIR(info.st_mode):
            raise ScenarioError.single(path, "is a directory, not a scenario file")
        if not stat.S_ISREG(info.st_mode):
            raise ScenarioError.single(path, f"is {_kind(info.st_mode)}, not a scenario file")
        if info.st_size > MAX_FILE_BYTES:
            raise ScenarioError.single(
                path, f"file is {info.st_size // (1024 * 1024)} MiB; scenarios may be at most "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MiB")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a regular file: reads never wait on anyone
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:  # the file may grow while it is read
            try:
                chunk = os.read(fd, min(1 << 20, MAX_FILE_BYTES + 1 - size))
            except OSError as exc:
                raise ScenarioError.single(path, f"cannot read file: {_reason(exc)}") from None
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_FILE_BYTES:
            raise ScenarioError.single(path, f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
        raw = b"".join(chunks)
    finally:
        os.close(fd)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ScenarioError.single(path, "file is not valid UTF-8 text", line) from None


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links (a symlink loop?)"
    return exc.strerror or str(exc)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


# PyYAML's messages, in words an author without YAML experience can act on (the original in brackets).
_PLAIN = (
    ("mapping values are not allowed", "a ':' where this line can't have one: check its indentation against the "
                                       "line above, or put the text in quotes"),
    ("could not find expected ':'", "a line without 'key:' inside a mapping: a missing ':', or a text that "
                                    "should be in quotes"),
    ("found character '\\t'", "a tab: YAML indents with spaces only"),
    ("tab character that violates indentation", "a tab: YAML indents with spaces only"),
    ("expected <block end>", "this line is indented differently from the lines above it"),
    ("did not find expected key", "this line is indented differently from the lines above it, or a list item "
                                  "('- ') is missing"),
    ("found unexpected end of stream", "a quote or bracket that is opened but never closed"),
    ("did not find expected ',' or ']'", "a list in [brackets] that isn't closed, or a missing ','"),
    ("did not find expected ',' or '}'", "a mapping in {braces} that isn't closed, or a missing ','"),
    ("found duplicate anchor", "the same &anchor name is used twice"),
    ("found undefined alias", "a *name refers to an &anchor that doesn't exist"),
)


def plain_words(problem: str, context: str = "") -> str:
    """PyYAML's wording made plain, keeping the original for those who know it."""
    for needle, words in _PLAIN:
        if needle in problem or needle in context:
            return f"{words} (YAML: {problem})"
    return problem


def compose(source: str, path: str) -> yaml.Node:
    """Parse ``source`` into a node tree, or raise ``ScenarioError`` with a position."""
    if len(source.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise ScenarioError.single(path, "document is larger than the size limit")
    try:
        loader = SafeLoader(source)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = (exc.problem or exc.context or "invalid YAML").strip()
        raise ScenarioError.single(path, f"invalid YAML: {plain_words(what, exc.context or '')}", line, col) \
            from None
    except yaml.reader.ReaderError as exc:
        line = source.count("\n", 0, max(0, exc.position)) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        raise ScenarioError.single(
            path, f"invalid YAML: character U+{code:04X} is not allowed in a scenario", line) from None
    except yaml.YAMLError as exc:
        raise ScenarioError.single(path, f"invalid YAML: {exc}") from None
    except (ValueError, UnicodeError) as exc:  # e.g. control characters the reader rejects
        raise ScenarioError.single(path, f"invalid YAML: {exc}") from None
    if node is None:
        raise ScenarioError.single(path, "file is empty; a scenario is a YAML mapping")
    check_structure(node, path)
    return node


def load_data(source: str, path: str) -> Any:
    """Plain data (mappings, lists, scalars) from another YAML file a trainer writes, such as
    a golden playthrough plan: behind the same guards as a scenario (size, standard tags only,
    nesting depth, alias bombs), built by the safe constructor."""
    node = compose(source, path)
    _refuse_duplicate_keys(node, path)
    builder = SafeLoader("")
    try:
        return builder.construct_document(node)
    except yaml.YAMLError as exc:
        line, col = pos_of(node)
        raise ScenarioError.single(path, f"invalid YAML: {exc}", line, col) from None
    finally:
        builder.dispose()


def _refuse_duplicate_keys(root: yaml.Node, path: str) -> None:
    """A key written twice in one mapping: YAML's constructor would silently keep the last one,
    so a plan with ``choices:`` twice would test something other than what it says."""
    stack = [root]
    seen_nodes: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: dict[Any, yaml.Node] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    ident = (key.tag, key.value)
                    if ident in keys:
                        line, col = pos_of(key)
                        first = pos_of(keys[ident])[0]
                        raise ScenarioError.single(path, f"duplicate key {str(key.value)[:60]!r} "
                                                         f"(first on line {first})", line, col)
                    keys[ident] = key
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def check_structure(root: yaml.Node, path: str) -> None:
    """Refuse foreign tags, deep nesting, recursive aliases and alias bombs.

    Most files use no aliases: their node graph is a tree, checked in one quick walk. The
    first node met twice (an alias) hands over to ``_check_graph``, which sizes shared
    nodes; up to that point both walks visit the same nodes in the same order, so the
    first problem reported is the same either way.
    """
    mapping, sequence, tags = yaml.MappingNode, yaml.SequenceNode, STANDARD_TAGS
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        key = id(node)
        if key in seen:
            _check_graph(root, path)
            return
        seen.add(key)
        if depth > MAX_DEPTH:
            line, col = pos_of(node)
            raise ScenarioError.single(path, f"nested more than {MAX_DEPTH} levels deep", line, col)
        if node.tag not in tags:
            line, col = pos_of(node)
            raise ScenarioError.single(path, f"tag {node.tag!r} is not allowed in a scenario", line, col)
        kind = type(node)
        if kind is mapping or isinstance(node, mapping):
            for k, v in node.value:
                stack.append((k, depth + 1))
                stack.append((v, depth + 1))
        elif kind is sequence or isinstance(node, sequence):
            for child in node.value:
                stack.append((child, depth + 1))


def _check_graph(root: yaml.Node, path: str) -> None:
    """The careful walk, for documents with aliases.

    Walks the node graph once, iteratively, sizing each distinct node once (memoised),
    so a document whose aliases would expand to billions of nodes is refused in time
    proportional to its length.
    """
    size: dict[int, int] = {}
    distinct = 0
    # stack of (node, depth, children_done)
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    on_path: set[int] = set()
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            total = 1 + sum(size[id(c)] for c in _children(node))
            size[key] = total
            if total - distinct > ALIAS_EXPANSION_BUDGET:
                line, col = pos_of(node)
                raise ScenarioError.single(
                    path, "aliases expand to too many nodes (an alias bomb?); write the "
                    "content out instead", line, col)
            continue
        if key in size:
            continue
        if key in on_path:
            line, col = pos_of(node)
            raise ScenarioError.single(path, "recursive alias: a node contains itself", line, col)
        if depth > MAX_DEPTH:
            line, col = pos_of(node)
            raise ScenarioError.single(path, f"nested more than {MAX_DEPTH} levels deep", line, col)
        if node.tag not in STANDARD_TAGS:
            line, col = pos_of(node)
            raise ScenarioError.single(path, f"tag {node.tag!r} is not allowed in a scenario", line, col)
        distinct += 1
        on_path.add(key)
        stack.append((node, depth, True))
        for child in _children(node):
            if id(child) not in size:
                stack.append((child, depth + 1, False))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        out: list[yaml.Node] = []
        for k, v in node.value:
            out.append(k)
            out.append(v)
        return out
    return []
