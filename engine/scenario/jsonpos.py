"""Line and column of a value in a JSON file, for messages about files a tool wrote and a
person may have edited (sign-offs, rating sheets).

``json`` gives positions only for syntax errors. JSON is YAML's flow style, so the safe
composer (``yamlsafe.compose``, with its limits) gives every node's position; where it
can't tell (odd whitespace PyYAML refuses), the answer is line 1.
"""

from __future__ import annotations

from typing import Optional

import yaml

from .errors import ScenarioError
from .yamlsafe import compose


class JsonPositions:
    def __init__(self, text: str, path: str):
        try:
            self.root: Optional[yaml.Node] = compose(text, path)
        except ScenarioError:
            self.root = None

    def of(self, at: tuple) -> tuple[int, int]:
        """Where the value at key path ``at`` (keys and list indices) starts; (1, 1) if unknown."""
        node = self.root
        for step in at:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if getattr(k, "value", None) == step), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
            else:
                node = None
            if node is None:
                return 1, 1
        if node is None or node.start_mark is None:
            return 1, 1
        return node.start_mark.line + 1, node.start_mark.column + 1

    def line(self, at: tuple) -> int:
        return self.of(at)[0]
