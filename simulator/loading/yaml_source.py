"""Safe YAML reading that remembers where every node came from.

PyYAML composes a node tree (safe: no constructor ever runs a tag); we turn the nodes into plain
Python values ourselves so that we can refuse what a trainer's file must never hold and record
the line and column of every key and value for later error messages.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml: the pure-Python parser does it all
    CParser = None  # type: ignore[misc, assignment]

from simulator.loading.problems import LoadError, Problem, Severity
from simulator.safety.bounds import MAX_INT_DIGITS
from simulator.safety.files import read_bounded
from simulator.safety.text import first_control, has_control, terminal_text

MAX_FILE_BYTES = 1_048_576
"""Scenario and rubric files are hand-written; a megabyte is far beyond any real one."""
MAX_DEPTH = 40
"""The deepest real nesting (detectors inside `any` inside `count`) stays under 15."""
MAX_NODES = 200_000
"""Values produced after alias expansion; stops a billion-laughs file in bounded memory."""
MAX_ALIASES = 1_000

_YAML = "tag:yaml.org,2002:"
_PLAIN_TAGS = {f"{_YAML}{name}" for name in ("str", "int", "float", "bool", "null")}
_STR_TAG = f"{_YAML}str"
_SEQ_TAG = f"{_YAML}seq"
_MAP_TAG = f"{_YAML}map"
_TIMESTAMP_TAG = f"{_YAML}timestamp"
_MERGE_TAG = f"{_YAML}merge"
_INT_TAG = f"{_YAML}int"

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based position in a file."""

    line: int
    column: int


class SourceMap:
    """Where each value (and each mapping key) of a document starts.

    A clean file parsed on the fast path records nothing while loading: a library holds
    hundreds of thousands of nodes and almost none is ever reported, and per-node positions
    were most of a large library's memory and of the garbage collector's work. Its map is
    built on first use by parsing the kept text again (the same text gives the same marks).
    """

    __slots__ = ("_build", "_keys", "_scalar_tags", "_values")

    def __init__(
        self,
        values: dict[Path_, yaml.Mark] | None = None,
        keys: dict[Path_, yaml.Mark] | None = None,
        scalar_tags: dict[Path_, str] | None = None,
        *,
        build: Callable[[], SourceMap] | None = None,
    ) -> None:
        # PyYAML's own marks (0-based), turned into a Mark only when a message needs one.
        self._values = {} if values is None else values
        self._keys = {} if keys is None else keys
        self._scalar_tags = {} if scalar_tags is None else scalar_tags
        self._build = build

    @classmethod
    def later(cls, build: Callable[[], SourceMap]) -> SourceMap:
        """A map made by `build` when first asked for a position."""
        return cls(build=build)

    def _ready(self) -> None:
        if self._build is not None:
            built, self._build = self._build(), None
            self._values, self._keys, self._scalar_tags = (
                built._values, built._keys, built._scalar_tags
            )

    @property
    def values(self) -> dict[Path_, yaml.Mark]:
        self._ready()
        return self._values

    @property
    def keys(self) -> dict[Path_, yaml.Mark]:
        self._ready()
        return self._keys

    @property
    def scalar_tags(self) -> dict[Path_, str]:
        """The source text of plain non-text scalars (`no`, `12:30`), for messages."""
        self._ready()
        return self._scalar_tags

    def locate(self, path: Path_, *, key: bool = False) -> Mark:
        """The mark of `path`, or of its longest recorded prefix."""
        if key and path in self.keys:
            return _mark(self.keys[path])
        values = self.values
        for end in range(len(path), -1, -1):
            mark = values.get(path[:end])
            if mark is not None:
                return _mark(mark)
        return Mark(1, 1)


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed file: plain data plus where each part of it came from."""

    path: Path
    data: dict[str, Any]
    source: SourceMap
    notes: tuple[Problem, ...] = ()
    """Warnings found while reading (control characters removed from text), for `validate`."""

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        mark = self.source.locate(path, key=key)
        return Problem(self.path, mark.line, mark.column, message)

    def released(self) -> Document:
        """The same document without its plain data, once a validated model holds it.

        A library keeps its documents only for positions; the data's dicts and lists were a
        quarter of a large library's memory. Reading the data of a released document fails
        loudly rather than finding it empty.
        """
        return Document(self.path, _RELEASED, self.source)


class _Released(dict):  # type: ignore[type-arg]
    """Stands for data let go after validation: any read is a mistake in the caller."""

    def _refuse(self, *args: object, **kwargs: object) -> Any:
        raise RuntimeError("this document's data was released once its model was validated; "
                           "read the model instead")

    __getitem__ = __iter__ = __len__ = __contains__ = get = keys = values = items = _refuse


_RELEASED = _Released()


def _mark(node: Node | yaml.Mark) -> Mark:
    start = node.start_mark if isinstance(node, Node) else node
    return Mark(start.line + 1, start.column + 1)


_DEFAULT_SYNTAX_HINT = "check the quotes and indentation on the lines above"
_SYNTAX_HINTS = {
    "mapping values are not allowed here": (
        "a ': ' inside text starts a new key; put the whole text in quotes"
    ),
    "found character '\\t' that cannot start any token": "replace the tab with spaces",
}


class _BoundedComposer(Composer):
    """Composes nodes only, refusing deep nesting and counting aliases as it goes."""

    alias_count: int
    _depth: int

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        # The parser half of the loader class supplies check_event and peek_event.
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                event = self.peek_event()  # type: ignore[attr-defined]
                raise _Refused(
                    _mark(event.start_mark),
                    f"more than {MAX_ALIASES} aliases (*name); write the values out instead",
                )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(
                _mark(self.peek_event().start_mark),  # type: ignore[attr-defined]
                f"nesting deeper than {MAX_DEPTH} levels; flatten this part of the file",
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _BoundedLoader(_BoundedComposer, yaml.SafeLoader):
    """Pure-Python parsing: slower, but its messages are the ones trainers are shown."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self.alias_count = 0


