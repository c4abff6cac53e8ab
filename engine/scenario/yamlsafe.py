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
import re
import stat
from typing import Any, Optional

import yaml

from .errors import ScenarioError
from .messages import msg

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
        raise ScenarioError.single(path.replace("\x00", "\\0"), msg("file.nul_in_name"))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ScenarioError.single(path, msg("file.not_found")) from None
    except IsADirectoryError:
        raise ScenarioError.single(path, msg("file.is_directory")) from None
    except OSError as exc:
        raise ScenarioError.single(path, msg("file.cannot_read", reason=_reason(exc))) from None
    try:
        try:
            info = os.fstat(fd)
        except OSError as exc:
            raise ScenarioError.single(path, msg("file.cannot_read", reason=_reason(exc))) from None
        if stat.S_ISDIR(info.st_mode):
            raise ScenarioError.single(path, msg("file.is_directory"))
        if not stat.S_ISREG(info.st_mode):
            raise ScenarioError.single(path, msg("file.not_regular", kind=_kind(info.st_mode)))
        if info.st_size > MAX_FILE_BYTES:
            raise ScenarioError.single(
                path, msg("file.too_big", size=info.st_size // (1024 * 1024), limit=MAX_FILE_BYTES // (1024 * 1024)))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a regular file: reads never wait on anyone
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:  # the file may grow while it is read
            try:
                chunk = os.read(fd, min(1 << 20, MAX_FILE_BYTES + 1 - size))
            except OSError as exc:
                raise ScenarioError.single(path, msg("file.cannot_read", reason=_reason(exc))) from None
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_FILE_BYTES:
            raise ScenarioError.single(path, msg("file.grew_too_big", limit=MAX_FILE_BYTES // (1024 * 1024)))
        raw = b"".join(chunks)
    finally:
        os.close(fd)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ScenarioError.single(path, msg("file.not_utf8"), line) from None


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return msg("file.symlink_loop")
    return exc.strerror or str(exc)  # the system's own words, as the system gives them


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return msg("file.kind_pipe")
    if stat.S_ISSOCK(mode):
        return msg("file.kind_socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return msg("file.kind_device")
    return msg("file.kind_other")


# PyYAML's messages, in words an author without YAML experience can act on (the original in brackets;
# the words are catalogue keys, ``yaml.*`` in ``messages``).
_PLAIN = (
    ("mapping values are not allowed", "yaml.colon"),
    ("could not find expected ':'", "yaml.no_colon"),
    ("found character '\\t'", "yaml.tab"),
    ("tab character that violates indentation", "yaml.tab"),
    ("expected <block end>", "yaml.indent"),
    ("did not find expected key", "yaml.indent_or_item"),
    ("found unexpected end of stream", "yaml.unclosed"),
    ("did not find expected ',' or ']'", "yaml.unclosed_list"),
    ("exceeded maximum nesting depth", "yaml.nested_too_deep"),
    ("did not find expected ',' or '}'", "yaml.unclosed_mapping"),
    ("found duplicate anchor", "yaml.duplicate_anchor"),
    ("found undefined alias", "yaml.undefined_alias"),
    ("did not find expected '-' indicator", "yaml.list_item"),
    ("cannot start any token", "yaml.cannot_start"),  # (after the tab check: a tab can't start one either)
)


def plain_words(problem: str, context: str = "") -> str:
    """PyYAML's wording made plain, keeping the original for those who know it (PyYAML's own
    words stay as PyYAML wrote them: they are a quote, in any language)."""
    for needle, words in _PLAIN:
        if needle in problem or needle in context:
            return msg("yaml.plain", words=msg(words), original=problem)
    return problem


def compose(source: str, path: str) -> yaml.Node:
    """Parse ``source`` into a node tree, or raise ``ScenarioError`` with a position."""
    if len(source.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise ScenarioError.single(path, msg("file.document_too_big"))
    try:
        loader = SafeLoader(source)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "unexpected end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # a quote or bracket never closed: where it was opened, not the file's end
        odd = _odd_indent(source, mark.line) if mark is not None else None
        if odd is not None:  # a non-breaking (or other unusual) space pasted into the indentation
            line_no, column, char = odd
            raise ScenarioError.single(path, msg("yaml.odd_space", code=f"U+{ord(char):04X}"),
                                       line_no + 1, column + 1) from None
        runaway = _runaway_quote(source, mark.line) if mark is not None else None
        if runaway is not None:  # a quote left open swallowed the lines after it, up to the next quote
            raise ScenarioError.single(path, msg("yaml.runaway_quote", end=mark.line + 1),  # type: ignore[union-attr]
                                       runaway.line + 1, runaway.column + 1) from None
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = (exc.problem or exc.context or "invalid YAML").strip()
        if mark is not None and source[mark.index:mark.index + 1] == "\t" and "\\t" not in what:
            what = f"{what} (found character '\\t')"  # PyYAML doesn't always say the character is a tab
        raise ScenarioError.single(path, msg("yaml.invalid", problem=plain_words(what, exc.context or '')), line, col) \
            from None
    except yaml.reader.ReaderError as exc:
        line = source.count("\n", 0, max(0, exc.position)) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        raise ScenarioError.single(
            path, msg("yaml.bad_character", code=code), line) from None
    except yaml.YAMLError as exc:
        raise ScenarioError.single(path, msg("yaml.invalid", problem=str(exc))) from None
    except (ValueError, UnicodeError) as exc:  # e.g. control characters the reader rejects
        raise ScenarioError.single(path, msg("yaml.invalid", problem=str(exc))) from None
    if node is None:
        raise ScenarioError.single(path, msg("file.empty"))
    check_structure(node, path)
    return node


_ODD_INDENT = re.compile(r"^[ \t]*([\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000])", re.MULTILINE)


def _odd_indent(source: str, line: int) -> Optional[tuple[int, int, str]]:
    """(line, column, character) of the last unusual space (a non-breaking space pasted from Word
    or a PDF, say) among the leading spaces of a line up to ``line`` (0-based): YAML counts it as
    text, not indentation, and then stumbles a line or more further on. None: there is none."""
    end = len(source)
    cut = 0
    for _ in range(line + 1):  # the offset just past the line the parser stopped on
        nxt = source.find("\n", cut)
        if nxt < 0:
            cut = end
            break
        cut = nxt + 1
    found = None
    for m in _ODD_INDENT.finditer(source, 0, cut):
        found = m
    if found is None:
        return None
    at = found.start(1)
    line_no = source.count("\n", 0, at)
    return line_no, at - (source.rfind("\n", 0, at) + 1), found.group(1)


_KEY_ON_A_LINE = re.compile(r"\n[ \t]*[A-Za-z_][\w-]*:[ \t\n]")  # "    next: return" swallowed by a quote


def _runaway_quote(source: str, line: int) -> Optional[Any]:
    """Where a quoted text starts that a missing closing quote ran on into the YAML after it: a
    quoted scalar that ends on the broken line, began on an earlier one, and swallowed what looks
    like a key of the next line (``next: return``). The parser then stumbles over the words after
    the quote that closed it, lines further on, and names the wrong line. None: no such text."""
    found = None
    try:
        for token in yaml.scan(source, Loader=SafeLoader):
            if token.start_mark.line > line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                    and token.start_mark.line < token.end_mark.line == line \
                    and _KEY_ON_A_LINE.search(source, token.start_mark.index, token.end_mark.index):
                found = token.start_mark
    except yaml.YAMLError:
        pass  # the error itself: every token before it was seen
    return found


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
        raise ScenarioError.single(path, msg("yaml.invalid", problem=str(exc)), line, col) from None
    except ValueError as exc:  # a number of thousands of digits: Python won't convert it
        line, col = pos_of(node)
        raise ScenarioError.single(path, msg("yaml.invalid", problem=str(exc).split(";")[0]), line, col) from None
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
                        raise ScenarioError.single(path, msg("yaml.duplicate_key", key=str(key.value)[:60],
                                                             first=first), line, col)
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
            raise ScenarioError.single(path, msg("yaml.too_deep", limit=MAX_DEPTH), line, col)
        if node.tag not in tags:
            line, col = pos_of(node)
            raise ScenarioError.single(path, msg("yaml.foreign_tag", tag=node.tag), line, col)
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
                raise ScenarioError.single(path, msg("yaml.alias_bomb"), line, col)
            continue
        if key in size:
            continue
        if key in on_path:
            line, col = pos_of(node)
            raise ScenarioError.single(path, msg("yaml.recursive_alias"), line, col)
        if depth > MAX_DEPTH:
            line, col = pos_of(node)
            raise ScenarioError.single(path, msg("yaml.too_deep", limit=MAX_DEPTH), line, col)
        if node.tag not in STANDARD_TAGS:
            line, col = pos_of(node)
            raise ScenarioError.single(path, msg("yaml.foreign_tag", tag=node.tag), line, col)
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