_resolve: Callable[..., str] = Resolver.resolve
"""PyYAML's own tag resolution (untyped there)."""

if CParser is not None:

    class _CLoader(CParser, SafeConstructor, Resolver):
        """libyaml parses and composes: about ten times faster than the Python parser."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            """Resolver.resolve, answered at once for the scalars that are most of a file.

            libyaml calls it for every node, in Python. A quoted or block scalar is text; a
            plain one's tag depends on its value alone (safe loading has no path resolvers),
            and keys and short values repeat, so each is looked at once.
            """
            if kind is ScalarNode:
                if not implicit[0]:
                    return _STR_TAG
                tag = _PLAIN_SCALAR_TAGS.get(value)
                if tag is None:
                    tag = _resolve(self, kind, value, implicit)
                    if len(_PLAIN_SCALAR_TAGS) < MAX_REMEMBERED_SCALARS:
                        _PLAIN_SCALAR_TAGS[value] = tag
                return tag
            return _resolve(self, kind, value, implicit)

    assert not _CLoader.yaml_path_resolvers  # what `resolve` above relies on


MAX_REMEMBERED_SCALARS = 50_000
"""Plain scalars whose tag is remembered (bounded: a file of unique words cannot grow it)."""
_PLAIN_SCALAR_TAGS: dict[str, str] = {}


MAX_FAST_NESTING_HINTS = 2_000
"""Brackets plus indentation columns under which libyaml's recursive composer is safe to use."""


class _Unusual(Exception):
    """The fast path met something only the careful path reports in its documented words."""


class _Refused(Exception):
    def __init__(self, mark: Mark, message: str) -> None:
        self.mark = mark
        self.message = message


def read_text(path: Path) -> str:
    """The file's text, refusing what is too large, not UTF-8, or empty."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError([Problem(
                path, 1, 1,
                f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit for a "
                "scenario or rubric; split it into smaller files",
            )])
        # Not read_bytes: a link to /dev/zero or a FIFO would grow or hang; these are refused.
        raw = read_bounded(path, MAX_FILE_BYTES)
    except OSError as exc:
        raise LoadError([Problem(path, 1, 1, f"cannot read the file: {exc.strerror}")]) from None
    if len(raw) > MAX_FILE_BYTES:  # the file grew between stat and read
        raise LoadError([Problem(path, 1, 1, f"file is over {MAX_FILE_BYTES:,} bytes")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError([Problem(
            path, line, column,
            f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8",
        )]) from None
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise LoadError([Problem(path, 1, 1, "the file is empty; it needs at least an `id`")])
    return text


_OTHER_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
"""Line breaks of `str.splitlines` other than \\n."""
_INDENT = re.compile(r"\n( *)[^ \n]")
"""The spaces after a line break and before the line's first other character (a line of
spaces has none); found fast, as the search starts at each line break."""


def _tab_indents(path: Path, text: str) -> tuple[list[Problem], int]:
    """Tabs used for indentation, and the deepest indentation seen (a bound on nesting)."""
    if "\t" not in text and _OTHER_BREAKS.search(text) is None:
        # Nearly every file: no tab anywhere, lines split at \n only; one scan in C.
        return [], max(map(len, _INDENT.findall("\n" + text)), default=0)
    problems: list[Problem] = []
    deepest = 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" \t")
        if not stripped:
            continue
        indent = line[: len(line) - len(stripped)]
        deepest = max(deepest, len(indent))
        if "\t" in indent:
            problems.append(Problem(
                path, number, indent.index("\t") + 1,
                "tab used for indentation; YAML needs spaces",
            ))
    return problems, deepest


def load_document(path: Path, text: str | None = None) -> Document:
    """Parse one YAML file into a Document, or raise LoadError with every problem found."""
    if text is None:
        text = read_text(path)
    tabs, deepest_indent = _tab_indents(path, text)
    if tabs:
        raise LoadError(tabs)
    fast = _fast_document(path, text, deepest_indent)
    if fast is not None:
        return fast
    node, loader = _compose(path, text)
    if node is None:
        raise LoadError([Problem(path, 1, 1, "the file is empty; it needs at least an `id`")])
    if not isinstance(node, MappingNode):
        found = "a list" if isinstance(node, SequenceNode) else "a single value"
        where = _mark(node)
        raise LoadError([Problem(
            path, where.line, where.column,
            f"the top level must be a mapping of keys (id: ..., title: ...), not {found}",
        )])
    converter = _Converter(path, loader)
    data = converter.convert(node, ())
    if converter.problems:
        raise LoadError(converter.problems)
    assert isinstance(data, dict)
    return Document(path, data, converter.source, tuple(converter.notes))


def _fast_document(path: Path, text: str, deepest_indent: int) -> Document | None:
    """A clean file parsed by libyaml, or None: then the careful path parses it again.

    libyaml composes recursively in C with no depth bound, so it only sees files whose
    brackets and indentation rule out deep nesting; aliases, bad tags, duplicate keys and
    syntax errors all go the careful way, so every message a trainer sees comes from one place.
    """
    if CParser is None or text.count("[") + text.count("{") + deepest_indent \
            > MAX_FAST_NESTING_HINTS:
        return None
    loader = _CLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    if not isinstance(node, MappingNode):
        return None
    try:
        data = _plain_data(node, loader, text)
    except _Unusual:
        return None
    checksum = zlib.crc32(text.encode("utf-8", "surrogatepass"))
    return Document(path, data, SourceMap.later(lambda: _fast_positions(path, checksum)))


def _plain_data(root: MappingNode, loader: Any, text: str) -> dict[str, Any]:
    """The values of a clean file's nodes, or _Unusual at the first thing that is not plain.

    What `_Converter` does on the fast path, without its bookkeeping (no positions, no problem
    collected: anything it would report sends the file the careful way, which reports it).
    Node for node the same values; the walk that is most of reading a large library.
    """
    anchors = "&" in text  # without an anchor no node can be met twice
    clean = "\\" not in text and not has_control(text)  # no text can hold a control
    seen: set[int] = set()
    counts = [0, 0]  # nodes, re-entries

    def value(node: Node, depth: int) -> Any:
        counts[0] += 1
        if anchors:
            if id(node) in seen:
                counts[1] += 1
            else:
                seen.add(id(node))
        if counts[1] > MAX_ALIASES or counts[0] > MAX_NODES or depth > MAX_DEPTH:
            raise _Unusual
        tag = node.tag
        if tag == _STR_TAG and isinstance(node, ScalarNode):
            if not clean and first_control(node.value) is not None:
                raise _Unusual
            return node.value
        if isinstance(node, MappingNode):
            if tag != _MAP_TAG:
                raise _Unusual
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode) or key_node.tag == _MERGE_TAG or (
                    key_node.tag not in _PLAIN_TAGS and key_node.tag != _TIMESTAMP_TAG
                ) or key_node.value in result:
                    raise _Unusual
                result[key_node.value] = value(value_node, depth + 1)
            return result
        if isinstance(node, SequenceNode):
            if tag != _SEQ_TAG:
                raise _Unusual
            return [value(item, depth + 1) for item in node.value]
        if tag == _TIMESTAMP_TAG:
            return node.value
        if tag not in _PLAIN_TAGS or (
            tag == _INT_TAG and sum(c.isdigit() for c in node.value) > MAX_INT_DIGITS
        ):
            raise _Unusual
        return loader.construct_object(node)

    data = value(root, 0)
    assert isinstance(data, dict)
    return data


def _fast_positions(path: Path, checksum: int) -> SourceMap:
    """The positions of a file the fast path already read cleanly once, read again.

    Not even the text is kept until then: only a checksum, so a file edited since (while the
    app is open) is not mistaken for the one loaded. Then no position is given rather than a
    wrong one.
    """
    try:
        text = read_text(path)
    except LoadError:
        return SourceMap()
    if zlib.crc32(text.encode("utf-8", "surrogatepass")) != checksum:
        return SourceMap()
    loader = _CLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return SourceMap()
    finally:
        loader.dispose()
    if node is None:
        return SourceMap()
    converter = _Converter(path, loader, careful=False)
    try:
        converter.convert(node, ())
    except (_Unusual, LoadError):
        return SourceMap()
    return converter.source


def _compose(path: Path, text: str) -> tuple[Node | None, Any]:
    """The document's node tree, composed in Python under our bounds, and its loader."""
    try:
        loader = _BoundedLoader(text)
    except yaml.reader.ReaderError as exc:
        raise LoadError([_reader_problem(path, text, exc)]) from None
    try:
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        raise LoadError([_reader_problem(path, text, exc)]) from None
    except _Refused as exc:
        raise LoadError([Problem(path, exc.mark.line, exc.mark.column, exc.message)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _mark(mark) if mark else Mark(1, 1)
        reason = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark and exc.problem:
            reason += f" ({exc.context} at line {exc.context_mark.line + 1})"
        hint = _SYNTAX_HINTS.get(exc.problem or "", _DEFAULT_SYNTAX_HINT)
        raise LoadError([Problem(
            path, where.line, where.column, f"YAML syntax: {reason}; {hint}",
        )]) from None
    except yaml.YAMLError as exc:
        raise LoadError([Problem(path, 1, 1, f"YAML syntax: {exc}")]) from None
    finally:
        loader.dispose()
    return node, loader


def _reader_problem(path: Path, text: str, exc: yaml.reader.ReaderError) -> Problem:
    before = text[: exc.position]
    line = before.count("\n") + 1
    column = exc.position - (before.rfind("\n") + 1) + 1
    return Problem(
        path, line, column,
        f"character U+{exc.character:04X} is not allowed in YAML; delete it "
        "(it is often pasted in by accident)",
    )


class _Converter:
    """Node tree to plain values, recording marks and collecting every problem."""

    def __init__(
        self, path: Path, loader: Any, *, careful: bool = True, record: bool = True
    ) -> None:
        self.path = path
        self.loader = loader
        self.careful = careful
        """False on the fast path: raise _Unusual at the first alias or deep nesting."""
        self.record = record
        """False: note no positions (the fast path builds them again only when asked)."""
        self.seen: set[int] = set()
        self.reentries = 0
        self.source = SourceMap()
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []
        self.nodes = 0

    def _problem(self, node: Node, message: str) -> None:
        where = _mark(node)
        self.problems.append(Problem(self.path, where.line, where.column, message))

    def convert(self, node: Node, path: Path_) -> Any:
        self.nodes += 1
        if not self.careful:
            # An alias is a node met again. Counting every re-entry over-counts nested aliases,
            # which only sends more files the careful way, where the bounds speak for themselves.
            if id(node) in self.seen:
                self.reentries += 1
            else:
                self.seen.add(id(node))
            if self.reentries > MAX_ALIASES or self.nodes > MAX_NODES or len(path) > MAX_DEPTH:
                raise _Unusual
        if self.nodes > MAX_NODES:
            where = _mark(node)
            raise LoadError([Problem(
                self.path, where.line, where.column,
                f"aliases expand to more than {MAX_NODES:,} values; write the values out "
                "instead of nesting aliases",
            )])
        if self.record:
            self.source.values.setdefault(path, node.start_mark)
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ_TAG:
                return self._bad_tag(node)
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        if node.tag != _MAP_TAG:
            return self._bad_tag(node)
        return self._mapping(node, path)

    def _mapping(self, node: MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                self._problem(key_node, "merge keys (<<) are not supported; write the keys out")
                continue
            if not isinstance(key_node, ScalarNode):
                self._problem(key_node, "a key must be a plain word, not a list or mapping")
                continue
            key = key_node.value
            if key_node.tag not in _PLAIN_TAGS and key_node.tag != _TIMESTAMP_TAG:
                self._bad_tag(key_node)
                continue
            if key in first_seen:
                earlier = _mark(first_seen[key])
                self._problem(
                    key_node,
                    f"duplicate key '{key}' (first at line {earlier.line}); keep only one",
                )
                continue
            first_seen[key] = key_node
            if self.record:
                self.source.keys[(*path, key)] = key_node.start_mark
            result[key] = self.convert(value_node, (*path, key))
        return result

    def _scalar(self, node: ScalarNode, path: Path_) -> Any:
        if node.tag == _STR_TAG:  # most values are text: skip the constructor's dispatch
            return self._text(node)
        if node.tag == _TIMESTAMP_TAG:
            # A date-like value is text to a trainer; keep it exactly as written.
            if self.record:
                self.source.scalar_tags[path] = "timestamp"
            return node.value
        if node.tag not in _PLAIN_TAGS:
            return self._bad_tag(node)
        if node.tag == f"{_YAML}int" and sum(c.isdigit() for c in node.value) > MAX_INT_DIGITS:
            # Python refuses to convert more than 4,300 digits, with a ValueError; no count or
            # weight needs more than a few.
            self._problem(node, f"a number of {sum(c.isdigit() for c in node.value):,} digits; "
                          f"numbers here need at most {MAX_INT_DIGITS}, so write a smaller one")
            return 0
        value = self.loader.construct_object(node)
        # Plain scalars have style None from the Python parser and "" from libyaml.
        if self.record and not node.style and not isinstance(value, str):
            self.source.scalar_tags[path] = node.value
        return value

    def _text(self, node: ScalarNode) -> str:
        """The text, with any control character a terminal would act on removed (and noted)."""
        value: str = node.value
        found = first_control(value)
        if found is None:
            return value
        offset, name = found
        where = _mark(node)
        self.notes.append(Problem(
            self.path, where.line, where.column,
            f"control character {name} in this text (at character {offset + 1}); a terminal "
            "would act on it (a title, colours, a cursor move), so it is removed when shown; "
            "delete it from the file",
            Severity.warning,
        ))
        return terminal_text(value)

    def _bad_tag(self, node: Node) -> None:
        tag = node.tag.replace(_YAML, "!!")
        self._problem(
            node,
            f"tag '{tag}' is not allowed; use plain YAML values (text, numbers, lists, mappings)",
        )
